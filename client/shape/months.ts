/** Month arithmetic on 'YYYY-MM' strings (no time zones: months are labels, not instants). */
import { addMonths } from '../../pipelines/query/months.ts';

// Shared with the exports, which fill a municipality's months by the same rule (pipelines/query/every-month.ts).
export { addMonths, everyMonth, periodsBetween } from '../../pipelines/query/months.ts';

/**
 * The latest month that every source covers completely: the month before the earliest source's
 * as-of date (an extract taken on 1 January at 06:00 covers December). Falls back to the last month.
 */
export function latestCompleteMonth(months: readonly string[], asOf: Record<string, string | null>): string | undefined {
  const dates = Object.values(asOf).filter((d): d is string => !!d).sort();
  const last = months.at(-1);
  if (!dates.length || !last) return last;
  const firstAsOfMonth = dates[0]!.slice(0, 7);
  const complete = addMonths(firstAsOfMonth, -1);
  const candidates = months.filter((m) => m <= complete);
  return candidates.at(-1) ?? last;
}

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
