import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../pipelines/format/index.ts';
import type { Ranked } from '../shape/totals.ts';
import { cardCompare, changeText, rankedAgainst, subtitle } from './overview.ts';
import { changeOf, earliestAsOf, incompleteSentence, incompleteText, isIncompleteMonth, noComparison, overviewQueries } from './overview-queries.ts';
import { DEFAULTS } from '../state/url.ts';

const months = ['2019-01', '2019-02', '2024-11', '2024-12', '2025-01'];
const asOf = { periods: '2025-01-05T00:00', events: '2025-01-01T06:00', invoices: '2025-01-13T00:00' };
const meta = { months, asOf };

describe('Månedsoversikt: what a month is compared with', () => {
  it('takes no percentage over a base of zero or less', () => {
    // Differanse −13 in December, −2 in January: +11 days, and no «−84,6 %».
    expect(changeText(changeOf(-2, -13))).toBe('+11');
    expect(changeText(changeOf(5, 0))).toBe('+5');
    expect(changeText(changeOf(110, 100))).toBe('+10 (+10,0\u00a0%)');
    expect(changeOf(null, 3)).toEqual({ days: null, share: null });
  });

  it('does not compare with a month before the data start (unknown, not 0)', () => {
    expect(noComparison(meta, '2019-01', '2018-12')).toEqual({ reason: 'ingen-data', text: 'ingen data' });
    expect(noComparison(meta, '2019-02', '2019-01')).toBeNull();
    expect(cardCompare('2018-12', noComparison(meta, '2019-01', '2018-12'), 1104, undefined, formatInteger)).toBe('Desember 2018: ingen data');
    expect(cardCompare('2024-11', null, 269, 315, formatInteger)).toBe('November 2024: 315 (endring \u221246, \u221214,6\u00a0%)');
    // Differanse: November's own difference, then the change (no percentage of a negative base).
    expect(cardCompare('2024-11', null, -9, -13, formatInteger)).toBe('November 2024: \u221213 (endring +4)');
    expect(cardCompare('2024-11', null, 100, 100, formatInteger)).toBe('November 2024: 100 (uendret)');
    expect(cardCompare('2024-11', null, null, 100, formatInteger)).toBe('November 2024: 100');
    const why = { prev: noComparison(meta, '2019-01', '2018-12'), lastYear: noComparison(meta, '2019-01', '2018-01') };
    expect(subtitle('2019-01', '2018-12', '2018-01', why, false)).toBe('januar 2019 — ingen måned å sammenligne med (ingen data for desember 2018 og januar 2018)');
    expect(subtitle('2024-12', '2024-11', '2023-12', { prev: null, lastYear: noComparison(meta, '2024-12', '2023-12') }, false)).toBe('desember 2024 — sammenlignet med november 2024 (ingen data for desember 2023)');
  });

  it('drops the ranking’s change when last year has no data', () => {
    const r: Ranked = { kommunenr: '5501', kommune: 'Tromsø', value: 437, before: 0, beforeSuppressed: false, change: { days: 437, share: null } };
    expect(rankedAgainst([r], { reason: 'ingen-data', text: 'ingen data' })[0]).toMatchObject({ before: null, change: { days: null, share: null } });
    expect(rankedAgainst([{ ...r, before: 300 }], { reason: 'ufullstendig', text: 'ikke sammenlignet' })[0]).toMatchObject({ before: 300, change: { days: null, share: null } });
    expect(rankedAgainst([r], null)).toEqual([r]);
  });

  it('marks the months the as-of falls in (or after) as incomplete, and compares them with nothing', () => {
    expect(earliestAsOf(meta)).toEqual({ source: 'HN-LIS', at: '2025-01-01T06:00' });
    expect(isIncompleteMonth(meta, '2025-01')).toBe(true);
    expect(isIncompleteMonth(meta, '2024-12')).toBe(false);
    expect(isIncompleteMonth({ asOf: { periods: null, events: null, invoices: null } }, '2025-01')).toBe(false);
    expect(noComparison(meta, '2025-01', '2024-12')).toEqual({ reason: 'ufullstendig', text: 'ikke sammenlignet' });
    expect(incompleteText(meta, '2025-01')).toBe('Januar 2025 er ufullstendig: dataene går bare til 01.01.2025 06:00 (HN-LIS). Tallene dekker ikke hele måneden og sammenlignes derfor ikke med andre måneder.');
    // A DIPS report stamped with a date only (stored at 00:00) is said as «Data per» says it, without 00:00.
    expect(incompleteSentence({ months: meta.months, asOf: { periods: '2025-01-05T00:00', events: '2025-01-05T06:00', invoices: '2025-02-12T00:00' } }, '2025-01'))
      .toBe('Januar 2025 er ufullstendig: dataene går bare til 05.01.2025 (DIPS).');
    expect(subtitle('2025-01', '2024-12', '2024-01', { prev: null, lastYear: null }, true)).toBe('januar 2025 (ufullstendig måned) — ikke sammenlignet med andre måneder');
  });
});

describe('Månedsoversikt: the month asked for', () => {
  it('falls back to the latest complete month, with a note, for a month without data', () => {
    const q = overviewQueries(meta, { ...DEFAULTS, month: '2030-01' })!;
    expect(q.month).toBe('2024-12');
    expect(q.note).toBe('Det finnes ingen data for januar 2030; viser desember 2024, siste hele måned.');
    expect(q.facts).toMatchObject({ month: '2024-12' });
    expect(overviewQueries(meta, { ...DEFAULTS, month: '2018-06' })!.month).toBe('2024-12');
  });
  it('keeps a month the data have (also the incomplete last one), without a note', () => {
    expect(overviewQueries(meta, { ...DEFAULTS, month: '2025-01' })).toMatchObject({ month: '2025-01' });
    expect(overviewQueries(meta, { ...DEFAULTS, month: '2025-01' })!.note).toBeUndefined();
    expect(overviewQueries(meta, { ...DEFAULTS, month: '2019-02' })!.month).toBe('2019-02');
    expect(overviewQueries(meta, DEFAULTS)).toMatchObject({ month: '2024-12' });
  });
});
