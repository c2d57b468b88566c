/**
 * The months a by-period row's label names (query/README.md decision 14): the months asked for,
 * moved inside the months the data cover (clampToMonths, the dashboard's rule), or the rows' own
 * first and last month where none was asked for. An export of 2024-01–2026-12 over data to January
 * 2025 is labelled «2024-01–2025-01»: the asked span would read as two years without days. Decided
 * here, for reconcile() and stays() alike, so the CLI, the API and every export format agree.
 */
import type { UskDb } from '../db/open.ts';
import { dataMonthSpan } from './every-month.ts';
import type { ParsedQuery } from './filters.ts';
import { clampToMonths } from './months.ts';

/** The label's ends, 'YYYY-MM'; undefined where none was asked for (the rows' own month then). */
export interface LabelBounds { from?: string; to?: string }

export async function periodLabelBounds(db: UskDb, q: ParsedQuery): Promise<LabelBounds> {
  if (q.by !== 'period' || (!q.from && !q.to)) return {};
  const span = await dataMonthSpan(db);
  if (!span) return { from: q.from, to: q.to };
  const clamped = clampToMonths(q.from ?? span.first, q.to ?? span.last, span.first, span.last);
  return { from: q.from && clamped.from, to: q.to && clamped.to };
}
