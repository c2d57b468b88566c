import { describe, expect, it } from 'vitest';
import { formatDays, formatInteger } from '../../pipelines/format/index.ts';
import { MonthFactsResponse } from '../api/schemas.ts';
import { factCompareText, factsNote, uskNowLabel } from './month-facts.ts';
import { changeWords } from './overview-queries.ts';

describe('month facts cards', () => {
  it('words the server’s changes in nb-NO, with a sign and the share when there is one', () => {
    expect(changeWords({ diff: 1234, share: 0.25 }, formatInteger)).toBe('endring +1\u00a0234, +25,0\u00a0%');
    expect(changeWords({ diff: -2, share: null }, formatInteger)).toBe('endring \u22122');
    expect(changeWords({ diff: 0.5, share: 0.1 }, formatDays)).toBe('endring +0,5, +10,0\u00a0%');
    expect(changeWords({ diff: 0, share: 0 }, formatDays)).toBe('uendret');
    expect(changeWords({ diff: null, share: null }, formatInteger)).toBeNull();
  });

  it('words every card’s comparison the same way: the other month, its value, the change in brackets', () => {
    const nov = { month: '2024-11', opphold: 315, pasienter: 300, usk_na: 20, median_usk_dogn: 4, avsluttede_perioder: 40, prikket: [] };
    expect(factCompareText(nov, { diff: -46, share: -0.146 }, 'opphold', formatInteger, null)).toBe('November 2024: 315 (endring \u221246, \u221214,6\u00a0%)');
    // The median unchanged: no «4,0, 0,0 (0,0 %)».
    expect(factCompareText(nov, { diff: 0, share: 0 }, 'median_usk_dogn', formatDays, null)).toBe('November 2024: 4,0 (uendret)');
    expect(factCompareText({ ...nov, pasienter: null, prikket: ['pasienter'] }, { diff: null, share: null }, 'pasienter', formatInteger, null)).toBe('November 2024: prikket');
  });

  it('names the time open periods are counted at as «Data per» names HN-LIS\'s as-of, and what it is', () => {
    const current = { month: '2023-11', opphold: 4, pasienter: 4, usk_na: 0, median_usk_dogn: 3, avsluttede_perioder: 2, prikket: [] };
    const note = factsNote({ asOf: '2023-11-05T06:00', current }, true);
    expect(note).toContain('Pasienter USK nå: åpne USK-perioder ved utgangen av måneden, eller ved HN-LIS-uttrekkets tidspunkt (05.11.2023 06:00) om det er tidligere. ');
    // As «Data per» writes it: an extract stamped at midnight by its date alone.
    expect(factsNote({ asOf: '2023-11-05T00:00', current }, true)).toContain('tidspunkt (05.11.2023) om');
    // No HN-LIS loaded (so no periods): no time to name.
    expect(factsNote({ asOf: null, current }, false)).toContain('Pasienter USK ved månedsslutt: åpne USK-perioder ved utgangen av måneden. Median');
  });

  it('says «ved månedsslutt» for a whole month, «nå» only for the month the data end in', () => {
    expect(uskNowLabel(false)).toBe('Pasienter USK ved månedsslutt');
    expect(uskNowLabel(true)).toBe('Pasienter USK nå');
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
    expect(factCompareText(dec, change, 'opphold', formatInteger, null)).toBe('Desember 2018: 0 (endring +261)');
    expect(factCompareText(dec, change, 'opphold', formatInteger, { reason: 'ingen-data', text: 'ingen data' })).toBe('Desember 2018: ingen data');
    const nov = { ...dec, month: '2024-12', opphold: 269 };
    expect(factCompareText(nov, { diff: -267, share: -0.99 }, 'opphold', formatInteger, { reason: 'ufullstendig', text: 'ikke sammenlignet' }))
      .toBe('Desember 2024: 269 (ikke sammenlignet)');
  });
});
