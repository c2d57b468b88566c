/**
 * `usk findings`: the data-quality findings Datakvalitet lists (query/findings.ts), for whoever works
 * from the command line: the derived findings and the warnings ingestion recorded, the most serious
 * first, each with its stay and month where it has them. A thin door: the derived tables are
 * refreshed first when the sources are newer (as `usk export` does), the filters are the query
 * layer's, and every message was masked when it was written.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DB_PATH } from '../db/open.ts';
import { Finding, YearMonth } from '../query/index.ts';
import { FINDING_TITLES } from '../query/finding-titles.ts';
import { invalidArguments, KommuneArg, NORWEGIAN, openForCli, reportCliError } from './open.ts';

export const FindingsArgs = z.object({
  db: z.string().min(1),
  kommune: KommuneArg.optional(),
  // A known code only: a typo would otherwise read as «Ingen funn.», exit 0.
  code: z.string().refine((c) => Object.hasOwn(FINDING_TITLES, c), `forventet en av kodene ${Object.keys(FINDING_TITLES).sort().join(', ')}`).optional(),
  severity: Finding.shape.severity.optional(),
  from: YearMonth.optional(),
  to: YearMonth.optional(),
  json: z.boolean().default(false),
});
export type FindingsArgs = z.infer<typeof FindingsArgs>;

export function registerFindingsCommands(program: Command): void {
  program
    .command('findings')
    .description('Vis funn i datakvaliteten (som Datakvalitet): avvik, manglende rader og advarsler fra innlesingen, de alvorligste først')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--kommune <nr>', 'bare denne kommunen (også tidligere eller senere nummer for den)')
    .option('--code <kode>', 'bare funn av denne typen, f.eks. dips-mangler-i-nyere')
    .option('--severity <alvorlighet>', 'bare feil, advarsel eller info')
    .option('--from <åååå-mm>', 'fra og med måned')
    .option('--to <åååå-mm>', 'til og med måned')
    .option('--json', 'JSON-utdata')
    .action(async (raw: Record<string, unknown>) => {
      try {
        const args = FindingsArgs.parse(raw, NORWEGIAN);
        const db = await openForCli(args.db, { busy: 'show' });
        try {
          // Loaded here, as `usk export` loads them: the derivation is most of what --help would wait for.
          const [{ ensureDerivedFresh }, { findings }] = await Promise.all([import('../derive/index.ts'), import('../query/findings.ts')]);
          await ensureDerivedFresh(db);
          const rows = await findings(db, {
            ...(args.kommune ? { kommune: args.kommune } : {}),
            ...(args.code ? { code: args.code } : {}),
            ...(args.severity ? { severity: args.severity } : {}),
            ...(args.from ? { from: args.from } : {}),
            ...(args.to ? { to: args.to } : {}),
            // All of them: a terminal or a file takes what the dashboard pages through.
            limit: 100_000,
          });
          if (args.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          else if (rows.length === 0) process.stdout.write('Ingen funn.\n');
          else {
            for (const f of rows) {
              const where = [f.periode, f.kommunenr, f.stay_id ? `opphold ${f.stay_id}` : null].filter(Boolean).join(' · ');
              process.stdout.write(`${f.severity} [${f.code}]${where ? ` ${where}` : ''}: ${f.message}\n`);
            }
          }
        } finally {
          db.close();
        }
      } catch (e) {
        reportCliError(e instanceof z.ZodError ? invalidArguments(e) : e);
      }
    });
}
