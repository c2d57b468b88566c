/**
 * The one door from routes to reconciliation figures: calls the query layer and publishes every
 * row through suppression. Shaping only (series points, bridge steps); no domain rule lives here.
 */
import type { ReconcileQuery, ReconciliationRow } from '../../pipelines/query/contract.ts';
import type { DbPool } from '../db/pool.ts';
import type { Measure, PublishedRow } from '../schemas.ts';
import { loadQueryLayer } from './layer.ts';
import { publish } from './suppress.ts';

/** Keeps only the query layer's own keys (the server adds minCount, measure, format...). */
export function toReconcileQuery(p: ReconcileQuery & Record<string, unknown>): ReconcileQuery {
  const { rules, firstDayFree, minHours, from, to, by, group, kommune, fagomrade } = p;
  const q: ReconcileQuery = { rules, by, group };
  if (firstDayFree !== undefined) q.firstDayFree = firstDayFree;
  if (minHours !== undefined) q.minHours = minHours;
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  if (kommune !== undefined) q.kommune = kommune;
  if (fagomrade !== undefined) q.fagomrade = fagomrade;
  return q;
}

export async function reconciliation(pool: DbPool, q: ReconcileQuery, minCount: number): Promise<PublishedRow[]> {
  const layer = await loadQueryLayer();
  const rows = await pool.read((db) => layer.reconcile(db, q));
  return rows.map((r) => publish(r, minCount));
}

/** The selection's total as one row (kommune '*'), published like any other row. */
export async function selectionTotal(pool: DbPool, q: ReconcileQuery, minCount: number): Promise<PublishedRow | undefined> {
  const layer = await loadQueryLayer();
  const rows = await pool.read((db) => layer.reconcile(db, { ...q, by: 'period', fagomrade: 'alle' }));
  const first = rows[0];
  if (!first) return undefined;
  const total: ReconciliationRow = { ...first, kommunenr: rows.length > 1 ? '*' : first.kommunenr, kommune: rows.length > 1 ? 'Alle' : first.kommune };
  for (const r of rows.slice(1)) {
    for (const m of SUMMED) total[m] += r[m];
    total.forventet_belop = total.forventet_belop === null || r.forventet_belop === null ? null : total.forventet_belop + r.forventet_belop;
  }
  return publish(total, minCount);
}

const SUMMED = ['registrert', 'avvik_dips', 'uten_tidspunkt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel',
  'betalbar', 'timebasert', 'timer', 'fakturert', 'differanse', 'belop'] as const;

export interface SeriesPoint {
  periode: string;
  kommunenr: string;
  kommune: string;
  fagomrade: string;
  value: number | null;
  prikket: boolean;
}

export function toSeries(rows: PublishedRow[], measure: Measure): SeriesPoint[] {
  return rows.map((r) => ({
    periode: r.periode,
    kommunenr: r.kommunenr,
    kommune: r.kommune,
    fagomrade: r.fagomrade,
    value: r[measure],
    prikket: r.prikket.includes(measure),
  }));
}

const BRIDGE_STEPS = ['avvik_dips', 'uten_tidspunkt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel'] as const;

/**
 * Registered → payable → invoiced for the whole selection, from one already-published row (the
 * query layer's by='period', fagomrade='alle' total), so suppression applies to the bridge too.
 */
export function bridge(total: PublishedRow | undefined) {
  if (!total) return [];
  return [
    { step: 'registrert' as const, days: total.registrert },
    ...BRIDGE_STEPS.map((step) => ({ step, days: total[step] === null ? null : -(total[step] ?? 0) })),
    { step: 'betalbar' as const, days: total.betalbar },
    { step: 'fakturert' as const, days: total.fakturert },
    { step: 'differanse' as const, days: total.differanse },
  ];
}

export type { ReconciliationRow };
