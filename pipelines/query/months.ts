/**
 * Month arithmetic on 'YYYY-MM' strings (no time zones: months are labels, not instants), shared by
 * the dashboard (client/shape/months.ts) and the exports (every-month.ts), so that a month table on
 * screen and in a file list the same months.
 */

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Every period from `first` to `last`, both included: months ('YYYY-MM') or years ('YYYY'), as the
 * API names them. A chart or table over it shows a month without data as 0, not as a line across it.
 */
export function periodsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  if (first.length === 4) {
    for (let y = Number(first); y <= Number(last); y++) out.push(String(y));
    return out;
  }
  for (let m = first; m <= last && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * One row per month from `from` to `to`, oldest first: a month without a row gets `empty(month)`
 * (zeros), so a table reads «0» for a month without days instead of jumping over it. The span is
 * clipped to the months the data covers (`dataMonths`, oldest first): a month after the data's last
 * (or before its first) is not known to be empty. A row outside the span is kept, in order.
 */
export function everyMonth<R extends { periode: string }>(rows: readonly R[], from: string, to: string, dataMonths: readonly string[], empty: (month: string) => R): R[] {
  const first = dataMonths[0];
  const last = dataMonths.at(-1);
  const start = first && first > from ? first : from;
  const end = last && last < to ? last : to;
  const byMonth = new Map(rows.map((r) => [r.periode, r]));
  const months = new Set([...periodsBetween(start, end), ...byMonth.keys()]);
  return [...months].sort().map((m) => byMonth.get(m) ?? empty(m));
}

/**
 * A period's ends moved inside the data's months (`first`–`last`, 'YYYY-MM') where they reach past
 * them: a month the data do not reach is unknown, not empty, and «2024-01–2026-12» over data to
 * January 2025 reads as two years without days. A period wholly outside the data is left as asked
 * (it holds nothing to name). The dashboard's pickers (clampToData) and a by-period row's label
 * (query/README.md decision 14) both follow it.
 */
export function clampToMonths(from: string, to: string, first: string | undefined, last: string | undefined): { from: string; to: string } {
  if (!first || !last || to < first || from > last) return { from, to };
  return { from: from < first ? first : from, to: to > last ? last : to };
}

/**
 * The expected amount of a month everyMonth fills in (no days), by the rule every row over a span
 * follows (cube-sql.ts: missing when any month with days in it lies in a year without a national
 * rate; domain.md: missing, never 0): nothing to price is 0 kr, so a year without a rate and without
 * days adds nothing, and the months of a table add up to its period's row. Only a year without a
 * rate that has days among the table's rows (`rowsWithDays`, by their 'YYYY-MM' periode) is missing in
 * every one of its months, as its year row and any span over it are (query/README.md decision 12).
 * `rateYears`: the years ref_rate has a rate for.
 */
export function expectedWithoutDays(month: string, rateYears: readonly number[], rowsWithDays: readonly { periode: string }[]): number | null {
  const year = month.slice(0, 4);
  if (rateYears.includes(Number(year))) return 0;
  return rowsWithDays.some((r) => r.periode.startsWith(year)) ? null : 0;
}
