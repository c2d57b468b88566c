import { describe, expect, it } from 'vitest';
import type { Meta } from '../api/schemas.ts';
import { DEFAULTS, type State } from '../state/url.ts';
import { addMonths, periodsBetween } from '../shape/months.ts';
import { ALL_KOMMUNER, chartCaption, clampToData, kommuneCaption, periodShown, periodWithEnds, trendSpanText } from './common.ts';

const meta = {
  months: ['2022-12'], asOf: { periods: '2025-01-05T00:00', events: null, invoices: null },
  ruleSets: [{ id: 'fakturagrunnlag', name: 'Fakturagrunnlag (UNN-praksis)', version: 1, params: { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true }, preset: true, createdAt: '2026-01-01T00:00:00Z' }],
  kommuner: [
    { kommunenr: '1806', navn: 'Narvik', current_nr: '1806', current_navn: 'Narvik', valid_from: null, valid_to: null },
    { kommunenr: '1902', navn: 'Tromsø', current_nr: '5501', current_navn: 'Tromsø', valid_from: null, valid_to: 2019 },
  ],
} as unknown as Meta;
const state: State = { ...DEFAULTS, fagomrade: 'somatikk' };

describe('a chart’s caption says which municipalities it covers', () => {
  it('all of them, or one by name and number: an image passed on alone is not read as one municipality’s', () => {
    expect(chartCaption(meta, state, ALL_KOMMUNER, '2023')[0]).toBe('Somatikk, alle kommuner, 2023.');
    expect(chartCaption(meta, state, kommuneCaption(meta, '1806'), 'januar 2022–desember 2022')[0]).toBe('Somatikk, Narvik (1806), januar 2022–desember 2022.');
    // A current number known only as a successor, and an old registered number.
    expect(kommuneCaption(meta, '5501')).toBe('Tromsø (5501)');
    expect(kommuneCaption(meta, '1902')).toBe('Tromsø (1902)');
    expect(chartCaption(meta, state, ALL_KOMMUNER, '2023').slice(1)).toEqual(['Kilde: DIPS, HN-LIS og faktura (USK-analyse). Regelsett: Fakturagrunnlag (UNN-praksis), versjon 1.', expect.stringMatching(/^Data per: /)]);
  });
});

describe('the trend chart’s title names the months it shows', () => {
  it('«siste 24 måneder» only when it has them; from the data’s first month when they begin later', () => {
    const window = Array.from({ length: 24 }, (_, i) => addMonths('2024-12', i - 23));
    expect(trendSpanText(window, '2024-12')).toBe('siste 24 måneder');
    // Mars 2019, the data's third month: three points, not «siste 24 måneder».
    expect(trendSpanText(['2019-01', '2019-02', '2019-03'], '2019-03')).toBe('januar 2019–mars 2019');
    expect(trendSpanText(['2019-01'], '2019-01')).toBe('januar 2019');
  });
});

describe('a period past the data’s months', () => {
  const data = ['2019-01', '2019-02', '2024-12', '2025-01'];
  it('is moved inside them, and says so: the heading then names the months the pickers show', () => {
    // ?fra=2018-01&til=2019-12: the Fra picker (data months only) showed januar 2019 under a heading «januar 2018–desember 2019».
    expect(clampToData('2018-01', '2019-12', data)).toEqual({ from: '2019-01', to: '2019-12', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–desember 2019.' });
    expect(clampToData('2024-01', '2025-12', data)).toMatchObject({ from: '2024-01', to: '2025-01' });
  });
  it('leaves a period inside the data, or wholly outside it (the view says there are no days), as asked', () => {
    expect(clampToData('2019-02', '2024-12', data)).toEqual({ from: '2019-02', to: '2024-12' });
    expect(clampToData('2010-01', '2012-12', data)).toEqual({ from: '2010-01', to: '2012-12' });
    expect(clampToData('2026-01', '2026-12', data)).toEqual({ from: '2026-01', to: '2026-12' });
  });
});

describe('the period a view shows (Kommuner, Avstemming)', () => {
  const months = ['2019-01', '2019-02', '2024-11', '2024-12', '2025-01'];
  const complete = '2024-12';
  it('is a period wholly outside the data as the whole period (neither end), said in a note: the pickers showed other months beside a heading for 2030', () => {
    const shown = periodShown('2030-01', '2030-06', months, complete);
    expect(shown).toEqual({ note: 'Dataene går fra januar 2019 til januar 2025; viser hele perioden.' });
    expect(periodShown('2030-01', undefined, months, complete).note).toMatch(/viser hele perioden/);
    expect(periodShown(undefined, '2010-12', months, complete).note).toMatch(/viser hele perioden/);
  });
  it('moves an end past the data inside them, and leaves an open end open', () => {
    expect(periodShown('2018-01', '2019-02', months, complete)).toEqual({ from: '2019-01', to: '2019-02', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–februar 2019.' });
    // An open end is the last complete month, as the table shows it.
    expect(periodShown('2018-01', undefined, months, complete)).toEqual({ from: '2019-01', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–desember 2024.' });
    expect(periodShown(undefined, '2026-03', months, complete)).toMatchObject({ to: '2025-01' });
  });
  it('leaves a period inside the data, or none, as asked', () => {
    expect(periodShown('2019-02', '2024-11', months, complete)).toEqual({ from: '2019-02', to: '2024-11' });
    expect(periodShown('2025-01', undefined, months, complete)).toEqual({ from: '2025-01' });
    expect(periodShown(undefined, undefined, months, complete)).toEqual({});
  });
});

describe('the period of a view with both ends (Avstemming, Metode)', () => {
  const data = { months: periodsBetween('2019-01', '2025-01'), asOf: { periods: '2025-01-05T00:00', events: null, invoices: null } } as unknown as Meta;

  it('is the whole period for a period wholly outside the data, said in a note: Metode\'s pickers showed januar 2019 beside a heading for januar–juni 2030', () => {
    expect(periodWithEnds(data, '2030-01', '2030-06')).toEqual({ from: '2019-01', to: '2024-12', note: 'Dataene går fra januar 2019 til januar 2025; viser hele perioden.' });
    expect(periodWithEnds(data, '2010-01', '2012-12')).toMatchObject({ from: '2019-01', to: '2024-12' });
    // Fra alone past the data: the default Til (the last complete year's end) came before it.
    expect(periodWithEnds(data, '2030-01', undefined)).toMatchObject({ from: '2019-01', to: '2024-12' });
  });
  it('moves an end past the data inside them, and is the last complete month\'s year when none is asked', () => {
    expect(periodWithEnds(data, '2018-01', '2019-06')).toEqual({ from: '2019-01', to: '2019-06', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–juni 2019.' });
    expect(periodWithEnds(data, undefined, undefined)).toEqual({ from: '2024-01', to: '2024-12' });
    expect(periodWithEnds(data, '2022-03', '2022-05')).toEqual({ from: '2022-03', to: '2022-05' });
  });
});
