import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'usk-ingest-';

/**
 * A private folder for one file's temporary chunks, named after this process. The chunks hold
 * row-level data (pseudonymised), so a folder left by a process that was killed is removed by the
 * next ingest instead of staying in /tmp until a reboot.
 */
export function ingestTempDir(root: string = tmpdir()): string {
  removeStaleIngestDirs(root);
  return mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
}

/** Removes the ingest folders of processes that no longer run; a live (or unknown) owner keeps its own. */
export function removeStaleIngestDirs(root: string): string[] {
  return removeStaleOf(root, PREFIX);
}

/**
 * Removes what processes that no longer run left in `root` under `<prefix><pid>-…` (files or
 * folders); a live (or unknown) owner keeps its own.
 */
export function removeStaleOf(root: string, prefix: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!pid || alive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
