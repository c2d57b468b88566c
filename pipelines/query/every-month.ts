/**
 * A one-municipality reconciliation by month, as a municipality receives it (the exports): every
 * month of the period is a row, a month without days a row of zeros. A month left out reads as
 * missing data to a controller holding the export against their own figures; the totals are the
 * same. The period is clipped to the months the data covers (a month after the last export is not
 * known to be empty). The rule is everyMonth (months.ts), which the dashboard's month table uses too.
 *
 * Only for one municipality: for all of them, zero rows for every municipality and month without
 * days would outnumber the rows with data.
 */
import type { UskDb } from '../db/open.ts';
import { BRIDGE_CATEGORIES, type BridgeCategory } from './categories.ts';
import type { ReconciliationRow } from './contract.ts';
import type { ParsedQuery } from './filters.ts';
import { everyMonth, expectedWithoutDays } from './months.ts';

/** The first and last month ('YYYY-MM') with any registered day or invoice line; undefined without data. */
export async function dataMonthSpan(db: UskDb): Promise<{ first: string; last: string } | undefined> {
  const [span] = await db.all<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(month), '%Y-%m') AS first, strftime(max(month), '%Y-%m') AS last
     FROM (SELECT min(month) AS month FROM usk_stay_month UNION ALL SELECT max(month) FROM usk_stay_month
           UNION ALL SELECT min(month) FROM usk_invoice UNION ALL SELECT max(month) FROM usk_invoice)`,
  );
  return span?.first && span.last ? { first: span.first, last: span.last } : undefined;
}

export interface EmptyMonthGroup {
  kommunenr: string;
  kommune: string;
  fagomrade: string;
}

/** The years that have a rate in ref_rate (data/reference/dognpriser.csv), in order; metadata() gives them to the client. */
export async function rateYears(db: UskDb): Promise<number[]> {
  const rows = await db.all<{ year: number }>('SELECT year FROM ref_rate ORDER BY year');
  return rows.map((r) => Number(r.year));
}

/**
 * `rows` (one municipality, by month) with a zero row for each month of the query's period, within
 * `span`, that a care area in `rows` (or `fallback`, when there are none) has no row for; ordered
 * as reconcile() orders, by care area, then month. A zero row's expected amount is 0, or missing in
 * a year without a rate (`rates`: the years that have one) where the care area has days
 * (expectedWithoutDays).
 */
export function withEmptyMonths(
  rows: readonly ReconciliationRow[],
  q: Pick<ParsedQuery, 'from' | 'to'>,
  span: { first: string; last: string } | undefined,
  fallback: EmptyMonthGroup,
  rates: readonly number[],
): ReconciliationRow[] {
  if (!span) return [...rows];
  // Care areas in the order reconcile() gives them, each with its rows.
  const groups = new Map<string, { group: EmptyMonthGroup; rows: ReconciliationRow[] }>();
  for (const r of rows) {
    const key = `${r.kommunenr}|${r.fagomrade}`;
    if (!groups.has(key)) groups.set(key, { group: { kommunenr: r.kommunenr, kommune: r.kommune, fagomrade: r.fagomrade }, rows: [] });
    groups.get(key)!.rows.push(r);
  }
  if (groups.size === 0) groups.set('', { group: fallback, rows: [] });
  // everyMonth clips the period to the data's span, as the dashboard's month table does.
  return [...groups.values()].flatMap(({ group, rows: own }) =>
    everyMonth(own, q.from ?? span.first, q.to ?? span.last, [span.first, span.last], (periode) => emptyRow(group, periode, expectedWithoutDays(periode, rates, own))));
}

function emptyRow(g: EmptyMonthGroup, periode: string, expected: number | null): ReconciliationRow {
  return {
    ...g, periode,
    registrert: 0, ...(Object.fromEntries(BRIDGE_CATEGORIES.map((c) => [c, 0])) as Record<BridgeCategory, number>),
    timebasert: 0, timer: 0, fakturert: 0, differanse: 0, belop: 0,
    forventet_belop: expected,
  };
}
