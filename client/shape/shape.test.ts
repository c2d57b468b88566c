import { describe, expect, it } from 'vitest';
import type { PublishedRow } from '../api/schemas.ts';
import type { RuleParams } from '../../pipelines/query/contract.ts';
import { waterfall } from './bridge.ts';
import { formatMeasure, headlineOf, measureLabel } from './headline.ts';
import { careAreaText, eventLabel, kommuneLabel } from './labels.ts';
import { addMonths, everyMonth, isCompletePeriod, periodsBetween, shortPeriod } from './months.ts';
import { sentences } from './sentences.ts';
import { ssuTable } from './ssu.ts';
import { change, differences, ranking, sumColumns, totalsByPeriod } from './totals.ts';

const row = (kommunenr: string, kommune: string, periode: string, registrert: number, fakturert = 0, betalbar = 0): PublishedRow => ({
  kommunenr, kommune, fagomrade: 'somatikk', periode, registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: 0,
  forste_dogn: registrert - betalbar, under_terskel: 0, betalbar, timebasert: betalbar, timer: 0, fakturert, differanse: fakturert - betalbar,
  belop: fakturert * 5306, forventet_belop: null, prikket: [],
});

describe('months', () => {
  it('adds months across years', () => {
    expect(addMonths('2023-01', -1)).toBe('2022-12');
    expect(addMonths('2022-12', -23)).toBe('2021-01');
    expect(addMonths('2022-11', 14)).toBe('2024-01');
  });
  it('a year is complete only when its December is', () => {
    expect(isCompletePeriod('2024', '2024-12')).toBe(true);
    expect(isCompletePeriod('2025', '2024-12')).toBe(false);
    expect(isCompletePeriod('2024', '2024-11')).toBe(false);
    expect(isCompletePeriod('2024-11', '2024-11')).toBe(true);
    expect(isCompletePeriod('2025-01', '2024-12')).toBe(false);
    expect(isCompletePeriod('2025', undefined)).toBe(true);
  });

});

describe('periods, sums and labels', () => {
  it('names every event code in words, HN-LIS\'s UT for the discharge too', () => {
    expect(['2', '3', '4', '6', '7', 'UT', 'ut'].map(eventLabel)).toEqual([
      'Utskrivningsklar', 'Kommunen varslet om utskrivningsklar pasient', 'Avmeldt', 'Kommunen kan ikke ta imot', 'Kommunen kan ta imot', 'Utskrevet', 'Utskrevet',
    ]);
  });
  it('every month (or year) between two, so a month without days can be shown as 0', () => {
    expect(periodsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periodsBetween('2019', '2021')).toEqual(['2019', '2020', '2021']);
    expect(periodsBetween('2024-02', '2024-01')).toEqual([]);
  });
  it('every month of a period as a row, a month without one as empty, clipped to the data\'s months', () => {
    const rows = [{ periode: '2022-08', n: 18 }, { periode: '2022-10', n: 9 }];
    const empty = (periode: string) => ({ periode, n: 0 });
    const data = periodsBetween('2019-01', '2025-01');
    expect(everyMonth(rows, '2022-07', '2022-11', data, empty)).toEqual([
      { periode: '2022-07', n: 0 }, { periode: '2022-08', n: 18 }, { periode: '2022-09', n: 0 }, { periode: '2022-10', n: 9 }, { periode: '2022-11', n: 0 },
    ]);
    // Not past the data's last month (nor before its first): those months are not known to be empty.
    expect(everyMonth([], '2024-11', '2025-12', data, empty).map((r) => r.periode)).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(everyMonth([], '2018-11', '2019-02', data, empty).map((r) => r.periode)).toEqual(['2019-01', '2019-02']);
    expect(everyMonth(rows, '2022-08', '2022-10', [], empty).map((r) => r.n)).toEqual([18, 0, 9]);
  });
  it('column sums for a total row; a suppressed cell makes its column unknown', () => {
    expect(sumColumns([{ a: 1, b: 2 }, { a: 3, b: null }], ['a', 'b'] as const)).toEqual({ a: 4, b: null });
    expect(sumColumns([], ['a'] as const)).toEqual({ a: 0 });
  });
  it('care areas and municipalities as a reader reads them', () => {
    expect(careAreaText('psykiatri')).toBe('psykisk helsevern og TSB');
    expect(careAreaText('alle')).toBe('alle fagområder');
    expect(kommuneLabel('5401', 'Tromsø', 'registered')).toBe('5401 Tromsø');
    expect(kommuneLabel('5501', 'Tromsø', 'current')).toBe('Tromsø');
  });
  it('a rule set\'s headline, and hour-based days with one decimal', () => {
    const rs = (id: string, headline?: 'betalbar' | 'timebasert') => ({ id, name: id, version: 1, preset: true, createdAt: '', params: { firstDayFree: false, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, ...(headline ? { headline } : {}) } });
    const sets = [rs('fakturagrunnlag', 'betalbar'), rs('timebasert', 'timebasert'), rs('old')];
    expect(headlineOf(sets, 'timebasert')).toBe('timebasert');
    expect(headlineOf(sets, 'old')).toBe('betalbar');
    expect(headlineOf(sets, 'unknown')).toBe('betalbar');
    expect(formatMeasure('timebasert', 14288.8)).toBe('14\u00a0288,8');
    expect(formatMeasure('betalbar', 16464)).toBe('16\u00a0464');
  });
});

describe('totals, change, ranking', () => {
  const rows = [row('5501', 'Tromsø', '2022', 8190, 6904), row('5503', 'Harstad', '2022', 3213, 1857), row('5501', 'Tromsø', '2021', 6554), row('5503', 'Harstad', '2021', 4066)];
  it('sums per period', () => {
    expect(totalsByPeriod(rows).get('2022')).toMatchObject({ registrert: 11403, fakturert: 8761 });
  });
  it('a suppressed cell makes the total unknown', () => {
    const r = { ...row('1', 'A', '2022', 3), registrert: null } as unknown as PublishedRow;
    expect(totalsByPeriod([r, row('2', 'B', '2022', 5)]).get('2022')?.registrert).toBeNull();
  });
  it('change in days and share', () => {
    expect(change(3066, 3023)).toEqual({ days: 43, share: 43 / 3023 });
    expect(change(5, 0).share).toBeNull();
    expect(change(null, 4).days).toBeNull();
  });
  it('ranks by the period, with the change from the other', () => {
    const r = ranking(rows, 'registrert', '2022', '2021');
    expect(r.map((x) => x.kommune)).toEqual(['Tromsø', 'Harstad']);
    expect(r[1]!.change.days).toBe(3213 - 4066);
  });
  it('shows a municipality without days in the earlier period as 0 then, the figure its change is taken from (not «–» beside «+25»)', () => {
    const r = ranking([...rows, row('5530', 'Senja', '2022', 25)], 'registrert', '2022', '2021');
    expect(r.find((x) => x.kommunenr === '5530')).toMatchObject({ value: 25, before: 0, beforeSuppressed: false, change: { days: 25 } });
  });
  it('ranks a suppressed municipality as unknown, after the known ones and without a change, never as 0 days', () => {
    const suppressed: PublishedRow = { ...row('5510', 'Kvæfjord', '2022', 0), registrert: null, prikket: ['registrert'] };
    const r = ranking([...rows, suppressed, row('5510', 'Kvæfjord', '2021', 12)], 'registrert', '2022', '2021');
    expect(r.map((x) => [x.kommune, x.value, x.change.days])).toEqual([['Tromsø', 8190, 8190 - 6554], ['Harstad', 3213, 3213 - 4066], ['Kvæfjord', null, null]]);
    const lastYearSuppressed = ranking([...rows, row('5510', 'Kvæfjord', '2022', 40), { ...row('5510', 'Kvæfjord', '2021', 0), registrert: null }], 'registrert', '2022', '2021');
    expect(lastYearSuppressed.find((x) => x.kommunenr === '5510')).toMatchObject({ value: 40, before: null, beforeSuppressed: true, change: { days: null } });
  });
});

describe('differences per municipality', () => {
  it('lists the municipalities whose invoiced days differ from payable, largest either way first, summed over care areas', () => {
    const rows = [
      row('5501', 'Tromsø', '2024-12', 748, 580, 593), row('5501', 'Tromsø', '2024-12', 20, 10, 10),
      row('5503', 'Harstad', '2024-12', 300, 200, 200), row('1806', 'Narvik', '2024-12', 90, 72, 70),
      row('5510', 'Kvæfjord', '2024-11', 9, 9, 1),
    ];
    expect(differences(rows, '2024-12').map((d) => [d.kommune, d.betalbar, d.fakturert, d.differanse])).toEqual([['Tromsø', 603, 590, -13], ['Narvik', 70, 72, 2]]);
    // A suppressed figure makes the municipality's difference unknown: left out, not 0.
    expect(differences([...rows, { ...row('1806', 'Narvik', '2024-12', 5, 5, 5), fakturert: null }], '2024-12').map((d) => d.kommune)).toEqual(['Tromsø']);
  });
});

describe('SSU table', () => {
  const rows = [
    row('5501', 'Tromsø', '2019', 3736), row('5501', 'Tromsø', '2022', 8190, 6904),
    row('5503', 'Harstad', '2019', 1606), row('5503', 'Harstad', '2022', 3213, 1857),
    row('1806', 'Narvik', '2019', 1179), row('1806', 'Narvik', '2022', 1450, 589),
    row('5510', 'Kvæfjord', '2022', 133, 4),
  ];
  it('names the top municipalities, sums the rest into "Andre kommuner" and computes the total', () => {
    const t = ssuTable(rows, ['2019', '2022'], 2);
    expect(t.lines.map((l) => l.kommune)).toEqual(['Tromsø', 'Harstad']);
    expect(t.other).toMatchObject({ kommune: 'Andre kommuner', values: [1179, 1583], invoiced: 593 });
    expect(t.total).toMatchObject({ kommune: 'Totalt', values: [6521, 12986], invoiced: 9354 });
    expect(t.total.change.days).toBe(12986 - 6521);
    expect(t.lines[0]!.change.share).toBeCloseTo(8190 / 3736 - 1);
  });
});

describe('waterfall', () => {
  it('floats exclusions from the running level and skips zero and difference steps', () => {
    const s = waterfall([
      { step: 'registrert', days: 16017 }, { step: 'avvik_dips', days: 0 }, { step: 'ikke_varslet', days: -1108 },
      { step: 'forste_dogn', days: -3089 }, { step: 'betalbar', days: 11820 }, { step: 'fakturert', days: 11079 }, { step: 'differanse', days: -741 },
    ]);
    expect(s.map((x) => x.key)).toEqual(['registrert', 'ikke_varslet', 'forste_dogn', 'betalbar', 'fakturert']);
    expect(s[1]).toMatchObject({ y1: 16017, y2: 14909, kind: 'down' });
    expect(s[2]).toMatchObject({ y1: 14909, y2: 11820 });
    expect(s[4]).toMatchObject({ y1: 0, y2: 11079, kind: 'total' });
    expect(s.map((x) => x.text)).toEqual(['16\u00a0017', '\u22121\u00a0108', '\u22123\u00a0089', '11\u00a0820', '11\u00a0079']);
  });

  it('under an hour-based headline, goes on from payable days by the part-day step to the hour-based total', () => {
    const s = waterfall([
      { step: 'registrert', days: 20000 }, { step: 'ikke_varslet', days: -3536 }, { step: 'betalbar', days: 16464 },
      { step: 'fakturert', days: 14000 }, { step: 'differanse', days: -2464 },
    ], 14288.8);
    expect(s.map((x) => x.key)).toEqual(['registrert', 'ikke_varslet', 'betalbar', 'deldogn', 'timebasert', 'fakturert']);
    expect(s[3]).toMatchObject({ label: 'Deldøgn (time for time)', y1: 16464, kind: 'down', text: '\u22122\u00a0175,2' });
    expect(s[3]!.y2).toBeCloseTo(14288.8);
    expect(s[4]).toMatchObject({ label: 'Timebaserte døgn', y1: 0, y2: 14288.8, kind: 'total', text: '14\u00a0288,8' });
    expect(waterfall([{ step: 'betalbar', days: 5 }], null).map((x) => x.key)).toEqual(['betalbar']);
  });

  it('names the steps as the view asks: under DIPS the whole days are not «Betalbare døgn»', () => {
    const steps = [{ step: 'registrert', days: 30 }, { step: 'ikke_betalingsplikt', days: -10 }, { step: 'betalbar', days: 20 }, { step: 'fakturert', days: 20 }] as const;
    expect(waterfall(steps).map((x) => x.label)).toEqual(['Registrerte døgn', 'Før betalingsplikt', 'Betalbare døgn', 'Fakturerte døgn']);
    const dips: RuleParams = { firstDayFree: false, minHoursPerDay: 0, notificationGate: false, municipalityReadyGate: false, headline: 'betalbar' };
    expect(waterfall(steps, undefined, (m) => measureLabel(m, dips)).map((x) => x.label)).toEqual(['Registrerte døgn', 'Før betalingsplikt', 'Døgn', 'Fakturerte døgn']);
  });
});

describe('sentences', () => {
  it('says what changed, in Norwegian with nb-NO numbers', () => {
    const rows = [row('5501', 'Tromsø', '2022-12', 511, 300, 320), row('5503', 'Harstad', '2022-12', 489, 250, 260), row('5501', 'Tromsø', '2021-12', 400), row('5503', 'Harstad', '2021-12', 500)];
    const t = totalsByPeriod(rows);
    const out = sentences({ month: '2022-12', now: t.get('2022-12')!, previous: undefined, lastYear: t.get('2021-12'), ranking: ranking(rows, 'registrert', '2022-12', '2021-12') });
    expect(out[0]).toBe('I desember 2022 ble det registrert 1\u00a0000 USK-døgn.');
    expect(out).toContain('Tromsø står for 51\u00a0% av døgnene i desember 2022.');
    expect(out.some((s) => s.includes('Tromsø (+111 døgn)'))).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(out.length).toBeLessThanOrEqual(5);
  });
  it('says why days before the payment obligation are not payable, when the month has them', () => {
    const psych: PublishedRow = { ...row('5501', 'Tromsø', '2018-12', 26), fagomrade: 'tsb', ikke_betalingsplikt: 21, forste_dogn: 5 };
    const t = totalsByPeriod([psych]);
    const out = sentences({ month: '2018-12', now: t.get('2018-12')!, previous: undefined, lastYear: undefined, ranking: ranking([psych], 'registrert', '2018-12', '2017-12') });
    expect(out).toContain('21 av døgnene er før betalingsplikt: kommunene betaler for psykisk helsevern og TSB først fra 1. januar 2019, så de er ikke betalbare.');
    const later = totalsByPeriod([row('5501', 'Tromsø', '2019-12', 26)]);
    expect(sentences({ month: '2019-12', now: later.get('2019-12')!, previous: undefined, lastYear: undefined, ranking: [] }).some((s) => s.includes('betalingsplikt'))).toBe(false);
  });
  it('calls the whole days payable only under a rule set that deducts days', () => {
    const t = totalsByPeriod([row('5501', 'Tromsø', '2024-12', 200, 150, 160)]);
    const said = (params?: RuleParams) => sentences({ month: '2024-12', now: t.get('2024-12')!, previous: undefined, lastYear: undefined, ranking: [], params });
    const payable = '160 døgn er betalbare etter regelsettet (80\u00a0% av de registrerte); 150 er fakturert.';
    const dips: RuleParams = { firstDayFree: false, minHoursPerDay: 0, notificationGate: false, municipalityReadyGate: false, headline: 'betalbar' };
    expect(said()).toContain(payable);
    expect(said({ ...dips, firstDayFree: true, notificationGate: true, municipalityReadyGate: true })).toContain(payable);
    expect(said(dips)).toContain('Regelsettet teller 160 døgn (80\u00a0% av de registrerte); 150 er fakturert.');
    expect(said(dips).join(' ')).not.toMatch(/betalbar/);
  });
});

describe('percentages of a change', () => {
  it('gives none over a base under 10 days, and says why', async () => {
    const { MIN_PERCENT_BASE, THIN_BASE_TITLE } = await import('./totals.ts');
    expect(MIN_PERCENT_BASE).toBe(10);
    expect(change(212, 2)).toEqual({ days: 210, share: null, thinBase: true });
    expect(change(5, 0)).toEqual({ days: 5, share: null, thinBase: true });
    expect(change(11, 10)).toEqual({ days: 1, share: 0.1 });
    expect(THIN_BASE_TITLE).toMatch(/^For lite grunnlag/);
  });
  it('never shows a change that is not 0 as «0,0 %»', async () => {
    const { percentChangeText } = await import('./totals.ts');
    expect(percentChangeText(0.12)).toBe('+12,0\u00a0%');
    expect(percentChangeText(-0.04)).toBe('\u22124,0\u00a0%');
    expect(percentChangeText(0)).toBe('0,0\u00a0%');
    expect(percentChangeText(1 / 5000)).toBe('+<0,1\u00a0%');
    expect(percentChangeText(-1 / 5000)).toBe('\u2212<0,1\u00a0%');
    expect(percentChangeText(0.0005)).toBe('+0,1\u00a0%');
  });
});

describe('short month labels (Avstemming\'s month table at 1280 px)', () => {
  it('abbreviates the month, keeps the year, never breaks the line', () => {
    expect(shortPeriod('2023-01')).toBe('jan.\u00a02023');
    expect(shortPeriod('2022-05')).toBe('mai\u00a02022');
    expect(shortPeriod('2022-09')).toBe('sep.\u00a02022');
    expect(periodsBetween('2022-01', '2022-12').map(shortPeriod).map((s) => s.slice(0, -5))).toEqual(['jan.', 'feb.', 'mar.', 'apr.', 'mai', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'des.']);
    expect(shortPeriod('2022')).toBe('2022');
    expect(shortPeriod('Totalt')).toBe('Totalt');
  });
});
