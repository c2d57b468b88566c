import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { findings } from '../query/index.ts';
import { refreshDerived } from './index.ts';
import { insertPeriods, type TestPeriod } from './test-support.ts';

const row = (stay: string, ready: string, discharged: string | null, uskDays: number): TestPeriod => ({ stay, ready, discharged, uskDays });

describe('dips-mangler-i-nyere: a DIPS row a newer report leaves out', () => {
  it('is said where the newer report repeats rows of the older and has rows before and after it; still counted', async () => {
    const db = await openDatabase(':memory:');
    try {
      const older = await insertPeriods(db, [
        row('S1', '2024-01-10', '2024-01-15', 6),
        row('GONE', '2024-01-20', '2024-01-25', 6), // deleted in DIPS: the newer report has rows on both sides
        row('FIXED', '2024-01-18', '2024-01-19', 2), // its Utskrivningsklar corrected to 22.01 (no overlap)
        row('EDGE', '2024-01-05', '2024-01-09', 5), // before the newer report's first Utskrivningsklar
        row('EARLY', '2024-01-12', '2024-01-13', 2), // discharged before the newer report's first Utskrevet
        row('S3', '2024-01-28', '2024-02-02', 6),
      ], '2024-02-05');
      const newer = await insertPeriods(db, [
        row('S1', '2024-01-10', '2024-01-15', 6),
        row('FIXED', '2024-01-22', '2024-01-23', 2),
        row('S3', '2024-01-28', '2024-02-02', 6),
        row('S4', '2024-02-10', '2024-02-20', 11),
      ], '2024-03-05');
      // Another hospital's report, later and wider, whose Oppholds-ID and date meet one row by chance
      // (S1): it repeats too few of the others' rows to count as a newer version of either.
      await insertPeriods(db, [row('X1', '2023-12-01', '2023-12-02', 2), row('S1', '2024-01-10', '2024-01-12', 3), row('X2', '2024-03-01', '2024-03-20', 20)], '2024-04-01');
      await refreshDerived(db);

      const found = await findings(db, { code: 'dips-mangler-i-nyere' });
      const said = (stay: string, ready: string, days: number) => [stay, 'advarsel', '2024-01',
        `DIPS-raden med Utskrivningsklar ${ready} (${days} døgn, batch ${older}) er ikke med i en nyere DIPS-rapport (batch ${newer}) ` +
        `som har rader både før og etter den og ellers gjentar rader fra batch ${older}: er den slettet eller rettet i DIPS? Døgnene telles fortsatt`];
      expect(found.map((f) => [f.stay_id, f.severity, f.periode, f.message]).sort()).toEqual([
        said('FIXED', '18.01.2024', 2),
        said('GONE', '20.01.2024', 6),
      ]);
      // Still counted: exports.md supersedes by key only.
      const [gone] = await db.json<{ n: number }>(`SELECT count(*)::INT AS n FROM src_period_current WHERE stay_id = 'GONE'`);
      expect(gone).toEqual({ n: 1 });

      // A yet newer report that has the row again: it is current there, and nothing is said of it.
      await insertPeriods(db, [
        row('S1', '2024-01-10', '2024-01-15', 6), row('GONE', '2024-01-20', '2024-01-25', 6), row('FIXED', '2024-01-22', '2024-01-23', 2),
        row('S3', '2024-01-28', '2024-02-02', 6), row('S4', '2024-02-10', '2024-02-20', 11),
      ], '2024-03-10');
      await refreshDerived(db);
      expect((await findings(db, { code: 'dips-mangler-i-nyere' })).map((f) => f.stay_id)).toEqual(['FIXED']);
    } finally {
      db.close();
    }
  });
});
