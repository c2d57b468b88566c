import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { maskIdentifiers } from '../db/errors.ts';
import { profileByName, PROFILES } from '../profiles/index.ts';
import { readExport, RefusedFileError, type ReadExport } from '../read/index.ts';
import { resolveKey, type PseudonymKey } from '../pseudonym/key.ts';
import { PARSERS_SQL } from '../validate/parsers.ts';
import { validateExport } from '../validate/source.ts';
import { archiveFile } from './archive.ts';
import { resolveAsOf } from './as-of.ts';
import { commitBatch } from './commit.ts';
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
    await validateExport(db, read, p, key);
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
    const prepare = TARGETS[p.kind].prepare;
    if (prepare) await db.run(prepare);
    const archivePath = archiveFile(db.path, read.file, read.sha256);
    const batch = await commitBatch(db, { read, profile: p, loaded: counts.ok, rejected: rowsRejected, asOf, archivePath, fileWarnings });
    return {
      file: read.fileName, batch, profile: p.name, status: 'loaded', rowsRead: read.rowsRead, rowsLoaded: counts.ok, rowsRejected,
      warnings: await summarizeWarnings(db, batch, rowsRejected),
    };
  } finally {
    read.dispose();
    await db.run('DROP TABLE IF EXISTS temp.typed; DROP TABLE IF EXISTS temp.oslo_hour; DROP TABLE IF EXISTS temp.stg_rejects; DROP TABLE IF EXISTS temp.stg_rejects_scan');
  }
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
