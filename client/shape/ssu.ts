/**
 * The SSU committee table: years as columns, the top municipalities, "Andre kommuner", a computed
 * total (never typed), and the change from the first to the last year in days and per cent, plus
 * the invoiced days of the last year beside the registered ones.
 */
import type { PublishedRow } from '../api/schemas.ts';
import { change, type Change, type TotalMeasure } from './totals.ts';

export interface SsuLine {
  kommunenr: string | null;
  kommune: string;
  values: (number | null)[];
  invoiced: number | null;
  change: Change;
}

export interface SsuTable {
  years: string[];
  measure: TotalMeasure;
  lines: SsuLine[];
  other: SsuLine;
  total: SsuLine;
}

const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export function ssuTable(rows: readonly PublishedRow[], years: readonly string[], top: number, measure: TotalMeasure = 'registrert'): SsuTable {
  const byKommune = new Map<string, { kommune: string; values: (number | null)[]; invoiced: number | null }>();
  const last = years.length - 1;
  for (const r of rows) {
    const i = years.indexOf(r.periode);
    if (i < 0) continue;
    let k = byKommune.get(r.kommunenr);
    if (!k) byKommune.set(r.kommunenr, (k = { kommune: r.kommune, values: years.map(() => 0), invoiced: 0 }));
    k.values[i] = plus(k.values[i] ?? 0, r[measure]);
    if (i === last) k.invoiced = plus(k.invoiced, r.fakturert);
  }
  const all = [...byKommune.entries()].map(([kommunenr, k]): SsuLine => ({
    kommunenr, kommune: k.kommune, values: k.values, invoiced: k.invoiced, change: change(k.values[last], k.values[0]),
  }));
  all.sort((a, b) => (b.values[last] ?? 0) - (a.values[last] ?? 0) || a.kommune.localeCompare(b.kommune, 'nb'));
  const lines = all.slice(0, top);
  const sumOf = (ls: SsuLine[], kommune: string): SsuLine => {
    const values = years.map((_, i) => ls.reduce<number | null>((s, l) => plus(s, l.values[i] ?? 0), 0));
    return { kommunenr: null, kommune, values, invoiced: ls.reduce<number | null>((s, l) => plus(s, l.invoiced), 0), change: change(values[last], values[0]) };
  };
  return { years: [...years], measure, lines, other: sumOf(all.slice(top), 'Andre kommuner'), total: sumOf(all, 'Totalt') };
}
