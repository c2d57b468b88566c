/** Month arithmetic on 'YYYY-MM' strings (no time zones: months are labels, not instants). */
// Shared with the exports, which fill a municipality's months by the same rule (pipelines/query/every-month.ts).
export { addMonths, clampToMonths, everyMonth, expectedWithoutDays, periodsBetween } from '../../pipelines/query/months.ts';

/** The year's months up to and including `month`'s year end, clipped to what has data. */
export function yearOf(month: string): { from: string; to: string } {
  const y = month.slice(0, 4);
  return { from: `${y}-01`, to: `${y}-12` };
}

/**
 * Whether a period ('YYYY' or 'YYYY-MM') is complete by `complete` (a 'YYYY-MM'): a year counts
 * only when its December is. Comparing a partial year (open stays running into the as-of) with
 * whole ones would show every municipality falling 100 %.
 */
export function isCompletePeriod(periode: string, complete: string | undefined): boolean {
  if (!complete) return true;
  return (periode.length === 4 ? `${periode}-12` : periode.slice(0, 7)) <= complete;
}

/** The months abbreviated as in Norwegian tables (Språkrådet's «jan.», «mai»); index 0 is January. */
const SHORT_MONTH_NAMES = ['jan.', 'feb.', 'mar.', 'apr.', 'mai', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'des.'] as const;

/**
 * 'YYYY-MM' → 'jan. 2023' (a non-breaking space: the label never wraps), for a narrow table column
 * whose cell carries formatPeriod's full name in its title; anything else is returned as it came.
 */
export function shortPeriod(periode: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(periode);
  const name = m ? SHORT_MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return m && name ? `${name}\u00a0${m[1]}` : periode;
}
