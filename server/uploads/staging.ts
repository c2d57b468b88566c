/**
 * Where uploads wait until their job has loaded them: `<db>.uploads/` beside the database. An upload
 * is the source system's export as handed over, fødselsnumre and all, so it is kept in the folder
 * that already holds the database, its key and the archive of such files, the one the hospital
 * protects as such; not in the temp dir, which may be another disk, a tmpfs, or backed up otherwise.
 * Each upload gets a folder of its own in it, removed when its job ends.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { removeStaleOf } from '../../pipelines/read/temp.ts';

export class UploadStagingError extends Error {
  override readonly name = 'UploadStagingError';
  constructor(readonly dir: string, options: ErrorOptions) {
    super(`Kan ikke lage mappen for opplastinger ${dir}: ${(options.cause as Error | undefined)?.message ?? 'ukjent feil'}`, options);
  }
}

export const stagingDirFor = (dbPath: string): string => `${resolve(dbPath)}.uploads`;

/** Where an older version staged uploads: `<tmp>/usk-upload-<pid>-…`. */
const OLD_TMP_PREFIX = 'usk-upload-';

/**
 * Call once the server holds the database (DuckDB's lock): only that server stages uploads here, so
 * what it finds was left by one that was killed, and is removed. The folder is then made anew, 0700
 * whatever mode the old one had, when this server takes uploads (demo mode does not: no folder).
 */
export function prepareStaging(dbPath: string, takesUploads: boolean): string {
  const dir = stagingDirFor(dbPath);
  // What an older version, killed, left in the temp dir: raw exports too.
  removeStaleOf(tmpdir(), OLD_TMP_PREFIX);
  try {
    rmSync(dir, { recursive: true, force: true });
    // Not recursive: a folder someone made since the line above is an error, not one to take over.
    if (takesUploads) mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    throw new UploadStagingError(dir, { cause: e });
  }
  return dir;
}
