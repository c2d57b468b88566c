import type { UskDb } from '../db/open.ts';
import { maskIdentifiers } from '../db/errors.ts';
import type { FileWarning } from './totals.ts';
import type { BatchContext } from './chunk.ts';

export interface BatchToCommit {
  ctx: BatchContext;
  loaded: number;
  rejected: number;
  archivePath: string;
  fileWarnings: readonly FileWarning[];
}

/**
 * Writes a file's batch row and its file-level warnings, last, inside the transaction that holds
 * its rows (loadChunk): a kill at any point leaves the database as before the file or with all
 * of it.
 */
export async function commitBatch(db: UskDb, b: BatchToCommit): Promise<void> {
  const { read, profile: p, batch, asOf } = b.ctx;
  await db.run(
    `INSERT INTO batch VALUES ($id, $name, $sha, $profile, $kind, $enc, $delim, $hline, $read, $loaded, $rejected, $asOf::TIMESTAMP, now(), $archive)`,
    {
      id: batch, name: read.fileName, sha: read.sha256 ?? null, profile: p.name, kind: p.kind, enc: read.encoding, delim: read.delimiter,
      hline: read.header.line, read: read.rowsRead, loaded: b.loaded, rejected: b.rejected, asOf, archive: b.archivePath,
    },
  );
  // The first file committed records the run's key (load/ingest.ts assertSameKey).
  await db.run('INSERT INTO pseudonym_key SELECT fingerprint, now() FROM temp.run_key WHERE NOT EXISTS (SELECT 1 FROM pseudonym_key)');
  for (const w of b.fileWarnings) {
    // A file warning may quote a cell (a totals row's text), which may hold a fødselsnummer.
    await db.run(`INSERT INTO batch_warning VALUES ($batch, $line, $col, $code, $msg)`, { batch, line: w.line, col: w.column, code: w.code, msg: maskIdentifiers(w.message) });
  }
}
