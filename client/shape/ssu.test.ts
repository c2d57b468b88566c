import { describe, expect, it } from 'vitest';
import type { PublishedRow } from '../api/schemas.ts';
import { changeLabel, comparable, monthColumns, monthNote, partYearNote, ssuTable, thinBaseNote, yearColumns } from './ssu.ts';
import { periodsBetween } from './months.ts';

const row = (kommunenr: string, kommune: string, periode: string, registrert: number, fakturert = 0): PublishedRow => ({
  kommunenr, kommune, fagomrade: 'alle', periode, registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: 0,
  forste_dogn: 0, under_terskel: 0, betalbar: registrert, timebasert: registrert, timer: 0, fakturert, differanse: 0,
  belop: 0, forventet_belop: null, prikket: [],
});

describe('SSU columns for part-years', () => {
  it('labels a year the selection covers in part with its months, a whole year by the year', () => {
    const cols = yearColumns(['2019', '2020', '2024'], '2019-07', '2024-06');
    expect(cols.map((c) => c.label)).toEqual(['2019 (jul–des)', '2020', '2024 (jan–jun)']);
    expect(cols.map((c) => c.full)).toEqual([false, true, false]);
    expect(yearColumns(['2024'], '2024-01', '2024-01')[0]!.label).toBe('2024 (jan)');
    expect(yearColumns(['2022'], undefined, undefined)[0]).toMatchObject({ label: '2022', full: true, from: '2022-01', to: '2022-12' });
  });

  it('compares first and last column only when they cover the same months, else the whole years, else nothing', () => {
    const years = ['2019', '2020', '2021', '2022', '2023', '2024'];
    expect(comparable(yearColumns(years, '2019-01', '2024-12'))).toEqual({ from: 0, to: 5 });
    expect(comparable(yearColumns(years, '2019-07', '2024-06'))).toEqual({ from: 1, to: 4 });
    expect(comparable(yearColumns(['2023', '2024'], '2023-07', '2024-06'))).toBeNull();
    expect(comparable(yearColumns(['2024'], '2024-01', '2024-12'))).toBeNull();
  });

  it('computes the change between comparable years only, and says so under the table', () => {
    const rows = [
      row('5501', 'Tromsø', '2019', 1000), row('5501', 'Tromsø', '2020', 6000), row('5501', 'Tromsø', '2023', 9000, 7000), row('5501', 'Tromsø', '2024', 4000, 3000),
      row('1806', 'Narvik', '2019', 500), row('1806', 'Narvik', '2024', 600, 400),
    ];
    const t = ssuTable(rows, yearColumns(['2019', '2020', '2023', '2024'], '2019-07', '2024-06'), 5);
    expect(t.lines[0]!.change).toEqual({ days: 3000, share: 0.5 }); // 2020 → 2023, not 1 000 → 4 000
    expect(t.lines[0]!.invoiced).toBe(3000); // the last column's invoiced days
    expect(changeLabel(t)).toBe('Endring 2020–2023');
    expect(partYearNote(t)).toBe('2019 (jul–des) og 2024 (jan–jun) er delår; endringen er regnet mellom 2020 og 2023, som dekker de samme månedene.');
    const two = ssuTable(rows, yearColumns(['2023', '2024'], '2023-07', '2024-06'), 5);
    expect(two.lines.every((l) => l.change.days === null && l.change.share === null)).toBe(true);
    expect(changeLabel(two)).toBe('Endring');
    expect(partYearNote(two)).toMatch(/ulike måneder: endringen vises ikke\.$/);
    expect(partYearNote(ssuTable(rows, ['2019', '2024'], 5))).toBeNull();
  });

  it('as registered, ranks by the sum of all years, so numbers that were replaced are not all «Andre kommuner»', () => {
    const rows = [
      row('1902', '1902 Tromsø', '2019', 5650), row('5401', '5401 Tromsø', '2020', 6344), row('5401', '5401 Tromsø', '2024', 14),
      row('5501', '5501 Tromsø', '2024', 8102), row('1806', '1806 Narvik', '2024', 1034), row('1806', '1806 Narvik', '2020', 823),
    ];
    const byLast = ssuTable(rows, ['2019', '2020', '2024'], 2);
    expect(byLast.lines.map((l) => l.kommune)).toEqual(['5501 Tromsø', '1806 Narvik']);
    const bySum = ssuTable(rows, ['2019', '2020', '2024'], 3, { rank: 'sum' });
    expect(bySum.lines.map((l) => l.kommune)).toEqual(['5501 Tromsø', '5401 Tromsø', '1902 Tromsø']);
    expect(bySum.other.values).toEqual([0, 823, 1034]);
    expect(bySum.rank).toBe('sum');
  });
});

describe('SSU table: a «–» for a percentage is explained under the table', () => {
  const rows = [row('5501', 'Tromsø', '2021', 900), row('5501', 'Tromsø', '2022', 1000), row('1933', 'Balsfjord', '2021', 4), row('1933', 'Balsfjord', '2022', 30)];
  it('when a shown row has under 10 days to compare with (Balsfjord, psykiatri 2022)', () => {
    const t = ssuTable(rows, ['2021', '2022'], 5);
    expect(t.lines.find((l) => l.kommune === 'Balsfjord')!.change).toMatchObject({ days: 26, share: null, thinBase: true });
    expect(thinBaseNote(t)).toBe('«–» i kolonnen «Endring 2021–2022, %»: under 10 døgn å sammenligne med, for lite grunnlag for en prosent.');
  });
  it('also when the row is in «Andre kommuner», which the table shows', () => {
    const t = ssuTable([...rows, row('5401', 'Tromsø', '2021', 0)], ['2021', '2022'], 1);
    expect(t.other.change.thinBase).toBe(true);
    expect(thinBaseNote(t)).not.toBeNull();
  });
  it('not when every percentage is shown, nor for a «–» with another cause (no comparable years)', () => {
    const big = [...rows.slice(0, 2), row('1806', 'Narvik', '2021', 300), row('1806', 'Narvik', '2022', 250)];
    expect(thinBaseNote(ssuTable(big, ['2021', '2022'], 1))).toBeNull();
    expect(thinBaseNote(ssuTable(rows, ['2022'], 5))).toBeNull();
  });
});

describe('SSU table per month (Kommuner with Periode = Måned)', () => {
  const months = periodsBetween('2024-01', '2024-12');
  const rows = [row('5501', 'Tromsø', '2024-11', 700, 600), row('5501', 'Tromsø', '2024-12', 650, 500), row('1806', 'Narvik', '2024-12', 90), row('1806', 'Narvik', '2024-01', 80)];
  it('has a column per month, named short with the full name beside it, at most the last twelve', () => {
    const cols = monthColumns(months);
    expect(cols.map((c) => c.label)).toEqual(['jan. 2024', 'feb. 2024', 'mar. 2024', 'apr. 2024', 'mai 2024', 'jun. 2024', 'jul. 2024', 'aug. 2024', 'sep. 2024', 'okt. 2024', 'nov. 2024', 'des. 2024']);
    expect(cols[0]).toMatchObject({ year: '2024-01', from: '2024-01', to: '2024-01', long: 'januar 2024', full: true });
    expect(monthColumns(periodsBetween('2023-01', '2024-12')).map((c) => c.year)).toEqual(months);
  });
  it('compares the last month with the month before (the previous period of the same kind) and says so', () => {
    const t = ssuTable(rows, monthColumns(months), 5, { per: 'month' });
    expect(t.per).toBe('month');
    expect(t.compare).toEqual({ from: 10, to: 11 });
    expect(t.lines[0]).toMatchObject({ kommune: 'Tromsø', invoiced: 500, change: { days: -50 } });
    expect(t.lines[0]!.change.share).toBeCloseTo(-50 / 700);
    expect(t.lines[1]!.change).toEqual({ days: 90, share: null, thinBase: true }); // Narvik: 0 in November
    expect(changeLabel(t)).toBe('Endring fra nov. 2024');
    expect(monthNote(t, 12)).toBe('Endringen er regnet fra november 2024 til desember 2024.');
    expect(monthNote(t, 24)).toBe('Tabellen viser de siste 12 av utvalgets 24 måneder (januar 2024–desember 2024); velg Fra og Til for andre måneder. Endringen er regnet fra november 2024 til desember 2024.');
  });
  it('says why there is no change when the selection is one month', () => {
    const t = ssuTable(rows, monthColumns(['2024-12']), 5, { per: 'month' });
    expect(t.compare).toBeNull();
    expect(t.lines.every((l) => l.change.days === null && l.change.share === null)).toBe(true);
    expect(changeLabel(t)).toBe('Endring');
    expect(monthNote(t, 1)).toBe('Utvalget har bare én måned (desember 2024), så det er ingen forrige måned å sammenligne med: endringen vises ikke.');
  });
  it('a table per year has no month note', () => {
    expect(monthNote(ssuTable(rows, ['2023', '2024'], 5), 24)).toBeNull();
  });
});
