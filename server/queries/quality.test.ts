import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../../pipelines/db/open.ts';
import { insertEvents, insertPeriods } from '../../pipelines/derive/test-support.ts';
import { coverage } from './quality.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await insertPeriods(db, [{ stay: 'D1', ready: '2023-02-01 10:00', uskDays: 2 }]);
  await insertEvents(db, [
    { stay: 'S1', code: '2', at: '2023-02-01 10:00' }, { stay: 'S1', code: '1', at: '2023-02-01 08:00' }, { stay: 'S1', code: 'UT', at: '2023-02-03 10:00' },
    // Only codes no counting rule uses: loaded, but no stay the periods know.
    { stay: 'NPR1', code: '1', at: '2023-02-05 09:00' },
    { stay: 'NPR12', code: '12', at: '2023-02-06 09:00' }, { stay: 'NPR12', code: '1', at: '2023-02-06 10:00' },
    { stay: 'MARCH', code: '12', at: '2023-03-01 09:00' },
  ]);
}, 60_000);
afterAll(() => db?.close());

describe('coverage', () => {
  it('counts HN-LIS stays by the events period building counts (not codes 1 and 12), and rows by every event', async () => {
    expect(await coverage(db)).toEqual([
      { source: 'dips', month: '2023-02', rows: 1, stays: 1 },
      { source: 'hnlis', month: '2023-02', rows: 6, stays: 1 },
      { source: 'hnlis', month: '2023-03', rows: 1, stays: 0 },
    ]);
  });
});
