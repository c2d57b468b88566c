import { describe, expect, it } from 'vitest';
import { asOfFromPreamble, isTotalsRow } from './header.ts';

describe('asOfFromPreamble: the export time a report states above its header', () => {
  it('reads the time as written, also after kl., from a report Excel saved again, and with the month in words', () => {
    expect(asOfFromPreamble(['Utskrivningsklare pasienter', 'Utskriftsdato: 05.01.2023 07:15'])).toBe('05.01.2023 07:15');
    expect(asOfFromPreamble(['Utskriftsdato: 05.01.2023 kl. 14:30'])).toBe('05.01.2023 14:30');
    expect(asOfFromPreamble(['Utskriftsdato:;05.04.2022;;;;;'])).toBe('05.04.2022');
    expect(asOfFromPreamble(['Utskriftsdato: 5. april 2022'])).toBe('05.04.2022');
    expect(asOfFromPreamble(['Rapportdato 2023-01-05T07:15'])).toBe('2023-01-05 07:15');
    expect(asOfFromPreamble(['Uttrekk: 05.01.2023'])).toBe('05.01.2023');
  });

  it('passes over a selection period, and prefers the print or run time to «Uttrekk»', () => {
    // Before, «Uttrekk: 01.03.2022 - 31.03.2022» made 1 March the as-of: every stay open after it ended there.
    expect(asOfFromPreamble(['Uttrekk: 01.03.2022 - 31.03.2022', 'Utskriftsdato: 05.04.2022 08:15'])).toBe('05.04.2022 08:15');
    expect(asOfFromPreamble(['Uttrekk: 01.03.2022 – 31.03.2022', 'Kjørt: 05.04.2022 06:00'])).toBe('05.04.2022 06:00');
    expect(asOfFromPreamble(['Uttrekk: 01.03.2022 til 31.03.2022'])).toBeUndefined();
    expect(asOfFromPreamble(['Uttrekk: 05.01.2023 06:00', 'Utskriftsdato: 05.01.2023 07:15'])).toBe('05.01.2023 07:15');
    // Periods as reports and Excel write them: none is an as-of.
    for (const period of ['Uttrekk:;01.03.2022;-;31.03.2022;;', 'Uttrekk:;01.03.2022;31.03.2022', 'Uttrekk: 01.03.2022 t.o.m. 31.03.2022',
      'Uttrekk: 01.03.2022 — 31.03.2022', 'Uttrekk: 01.03.2022 31.03.2022', 'Uttrekk: 2022-03-01 - 2022-03-31']) {
      expect(asOfFromPreamble([period]), period).toBeUndefined();
    }
    // The label may end a longer word; an hour over 23 is not a time.
    expect(asOfFromPreamble(['Datauttrekk: 05.01.2023 07:15'])).toBe('05.01.2023 07:15');
    expect(asOfFromPreamble(['Utskriftsdato: 05.01.2023 24:00'])).toBe('05.01.2023');
  });
});

describe('isTotalsRow: the labels a totals row starts with', () => {
  it('knows Sum, Totalt, Total, Totalsum, Summer and their combinations, in any case, in the first non-empty cell', () => {
    for (const label of ['Sum', 'Totalt', 'Total', 'Totalsum', 'TOTALSUM', 'Sum totalt', 'Totalt sum', 'Summer', 'Totalsum:', 'Sum mars']) {
      expect(isTotalsRow([label, '', '12']), label).toBe(true);
      expect(isTotalsRow(['', ` ${label}`, '12']), label).toBe(true);
    }
  });

  it('passes over words that only begin like one, and ids', () => {
    for (const label of ['Sumatra', 'Summit', 'Totalisator', 'S123', 'T-1']) {
      expect(isTotalsRow([label, '', '12']), label).toBe(false);
    }
  });
});
