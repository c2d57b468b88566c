import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { removeStaleOf } from '../read/temp.ts';

let memoryArchive: string | undefined;

/**
 * The archive beside the database; for in-memory databases, a private folder of this process under
 * the temp dir (a shared name there could be another user's folder, or one anyone may read).
 */
export function archiveRoot(dbPath: string): string {
  if (dbPath === ':memory:') return (memoryArchive ??= mkdtempSync(join(tmpdir(), 'usk-archive-')));
  return join(dirname(resolve(dbPath)), 'archive');
}

const INCOMING = '.incoming-';

/**
 * A fresh path in the archive for a file's copy, made while the file is read (the kernel copies;
 * it costs the pass almost nothing and is done before the load's end). Copies left by processes
 * that were killed are removed first.
 */
export function archiveIncomingPath(dbPath: string): string {
  const root = archiveRoot(dbPath);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // The archive holds every export as handed over, raw identifiers and all: the owner's alone, also
  // when the folder was made by hand or by an older version (a copy keeps its file's mode until it is
  // archived, so the folder is what keeps others out meanwhile).
  if (statSync(root).mode & 0o077) chmodSync(root, 0o700);
  removeStaleOf(root, INCOMING);
  return join(root, `${INCOMING}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Keeps the file byte for byte under its SHA-256 (content-addressed, so the same file is stored
 * once): `copy`, made with archiveIncomingPath while the file was read, is moved into place under
 * its final name in one rename, so a kill never leaves half a file there. Returns the path
 * relative to the database's folder.
 */
export function archiveFile(dbPath: string, file: string, sha256: string, copy: string): string {
  const root = archiveRoot(dbPath);
  const target = join(root, sha256.slice(0, 2), `${sha256}${extname(file).toLowerCase()}`);
  if (existsSync(target)) {
    rmSync(copy, { force: true });
  } else {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    // The copy holds the raw identifiers: the owner's alone, whatever mode the user's file had
    // (copyFile keeps it, so an export saved 0644 would be readable by every user of the machine).
    chmodSync(copy, 0o600);
    renameSync(copy, target);
  }
  return dbPath === ':memory:' ? target : relative(dirname(resolve(dbPath)), target);
}
