/**
 * National scale on a small size (one year, a few thousand stays): deterministic, numbers valid in
 * the year, all three formats readable by the real ingestion, registered days equal to DIPS' sum.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { ingestFiles } from '../../load/ingest.ts';
import { reconcile } from '../../query/index.ts';
import { loadKommuneRef } from '../kommuner.ts';
import { generateNational, type NationalSummary } from './national.ts';

const SIZE = { fromYear: 2024, toYear: 2024, staysPerYear: 3000 };

describe('national scale mode (small size)', () => {
  let dir: string;
  let summary: NationalSummary;
  const hashes = (d: string) => readdirSync(d).sort().map((f) => `${f}:${createHash('sha256').update(readFileSync(join(d, f))).digest('hex')}`);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usk-national-'));
    summary = await generateNational({ ...SIZE, outDir: join(dir, 'a') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes every run', async () => {
    await generateNational({ ...SIZE, outDir: join(dir, 'b') });
    expect(hashes(join(dir, 'b'))).toEqual(hashes(join(dir, 'a')));
    expect(summary).toMatchObject({ stays: expect.any(Number), files: 12 + 1 + 2 });
    expect(summary.stays).toBeGreaterThan(2900);
    expect(summary.eventRows / summary.stays).toBeGreaterThan(3);
  });

  it('spreads over the municipalities of kommuner-2026 with numbers valid in the year', () => {
    const ref = loadKommuneRef();
    const text = new TextDecoder('windows-1252').decode(readFileSync(join(dir, 'a', 'dips-usk-2024.csv')));
    const rows = text.split('\r\n').slice(4).filter((l) => /^\d/.test(l)).map((l) => l.split(';'));
    const numbers = new Set(rows.map((r) => r[2] ?? ''));
    expect([...numbers].every((nr) => ref.valid(nr, 2024))).toBe(true);
    expect(numbers.size).toBeGreaterThan(200);
  });

  it('loads through ingestFiles without a rejected row, registered = the DIPS Sum row', async () => {
    const db = await openDatabase(':memory:');
    try {
      const files = readdirSync(join(dir, 'a')).sort().map((f) => join(dir, 'a', f));
      const results = await ingestFiles(db, files);
      expect(results.filter((r) => r.status !== 'loaded' || r.rowsRejected > 0)).toEqual([]);
      const text = new TextDecoder('windows-1252').decode(readFileSync(join(dir, 'a', 'dips-usk-2024.csv'))).trim();
      const dipsSum = Number(text.split('\r\n').pop()?.split(';').pop());
      const rows = await reconcile(db, { by: 'period', from: '2024-01', to: '2025-12' });
      expect(rows.reduce((s, r) => s + r.registrert, 0)).toBe(dipsSum);
    } finally {
      db.close();
    }
  });
});
