/**
 * vitest globalSetup: the test run's temporary files (databases, uploads, browser profiles, kill
 * tests' children) go under one folder of their own, removed when the run ends, instead of a few
 * hundred MB of folders left in /tmp by every run. Workers and the processes tests start inherit
 * TMPDIR, which os.tmpdir() reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'usk-vitest-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
