import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { DEFAULT_DB_PATH, type UskDb } from '../db/open.ts';
import { formatAsOf, formatDateTime } from '../format/index.ts';
import { AsOfText, type IngestProgress, type IngestResult } from '../load/result.ts';
import { PROFILES } from '../profiles/index.ts';
import { CliError, invalidArguments, NORWEGIAN, openForCli, reportCliError, shellQuoted } from './open.ts';
import { textTable, type TableColumn } from './table.ts';
import { keyFromEnv } from '../pseudonym/key.ts';

const nb = new Intl.NumberFormat('nb-NO');
const PROGRESS_MIN_BYTES = 5 * 1024 ** 2;

const IngestArgs = z.object({
  db: z.string().min(1),
  profile: z.enum(PROFILES.map((p) => p.name) as [string, ...string[]]).optional(),
  asOf: AsOfText.optional(),
  strict: z.boolean().default(false),
  json: z.boolean().default(false),
  sheet: z.string().optional(),
});

/** Exit status of `usk ingest` (issue 2): 2 if a file was refused whole, 1 for --strict refusals. */
export function exitStatus(results: readonly IngestResult[], strict: boolean): number {
  if (results.some((r) => r.status === 'refused' && !(strict && r.rowsRejected > 0))) return 2;
  if (results.some((r) => r.status === 'refused')) return 1;
  return 0;
}

/**
 * Where a file's as-of came from, always said (load/as-of.ts AsOfSource): a date stated in the file
 * (its Utskriftsdato or similar above the header, or an HN-LIS extract's Uttrekk column) is worth
 * more than the latest time in its rows, and the reader should see which one decides what
 * supersedes what. Last opp says the same (client/views/upload.ts).
 */
const AS_OF_FROM: Record<NonNullable<IngestResult['asOfFrom']>, string> = {
  'as-of': 'fra --as-of',
  file: 'oppgitt i filen',
  rows: 'seneste tidspunkt i filen',
};

/**
 * One file's outcome in words, and for a loaded file where to see its rejects and warnings. Loaded
 * through a server (`viaServer`, its URL), which holds the database so that `usk rejects` cannot
 * open it while it runs: the dashboard's Datakvalitet first, the command for when it is stopped.
 */
export function describeResult(r: IngestResult, dbPath: string = DEFAULT_DB_PATH, viaServer?: string): string {
  const db = dbPath === DEFAULT_DB_PATH ? '' : ` --db ${shellQuoted(dbPath)}`;
  const where = (command: string) => (viaServer ? `Datakvalitet på ${viaServer} (${command} når serveren er stoppet)` : command);
  const see = r.status === 'loaded' && r.batch !== null
    ? [
        ...(r.rowsRejected > 0 ? [`    → avviste rader: ${where(`usk rejects${db} --batch ${r.batch}`)}`] : []),
        ...(r.warnings.length > (r.rowsRejected > 0 ? 1 : 0) ? [`    → alle advarsler: ${where(`usk warnings${db} --batch ${r.batch}`)}`] : []),
      ]
    : [];
  const head =
    r.status === 'loaded'
      ? `✓ ${r.file}  ${r.profile}  batch ${r.batch}${r.asOf ? ` (uttrekk ${formatAsOf(r.asOf)}, ${AS_OF_FROM[r.asOfFrom ?? 'file']})` : ''}: ${nb.format(r.rowsRead)} ${r.rowsRead === 1 ? 'rad' : 'rader'} lest, ${nb.format(r.rowsLoaded)} lastet, ${nb.format(r.rowsRejected)} avvist`
      : r.status === 'duplicate'
        ? `= ${r.file}  ${r.profile}: allerede lastet`
        : `✗ ${r.error ?? r.file}`;
  return [head, ...r.warnings.map((w) => `    ! ${w}`), ...see].join('\n');
}


function progressReporter(enabled: boolean): { update: (p: IngestProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return {
    update(p) {
      if (p.phase === 'leser' && p.total !== undefined && p.total >= PROGRESS_MIN_BYTES) {
        if (current !== p.file) {
          bar?.stop();
          current = p.file;
          bar = new cliProgress.SingleBar(
            { format: `{file} [{bar}] {percentage}% | {phase}`, stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, 0, { file: p.file.split('/').pop(), phase: 'leser' });
        }
        bar?.update(p.bytes ?? 0, { phase: 'leser' });
      } else if (bar && p.file === current) {
        bar.update(bar.getTotal(), { phase: p.phase });
      } else if (p.phase === 'utleder') {
        bar?.stop();
        bar = undefined;
        process.stderr.write('Bygger avledede tabeller (perioder og USK-døgn) …\n');
      }
    },
    stop: () => bar?.stop(),
  };
}

type BatchRow = Record<string, string | number | null>;
const count = (v: string | number | null | undefined) => nb.format(Number(v));
const time = (v: string | number | null | undefined, format: (t: string) => string) => (v === null || v === undefined ? '–' : format(String(v)));

/**
 * `usk batches` as a table: the file, its profile, rows read/loaded/rejected, the as-of it was loaded
 * with, when, its encoding and the whole SHA-256 (the archive's name for it, and what a duplicate is
 * recognised by: a shortened one could not be checked against `sha256sum`). --json has every field.
 */
const BATCH_COLUMNS: readonly TableColumn<BatchRow>[] = [
  { header: 'Batch', value: (r) => String(r.batch), right: true },
  { header: 'Fil', value: (r) => String(r.fil) },
  { header: 'Profil', value: (r) => String(r.profil) },
  { header: 'Lest', value: (r) => count(r.lest), right: true },
  { header: 'Lastet', value: (r) => count(r.lastet), right: true },
  { header: 'Avvist', value: (r) => count(r.avvist), right: true },
  { header: 'Uttrekk per', value: (r) => time(r.per, formatAsOf) },
  { header: 'Lastet inn', value: (r) => time(r.lastet_tid, formatDateTime) },
  { header: 'Koding', value: (r) => String(r.koding ?? '') },
  { header: 'SHA-256', value: (r) => String(r.sha256) },
];

async function withDb<T>(path: string, fn: (db: UskDb) => Promise<T>, busy: 'load' | 'show' = 'load'): Promise<T> {
  const db = await openForCli(path, { busy });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export function registerIngestCommands(program: Command): void {
  program
    .command('ingest')
    .description('Les eksportfiler (DIPS, HN-LIS, faktura) inn i databasen')
    .argument('<fil...>', 'filer (.csv, .txt eller .xlsx)')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .addOption(new Option('--profile <profil>', 'tving en profil').choices(PROFILES.map((p) => p.name)))
    .option('--as-of <tidspunkt>', 'uttrekkets tidspunkt (åååå-mm-dd, dd.mm.åååå eller dd.mm.åå, eventuelt med klokkeslett tt:mm[:ss]); gjelder foran en utskriftsdato i filen, men en HN-LIS-rads egen Uttrekk gjelder foran det')
    .option('--strict', 'avvis hele filen hvis én rad avvises')
    .option('--sheet <ark>', 'arket i en .xlsx-fil (standard: det første)')
    .option('--json', 'skriv ett JSON-objekt per fil')
    .action(async (files: string[], raw: Record<string, unknown>) => {
      try {
        const args = IngestArgs.parse(raw, NORWEGIAN);
        const { findRunningServer } = await import('../../server/lockfile.ts');
        const server = await findRunningServer(args.db);
        if (server) {
          if (!args.json) process.stderr.write(`Databasen eies av serveren på ${server.url}; sender filene dit.\n`);
          // The server pseudonymises with the key it was started with (and refuses another than the database's).
          if (process.env.USK_PSEUDONYM_KEY) {
            process.stderr.write('Merk: USK_PSEUDONYM_KEY i dette skallet brukes ikke; serveren pseudonymiserer med nøkkelen den ble startet med.\n');
          }
          const { ingestViaServer } = await import('./via-server.ts');
          const results = await ingestViaServer(server, files, {
            strict: args.strict, ...(args.profile ? { profile: args.profile } : {}), ...(args.asOf ? { asOf: args.asOf } : {}),
            ...(args.sheet ? { sheet: args.sheet } : {}),
          });
          for (const r of results) process.stdout.write(args.json ? `${JSON.stringify(r)}\n` : `${describeResult(r, args.db, server.url)}\n`);
          process.exitCode = exitStatus(results, args.strict);
          return;
        }
        // A bad key is refused before the database is opened: opening creates it.
        keyFromEnv();
        // Loaded here, not at the top: reading files pulls in exceljs and the readers, which every other
        // command (usk batches, --help) would otherwise wait a second for at start.
        const { ingestRun } = await import('../load/ingest.ts');
        const progress = progressReporter(!args.json && process.stderr.isTTY === true);
        const { run, findings } = await withDb(args.db, async (db) => {
          const run = await ingestRun(db, files, {
            strict: args.strict,
            ...(args.profile ? { profile: args.profile } : {}),
            ...(args.asOf ? { asOf: args.asOf } : {}),
            ...(args.sheet ? { sheet: args.sheet } : {}),
          }, progress.update);
          // After a load the derived tables are fresh: how many findings Datakvalitet now lists, for the summary.
          const findings = args.json || !run.results.some((r) => r.status === 'loaded') ? 0
            : Number((await db.json<{ n: number }>('SELECT count(*)::INT AS n FROM usk_finding'))[0]?.n ?? 0);
          return { run, findings };
        });
        progress.stop();
        if (run.key.source === 'created') {
          process.stderr.write(`Opprettet pseudonymnøkkel ${run.key.path} (tilgang 0600). Ta vare på den: uten samme nøkkel får samme pasient et annet pseudonym.\n`);
        }
        if (run.key.wasLoose) {
          process.stderr.write(`Advarsel: nøkkelfilen ${run.key.path} kunne leses av andre (tilgang ${run.key.wasLoose.toString(8).padStart(4, '0')}); den er nå 0600. `
            + 'Kan noen ha lest den, kan de regne ut pseudonymet til et fødselsnummer de kjenner: vurder en ny database med ny nøkkel.\n');
        }
        if (run.key.unverified) {
          process.stderr.write('Databasen var lastet før den lagret hvilken pseudonymnøkkel den bruker, så nøkkelen kunne ikke kontrolleres; nå er den lagret. '
            + 'Var de tidligere filene lest inn med en annen nøkkel, har samme pasient to pseudonymer: les dem inn på nytt i en ny database.\n');
        }
        for (const r of run.results) process.stdout.write(args.json ? `${JSON.stringify(r)}\n` : `${describeResult(r, args.db)}\n`);
        if (findings > 0) {
          process.stdout.write(`Datakvalitet: ${nb.format(findings)} funn om opphold og fakturaer i databasen, de alvorligste først: usk findings${args.db === DEFAULT_DB_PATH ? '' : ` --db ${shellQuoted(args.db)}`}\n`);
        }
        process.exitCode = exitStatus(run.results, args.strict);
      } catch (e) {
        reportCliError(e instanceof z.ZodError ? invalidArguments(e) : e);
      }
    });

  program
    .command('batches')
    .description('Vis innlastede filer (batcher)')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--json', 'JSON-utdata')
    .action(async (raw: { db: string; json?: boolean }) => {
      try {
        const rows = await withDb(raw.db, (db) =>
          db.json<Record<string, string | number | null>>(
            `SELECT batch_id AS batch, file_name AS fil, profile AS profil, sha256, encoding AS koding, rows_read AS lest,
                    rows_loaded AS lastet, rows_rejected AS avvist, strftime(as_of, '%Y-%m-%d %H:%M') AS per,
                    strftime(loaded_at, '%Y-%m-%d %H:%M:%S') AS lastet_tid, archive_path AS arkiv
             FROM batch ORDER BY batch_id`,
          ),
          'show',
        );
        if (raw.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length === 0) process.stdout.write('Ingen filer er lastet ennå.\n');
        else process.stdout.write(textTable(rows, BATCH_COLUMNS));
      } catch (e) {
        reportCliError(e);
      }
    });

  listCommand(program, {
    name: 'rejects', description: 'Vis avviste rader med linje, kolonne og grunn', none: 'Ingen avviste rader.',
    sql: `SELECT r.batch_id AS batch, b.file_name AS fil, r.line AS linje, r.column_name AS kolonne, r.value AS verdi, r.reason AS grunn, r.row_summary AS raden
          FROM reject r JOIN batch b USING (batch_id)
          WHERE $batch IS NULL OR r.batch_id = $batch ORDER BY r.batch_id, r.line, r.column_name`,
    // What identifies the row (its key and figures as far as they could be read) on a line of its own.
    line: (r) => `${r.fil}:${r.linje}${r.kolonne ? ` «${r.kolonne}»` : ''}${r.verdi !== null ? ` = «${r.verdi}»` : ''}: ${r.grunn}${r.raden ? `\n  raden: ${r.raden}` : ''}`,
  });
  listCommand(program, {
    name: 'warnings', description: 'Vis advarsler for innlastede rader (lastet, men verdt en titt) med linje, kolonne og melding', none: 'Ingen advarsler.',
    sql: `SELECT w.batch_id AS batch, b.file_name AS fil, w.line AS linje, w.column_name AS kolonne, w.code AS kode, w.message AS melding
          FROM batch_warning w JOIN batch b USING (batch_id)
          WHERE $batch IS NULL OR w.batch_id = $batch ORDER BY w.batch_id, w.line NULLS FIRST, w.column_name`,
    line: (r) => `${r.fil}${r.linje !== null ? `:${r.linje}` : ''}${r.kolonne ? ` «${r.kolonne}»` : ''} [${r.kode}]: ${r.melding}`,
  });
}

type ListRow = Record<string, string | number | null>;

/** A command that lists one table's rows of a batch (or all): a line each, or --json. */
function listCommand(program: Command, c: { name: string; description: string; none: string; sql: string; line: (r: ListRow) => string }): void {
  program
    .command(c.name)
    .description(c.description)
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--batch <n>', 'bare denne batchen')
    .option('--json', 'JSON-utdata')
    .action(async (raw: { db: string; batch?: string; json?: boolean }) => {
      try {
        // A batch number has at most nine digits (a billion loads); a longer one is not echoed back, as it may be a fødselsnummer without its leading zero.
        const batch = raw.batch === undefined ? undefined : z.coerce.number().int().positive().max(999_999_999).parse(raw.batch, NORWEGIAN);
        const rows = await withDb(raw.db, async (db) => {
          if (batch !== undefined && !(await db.json('SELECT 1 FROM batch WHERE batch_id = $batch', { batch })).length) {
            throw new CliError(`batch ${batch} finnes ikke i ${raw.db}: se usk batches${raw.db === DEFAULT_DB_PATH ? '' : ` --db ${shellQuoted(raw.db)}`}`);
          }
          return db.json<ListRow>(c.sql, { batch: batch ?? null });
        }, 'show');
        if (raw.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length === 0) process.stdout.write(`${c.none}\n`);
        else for (const r of rows) process.stdout.write(`${c.line(r)}\n`);
      } catch (e) {
        reportCliError(e instanceof z.ZodError ? new CliError('ugyldig --batch: forventet et positivt heltall') : e);
      }
    });
}
