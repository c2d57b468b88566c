import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';

/** The archive beside the database; for in-memory databases, a folder under the temp dir. */
export function archiveRoot(dbPath: string): string {
  return dbPath === ':memory:' ? join(tmpdir(), 'usk-archive') : join(dirname(resolve(dbPath)), 'archive');
}

/**
 * Keeps the file byte for byte under its SHA-256 (content-addressed, so the same file is stored
 * once). Written to a temporary name and renamed, so a kill never leaves half a file under the
 * final name. Returns the path relative to the database's folder.
 */
export function archiveFile(dbPath: string, file: string, sha256: string): string {
  const root = archiveRoot(dbPath);
  const target = join(root, sha256.slice(0, 2), `${sha256}${extname(file).toLowerCase()}`);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${process.pid}.tmp`;
    copyFileSync(file, tmp);
    renameSync(tmp, target);
  }
  return dbPath === ':memory:' ? target : relative(dirname(resolve(dbPath)), target);
}
