/**
 * Månedsoversikt's cards for stays, patients, patients in USK now and the median USK length, as
 * /api/month-facts sends them (the changes too: nothing is computed here, only formatted).
 */
import { formatDays, formatInteger, sourceAsOfText } from '../../pipelines/format/index.ts';
import type { MonthFactsData, PublishedMonthFact } from '../api/schemas.ts';
import { h } from '../ui/dom.ts';
import { compareLine, type NoComparison } from './overview-queries.ts';

type Key = keyof MonthFactsData['changes'];
type FactChange = MonthFactsData['changes'][Key]['previous'];

export const FACT_CARDS: { key: Key; label: string; fmt: (n: number) => string }[] = [
  { key: 'opphold', label: 'Opphold', fmt: formatInteger },
  { key: 'pasienter', label: 'Pasienter', fmt: formatInteger },
  { key: 'usk_na', label: 'Pasienter USK ved månedsslutt', fmt: formatInteger },
  { key: 'median_usk_dogn', label: 'Median USK-lengde, døgn', fmt: formatDays },
];

function valueText(f: PublishedMonthFact, key: Key, fmt: (n: number) => string): string {
  const v = f[key];
  if (v !== null) return fmt(v);
  return f.prikket.includes(key) ? 'prikket' : '–';
}

/**
 * 'November 2024: 315 (endring −46, −14,6 %)': the other month's value and the change; or, when
 * `why` says the months cannot be compared, the reason instead of the change — the server counts a
 * month before the data start as 0 (so it would say «0 (endring +261)»), and an incomplete month
 * against a whole one falls by nearly 100 %.
 */
export function factCompareText(other: PublishedMonthFact, change: FactChange, key: Key, fmt: (n: number) => string, why: NoComparison | null): string {
  return compareLine(other.month, valueText(other, key, fmt), change, fmt, why);
}

/** «Pasienter USK ved månedsslutt» for a whole month; «nå» only for the month the data end in (counted at the as-of). */
export function uskNowLabel(incomplete: boolean): string {
  return incomplete ? 'Pasienter USK nå' : 'Pasienter USK ved månedsslutt';
}

/**
 * The four cards, and a note with the definitions and the as-of. `why(month)` says why the month
 * under review is not compared with another month (null: it is).
 */
export function monthFactCards(d: MonthFactsData, why: (month: string) => NoComparison | null = () => null, incomplete = false): HTMLElement[] {
  const cards = h('div', { class: 'cards', 'data-testid': 'month-facts' });
  const whyPrevious = why(d.previous.month);
  const whyLastYear = why(d.lastYear.month);
  for (const c of FACT_CARDS) {
    const v = d.current[c.key];
    cards.append(
      h('div', { class: 'card', 'data-fact': c.key, 'data-value': v ?? undefined },
        h('span', { class: 'card-label' }, c.key === 'usk_na' ? uskNowLabel(incomplete) : c.label),
        h('span', { class: 'card-value' }, valueText(d.current, c.key, c.fmt)),
        h('span', { class: 'card-cmp' }, factCompareText(d.previous, d.changes[c.key].previous, c.key, c.fmt, whyPrevious)),
        h('span', { class: 'card-cmp' }, factCompareText(d.lastYear, d.changes[c.key].lastYear, c.key, c.fmt, whyLastYear)),
      ),
    );
  }
  return [cards, h('p', { class: 'note' }, factsNote(d, incomplete))];
}

/**
 * The cards' definitions. Open periods are counted at the HN-LIS as-of when it comes before the
 * month's end (query/README.md decision 23): named as «Data per» names it, so the two read alike.
 */
export function factsNote(d: Pick<MonthFactsData, 'asOf' | 'current'>, incomplete: boolean): string {
  const ended = d.current.avsluttede_perioder;
  return `Opphold og pasienter: med minst ett registrert USK-døgn i måneden. ${uskNowLabel(incomplete)}: åpne USK-perioder ved utgangen av måneden`
    + `${d.asOf ? `, eller ved HN-LIS-uttrekkets tidspunkt (${sourceAsOfText(d.asOf)}) om det er tidligere` : ''}. `
    + `Median USK-lengde: median av registrerte døgn for USK-perioder som ble avsluttet i måneden (${ended === null ? 'prikket antall perioder' : `${formatInteger(ended)} ${ended === 1 ? 'periode' : 'perioder'}`}).`;
}

