/**
 * Månedsoversikt's requests and comparisons, in a module without the chart code: the shell
 * (main.ts) starts the requests as soon as /api/meta has answered, while the view's chunk (Plot and
 * d3, ~250 KB) is still being fetched and parsed; the view then asks for the same URLs and shares
 * the requests in flight. Which comparisons the month can make is decided here too (and tested).
 */
import { formatPeriod, sourceAsOfText } from '../../pipelines/format/index.ts';
import type { Params } from '../api/client.ts';
import type { Meta } from '../api/schemas.ts';
import { addMonths } from '../shape/months.ts';
import { MIN_PERCENT_BASE, percentChangeText, type Change } from '../shape/totals.ts';
import type { State } from '../state/url.ts';
import { figureParams } from './context.ts';
import { earliestAsOf, latestCompleteMonth, type NoComparison } from '../../pipelines/query/comparable.ts';

export interface OverviewQueries {
  month: string;
  reconciliation: Params;
  facts: Params;
  /** Why the URL's month is not the one shown (a month without data): said above the figures. */
  note?: string;
}

/** How many months the trend charts cover, up to the month shown: Månedsoversikt's and the deck's. */
export const TREND_MONTHS = 24;

/**
 * The month under review (the URL's, else the latest complete one) and its two requests. A month
 * the data do not have (?maned=2030-01) is not shown as an empty, «incomplete» month: the latest
 * complete one is, and `note` says so (as an unknown municipality does in Avstemming).
 */
export function overviewQueries(meta: Pick<Meta, 'months' | 'asOf'>, state: State): OverviewQueries | null {
  const latest = latestCompleteMonth(meta);
  const known = !state.month || meta.months.includes(state.month);
  const month = (known ? state.month : undefined) ?? latest;
  if (!month) return null;
  return {
    month,
    reconciliation: { ...figureParams(state), by: 'month', from: addMonths(month, 1 - TREND_MONTHS), to: month },
    facts: { month, fagomrade: state.fagomrade },
    ...(known ? {} : { note: unknownMonthNote(state.month!, month, true) }),
  };
}

/** Why the month shown is not the one asked for (Månedsoversikt, Presentasjon): the data do not have it. */
export function unknownMonthNote(asked: string, shown: string, complete: boolean): string {
  return `Det finnes ingen data for ${formatPeriod(asked)}; viser ${formatPeriod(shown)}, ${complete ? 'siste hele måned' : 'siste måned med data'}.`;
}

// Which months compare is the query layer's rule, shared with /api/month-facts.
export { earliestAsOf, isIncompleteMonth, noComparison, type NoComparison } from '../../pipelines/query/comparable.ts';

/**
 * A change in words for a card: «endring −46, −14,6 %», «endring +4» (no share over a base of
 * zero or less, or a thin one), «uendret»; null when it is unknown (a suppressed figure).
 */
export function changeWords(c: { diff: number | null; share: number | null }, fmt: (n: number) => string): string | null {
  if (c.diff === null) return null;
  if (fmt(c.diff) === fmt(0)) return 'uendret';
  const sign = c.diff > 0 ? '+' : '';
  return `endring ${sign}${fmt(c.diff)}${c.share === null ? '' : `, ${percentChangeText(c.share)}`}`;
}

/**
 * Every card's comparison line, one wording: the other month, its value, and the change in
 * brackets — «November 2024: 315 (endring −46, −14,6 %)», on Differanse «November 2024: −13
 * (endring +4)». When the months are not compared, the reason: «ingen data» for a month without
 * data (unknown, not 0), or the value with «(ikke sammenlignet)» beside an incomplete month.
 */
export function compareLine(other: string, value: string, change: { diff: number | null; share: number | null }, fmt: (n: number) => string, why: NoComparison | null): string {
  const name = formatPeriod(other);
  const head = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  if (why?.reason === 'ingen-data') return `${head}: ${why.text}`;
  if (why) return `${head}: ${value} (${why.text})`;
  const words = changeWords(change, fmt);
  return words ? `${head}: ${value} (${words})` : `${head}: ${value}`;
}

/**
 * The sentence that says the month is incomplete and up to when the data go: the as-of as «Data per»
 * beside it writes it (a date-only DIPS Utskriftsdato is «05.01.2025», not «05.01.2025 00:00»).
 */
export function incompleteSentence(meta: Pick<Meta, 'months' | 'asOf'>, month: string): string {
  const first = earliestAsOf(meta);
  const at = first ? sourceAsOfText(first.at) : '';
  const name = formatPeriod(month);
  return `${name[0]!.toUpperCase()}${name.slice(1)} er ufullstendig: dataene går bare til ${at} (${first?.source ?? ''}).`;
}

/** incompleteSentence, and why the month is then not compared. */
export function incompleteText(meta: Pick<Meta, 'months' | 'asOf'>, month: string): string {
  return `${incompleteSentence(meta, month)} Tallene dekker ikke hele måneden og sammenlignes derfor ikke med andre måneder.`;
}

/**
 * The change from `before` to `now`; the share only over a positive base: a percentage of a
 * negative difference (−13 → −2 is «+11 (−84,6 %)») or of nothing says nothing.
 */
export function changeOf(now: number | null | undefined, before: number | null | undefined): Change {
  if (now == null || before == null) return { days: null, share: null };
  if (before > 0 && before < MIN_PERCENT_BASE) return { days: now - before, share: null, thinBase: true };
  return { days: now - before, share: before > 0 ? (now - before) / before : null };
}

