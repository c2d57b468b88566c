/**
 * The months an export covers, decided once for every door (CLI, HTTP) and said in every format.
 * Without an end month an export stops at the last complete month, as the dashboard's views do
 * (query/comparable.ts latestCompleteMonth): the month the oldest extract was taken in holds only
 * its first days, and a `2025` row with 1–5 January beside whole years reads as a collapse. An end
 * month asked for is kept, and when it reaches past the data's as-of the selection says so.
 */
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { formatAsOf } from '../format/index.ts';
import { earliestAsOf, isIncompleteMonth, latestCompleteMonth } from '../query/comparable.ts';
import { dataMonths, FagomradeFilter, YearMonth, type DataAsOf, type ReconcileQuery } from '../query/index.ts';
import { parseQuery } from '../query/filters.ts';

/** What an export selected: the months (the data's own first and last where none was asked for) and the filters. */
export const ExportSelection = z.object({
  from: YearMonth.nullable(),
  to: YearMonth.nullable(),
  /** True when no end month was asked for and the export stopped at the last complete month. */
  toDefaulted: z.boolean(),
  /** False when the last month reaches past the oldest source's as-of (some source does not cover all of it). */
  lastMonthComplete: z.boolean(),
  /** The selection in words, as the CSV's «Utvalg» column says it: «2019-01 – 2024-12 (til siste hele måned)». */
  text: z.string(),
  by: z.enum(['month', 'year', 'period']),
  group: z.enum(['current', 'registered']),
  kommune: z.string().nullable(),
  fagomrade: FagomradeFilter.nullable(),
});
export type ExportSelection = z.infer<typeof ExportSelection>;

/**
 * The query an export runs (`to` filled in with the last complete month when none was asked for,
 * unless `from` is later than that month: then the months asked for, to the end of the data) and
 * the selection it covers.
 */
export async function exportSelection(db: UskDb, input: ReconcileQuery, asOf: DataAsOf): Promise<{ query: ReconcileQuery; selection: ExportSelection }> {
  const q = parseQuery(input);
  const months = await dataMonths(db);
  const meta = { months, asOf };
  const complete = latestCompleteMonth(meta);
  const toDefaulted = q.to === undefined && complete !== undefined && (q.from === undefined || q.from <= complete);
  const query: ReconcileQuery = toDefaulted ? { ...input, to: complete } : input;
  const from = q.from ?? months[0] ?? null;
  const last = months.at(-1);
  // Open-ended past the data's last month: no end month to name, only where the data end.
  const beyond = q.to === undefined && from !== null && last !== undefined && from > last;
  const to = beyond ? null : ((toDefaulted ? complete : q.to) ?? last ?? null);
  const lastMonthComplete = to === null || !isIncompleteMonth(meta, to);
  const text = beyond
    ? `fra ${from} (dataene går til ${last})`
    : from === null || to === null ? 'ingen data' : `${from} – ${to}${selectionNote(meta, to, toDefaulted, lastMonthComplete)}`;
  return {
    query,
    selection: {
      from, to, toDefaulted, lastMonthComplete, text,
      by: q.by, group: q.group, kommune: q.kommune ?? null, fagomrade: q.fagomrade ?? null,
    },
  };
}

/**
 * « (til siste hele måned)», or what makes the last month incomplete: « (2025-01 er ufullstendig:
 * HN-LIS per 05.01.2025 06:00)» (the oldest source's as-of). An end month wholly after that as-of is
 * not incomplete but beyond the data: « (dataene slutter før 2026-12: DIPS per 05.01.2025)», since
 * «2026-12 er ufullstendig» reads as if some of December 2026 were in.
 */
function selectionNote(meta: { asOf: DataAsOf }, to: string, toDefaulted: boolean, complete: boolean): string {
  if (!complete) {
    const oldest = earliestAsOf(meta);
    if (!oldest) return ` (${to} er ufullstendig)`;
    const state = oldest.at.slice(0, 7) < to ? `dataene slutter før ${to}` : `${to} er ufullstendig`;
    return ` (${state}: ${oldest.source} per ${formatAsOf(oldest.at)})`;
  }
  return toDefaulted ? ' (til siste hele måned)' : '';
}
