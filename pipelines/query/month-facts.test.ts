/**
 * monthFacts() on a small database built from export text through ingestFiles(): stays, patients,
 * open USK periods at the month's end (or the as-of) and the median USK length of ended periods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, tempDir, writeUtf8 } from '../load/fixtures.ts';
import { monthFacts } from './index.ts';
import { shiftMonth } from './month-facts.ts';
import { dataAsOf } from './meta.ts';

interface Stay { id: string; fnr: string; kommunenr: string; fag: string; ready: string; end?: string; days: number }
// Local 'dd.mm.yyyy HH:MM'. E is still open at its extract's as-of (01.05.2022 06:00).
const STAYS: Stay[] = [
  { id: 'A', fnr: FNR[0], kommunenr: '5401', fag: 'Somatikk', ready: '01.03.2022 10:00', end: '04.03.2022 11:00', days: 4 },
  { id: 'B', fnr: FNR[0], kommunenr: '5401', fag: 'Somatikk', ready: '20.03.2022 09:00', end: '02.04.2022 10:00', days: 14 },
  { id: 'C', fnr: FNR[1], kommunenr: '5401', fag: 'Somatikk', ready: '10.02.2022 08:00', end: '12.02.2022 00:00', days: 2 },
  { id: 'D', fnr: FNR[2], kommunenr: '5401', fag: 'Somatikk', ready: '28.03.2021 10:00', end: '31.03.2021 10:00', days: 4 },
  { id: 'E', fnr: FNR[3], kommunenr: '5401', fag: 'Somatikk', ready: '25.03.2022 10:00', days: 38 },
  { id: 'F', fnr: FNR[1], kommunenr: '5401', fag: 'Psykisk helsevern', ready: '05.03.2022 10:00', end: '07.03.2022 10:00', days: 3 },
  { id: 'G', fnr: FNR[2], kommunenr: '5402', fag: 'Somatikk', ready: '15.03.2022 10:00', end: '16.03.2022 10:00', days: 2 },
];
const OPEN_AS_OF = '01.05.2022 06:00';
const iso = (d: string) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}T${d.slice(11)}`;

let db: UskDb;
beforeAll(async () => {
  const dir = tempDir('usk-month-facts-');
  db = await openDatabase(join(dir, 'usk.duckdb'));
  const events = (s: Stay, asOf: string) => [
    `${s.id},${s.kommunenr},${s.fag},2,Utskrivningsklar,${iso(s.ready)},${iso(asOf)}`,
    `${s.id},${s.kommunenr},${s.fag},3,Varslet kommune,${iso(s.ready)},${iso(asOf)}`,
    ...(s.end ? [`${s.id},${s.kommunenr},${s.fag},UT,Utskrevet,${iso(s.end)},${iso(asOf)}`] : []),
  ];
  const closed = writeUtf8(dir, 'hnlis-2024.csv', [EVENTS_HEADER, ...STAYS.filter((s) => s.end).flatMap((s) => events(s, '01.01.2024 06:00'))]);
  const open = writeUtf8(dir, 'hnlis-2022-05.csv', [EVENTS_HEADER, ...STAYS.filter((s) => !s.end).flatMap((s) => events(s, OPEN_AS_OF))]);
  const dips = writeUtf8(dir, 'dips.csv', [DIPS_HEADER, ...STAYS.map((s) =>
    `${s.id};${s.fnr};${s.kommunenr};;${s.fag};Med;;${s.ready};${s.end ?? ''};${s.days}`)]);
  const results = await ingestFiles(db, [closed, open, dips]);
  expect(results.map((r) => [r.status, r.rowsRejected])).toEqual(results.map(() => ['loaded', 0]));
}, 60_000);
afterAll(() => db.close());

describe('monthFacts', () => {
  it('counts March 2022 against February 2022 and March 2021 in one answer', async () => {
    const f = await monthFacts(db, { month: '2022-03' });
    // The newest HN-LIS extract's, as «Data per» says it; not E's end (an older extract's as-of).
    expect(f.asOf).toBe('2024-01-01T06:00');
    // A, B, E, F, G; A and B are the same patient. B and E are open at midnight 1 April.
    expect(f.current).toEqual({ month: '2022-03', opphold: 5, pasienter: 4, usk_na: 2, median_usk_dogn: 3, avsluttede_perioder: 3 });
    expect(f.previous).toEqual({ month: '2022-02', opphold: 1, pasienter: 1, usk_na: 0, median_usk_dogn: 2, avsluttede_perioder: 1 });
    expect(f.lastYear).toEqual({ month: '2021-03', opphold: 1, pasienter: 1, usk_na: 0, median_usk_dogn: 4, avsluttede_perioder: 1 });
    expect(f.changes.opphold).toEqual({ previous: { diff: 4, share: 4 }, lastYear: { diff: 4, share: 4 } });
    expect(f.changes.usk_na).toEqual({ previous: { diff: 2, share: null }, lastYear: { diff: 2, share: null } });
    expect(f.changes.median_usk_dogn.previous).toEqual({ diff: 1, share: 0.5 });
  });

  it('filters by care area and by municipality, through the 2024 crosswalk', async () => {
    const som = await monthFacts(db, { month: '2022-03', fagomrade: 'somatikk', kommune: '5401' });
    expect(som.current).toMatchObject({ opphold: 3, pasienter: 2, usk_na: 2, median_usk_dogn: 4, avsluttede_perioder: 1 });
    expect((await monthFacts(db, { month: '2022-03', fagomrade: 'somatikk', kommune: '5501' })).current).toEqual(som.current);
    const psy = await monthFacts(db, { month: '2022-03', fagomrade: 'psykiatri' });
    expect(psy.current).toMatchObject({ opphold: 1, pasienter: 1, usk_na: 0, median_usk_dogn: 3 });
  });

  it('counts open periods at the as-of when the month is not over, and no median without ended periods', async () => {
    const f = await monthFacts(db, { month: '2022-05' });
    expect(f.current).toEqual({ month: '2022-05', opphold: 1, pasienter: 1, usk_na: 1, median_usk_dogn: null, avsluttede_perioder: 0 });
    expect(f.previous).toMatchObject({ opphold: 2, usk_na: 1, median_usk_dogn: 14 });
    // The DIPS export ends in April (its latest time, 02.04.2022): May is incomplete, so not compared.
    expect(f.changes.median_usk_dogn.previous).toEqual({ diff: null, share: null, reason: 'ufullstendig' });
    expect(f.changes.opphold).toEqual({ previous: { diff: null, share: null, reason: 'ufullstendig' }, lastYear: { diff: null, share: null, reason: 'ufullstendig' } });
  });

  it('compares no month with one the data do not reach: unknown, not zero', async () => {
    const f = await monthFacts(db, { month: '2021-03' });
    expect(f.current).toMatchObject({ opphold: 1 });
    expect(f.previous).toMatchObject({ month: '2021-02', opphold: 0 });
    expect(f.changes.opphold).toEqual({ previous: { diff: null, share: null, reason: 'ingen-data' }, lastYear: { diff: null, share: null, reason: 'ingen-data' } });
  });

  it('rejects a malformed month', async () => {
    await expect(monthFacts(db, { month: '2022-13' })).rejects.toThrow();
  });

  it('shifts months across years', () => {
    expect(shiftMonth('2022-01', -1)).toBe('2021-12');
    expect(shiftMonth('2022-03', -12)).toBe('2021-03');
    expect(shiftMonth('2022-12', 1)).toBe('2023-01');
  });
});

describe('monthFacts: the as-of when no period is open', () => {
  // The audit's case (s20b finding 4): the last stay discharged 30.10.2023 01:00, the extract taken
  // 05.11.2023 06:00. The latest period end is then the discharge, not the data's as-of.
  let small: UskDb;
  beforeAll(async () => {
    const dir = tempDir('usk-month-facts-closed-');
    small = await openDatabase(join(dir, 'usk.duckdb'));
    const asOf = '2023-11-05T06:00';
    const events = writeUtf8(dir, 'hnlis-2023-11.csv', [EVENTS_HEADER,
      `H,5401,Somatikk,2,Utskrivningsklar,2023-10-25T10:00,${asOf}`,
      `H,5401,Somatikk,3,Varslet kommune,2023-10-25T10:00,${asOf}`,
      `H,5401,Somatikk,UT,Utskrevet,2023-10-30T01:00,${asOf}`]);
    const results = await ingestFiles(small, [events]);
    expect(results.map((r) => r.status)).toEqual(['loaded']);
  }, 60_000);
  afterAll(() => small.close());

  it('names the HN-LIS as-of that «Data per» shows, not the last discharge', async () => {
    const f = await monthFacts(small, { month: '2023-10' });
    expect(f.asOf).toBe('2023-11-05T06:00');
    expect(f.asOf).toBe((await dataAsOf(small)).events);
    // Discharged before the month ended, and none open at the as-of.
    expect(f.current).toMatchObject({ opphold: 1, usk_na: 0, avsluttede_perioder: 1 });
    expect((await monthFacts(small, { month: '2023-11' })).current).toMatchObject({ opphold: 0, usk_na: 0 });
  });
});
