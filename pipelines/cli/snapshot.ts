/**
 * `usk export snapshot [--db PATH] --out DIR [--min-hours 4,6,8,12]`: writes the query layer's
 * results the notebooks read (pipelines/export/snapshot.ts) as Arrow IPC and JSON files; through
 * the server when one owns the database, as `usk export reconciliation` does. `npm run notebooks`
 * takes its snapshot the same way (snapshotDatabase()).
 * Registered under the existing `export` command (main.ts registers it after registerExportCommands).
 */
import { maskIdentifiers } from '../db/errors.ts';
import { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DB_PATH } from '../db/open.ts';
import type { SnapshotMeta } from '../export/snapshot.ts';
import { DEFAULT_MIN_HOURS, MinHoursList } from '../export/min-hours.ts';
import { dataAsOfText } from '../format/index.ts';
import { invalidArguments, NORWEGIAN, openForCli, reportCliError } from './open.ts';

export const SnapshotArgs = z.object({
  db: z.string().min(1),
  out: z.string().min(1, 'forventet en mappe'),
  minHours: MinHoursList.optional(),
});

/**
 * Writes the snapshot of the database at `dbPath` into `outDir`: from the server that owns the
 * database when one runs (DuckDB lets no other process open the file), else from the file itself.
 * `via` is the server's URL, or null.
 */
export async function snapshotDatabase(dbPath: string, outDir: string, opts: { minHours?: readonly number[] } = {}): Promise<{ meta: SnapshotMeta; via: string | null }> {
  const { findRunningServer } = await import('../../server/lockfile.ts');
  // The snapshot writer (apache-arrow, the derivation) is loaded when a snapshot is made, not at every start of the CLI.
  const { writeSnapshot, writeSnapshotFiles } = await import('../export/snapshot.ts');
  const server = await findRunningServer(dbPath);
  if (server) {
    const { snapshotViaServer } = await import('./via-server.ts');
    const { meta, files } = await snapshotViaServer(server, opts.minHours);
    writeSnapshotFiles(outDir, files);
    return { meta, via: server.url };
  }
  const db = await openForCli(dbPath);
  try {
    return { meta: (await writeSnapshot(db, outDir, opts.minHours ? { minHours: opts.minHours } : {})).meta, via: null };
  } finally {
    db.close();
  }
}

async function action(raw: Record<string, unknown>): Promise<void> {
  try {
    const parsed = SnapshotArgs.safeParse(raw, NORWEGIAN);
    if (!parsed.success) {
      throw invalidArguments(parsed.error);
    }
    const args = parsed.data;
    const { meta, via } = await snapshotDatabase(args.db, args.out, { minHours: args.minHours ?? DEFAULT_MIN_HOURS });
    process.stderr.write(
      `Skrev øyeblikksbilde til ${maskIdentifiers(args.out)}${via ? ` (hentet fra serveren på ${via}, som eier databasen)` : ''}: ${meta.rows.year} årsrader, ${meta.rows.month} månedsrader, ` +
        `${meta.variants.length} tellemåter · dataversjon ${meta.dataVersion} · data per: ${dataAsOfText(meta.metadata.asOf)}\n`,
    );
  } catch (e) {
    reportCliError(e);
  }
}

export function registerSnapshotCommands(program: Command): void {
  const exp = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('Eksporter');
  exp
    .command('snapshot')
    .description('Øyeblikksbilde for notatbøkene: avstemming per år og måned for tellemåtene, funn og metadata (Arrow IPC + JSON)')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .requiredOption('--out <mappe>', 'mappe å skrive til')
    .option('--min-hours <liste>', `minste timer per døgn å sammenligne, kommaseparert (standard: ${DEFAULT_MIN_HOURS.join(',')})`)
    .action((raw: Record<string, unknown>) => action(raw));
}
