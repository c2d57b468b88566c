import { describe, expect, it } from 'vitest';
import { formatDays, formatInteger } from '../../pipelines/format/index.ts';
import { MonthFactsResponse } from '../api/schemas.ts';
import { factChangeText, factCompareText } from './month-facts.ts';

describe('month facts cards', () => {
  it('formats the server’s changes in nb-NO, with a sign and the share when there is one', () => {
    expect(factChangeText({ diff: 1234, share: 0.25 }, formatInteger)).toBe('+1\u00a0234 (+25,0\u00a0%)');
    expect(factChangeText({ diff: -2, share: null }, formatInteger)).toBe('\u22122');
    expect(factChangeText({ diff: 0.5, share: 0.1 }, formatDays)).toBe('+0,5 (+10,0\u00a0%)');
    expect(factChangeText({ diff: null, share: null }, formatInteger)).toBe('–');
  });

  it('reads the response shape the server sends, suppressed values included', () => {
    const fact = { month: '2022-03', opphold: null, pasienter: 3, usk_na: 0, median_usk_dogn: null, avsluttede_perioder: 2, prikket: ['opphold'] };
    const none = { diff: null, share: null };
    const changes = Object.fromEntries(['opphold', 'pasienter', 'usk_na', 'median_usk_dogn'].map((k) => [k, { previous: none, lastYear: none }]));
    const ok = MonthFactsResponse.safeParse({ month: '2022-03', fagomrade: 'alle', kommune: null, asOf: null, minCount: 5, current: fact, previous: { ...fact, month: '2022-02' }, lastYear: { ...fact, month: '2021-03' }, changes });
    expect(ok.success).toBe(true);
  });

  it('says «ingen data» for a month before the data start, and compares nothing with an incomplete month', () => {
    const dec = { month: '2018-12', opphold: 0, pasienter: 0, usk_na: 0, median_usk_dogn: null, avsluttede_perioder: 0, prikket: [] };
    const change = { diff: 261, share: null };
    expect(factCompareText(dec, change, 'opphold', formatInteger, null)).toBe('Mot desember 2018: 0, +261');
    expect(factCompareText(dec, change, 'opphold', formatInteger, { reason: 'ingen-data', text: 'ingen data' })).toBe('Mot desember 2018: ingen data');
    const nov = { ...dec, month: '2024-12', opphold: 269 };
    expect(factCompareText(nov, { diff: -267, share: -0.99 }, 'opphold', formatInteger, { reason: 'ufullstendig', text: 'ikke sammenlignet' }))
      .toBe('Mot desember 2024: 269 (ikke sammenlignet)');
  });
});
