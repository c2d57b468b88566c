import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { findings } from '../query/index.ts';
import { refreshDerived } from './index.ts';
import { insertEvents, type TestEvent } from './test-support.ts';

const stay = (id: string, ready: string, out?: string): TestEvent[] =>
  [{ stay: id, code: '2', at: ready }, ...(out ? [{ stay: id, code: 'UT' as const, at: out }] : [])];
/** Stays both extracts have: a newer version of an extract repeats most of the older one. */
const common = ['K1', 'K2', 'K3', 'K4'].flatMap((id) => stay(id, '2024-02-01 13:00', '2024-02-03 13:00'));

describe('opphold-mangler-i-nyere: a stay a newer HN-LIS extract leaves out', () => {
  it('is said where the newer extract repeats stays of the older and surrounds its first event and its discharge; still counted', async () => {
    const db = await openDatabase(':memory:');
    try {
      const older = await insertEvents(db, [
        ...common,
        ...stay('KEEP', '2024-02-01 10:00', '2024-02-03 10:00'),
        ...stay('OLDID', '2024-02-02 10:00', '2024-02-04 10:00'), // renamed NEWID in HN-LIS
        ...stay('EARLYOUT', '2024-02-01 11:00', '2024-02-02 11:00'), // discharged before the newer extract's first discharge
        ...stay('OPEN', '2024-02-02 12:00'), // not discharged: an extract of discharged stays leaves it out
        ...stay('EDGE', '2024-02-01 09:00', '2024-02-04 09:00'), // before the newer extract's first event
      ], '2024-02-05 06:00');
      const newerStays = [
        ...common,
        ...stay('KEEP', '2024-02-01 10:00', '2024-02-03 10:00'),
        ...stay('NEWID', '2024-02-02 10:00', '2024-02-04 10:00'),
        ...stay('LATE', '2024-02-05 10:00', '2024-02-08 10:00'),
      ];
      const newer = await insertEvents(db, newerStays, '2024-02-09 06:00');
      // Another extract, later and wider, whose Oppholds-IDs meet one stay by chance (KEEP): it repeats
      // too few of the others' stays to count as a newer version of either.
      await insertEvents(db, [
        ...stay('X1', '2024-01-20 10:00', '2024-01-21 10:00'), ...stay('KEEP', '2024-02-10 10:00', '2024-02-11 10:00'),
        ...stay('X2', '2024-02-20 10:00', '2024-02-21 10:00'),
      ], '2024-02-22 06:00');
      await refreshDerived(db);

      const found = await findings(db, { code: 'opphold-mangler-i-nyere' });
      expect(found.map((f) => [f.stay_id, f.severity, f.periode, f.message])).toEqual([[
        'OLDID', 'advarsel', '2024-02',
        `Oppholdet (2 hendelser 02.02.2024 10:00–04.02.2024 10:00, batch ${older}) er ikke med i et nyere uttrekk (batch ${newer}) som har hendelser ` +
          `og utskrivninger både før og etter det og ellers gjentar opphold fra batch ${older}: er Oppholds-ID rettet eller oppholdet slettet i HN-LIS? Døgnene telles fortsatt`,
      ]]);
      // Still counted, beside the same stay under its new id.
      const periods = await db.json<{ stay_id: string }>(`SELECT stay_id FROM usk_period WHERE stay_id IN ('OLDID', 'NEWID') ORDER BY stay_id`);
      expect(periods).toEqual([{ stay_id: 'NEWID' }, { stay_id: 'OLDID' }]);

      // A yet newer extract that has the stay again: nothing said.
      await insertEvents(db, [...newerStays, ...stay('OLDID', '2024-02-02 10:00', '2024-02-04 10:00')], '2024-02-23 06:00');
      await refreshDerived(db);
      expect(await findings(db, { code: 'opphold-mangler-i-nyere' })).toEqual([]);
    } finally {
      db.close();
    }
  });
});
