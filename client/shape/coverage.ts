/**
 * Datakvalitet's heat map of months × sources (/api/quality/coverage), as cells to draw and rows
 * for its table. The chart is there to show gaps, so a month no source has a row for is still a
 * column, and a source without any row is still a line.
 */
import type { z } from 'zod';
import type { Coverage } from '../api/schemas.ts';
import { periodsBetween } from './months.ts';

type CoverageRow = z.infer<typeof Coverage>['coverage'][number];

/** The sources in the order «Data per» names them. */
export const COVERAGE_SOURCES = ['dips', 'hnlis', 'faktura'] as const;

export interface CoverageCell extends CoverageRow {
  /** The rows against the source's busiest month (0–1). */
  share: number;
}

export interface CoverageGrid {
  /**
   * Every month from the first to the last month any source has a row in. It ends at the last
   * month with data, not at the as-of: an as-of is the load time when a file carries none, which
   * would add a white tail no export ever covered, and an extract taken early in a month leaves
   * that month empty without anything having been forgotten. A month forgotten inside the span is
   * what the chart must show.
   */
  months: string[];
  /** The cells with data (a month without is left undrawn: white). */
  cells: CoverageCell[];
  /** Every source × month of the span, by source then month, 0 where the source has none (the table). */
  rows: CoverageRow[];
}

export function coverageGrid(coverage: readonly CoverageRow[]): CoverageGrid {
  const present = coverage.map((c) => c.month).sort();
  const months = present.length ? periodsBetween(present[0]!, present.at(-1)!) : [];
  // Each source against its own busiest month: HN-LIS has several events per stay, so on one scale
  // DIPS and the invoices were a pale band in which a missing month hardly showed.
  const busiest = new Map<string, number>();
  for (const c of coverage) busiest.set(c.source, Math.max(busiest.get(c.source) ?? 0, c.rows));
  const cells = coverage.map((c) => ({ ...c, share: c.rows / (busiest.get(c.source) || 1) }));
  const byKey = new Map(coverage.map((c) => [`${c.source} ${c.month}`, c]));
  const rows = COVERAGE_SOURCES.flatMap((source) => months.map((month) => byKey.get(`${source} ${month}`) ?? { source, month, rows: 0, stays: 0 }));
  return { months, cells, rows };
}
