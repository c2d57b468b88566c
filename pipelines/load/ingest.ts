import { blobValue } from '@duckdb/node-api';
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { maskIdentifiers } from '../db/errors.ts';
import { profileByName, PROFILES, type Profile } from '../profiles/index.ts';
import { readExport, RefusedFileError, type ReadExport } from '../read/index.ts';
import { hmacPads, pseudonymSql, resolveKey, type PseudonymKey } from '../pseudonym/key.ts';
import { PARSERS_SQL } from '../validate/parsers.ts';
import { stagingColumn, typedSql } from '../validate/typed.ts';
import { guessTimestampFormat } from '../validate/formats.ts';
import { archiveFile } from './archive.ts';
import { checkTotals } from './totals.ts';
import { summarizeWarnings } from './warnings.ts';
import { TARGETS } from './targets.ts';
import { refreshDerived } from '../derive/index.ts';

/** One line of `usk ingest --json`. */
export const IngestResult = z.object({
  file: z.string(),
  batch: z.number().int().nullable(),
  profile: z.string().nullable(),
  status: z.enum(['loaded', 'duplicate', 'refused']),
  rowsRead: z.number().int(),
  rowsLoaded: z.number().int(),
  rowsRejected: z.number().int(),
  warnings: z.array(z.string()),
  error: z.string().optional(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const IngestOptions = z.object({
  profile: z.enum(PROFILES.map((p) => p.name) as [string, ...string[]]).optional(),
  /** The export's as-of time, local: 'YYYY-MM-DD HH:MM' or 'DD.MM.YYYY HH:MM'. */
  asOf: z.string().optional(),
  strict: z.boolean().default(false),
  sheet: z.string().optional(),
  maxBytes: z.number().int().positive().optional(),
  /** Rebuild the derived tables after loading (default). Off only for bulk loads that refresh once. */
  refresh: z.boolean().default(true),
});
export type IngestOptions = z.input<typeof IngestOptions>;

export interface IngestProgress {
  file: string;
  phase: 'leser' | 'validerer' | 'laster' | 'utleder';
  bytes?: number;
  total?: number;
}

export interface IngestRun {
  results: IngestResult[];
  key: Pick<PseudonymKey, 'source' | 'path'>;
}

/**
 * Loads export files as handed over. Each file is refused whole, recognised as a duplicate, or
 * loaded in one transaction (batch row, rows, rejects, warnings); the derived tables are rebuilt
 * once at the end. Raw patient identifiers are pseudonymised inside the statement that reads them.
 */
export async function ingestFiles(
  db: UskDb,
  files: readonly string[],
  options: IngestOptions = {},
  onProgress?: (p: IngestProgress) => void,
): Promise<IngestResult[]> {
  return (await ingestRun(db, files, options, onProgress)).results;
}

export async function ingestRun(db: UskDb, files: readonly string[], options: IngestOptions = {}, onProgress?: (p: IngestProgress) => void): Promise<IngestRun> {
  const opts = IngestOptions.parse(options);
  const key = resolveKey(db.path);
  await db.run(PARSERS_SQL);
  const results: IngestResult[] = [];
  for (const file of files) results.push(await ingestOne(db, file, opts, key, onProgress));
  if (opts.refresh && results.some((r) => r.status === 'loaded')) {
    onProgress?.({ file: '', phase: 'utleder' });
    await refreshDerived(db);
  }
  return { results, key: { source: key.source, ...(key.path ? { path: key.path } : {}) } };
}

async function ingestOne(
  db: UskDb,
  file: string,
  opts: z.output<typeof IngestOptions>,
  key: PseudonymKey,
  onProgress?: (p: IngestProgress) => void,
): Promise<IngestResult> {
  const profile = opts.profile ? profileByName(opts.profile) : undefined;
  const refused = (fileName: string, error: string, partial: Partial<IngestResult> = {}): IngestResult => ({
    file: fileName, batch: null, profile: profile?.name ?? null, status: 'refused', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0,
    warnings: [], ...partial, error: maskIdentifiers(error),
  });
  let read: ReadExport;
  try {
    read = await readExport(file, {
      ...(profile ? { profile } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
      onBytes: (bytes, total) => onProgress?.({ file, phase: 'leser', bytes, total }),
    });
  } catch (e) {
    if (e instanceof RefusedFileError) return refused(e.file, e.message);
    throw e;
  }
  try {
    const p = read.header.match.profile;
    const earlier = await db.json<{ batch_id: number; file_name: string; loaded_at: string }>(
      `SELECT batch_id, file_name, strftime(loaded_at, '%d.%m.%Y %H:%M') AS loaded_at FROM batch WHERE sha256 = $sha`,
      { sha: read.sha256 },
    );
    if (earlier[0]) {
      const b = earlier[0];
      return {
        file: read.fileName, batch: b.batch_id, profile: p.name, status: 'duplicate', rowsRead: read.rowsRead, rowsLoaded: 0, rowsRejected: 0,
        warnings: [`samme fil (SHA-256) er allerede lastet som batch ${b.batch_id} («${b.file_name}», ${b.loaded_at}); ingenting nytt lastet`],
      };
    }
    onProgress?.({ file, phase: 'validerer' });
    const source = sourceSelect(read, p);
    const { inner, outer } = hmacPads(key.key);
    await db.run('DROP TABLE IF EXISTS temp.stg_rejects; DROP TABLE IF EXISTS temp.stg_rejects_scan');
    await db.run(typedSql(p, read.header.match, read.header.cells, source.sql, formatGuesses(read, p)).sql,
      source.hasPatient ? { kin: blobValue(inner), kout: blobValue(outer) } : undefined);
    const counts = (
      await db.json<{ staged: number; ok: number; bad: number; structural: number }>(`SELECT
        (SELECT count(*) FROM typed)::INT AS staged,
        (SELECT count(*) FROM typed WHERE ok)::INT AS ok,
        (SELECT count(*) FROM typed WHERE NOT ok)::INT AS bad,
        (SELECT count(DISTINCT line) FROM stg_rejects)::INT AS structural`)
    )[0]!;
    // Nothing handed over may vanish: every record is loaded or rejected.
    if (counts.staged + counts.structural !== read.rowsRead) {
      throw new Error(`${read.fileName}: intern feil: ${read.rowsRead} rader lest, men ${counts.staged} tolket og ${counts.structural} avvist av CSV-leseren`);
    }
    const rowsRejected = counts.bad + counts.structural;
    const fileWarnings = await checkTotals(db, read, p);
    const asOf = await resolveAsOf(db, read, p, opts.asOf);
    if (opts.strict && rowsRejected > 0) {
      const first = await firstRejects(db, read);
      return refused(read.fileName, `--strict: ${rowsRejected} rader ville blitt avvist, så filen er ikke lastet. Første: ${first}`, {
        profile: p.name, rowsRead: read.rowsRead, rowsRejected,
      });
    }
    onProgress?.({ file, phase: 'laster' });
    const target = TARGETS[p.kind];
    if (target.prepare) await db.run(target.prepare);
    const archivePath = archiveFile(db.path, read.file, read.sha256);
    const batch = await db.transaction(async () => {
      const id = (await db.json<{ id: number }>(`SELECT nextval('batch_id_seq')::INT AS id`))[0]!.id;
      await db.run(
        `INSERT INTO batch VALUES ($id, $name, $sha, $profile, $kind, $enc, $delim, $hline, $read, $loaded, $rejected, $asOf::TIMESTAMP, now(), $archive)`,
        {
          id, name: read.fileName, sha: read.sha256, profile: p.name, kind: p.kind, enc: read.encoding, delim: read.delimiter,
          hline: read.header.line, read: read.rowsRead, loaded: counts.ok, rejected: rowsRejected, asOf, archive: archivePath,
        },
      );
      await db.run(target.insert, p.kind === 'events' ? { batch: id, asOf } : { batch: id });
      await db.run(
        `INSERT INTO reject
         SELECT $batch, line, e.column_name, regexp_replace(e.value, '\\d{11}', '***********', 'g'), e.reason
         FROM (SELECT line, unnest(errors) AS e FROM typed WHERE NOT ok)
         UNION ALL
         SELECT $batch, TRY_CAST(split_part(csv_line, $d, 1) AS INTEGER), NULL, NULL,
           CASE error_type
             WHEN 'MISSING COLUMNS' THEN 'for få kolonner: forventet ' || $n || ' (som overskriftsraden)'
             WHEN 'TOO MANY COLUMNS' THEN 'for mange kolonner: forventet ' || $n || ' (et skilletegn for mye, eller tekst som mangler anførselstegn?)'
             WHEN 'UNQUOTED VALUE' THEN 'anførselstegn på feil sted: forventet et felt som starter og slutter med "'
             ELSE 'kan ikke lese raden som CSV (' || lower(error_type) || ')' END
         FROM (SELECT any_value(csv_line) AS csv_line, arg_min(error_type, column_idx) AS error_type FROM stg_rejects GROUP BY line)`,
        { batch: id, d: read.delimiter, n: read.header.cells.length },
      );
      await db.run(
        `INSERT INTO batch_warning
         SELECT $batch, line, w.column_name, w.code, w.reason FROM (SELECT line, unnest(warns) AS w FROM typed WHERE ok AND warns IS NOT NULL)`,
        { batch: id },
      );
      for (const w of fileWarnings) {
        await db.run(`INSERT INTO batch_warning VALUES ($batch, $line, $col, $code, $msg)`, { batch: id, line: w.line, col: w.column, code: w.code, msg: w.message });
      }
      return id;
    });
    return {
      file: read.fileName, batch, profile: p.name, status: 'loaded', rowsRead: read.rowsRead, rowsLoaded: counts.ok, rowsRejected,
      warnings: await summarizeWarnings(db, batch, rowsRejected),
    };
  } finally {
    read.dispose();
    await db.run('DROP TABLE IF EXISTS temp.typed; DROP TABLE IF EXISTS temp.oslo_hour; DROP TABLE IF EXISTS temp.stg_rejects; DROP TABLE IF EXISTS temp.stg_rejects_scan');
  }
}

/**
 * The SELECT that reads the normalised CSV (all VARCHAR) and replaces patient ids by pseudonyms in
 * the same expression, so raw identifiers exist only in DuckDB's transient vectors.
 */
function sourceSelect(read: ReadExport, p: Profile): { sql: string; hasPatient: boolean } {
  const n = read.header.cells.length;
  const names = Array.from({ length: n + 1 }, (_, i) => `c${i}`);
  const patientCols = new Set(p.columns.filter((c) => c.type === 'patient').map((c) => stagingColumn(read.header.match, c.key)));
  const select = names.slice(1).map((c) => (patientCols.has(c) ? `${pseudonymSql(c)} AS ${c}` : c));
  const path = read.normalizedPath.replaceAll("'", "''");
  const delim = read.delimiter === '\t' ? '\\t' : read.delimiter;
  return {
    hasPatient: patientCols.size > 0,
    sql: `SELECT TRY_CAST(c0 AS INTEGER) AS line, ${select.join(', ')}
     FROM read_csv('${path}', delim='${delim}', quote='"', escape='"', header=true, auto_detect=false,
       columns={${names.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, null_padding=false, encoding='utf-8',
       store_rejects=true, rejects_table='stg_rejects', rejects_scan='stg_rejects_scan', max_line_size=4194304)`,
  };
}

/** Fast-path formats for date/time columns, guessed from the rows after the header. */
function formatGuesses(read: ReadExport, p: Profile): Map<string, string> {
  const guesses = new Map<string, string>();
  for (const col of p.columns) {
    const i = read.header.match.columns.get(col.key);
    if (i === undefined || (col.type !== 'timestamp' && col.type !== 'date')) continue;
    const guess = guessTimestampFormat(read.header.sample.map((row) => row[i] ?? ''));
    if (guess) guesses.set(col.key, guess);
  }
  return guesses;
}

/** The export's as-of: --as-of, else the preamble's "Utskriftsdato", else the latest time in the file. */
async function resolveAsOf(db: UskDb, read: ReadExport, p: Profile, given: string | undefined): Promise<string | null> {
  const explicit = given ?? read.asOfHint;
  if (explicit) {
    const row = (await db.json<{ ts: string | null }>(`SELECT strftime(usk_timestamp($s), '%Y-%m-%d %H:%M:%S') AS ts`, { s: explicit }))[0];
    if (!row?.ts) throw new RefusedFileError(read.fileName, `ugyldig as-of-tidspunkt «${explicit}»: forventet åååå-mm-dd tt:mm eller dd.mm.åååå tt:mm`);
    return row.ts;
  }
  const row = (await db.json<{ ts: string | null }>(`SELECT strftime((${TARGETS[p.kind].asOf}), '%Y-%m-%d %H:%M:%S') AS ts`))[0];
  return row?.ts ?? null;
}

async function firstRejects(db: UskDb, read: ReadExport): Promise<string> {
  const rows = await db.json<{ line: number; column_name: string | null; reason: string }>(
    `SELECT line, e.column_name, e.reason FROM (SELECT line, unnest(errors) AS e FROM typed WHERE NOT ok)
     UNION ALL SELECT DISTINCT TRY_CAST(split_part(csv_line, $d, 1) AS INTEGER), NULL, lower(error_type) FROM stg_rejects
     ORDER BY line LIMIT 3`,
    { d: read.delimiter },
  );
  return rows.map((r) => `linje ${r.line}${r.column_name ? `, kolonne «${r.column_name}»` : ''}: ${r.reason}`).join('; ');
}
