import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { loadSources } from '../derive/test-support.ts';
import { dataAsOf, databaseId, dataVersion, metadata } from './index.ts';
import { tempDir } from '../load/fixtures.ts';
import { join } from 'node:path';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
});
afterAll(() => db.close());

describe('metadata', () => {
  it('is empty but well-formed on an empty database', async () => {
    expect(await dataVersion(db)).toBe(0);
    expect(await dataAsOf(db)).toEqual({ periods: null, events: null, invoices: null });
    const m = await metadata(db);
    expect(m).toMatchObject({ months: [], years: [], kommuner: [], fagomrader: [] });
    expect(m.ruleSets.map((r) => r.id)).toEqual(['fakturagrunnlag', 'dips', 'timebasert']);
  });

  it('names periods, municipalities (historical and current), care areas and as-of per source', async () => {
    await loadSources(db, {
      asOf: '2019-07-01 06:00',
      events: [
        { stay: 'L', code: '2', at: '2019-06-29 10:00', kommunenr: '1931', fagomrade: 'tsb' },
        { stay: 'L', code: 'UT', at: '2019-07-01 10:00', kommunenr: '1931', fagomrade: 'tsb' },
      ],
    });
    expect(await dataVersion(db)).toBeGreaterThan(0);
    expect((await dataAsOf(db)).events).toBe('2019-07-01T06:00');
    const m = await metadata(db);
    expect(m.months).toEqual(['2019-06', '2019-07']);
    expect(m.years).toEqual([2019]);
    expect(m.kommuner).toEqual([{ kommunenr: '1931', navn: 'Lenvik', current_nr: '5530', current_navn: 'Senja', valid_from: null, valid_to: 2019 }]);
    expect(m.fagomrader).toEqual(['tsb']);
  });
});

describe('databaseId', () => {
  it('is made once, on the first open: kept when the file is opened again, another for another file', async () => {
    const dir = tempDir();
    const idOf = async (path: string) => {
      const d = await openDatabase(path);
      try {
        return await databaseId(d);
      } finally {
        d.close();
      }
    };
    const first = await idOf(join(dir, 'a.duckdb'));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf(join(dir, 'a.duckdb'))).toBe(first);
    expect(await idOf(join(dir, 'b.duckdb'))).not.toBe(first);
  });
});
