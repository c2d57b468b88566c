/** Metode's table: each municipality under the chosen rule set beside the standard one, and a total. */
import { knownFirst, type Ranked } from './totals.ts';

export interface MethodRow {
  kommunenr: string | null;
  kommune: string;
  /** The chosen rule set's main figure (payable or hour-based days); null when suppressed (prikket). */
  value: number | null;
  /** The standard rule set's payable days; null when suppressed. */
  standard: number | null;
}

/**
 * Every municipality with days under either rule set (one whose days all fall away under a high
 * threshold stays, with 0), largest first under the chosen rule set; the total row sums the rows.
 */
export function methodRows(chosen: readonly Pick<Ranked, 'kommunenr' | 'kommune' | 'value'>[], standard: readonly Pick<Ranked, 'kommunenr' | 'kommune' | 'value'>[]): { rows: MethodRow[]; total: MethodRow } {
  const byNr = new Map<string, MethodRow>();
  for (const r of chosen) byNr.set(r.kommunenr, { kommunenr: r.kommunenr, kommune: r.kommune, value: r.value, standard: 0 });
  for (const r of standard) {
    const row = byNr.get(r.kommunenr) ?? { kommunenr: r.kommunenr, kommune: r.kommune, value: 0, standard: 0 };
    row.standard = r.value;
    byNr.set(r.kommunenr, row);
  }
  const rows = [...byNr.values()].sort((a, b) => knownFirst(a.value, b.value) || knownFirst(a.standard, b.standard) || a.kommune.localeCompare(b.kommune, 'nb'));
  // A suppressed cell makes the total unknown too: a sum without it would pass for the whole.
  const plus = (x: number | null, y: number | null) => (x === null || y === null ? null : x + y);
  const total = rows.reduce((t, r) => ({ ...t, value: plus(t.value, r.value), standard: plus(t.standard, r.standard) }), { kommunenr: null, kommune: 'Totalt', value: 0, standard: 0 } as MethodRow);
  return { rows, total };
}
