/**
 * `usk export reconciliation|stays`: a thin door onto the query layer and the export writers.
 * Arguments are parsed with zod into a ReconcileQuery; the derived tables are refreshed first when
 * the sources are newer than them. Without --to an export stops at the last complete month
 * (export/selection.ts). Every format names the rule set, data as-of and months (JSON beside its
 * rows, CSV in every row's last columns, XLSX in a sheet of its own); stderr says them too.
 */
import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_DB_PATH, type UskDb } from '../db/open.ts';
import { ensureDerivedFresh } from '../derive/index.ts';
import { exportData, type ExportFormat, type ExportKind } from '../export/index.ts';
import { dataAsOfText } from '../format/index.ts';
import { FagomradeFilter, Kommunenr, QueryInputError, RuleSetError, UnknownRuleSetError, YearMonth, type ReconcileQuery } from '../query/index.ts';
import { CliError, NORWEGIAN, openForCli, optionName, reportCliError } from './open.ts';
import { exportViaServer } from './via-server.ts';

const BOOL = z.enum(['true', 'false', 'ja', 'nei']);
const bool = BOOL.transform((v) => v === 'true' || v === 'ja');
const By = z.enum(['month', 'year', 'period']);
const Group = z.enum(['current', 'registered']);
const Format = z.enum(['json', 'csv', 'xlsx']);

export const ExportArgs = z.object({
  db: z.string().min(1),
  rules: z.string().regex(/^[a-z0-9-]+(@\d+)?$/, 'forventet et regelsett-id, f.eks. fakturagrunnlag').optional(),
  firstDayFree: bool.optional(),
  minHours: z.coerce.number().min(0, 'forventet 0–24 timer').max(24, 'forventet 0–24 timer').optional(),
  from: YearMonth.optional(),
  to: YearMonth.optional(),
  by: By.default('month'),
  group: Group.default('current'),
  kommune: z.string().transform((s) => s.padStart(4, '0')).pipe(Kommunenr).optional(),
  fagomrade: FagomradeFilter.optional(),
  format: Format,
  out: z.string().optional(),
});
export type ExportArgs = z.infer<typeof ExportArgs>;

export function toQuery(a: ExportArgs): ReconcileQuery {
  return {
    by: a.by,
    group: a.group,
    ...(a.rules ? { rules: a.rules } : {}),
    ...(a.firstDayFree !== undefined ? { firstDayFree: a.firstDayFree } : {}),
    ...(a.minHours !== undefined ? { minHours: a.minHours } : {}),
    ...(a.from ? { from: a.from } : {}),
    ...(a.to ? { to: a.to } : {}),
    ...(a.kommune ? { kommune: a.kommune } : {}),
    ...(a.fagomrade ? { fagomrade: a.fagomrade } : {}),
  };
}

/** Runs one export against an open database; returns what to write and a line for stderr. */
export async function runExport(db: UskDb, kind: ExportKind, args: ExportArgs): Promise<{ content: string | Buffer; note: string }> {
  await ensureDerivedFresh(db);
  const result = await exportData(db, kind, toQuery(args), args.format as ExportFormat);
  return { content: result.content, note: `${result.rows} ${result.rows === 1 ? 'rad' : 'rader'} · utvalg: ${result.selection.text} · regelsett: ${result.rules.label} · data per: ${dataAsOfText(result.asOf)}` };
}

function explain(e: unknown): never {
  if (e instanceof z.ZodError) {
    throw new CliError(`ugyldig argument: ${e.issues.map((i) => `--${optionName(i.path) || '?'}: ${i.message}`).join('; ')}`);
  }
  if (e instanceof UnknownRuleSetError || e instanceof RuleSetError || e instanceof QueryInputError) throw new CliError(e.message);
  throw e;
}

async function action(kind: ExportKind, raw: Record<string, unknown>): Promise<void> {
  try {
    let args: ExportArgs;
    try {
      args = ExportArgs.parse(raw, NORWEGIAN);
    } catch (e) {
      explain(e);
    }
    if (args.format === 'xlsx' && !args.out && process.stdout.isTTY) throw new CliError('XLSX skrives ikke til terminalen: bruk --out FIL');
    const { findRunningServer } = await import('../../server/lockfile.ts');
    const server = await findRunningServer(args.db);
    if (server) {
      const content = await exportViaServer(server, kind, { ...toQuery(args) }, args.format);
      if (args.out) writeFileSync(args.out, content);
      else process.stdout.write(content);
      process.stderr.write(`${args.out ? `Skrev ${args.out}: ` : ''}hentet fra serveren på ${server.url}, som eier databasen\n`);
      return;
    }
    const db = await openForCli(args.db);
    let result: { content: string | Buffer; note: string };
    try {
      result = await runExport(db, kind, args).catch(explain);
    } finally {
      db.close();
    }
    if (args.out) writeFileSync(args.out, result.content);
    else process.stdout.write(result.content);
    process.stderr.write(`${args.out ? `Skrev ${args.out}: ` : ''}${result.note}\n`);
  } catch (e) {
    reportCliError(e);
  }
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'databasefil', DEFAULT_DB_PATH)
    .option('--rules <id>', 'regelsett (fakturagrunnlag, dips, timebasert eller et eget; id@versjon for en eldre versjon)')
    .addOption(new Option('--first-day-free <bool>', 'overstyr: første USK-døgn fritt').choices(BOOL.options))
    .option('--min-hours <n>', 'overstyr: minste antall USK-timer for at et døgn er betalbart')
    .option('--from <YYYY-MM>', 'fra og med måned')
    .option('--to <YYYY-MM>', 'til og med måned')
    .addOption(new Option('--by <periode>', 'periodeinndeling').choices(By.options).default('month'))
    .addOption(new Option('--group <gruppering>', 'dagens kommune eller som registrert').choices(Group.options).default('current'))
    .option('--kommune <NNNN>', 'bare denne kommunen (gamle numre følger dagens kommune)')
    .addOption(new Option('--fagomrade <slug>', 'fagområde').choices(FagomradeFilter.options))
    .addOption(new Option('--format <format>', 'utdataformat').choices(Format.options).makeOptionMandatory())
    .option('--out <file>', 'skriv til fil (ellers standard ut)');
}

export function registerExportCommands(program: Command): void {
  const exp = program.command('export').description('Eksporter avstemming (registrerte mot fakturerte døgn) eller oppholdsdetaljer');
  withFilters(exp.command('reconciliation').description('Avstemming per kommune × periode × fagområde'))
    .action((raw: Record<string, unknown>) => action('reconciliation', raw));
  withFilters(exp.command('stays').description('Detaljer per opphold med samme filtre'))
    .action((raw: Record<string, unknown>) => action('stays', raw));
}
