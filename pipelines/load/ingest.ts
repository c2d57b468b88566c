import { existsSync, rmSync, statSync, type Stats } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { maskIdentifiers } from '../db/errors.ts';
import { profileByName, PROFILES } from '../profiles/index.ts';
import { readExport, RefusedFileError, RestartAsCp1252, type ReadExport } from '../read/index.ts';
import type { TextEncoding } from '../read/encoding.ts';
import { keyFingerprint, keyPathFor, keySourceText, PseudonymKeyError, resolveKey, type PseudonymKey } from '../pseudonym/key.ts';
import { pseudonymFiller, type PseudonymFiller } from '../pseudonym/filler.ts';
import { kommuneMacroSql, PARSERS_SQL } from '../validate/parsers.ts';
import { archiveFile, archiveIncomingPath } from './archive.ts';
import { asOfSource, futureAsOfWarnings, latestTime, lonelyLatestWarnings, statedAsOf } from './as-of.ts';
import { CHUNK_TEMP_TABLES, RESET_INSERT_SETTINGS, loadChunk, type BatchContext } from './chunk.ts';
import { commitBatch } from './commit.ts';
import { joinedReportRejects } from './report-text.ts';
import { afterAsOfWarnings } from './after-as-of.ts';
import { dipsOverlapWarnings } from './dips-overlap.ts';
import { missingInNewerWarnings } from './missing-in-newer.ts';
import { repeatedKeyWarnings } from './repeated-keys.ts';
import { kommuneValidityWarnings, unstatedKommuneWarnings } from './validity.ts';
import { checkTotals } from './totals.ts';
import { ownUttrekkWarnings, readerWarnings } from './file-warnings.ts';
import { missingColumnWarnings } from './missing-columns.ts';
import { summarizeWarnings } from './warnings.ts';
import { TARGETS } from './targets.ts';
import { refreshDerived } from '../derive/index.ts';
import { refusedResult, type IngestProgress, type IngestResult } from './result.ts';
import { internalFailure } from './internal-failure.ts';

export const IngestOptions = z.object({
  profile: z.enum(PROFILES.map((p) => p.name) as [string, ...string[]]).optional(),
  /** The export's as-of time, local: 'YYYY-MM-DD HH:MM' or 'DD.MM.YYYY HH:MM'. */
  asOf: z.string().optional(),
  strict: z.boolean().default(false),
  sheet: z.string().optional(),
  maxBytes: z.number().int().positive().optional(),
  /** Rebuild the derived tables after loading (default). Off only for bulk loads that refresh once. */
  refresh: z.boolean().default(true),
  /** Records per chunk (read/normalize.ts); tests set it small to cross chunk boundaries. */
  chunkRecords: z.number().int().positive().optional(),
  /** Files up to this size are hashed before reading (read/index.ts); tests set 0 for the late path. */
  earlyHashBytes: z.number().int().nonnegative().optional(),
  /** Batches of at least this many identifiers are hashed in a worker thread (pseudonym/filler.ts); tests set 0. */
  pseudonymWorkerFrom: z.number().int().nonnegative().optional(),
});
export type IngestOptions = z.input<typeof IngestOptions>;

export interface IngestRun {
  results: IngestResult[];
  /** unverified: the database was loaded before it kept its key's fingerprint, so this key could not be checked against it. */
  key: Pick<PseudonymKey, 'source' | 'path' | 'wasLoose'> & { unverified?: true };
}

/**
 * Loads export files as handed over. Each file is refused whole, recognised as a duplicate, or
 * loaded in one transaction (batch row, rows, rejects, warnings); the derived tables are rebuilt
 * once at the end. Raw patient identifiers are pseudonymised in the reading pass, before DuckDB sees them.
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
  const [keyState] = await db.json<{ stored: string | null; loaded: boolean; synthetic: boolean }>(
    `SELECT (SELECT fingerprint FROM pseudonym_key LIMIT 1) AS stored, EXISTS (SELECT 1 FROM batch) AS loaded, EXISTS (SELECT 1 FROM synthetic_data) AS synthetic`);
  const { stored, loaded, synthetic } = keyState!;
  // A new key only for a database no file was loaded into: one with batches was pseudonymised under
  // some key, recorded or (loaded before fingerprints were kept) not, and a new random key is not it.
  // Rows bench:rules generated (synthetic_data) were made under no key.
  const key = resolveKey(db.path, process.env, { create: stored === null && (!loaded || synthetic) });
  const { unverified } = await assertSameKey(db, key, stored, loaded);
  // Files handed over may be real exports: the database is no longer only generated test data.
  await db.run('DELETE FROM synthetic_data');
  await db.run(PARSERS_SQL);
  await db.run(await kommuneMacroSql(db));
  const results: IngestResult[] = [];
  const prepared = new Set<string>();
  const prepare = async (kind: keyof typeof TARGETS) => {
    const sql = TARGETS[kind].prepareRun;
    if (sql && !prepared.has(kind)) await db.run(sql);
    prepared.add(kind);
  };
  const pseudonyms = pseudonymFiller(key.key, opts.pseudonymWorkerFrom === undefined ? {} : { workerFrom: opts.pseudonymWorkerFrom });
  try {
    for (const file of files) {
      try {
        results.push(await ingestOne(db, file, opts, pseudonyms, prepare, onProgress));
      } catch (e) {
        // Something this code did not foresee (DuckDB's reader failing on a byte sequence, an
        // internal count that does not add up): the file's transaction is rolled back, so it is
        // refused, said in the result, and the run goes on with the next file; the files before it
        // stay loaded and reported.
        results.push(internalFailure(file, opts.profile, e));
      }
    }
  } finally {
    await pseudonyms.close();
  }
  if (opts.refresh && results.some((r) => r.status === 'loaded')) {
    onProgress?.({ file: '', phase: 'utleder' });
    await refreshDerived(db);
  }
  const recorded = unverified && results.some((r) => r.status === 'loaded');
  return { results, key: { source: key.source, ...(key.path ? { path: key.path } : {}), ...(key.wasLoose ? { wasLoose: key.wasLoose } : {}), ...(recorded ? { unverified: true as const } : {}) } };
}

/**
 * Refuses a run whose key is not the one the database's patients were pseudonymised with: the
 * same patient would get a second pseudonym, and every count of patients and stays across the two
 * would be wrong without a trace. The fingerprint is recorded with the first file committed
 * (commit.ts, from the temp table run_key), so a run that loads nothing binds the database to no
 * key. A database loaded before fingerprints were kept cannot be checked: its next load records the
 * key it uses, and the run says so (`unverified`).
 */
async function assertSameKey(db: UskDb, key: PseudonymKey, stored: string | null, loaded: boolean): Promise<{ unverified: boolean }> {
  const fingerprint = keyFingerprint(key.key);
  await db.run('CREATE OR REPLACE TEMP TABLE run_key AS SELECT $f::VARCHAR AS fingerprint', { f: fingerprint });
  if (stored === null) return { unverified: loaded };
  if (stored === fingerprint) return { unverified: false };
  // Point at the key file only when it is not the key just refused (the variable was set over it).
  const file = db.path === ':memory:' ? undefined : keyPathFor(db.path);
  const otherFile = key.source === 'env' && file !== undefined && existsSync(file) ? file : undefined;
  throw new PseudonymKeyError(
    `pseudonymnøkkelen (${keySourceText(key)}) er ikke den pasientene i databasen ble pseudonymisert med: samme pasient ville fått et annet pseudonym og blitt telt to ganger. `
      + `Bruk den opprinnelige nøkkelen${otherFile ? ` (kanskje nøkkelfilen ${otherFile}: kjør da uten USK_PSEUDONYM_KEY satt)` : key.source === 'file' ? ' (sett USK_PSEUDONYM_KEY til den)' : ''}; ingen filer er lest`,
  );
}

async function ingestOne(
  db: UskDb,
  file: string,
  opts: z.output<typeof IngestOptions>,
  pseudonyms: PseudonymFiller,
  prepare: (kind: keyof typeof TARGETS) => Promise<void>,
  onProgress?: (p: IngestProgress) => void,
  encoding?: TextEncoding,
): Promise<IngestResult> {
  const profile = opts.profile ? profileByName(opts.profile) : undefined;
  const refused = (fileName: string, error: string, partial: Partial<IngestResult> = {}): IngestResult =>
    refusedResult(fileName, error, { profile: profile?.name ?? null, ...partial });
  let read: ReadExport;
  // What the file was when it was handed over: if it changes before its load ends, what was hashed,
  // loaded and archived may not be the same bytes, and the file is refused.
  let before: Stats | undefined;
  try {
    before = statSync(file);
  } catch {
    // readExport refuses it, with the reason in the user's words
  }
  try {
    read = await readExport(file, {
      ...(profile ? { profile } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
      ...(encoding ? { encoding } : {}),
      ...(opts.chunkRecords ? { chunkRecords: opts.chunkRecords } : {}),
      pseudonyms,
      ...(opts.earlyHashBytes !== undefined ? { earlyHashBytes: opts.earlyHashBytes } : {}),
      onBytes: (bytes, total) => onProgress?.({ file, phase: 'leser', bytes, total }),
    });
  } catch (e) {
    if (e instanceof RefusedFileError) return refused(e.file, e.message);
    throw e;
  }
  // The archive's copy is made by the kernel while the file is read; whatever becomes of the load,
  // a copy not moved into place is removed below.
  const archiveCopy = archiveIncomingPath(db.path);
  let copying: Promise<void> | undefined;
  try {
    const p = read.header.match.profile;
    // Files up to 64 MB and every xlsx are hashed when opened, so a duplicate is refused at once;
    // a larger CSV is hashed while it is read, so its duplicate is found at the end and its
    // transaction rolled back (one pass over the bytes instead of two).
    const hashedEarly = read.sha256 !== undefined;
    if (hashedEarly) await refuseDuplicate(db, read);
    copying = copyFile(file, archiveCopy);
    copying.catch(() => undefined); // awaited before the archive takes it, and in finally
    const stated = await statedAsOf(db, read, opts.asOf);
    await prepare(p.kind);
    return await db.transaction(async () => {
      const batch = (await db.json<{ id: number }>(`SELECT (coalesce(max(batch_id), 0) + 1)::INT AS id FROM batch`))[0]!.id;
      const ctx: BatchContext = { batch, read, profile: p, asOf: stated, asOfGiven: opts.asOf !== undefined, ownUttrekk: { rows: 0, firstLine: null } };
      await db.run('CREATE OR REPLACE TEMP TABLE ingest_sum (col VARCHAR, total DECIMAL(38,4), identifiers INTEGER, unreadable INTEGER)');
      let loaded = 0;
      let rejected = 0;
      let unsplit = 0;
      for await (const chunk of read.chunks()) {
        const c = await loadChunk(db, ctx, chunk);
        loaded += c.loaded;
        rejected += c.rejected;
        unsplit += c.unsplit;
      }
      if (unsplit > 0) await joinedReportRejects(db, ctx);
      onProgress?.({ file, phase: 'laster' });
      if (!hashedEarly) await refuseDuplicate(db, read);
      if (opts.strict && rejected > 0) throw new StrictRefusal(rejected, await firstRejects(db, batch));
      const fileWarnings = await checkTotals(db, read, p, batch, unsplit);
      let source = await asOfSource(db, p, stated, opts.asOf, batch);
      if (ctx.ownUttrekk.rows > 0) {
        // Rows kept their own Uttrekk over --as-of (counted only when it was given): the file's
        // as-of is the latest the rows carry, which is --as-of itself when rows without an Uttrekk
        // took it and it is the later one.
        ctx.asOf = await latestTime(db, p, batch);
        if (ctx.asOf !== stated) source = 'file';
      }
      if (stated === null) {
        ctx.asOf = await latestTime(db, p, batch);
        // Events without an Uttrekk of their own take the file's as-of, known only now.
        if (p.kind === 'events' && ctx.asOf !== null) {
          await db.run('UPDATE src_event SET as_of = $asOf::TIMESTAMP WHERE batch_id = $batch AND as_of IS NULL', { asOf: ctx.asOf, batch });
        }
      }
      fileWarnings.push(
        ...(await futureAsOfWarnings(db, source, ctx.asOf)), ...(await lonelyLatestWarnings(db, p, source, batch)),
        ...readerWarnings(read), ...missingColumnWarnings(read, { rows: loaded, asOf: ctx.asOf, asOfFrom: source }),
        ...(stated !== null && opts.asOf !== undefined ? ownUttrekkWarnings(ctx, stated) : []),
      );
      await kommuneValidityWarnings(db, read, p, batch);
      await unstatedKommuneWarnings(db, read, p, batch);
      await repeatedKeyWarnings(db, p, batch);
      await afterAsOfWarnings(db, read, p, batch, ctx.asOf);
      await dipsOverlapWarnings(db, read, p, batch);
      await copying;
      refuseIfChanged(read, before);
      const archivePath = archiveFile(db.path, read.file, read.sha256!, archiveCopy);
      await commitBatch(db, { ctx, loaded, rejected, archivePath, fileWarnings });
      await missingInNewerWarnings(db, read, p, batch);
      const result: IngestResult = {
        file: read.fileName, batch, profile: p.name, status: 'loaded', rowsRead: read.rowsRead, rowsLoaded: loaded, rowsRejected: rejected,
        ...(ctx.asOf !== null ? { asOf: ctx.asOf.slice(0, 16), asOfFrom: source } : {}),
        warnings: await summarizeWarnings(db, batch, rejected),
      };
      return result;
    });
  } catch (e) {
    if (e instanceof DuplicateFile) {
      const b = e.earlier;
      return {
        file: read.fileName, batch: b.batch_id, profile: read.header.match.profile.name, status: 'duplicate', rowsRead: read.rowsRead, rowsLoaded: 0, rowsRejected: 0,
        warnings: [`samme fil (SHA-256) er allerede lastet som batch ${b.batch_id} («${b.file_name}», ${b.loaded_at}); ingenting nytt lastet`],
      };
    }
    if (e instanceof RestartAsCp1252 && !encoding) {
      read.dispose();
      return ingestOne(db, file, opts, pseudonyms, prepare, onProgress, 'windows-1252');
    }
    if (e instanceof StrictRefusal) {
      return refused(read.fileName, `${read.fileName}: --strict: ${e.rejected} ${e.rejected === 1 ? 'rad' : 'rader'} ville blitt avvist, så filen er ikke lastet. Første: ${e.first}`, {
        profile: read.header.match.profile.name, rowsRead: read.rowsRead, rowsRejected: e.rejected,
      });
    }
    if (e instanceof RefusedFileError) return refused(read.fileName, e.message);
    throw e;
  } finally {
    read.dispose();
    await copying?.catch(() => undefined);
    rmSync(archiveCopy, { force: true });
    // The file's outcome is decided (committed or rolled back): a failing clean-up must not turn a
    // loaded file into a refused one. It is said on stderr, for the operator, and the run goes on.
    await db.run(`${CHUNK_TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS temp.${t};`).join(' ')} ${RESET_INSERT_SETTINGS}`).catch((e: unknown) => {
      process.stderr.write(`usk: opprydding etter ${read.fileName} feilet: ${maskIdentifiers(e instanceof Error ? e.message : String(e))}\n`);
    });
  }
}

/** The file was written to, replaced or truncated while it was loaded (its size, time or inode changed). */
function refuseIfChanged(read: ReadExport, before: Stats | undefined): void {
  let after: Stats | undefined;
  try {
    after = statSync(read.file);
  } catch {
    // gone: as changed as it gets
  }
  if (!before || !after || after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) {
    throw new RefusedFileError(read.fileName, 'filen ble endret mens den ble lest inn (forventet en ferdig skrevet fil): last den inn på nytt når eksporten er ferdig');
  }
}

interface EarlierBatch {
  batch_id: number;
  file_name: string;
  loaded_at: string;
}

/** The same bytes were loaded before: nothing new is loaded (the transaction, if any, rolls back). */
class DuplicateFile extends Error {
  constructor(readonly earlier: EarlierBatch) {
    super('duplikat');
  }
}

async function refuseDuplicate(db: UskDb, read: ReadExport): Promise<void> {
  const [earlier] = await db.json<EarlierBatch>(
    `SELECT batch_id, file_name, strftime(loaded_at, '%d.%m.%Y %H:%M') AS loaded_at FROM batch WHERE sha256 = $sha`,
    { sha: read.sha256 ?? null },
  );
  if (earlier) throw new DuplicateFile(earlier);
}

/** --strict and rows that would be rejected: the file's transaction is rolled back. */
class StrictRefusal extends Error {
  constructor(
    readonly rejected: number,
    readonly first: string,
  ) {
    super('--strict');
  }
}

async function firstRejects(db: UskDb, batch: number): Promise<string> {
  const rows = await db.json<{ line: number; column_name: string | null; reason: string }>(
    `SELECT line, column_name, reason FROM reject WHERE batch_id = $batch ORDER BY line NULLS FIRST, column_name LIMIT 3`,
    { batch },
  );
  return rows.map((r) => `linje ${r.line}${r.column_name ? `, kolonne «${r.column_name}»` : ''}: ${r.reason}`).join('; ');
}
