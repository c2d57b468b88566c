import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestTempDir, removeStaleIngestDirs } from './temp.ts';

describe('ingest temporary folders', () => {
  it('removes the folders of processes that no longer run, and keeps those of live ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'usk-temp-test-'));
    // Linux pids stop at 4 194 304: this process cannot exist.
    const dead = join(root, 'usk-ingest-4194999-abc');
    mkdirSync(dead);
    writeFileSync(join(dead, 'normalized-0000.csv'), 'x');
    const live = join(root, `usk-ingest-${process.pid}-def`);
    mkdirSync(live);
    const other = join(root, 'usk-ingest-xyz');
    mkdirSync(other);
    expect(removeStaleIngestDirs(root)).toEqual(['usk-ingest-4194999-abc']);
    expect([existsSync(dead), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
  });

  it('names a new folder after this process, after clearing stale ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'usk-temp-test-'));
    mkdirSync(join(root, 'usk-ingest-4194999-old'));
    const dir = ingestTempDir(root);
    expect(dir).toMatch(new RegExp(`usk-ingest-${process.pid}-`));
    expect(existsSync(join(root, 'usk-ingest-4194999-old'))).toBe(false);
  });
});
