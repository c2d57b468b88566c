import { describe, expect, it } from 'vitest';
import { BRIDGE_CATEGORIES } from '../../pipelines/query/categories.ts';
import { periodsBetween } from '../shape/months.ts';
import { sumColumns } from '../shape/totals.ts';
import { lastMonthWithRows, monthRows, pinStay, shownDayCols } from './avstemming.ts';

const SUMMED = ['registrert', ...BRIDGE_CATEGORIES, 'timebasert', 'fakturert', 'differanse', 'belop', 'forventet_belop'] as const;
const row = (periode: string, registrert: number, fakturert: number) => ({
  periode, registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: registrert, forste_dogn: 0, under_terskel: 0,
  betalbar: 0, timebasert: 0, fakturert, differanse: fakturert, belop: fakturert * 5306, forventet_belop: 0,
});
const data = periodsBetween('2019-01', '2025-01');
const RATE_YEARS = [2012, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

describe('Avstemming: månedstabellen', () => {
  it('has every month of the period, a month without days as zeros (Kvæfjord 2022: september), and the same total', () => {
    const rows = ['01', '02', '03', '04', '05', '06', '07', '08', '10', '11', '12'].map((m, i) => row(`2022-${m}`, i + 1, i % 2));
    const shown = monthRows(rows, '2022-01', '2022-12', data, RATE_YEARS);
    expect(shown.map((r) => r.periode)).toEqual(periodsBetween('2022-01', '2022-12'));
    expect(shown[8]).toEqual({ periode: '2022-09', ...Object.fromEntries(SUMMED.map((c) => [c, 0])) });
    expect(sumColumns(shown, SUMMED)).toEqual(sumColumns(rows, SUMMED));
  });
  it('a month without days in a year without a rate has no expected amount, not 0 (2013)', () => {
    const shown = monthRows([row('2013-01', 2, 0), row('2014-03', 1, 0)], '2013-01', '2014-03', periodsBetween('2012-12', '2014-03'), RATE_YEARS);
    expect(shown.find((r) => r.periode === '2013-02')?.forventet_belop).toBeNull();
    expect(shown.find((r) => r.periode === '2014-02')?.forventet_belop).toBe(0);
  });
  it('a year without a rate and without days adds nothing: its months are 0 kr and the total is the same (2026 before its rate is entered)', () => {
    const rows = [row('2025-12', 3, 3)];
    const shown = monthRows(rows, '2025-11', '2026-02', periodsBetween('2019-01', '2026-02'), RATE_YEARS);
    expect(shown.map((r) => [r.periode, r.forventet_belop])).toEqual([['2025-11', 0], ['2025-12', 0], ['2026-01', 0], ['2026-02', 0]]);
    expect(sumColumns(shown, SUMMED)).toEqual(sumColumns(rows, SUMMED));
  });
  it('stops at the data\'s last month', () => {
    expect(monthRows([row('2024-12', 3, 0)], '2024-11', '2025-12', data, RATE_YEARS).map((r) => r.periode)).toEqual(['2024-11', '2024-12', '2025-01']);
  });
  it('the last month a municipality has rows in (for the note when the period has none)', () => {
    expect(lastMonthWithRows([{ periode: '2019-11' }, { periode: '2019-03' }])).toBe('2019-11');
    expect(lastMonthWithRows([])).toBeUndefined();
  });
});

describe('Avstemming: oppholdet et funn lenker til', () => {
  const a = { stay_id: 'a' }, b = { stay_id: 'b' }, c = { stay_id: 'c' };
  it('comes first, the rest in their order', () => {
    expect(pinStay([a, b, c], [a, b, c], 'c')).toEqual([c, a, b]);
    expect(pinStay([a, b, c], [a, b, c], undefined)).toEqual([a, b, c]);
  });
  it('is shown even when the filter would leave it out; an id not there changes nothing', () => {
    expect(pinStay([a, c], [a, b, c], 'b')).toEqual([b, a, c]);
    expect(pinStay([a, c], [a, b, c], 'x')).toEqual([a, c]);
  });
});

describe('Avstemming: månedstabellens kolonner', () => {
  it('shows «Før betalingsplikt» only when the selection has such days (or they are suppressed)', () => {
    expect(shownDayCols({ ikke_betalingsplikt: 0 })).not.toContain('ikke_betalingsplikt');
    expect(shownDayCols({ ikke_betalingsplikt: 0 })).toEqual(['registrert', ...BRIDGE_CATEGORIES.filter((c) => c !== 'ikke_betalingsplikt')]);
    expect(shownDayCols({ ikke_betalingsplikt: 2 })).toEqual(['registrert', ...BRIDGE_CATEGORIES]);
    expect(shownDayCols({ ikke_betalingsplikt: null })).toContain('ikke_betalingsplikt');
  });
});
