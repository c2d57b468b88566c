/**
 * `usk export snapshot [--db PATH] --out DIR [--min-hours 4,6,8,12]`: writes the query layer's
 * results the notebooks read (pipelines/export/snapshot.ts) as Arrow IPC and JSON files.
 * Registered under the existing `export` command (main.ts registers it after registerExportCommands).
 */
import { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DB_PATH } from '../db/open.ts';
import { DEFAULT_MIN_HOURS, MinHoursList, writeSnapshot } from '../export/snapshot.ts';
import { dataAsOfText } from '../format/index.ts';
import { CliError, NORWEGIAN, openForCli, optionName, reportCliError } from './open.ts';

export const SnapshotArgs = z.object({
  db: z.string().min(1),
  out: z.string().min(1, 'forventet en mappe'),
  minHours: MinHoursList.optional(),
});

async function action(raw: Record<string, unknown>): Promise<void> {
  try {
    const parsed = SnapshotArgs.safeParse(raw, NORWEGIAN);
    if (!parsed.success) {
      throw new CliError(`ugyldig argument: ${parsed.error.issues.map((i) => `--${optionName(i.path.slice(0, 1)) || '?'}: ${i.message}`).join('; ')}`);
    }
    const args = parsed.data;
    const db = await openForCli(args.db);
    try {
      const { meta } = await writeSnapshot(db, args.out, { minHours: args.minHours ?? DEFAULT_MIN_HOURS });
      process.stderr.write(
        `Skrev øyeblikksbilde til ${args.out}: ${meta.rows.year} årsrader, ${meta.rows.month} månedsrader, ` +
          `${meta.variants.length} tellemåter · data per: ${dataAsOfText(meta.metadata.asOf)}\n`,
      );
    } finally {
      db.close();
    }
  } catch (e) {
    reportCliError(e);
  }
}

export function registerSnapshotCommands(program: Command): void {
  const exp = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('Eksporter');
  exp
    .command('snapshot')
    .description('Øyeblikksbilde for notatbøkene: avstemming per år og måned for tellemåtene, funn og metadata (Arrow IPC + JSON)')
    .option('--db <path>', 'databasefil', DEFAULT_DB_PATH)
    .requiredOption('--out <dir>', 'mappe å skrive til')
    .option('--min-hours <liste>', `minste timer per døgn å sammenligne, kommaseparert (standard ${DEFAULT_MIN_HOURS.join(',')})`)
    .action((raw: Record<string, unknown>) => action(raw));
}
