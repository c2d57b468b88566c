/**
 * `usk export reconciliation|stays|invoices|rejects|days`: a thin door onto the query layer and the export writers.
 * Arguments are parsed with zod into a ReconcileQuery; the derived tables are refreshed first when
 * the sources are newer than them. Without --to an export stops at the last complete month
 * (export/selection.ts). Every format names the rule set, data as-of and months (JSON beside its
 * rows, CSV in every row's last columns, XLSX in a sheet of its own); stderr says them too.
 * `--publisering` / `--min-count` suppress small numbers with the server's code (server/queries/exports.ts).
 */
import { Command, Option } from 'commander';
import { createWriteStream, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { DEFAULT_DB_PATH, type UskDb } from '../db/open.ts';
import type { ExportFormat, ExportKind, ExportResult } from '../export/index.ts';
import { dataAsOfText } from '../format/index.ts';
import { maskIdentifiers } from '../db/errors.ts';
import { FagomradeFilter, QueryInputError, RuleSetError, UnknownRuleSetError, YearMonth, type ReconcileQuery } from '../query/index.ts';
import { ConfigError, loadSuppressionSettings, ServerConfig, type SuppressionSettings } from '../../server/config.ts';
import { effectiveMinCount } from '../../server/queries/suppress.ts';
import { CliError, invalidArguments, KommuneArg, NORWEGIAN, openForCli, reportCliError } from './open.ts';

const BOOL = z.enum(['true', 'false', 'ja', 'nei']);
const bool = BOOL.transform((v) => v === 'true' || v === 'ja');
const By = z.enum(['month', 'year', 'period']);
const Group = z.enum(['current', 'registered']);
const Format = z.enum(['json', 'csv', 'xlsx']);
/** The per-line exports are one table each: as XLSX they are sheets of the reconciliation's workbook. */
const LINE_FORMATS = ['csv', 'json'] as const;

/** What the user typed, in the message: «abc», not the NaN a number coercion makes of it. */
const given = (input: unknown) => `fikk «${String(input)}»`;

/** Hours as the server's minHours takes them (server/schemas.ts): 0–24, decimal point or comma. */
const Hours = z.string().trim()
  .regex(/^\d+([.,]\d+)?$/, { error: (iss) => `forventet et antall timer 0–24, ${given(iss.input)}` })
  .transform((v) => Number(v.replace(',', '.')))
  .pipe(z.number().max(24, { error: (iss) => `forventet et antall timer 0–24, ${given(iss.input)}` }));

/** A minimum count as the server's minCount takes it: a whole number 0–1000. */
const Count = z.string().trim()
  .regex(/^\d+$/, { error: (iss) => `forventet et heltall 0–1000, ${given(iss.input)}` })
  .transform(Number)
  .pipe(z.number().int().max(1000, { error: (iss) => `forventet et heltall 0–1000, ${given(iss.input)}` }));

export const ExportArgs = z.object({
  db: z.string().min(1),
  rules: z.string().regex(/^[a-z0-9-]+(@\d+)?$/, 'forventet et regelsett-id, f.eks. fakturagrunnlag').optional(),
  firstDayFree: bool.optional(),
  minHours: Hours.optional(),
  from: YearMonth.optional(),
  to: YearMonth.optional(),
  by: By.default('month'),
  group: Group.default('current'),
  kommune: KommuneArg.optional(),
  fagomrade: FagomradeFilter.optional(),
  // CSV unless asked otherwise: what an analyst opens in Excel, and what the dashboard's download gives.
  format: Format.default('csv'),
  out: z.string().optional(),
  /** «Til publisering» (reconciliation only): small numbers suppressed at publicationMinCount, no per-stay rows. */
  publisering: z.boolean().default(false),
  /** Suppress counts under this (reconciliation only); never below --config's minCount. */
  minCount: Count.optional(),
  /** A server configuration file, read for its minCount and publicationMinCount only. */
  config: z.string().min(1).optional(),
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

/** The configuration's small-number settings (--config), or the server's defaults (minCount 0, publicationMinCount 5). */
function suppressionSettings(file: string | undefined): SuppressionSettings {
  if (!file) return { minCount: ServerConfig.shape.minCount.parse(undefined), publicationMinCount: ServerConfig.shape.publicationMinCount.parse(undefined) };
  try {
    return loadSuppressionSettings(file);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
}

/** The minimum count of this export, as the server decides it for the same request (routes/exports.ts). */
export function exportMinCount(args: ExportArgs): number {
  const s = suppressionSettings(args.config);
  return effectiveMinCount(s.minCount, args.minCount, args.publisering ? s.publicationMinCount : 0);
}

/** What an export covered, for stderr: its months, rule set and as-of (every kind says them alike). */
const covered = (r: Pick<ExportResult, 'selection' | 'rules' | 'asOf'>) =>
  `utvalg: ${r.selection.text} · regelsett: ${r.rules.label} · data per: ${dataAsOfText(r.asOf)}`;

/** What the export covered, for stderr: rows, months, rule set, as-of and any suppression. */
const summary = (r: ExportResult, minCount: number, publication: boolean) =>
  `${r.rows} ${r.rows === 1 ? 'rad' : 'rader'} · ${covered(r)}`
  + (minCount > 0 || publication ? ` · ${publication ? 'til publisering, ' : ''}${minCount > 0 ? `tall under ${minCount} er prikket` : 'ingen tall er prikket'}` : '');

/**
 * What an export runs on, loaded when one runs: the workbook and slide writers (exceljs) and the
 * derivation are most of what the CLI would otherwise load at every start (usk --help, usk batches).
 */
const exportModules = async () => {
  const [{ ensureDerivedFresh }, { prepareDaysExport }, { renderExport }] = await Promise.all([
    import('../derive/index.ts'), import('../export/days.ts'), import('../../server/queries/exports.ts'),
  ]);
  return { ensureDerivedFresh, prepareDaysExport, renderExport };
};

/** Runs one export against an open database; returns what to write and a line for stderr. */
export async function runExport(db: UskDb, kind: ExportKind, args: ExportArgs): Promise<{ content: string | Buffer; note: string }> {
  const { ensureDerivedFresh, renderExport } = await exportModules();
  await ensureDerivedFresh(db);
  const minCount = exportMinCount(args);
  const result = await renderExport(db, kind, toQuery(args), args.format as ExportFormat, { minCount, publication: args.publisering });
  return { content: result.content, note: summary(result, minCount, args.publisering) };
}

/**
 * `usk export days` against an open database: the file is written to `out` a chunk at a time (it
 * may be millions of rows: export/days.ts), and `out` is not ended. Returns the line for stderr.
 */
export async function runDaysExport(db: UskDb, args: ExportArgs, out: Writable): Promise<string> {
  const { ensureDerivedFresh, prepareDaysExport } = await exportModules();
  await ensureDerivedFresh(db);
  // One transaction: the rows counted (the XLSX limit, the message) are the rows written.
  const e = await db.transaction(async () => {
    const prepared = await prepareDaysExport(db, toQuery(args), args.format as ExportFormat);
    await prepared.write(out);
    return prepared;
  });
  return `${e.rows} døgn · ${covered(e)}`;
}

/** Why the --out file cannot be written, in a user's words, for the errors a user can mend; undefined for the rest. */
function unwritable(file: string, e: unknown): CliError | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ENOENT' ? `mappen ${dirname(resolve(file))} finnes ikke; lag den først, eller velg en annen --out`
    : code === 'ENOTDIR' ? 'en del av stien er ikke en mappe; velg en annen --out'
    : code === 'EISDIR' ? 'det er en mappe; oppgi et filnavn i --out'
    : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'ingen skrivetilgang dit; velg en annen --out'
    : undefined;
  // The path is the user's own, but it may be named after a patient (as files are): masked like every message.
  return why === undefined ? undefined : new CliError(maskIdentifiers(`kan ikke skrive til ${file}: ${why}`));
}

/**
 * The --out file's folder must be there before the export runs (a day export can take minutes, and
 * a stream that cannot open its file fails later as an unhandled error with a stack trace).
 */
function checkOutFolder(file: string): void {
  const folder = dirname(resolve(file));
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (e) {
    throw unwritable(file, e) ?? e;
  }
  if (!isFolder) throw unwritable(file, Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' }))!;
}

/** Writes a whole export to the --out file, a failure the user can mend said as such. */
function writeOut(file: string, content: string | Buffer): void {
  try {
    writeFileSync(file, content);
  } catch (e) {
    throw unwritable(file, e) ?? e;
  }
}

/**
 * Where a streamed export goes: stdout, or the --out file, written under a temporary name and
 * renamed by done() only when whole, so a failed export (a query error, a server gone) never leaves
 * a short file that looks complete; failed() removes it.
 */
export function destination(file: string | undefined): { out: Writable; done: () => Promise<void>; failed: () => void } {
  if (!file) return { out: process.stdout, done: async () => {}, failed: () => {} };
  const partial = `${file}.${process.pid}.delvis`;
  // Opened here, synchronously, so that a file that cannot be created fails now, as a CliError.
  let fd: number;
  try {
    // Made anew: opening an existing one (left by a killed export under a reused pid) would keep its
    // mode, maybe 0644, for the per-stay rows renamed into --out, and follow a symlink put there.
    rmSync(partial, { force: true });
    fd = openSync(partial, 'wx', 0o600);
  } catch (e) {
    throw unwritable(file, e) ?? e;
  }
  const out = createWriteStream(partial, { fd });
  return {
    out,
    done: async () => {
      out.end();
      await finished(out);
      renameSync(partial, file);
    },
    failed: () => {
      out.destroy();
      rmSync(partial, { force: true });
    },
  };
}

async function daysAction(args: ExportArgs): Promise<void> {
  const { findRunningServer } = await import('../../server/lockfile.ts');
  const server = await findRunningServer(args.db);
  if (server) {
    const { out, done, failed } = destination(args.out);
    const { streamExportViaServer } = await import('./via-server.ts');
    await streamExportViaServer(server, 'days', toQuery(args), args.format, out).catch((e: unknown) => {
      failed();
      throw e;
    });
    await done();
    process.stderr.write(`${args.out ? `Skrev ${maskIdentifiers(args.out)}: ` : ''}hentet fra serveren på ${server.url}, som eier databasen\n`);
    return;
  }
  const db = await openForCli(args.db);
  let note: string;
  try {
    const { out, done, failed } = destination(args.out);
    note = await runDaysExport(db, args, out).catch((e: unknown) => {
      failed();
      return explain(e);
    });
    await done();
  } finally {
    db.close();
  }
  process.stderr.write(`${args.out ? `Skrev ${maskIdentifiers(args.out)}: ` : ''}${note}\n`);
}

function explain(e: unknown, raw: Record<string, unknown> = {}): never {
  if (e instanceof z.ZodError) {
    throw invalidArguments(e, (i) => {
      // What was typed, unless the message already says it (a regex or enum message does not).
      const typed = raw[String(i.path[0])];
      return typeof typed === 'string' && !i.message.includes('fikk «') ? `, ${given(typed)}` : '';
    });
  }
  if (e instanceof UnknownRuleSetError || e instanceof RuleSetError || e instanceof QueryInputError) throw new CliError(e.message);
  throw e;
}

async function action(kind: ExportKind | 'days', raw: Record<string, unknown>): Promise<void> {
  try {
    let args: ExportArgs;
    try {
      args = ExportArgs.parse(raw, NORWEGIAN);
    } catch (e) {
      explain(e, raw);
    }
    if (args.format === 'xlsx' && !args.out && process.stdout.isTTY) throw new CliError('XLSX skrives ikke til terminalen: bruk --out FIL');
    if (args.out) checkOutFolder(args.out);
    if (kind === 'days') return await daysAction(args);
    const { findRunningServer } = await import('../../server/lockfile.ts');
    const server = await findRunningServer(args.db);
    if (server) {
      // The server decides the months, the minimum count (its own configuration, not --config) and
      // the suppression, as for a download from the dashboard.
      const { exportViaServer } = await import('./via-server.ts');
      const content = await exportViaServer(server, kind, {
        ...toQuery(args), ...(args.publisering ? { publisering: true } : {}), ...(args.minCount !== undefined ? { minCount: args.minCount } : {}),
      }, args.format);
      if (args.out) writeOut(args.out, content);
      else process.stdout.write(content);
      const settings = args.config ? '; serverens minCount og publicationMinCount gjelder, ikke --config' : '';
      process.stderr.write(`${args.out ? `Skrev ${maskIdentifiers(args.out)}: ` : ''}hentet fra serveren på ${server.url}, som eier databasen${settings}\n`);
      return;
    }
    const db = await openForCli(args.db);
    let result: { content: string | Buffer; note: string };
    try {
      result = await runExport(db, kind, args).catch((e: unknown) => explain(e));
    } finally {
      db.close();
    }
    if (args.out) writeOut(args.out, result.content);
    else process.stdout.write(result.content);
    process.stderr.write(`${args.out ? `Skrev ${maskIdentifiers(args.out)}: ` : ''}${result.note}\n`);
  } catch (e) {
    reportCliError(e);
  }
}

/**
 * The filters every export takes. `byHasNoEffect`: the rows are not per period (what one row is, for
 * the help); `formats`: the formats it is written in, when not all three.
 */
function withFilters(cmd: Command, opts: { byHasNoEffect?: string; formats?: readonly string[] } = {}): Command {
  return cmd
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--rules <regelsett>', 'regelsett (fakturagrunnlag, dips, timebasert eller et eget; id@versjon for en eldre versjon)')
    .addOption(new Option('--first-day-free <ja|nei>', 'overstyr: første USK-døgn fritt').choices(BOOL.options))
    .option('--min-hours <timer>', 'overstyr: minste antall USK-timer for at et døgn er betalbart (0–24)')
    .option('--from <ÅÅÅÅ-MM>', 'fra og med måned (standard: første måned med data)')
    .option('--to <ÅÅÅÅ-MM>', 'til og med måned (standard: siste hele måned, den siste alle kildene dekker helt)')
    .addOption(opts.byHasNoEffect
      ? new Option('--by <periode>', `godtas, men har ingen virkning her: ${opts.byHasNoEffect}`).choices(By.options)
      : new Option('--by <periode>', 'periodeinndeling').choices(By.options).default('month'))
    .addOption(new Option('--group <gruppering>', 'dagens kommune eller som registrert').choices(Group.options).default('current'))
    .option('--kommune <NNNN>', 'bare denne kommunen (gamle numre følger dagens kommune)')
    .addOption(new Option('--fagomrade <fagområde>', 'fagområde').choices(FagomradeFilter.options))
    .addOption(new Option('--format <format>', 'utdataformat').choices(opts.formats ?? Format.options).default('csv'))
    .option('--out <fil>', 'skriv til fil (ellers standard ut)');
}

export function registerExportCommands(program: Command): void {
  const exp = program.command('export').description('Eksporter avstemmingen (registrerte mot fakturerte døgn), oppholdene, fakturalinjene, radene som ikke ble lastet, døgnene per opphold eller notatbøkenes øyeblikksbilde');
  withFilters(exp.command('reconciliation').description('Avstemming per kommune × periode × fagområde'))
    .option('--publisering', 'til publisering: prikk tall under publicationMinCount (standard 5) og utelat oppholdsdetaljene')
    .option('--min-count <n>', 'prikk tall under n (aldri under minCount i --config)')
    .option('--config <fil>', 'serverkonfigurasjon (JSON) å hente minCount og publicationMinCount fra')
    .action((raw: Record<string, unknown>) => action('reconciliation', raw));
  // No suppression for per-stay rows (each is one stay): server/queries/exports.ts.
  withFilters(exp.command('stays').description('Detaljer per opphold med samme filtre'))
    .action((raw: Record<string, unknown>) => action('stays', raw));
  // One row per stay × date (~7 million nationally): written as it is read, never held at once
  // (export/days.ts); XLSX only up to one sheet's 1 048 575 rows. --by is accepted and has no effect.
  // The workbook's per-line sheets as files of their own (a CSV is one table): never published,
  // as the publication's workbook has neither sheet, so no --publisering.
  withFilters(exp.command('invoices').description('Fakturalinjene i utvalget, som arket «Fakturalinjer» i avstemmingens XLSX-fil'),
    { byHasNoEffect: 'én rad per fakturalinje', formats: LINE_FORMATS })
    .action((raw: Record<string, unknown>) => action('invoices', raw));
  withFilters(exp.command('rejects').description('Radene i utvalget som ikke ble lastet (etter sin egen kommune og måned, identifikatorer maskert), som arket «Avviste rader» i avstemmingens XLSX-fil'),
    { byHasNoEffect: 'én rad per avvist verdi', formats: LINE_FORMATS })
    .action((raw: Record<string, unknown>) => action('rejects', raw));
  withFilters(exp.command('days').description('Hvert USK-døgn per opphold: dato, kategori, timer og periodens tidspunkter, med samme filtre'), { byHasNoEffect: 'én rad per døgn' })
    .action((raw: Record<string, unknown>) => action('days', raw));
}
