/**
 * Which months can be compared (decision 23): a month the data do not reach is unknown, not zero,
 * and a month the oldest extract ends in is incomplete, so that everything in it would seem to fall
 * by nearly 100 %. One rule for the API's month facts (month-facts.ts) and the dashboard's cards
 * (client/views/overview-queries.ts), the month every view and the server's cache warm-up open on,
 * and the notebooks' month report (alias @usk/comparable); no database here, so the client bundles it as it is.
 */
import { addMonths } from './months.ts';

/** Latest as-of per source, local 'YYYY-MM-DDTHH:MM' (meta.ts DataAsOf). */
export type AsOfBySource = Readonly<Record<string, string | null>>;

const SOURCE_NAME: Record<string, string> = { periods: 'DIPS', events: 'HN-LIS', invoices: 'faktura' };

/** The source whose extract is oldest, and when it was taken: the data are complete only up to there. */
export function earliestAsOf(meta: { asOf: AsOfBySource }): { source: string; at: string } | null {
  const dated = Object.entries(meta.asOf).filter((e): e is [string, string] => !!e[1]).sort((a, b) => a[1].localeCompare(b[1]));
  const first = dated[0];
  return first ? { source: SOURCE_NAME[first[0]] ?? first[0], at: first[1] } : null;
}

/** Whether `month` reaches past the data's as-of: some source does not cover the whole month. */
export function isIncompleteMonth(meta: { asOf: AsOfBySource }, month: string): boolean {
  const first = earliestAsOf(meta);
  // The as-of's own month is the first one not covered (an extract of 1 January 06:00 covers December).
  return first !== null && month >= first.at.slice(0, 7);
}

/**
 * The month views open on: the latest month of data that every source covers completely (an extract
 * taken on 1 January at 06:00 covers December), or the last month when none is complete.
 */
export function latestCompleteMonth(meta: { months: readonly string[]; asOf: AsOfBySource }): string | undefined {
  let latest: string | undefined;
  for (const m of meta.months) if (!isIncompleteMonth(meta, m) && (latest === undefined || m > latest)) latest = m;
  return latest ?? meta.months.at(-1);
}

/** Why two months are not compared: `text` is what a card says in place of the change. */
export interface NoComparison {
  reason: 'ingen-data' | 'ufullstendig';
  text: string;
}

/**
 * Why the month under review is not compared with `other`, or null when it is: a month without
 * data (before the first month of data) is unknown, not zero; and an incomplete month compared with
 * a whole one would show everything falling by nearly 100 %.
 */
export function noComparison(meta: { months: readonly string[]; asOf: AsOfBySource }, month: string, other: string): NoComparison | null {
  if (isIncompleteMonth(meta, month)) return { reason: 'ufullstendig', text: 'ikke sammenlignet' };
  if (!meta.months.includes(other)) return { reason: 'ingen-data', text: 'ingen data' };
  return null;
}

/**
 * Whether the invoices of `month` may not all be in yet. Invoices come after the stays they bill
 * (UNN's for December 2024 are dated 04.01.2025), so a month's invoices are in only once the invoice
 * extract was taken after the month that follows it; one taken during that month (12.02.2025 for
 * January) may predate the run. The invoices' as-of compared as the stays' is (isIncompleteMonth:
 * its own month onwards) never names the last month with stays. False without an invoice extract.
 */
export function invoicesMayBeIncomplete(meta: { asOf: AsOfBySource }, month: string): boolean {
  const at = meta.asOf.invoices;
  return !!at && addMonths(month, 1) >= at.slice(0, 7);
}
