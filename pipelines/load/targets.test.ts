import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { TARGETS } from './targets.ts';

/**
 * Ingestion turns HN-LIS wall-clock times into instants with a per-year summer-time lookup read
 * from ICU (targets.ts). It must agree with usk_oslo_instant — the one home of the compatible
 * rule (db/schema.sql) — at every hour and half hour of its range, and fall back to it outside.
 */
let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await db.run(TARGETS.events.prepareRun!);
});
afterAll(() => db.close());

describe('usk_oslo_utc (ingestion) agrees with usk_oslo_instant (ICU, compatible rule)', () => {
  it('at every hour and half hour 1970–2059, including each spring gap and autumn overlap', async () => {
    const [row] = await db.json<{ checked: number; differ: number; first: string | null }>(`
      SELECT count(*)::INT AS checked, count_if(usk_oslo_utc(ts) <> usk_oslo_instant(ts))::INT AS differ,
             min(ts) FILTER (WHERE usk_oslo_utc(ts) <> usk_oslo_instant(ts))::VARCHAR AS first
      FROM (SELECT unnest(range(TIMESTAMP '1970-01-01', TIMESTAMP '2060-01-01', INTERVAL 30 MINUTE)) AS ts)`);
    expect(row).toEqual({ checked: 1_577_856, differ: 0, first: null });
  });

  it('knows summer time: 2022-03-27 02:30 (gap) is 01:30 UTC, 2022-10-30 02:30 (overlap) is 00:30 UTC', async () => {
    const rows = await db.json<{ utc: string }>(`
      SELECT strftime(usk_oslo_utc(ts) AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS utc
      FROM (VALUES (TIMESTAMP '2022-03-27 02:30'), (TIMESTAMP '2022-10-30 02:30'), (TIMESTAMP '2022-07-01 12:00'), (TIMESTAMP '1965-07-01 12:00'), (TIMESTAMP '2070-07-01 12:00')) v(ts)`);
    expect(rows.map((r) => r.utc)).toEqual(['2022-03-27 01:30', '2022-10-30 00:30', '2022-07-01 10:00', '1965-07-01 11:00', '2070-07-01 10:00']);
  });
});
