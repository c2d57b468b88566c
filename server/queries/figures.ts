/**
 * The one door from routes to reconciliation figures: the query layer's own statement
 * (reconcileSql), wrapped in the suppression SQL. Shaping only (series points, bridge steps);
 * no domain rule lives here.
 */
import type { UskDb } from '../../pipelines/db/open.ts';
import { ensureDerivedSchema } from '../../pipelines/derive/schema.ts';
import type { ReconcileQuery } from '../../pipelines/query/contract.ts';
import { parseQuery } from '../../pipelines/query/filters.ts';
import { resolveRules } from '../../pipelines/query/index.ts';
import { reconcileSql } from '../../pipelines/query/reconcile-sql.ts';
import type { DbPool } from '../db/pool.ts';
import { PublishedRow, type Measure } from '../schemas.ts';
import { suppressSql, totalSql } from './suppress.ts';

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

export interface Published {
  rows: PublishedRow[];
  /** Rule set name, version and overrides, as every report prints it. */
  ruleSetLabel: string;
}

/** Suppressed reconciliation rows on a connection the caller holds (total = one summed row). */
export async function published(db: UskDb, input: ReconcileQuery, minCount: number, total = false): Promise<Published> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  const rules = await resolveRules(db, q);
  const inner = reconcileSql(rules.params, q, 'group');
  const { sql, params } = suppressSql(total ? totalSql(inner.sql) : inner.sql, inner.params, minCount);
  const rows = await db.all<Record<string, unknown>>(sql, params);
  return { rows: rows.map((r) => PublishedRow.parse(r)), ruleSetLabel: rules.label };
}

export function reconciliation(pool: DbPool, q: ReconcileQuery, minCount: number): Promise<Published> {
  return pool.read((db) => published(db, q, minCount, false));
}

/** The selection's total as one row (kommune '*' when several), suppressed like any other row. */
export async function selectionTotal(pool: DbPool, q: ReconcileQuery, minCount: number): Promise<PublishedRow | undefined> {
  const { rows } = await pool.read((db) => published(db, { ...q, by: 'period', fagomrade: 'alle' }, minCount, true));
  return rows[0];
}

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
    periode: r.periode, kommunenr: r.kommunenr, kommune: r.kommune, fagomrade: r.fagomrade,
    value: r[measure], prikket: r.prikket.includes(measure),
  }));
}

const BRIDGE_STEPS = ['avvik_dips', 'uten_tidspunkt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel'] as const;

/** Registered → payable → invoiced for the whole selection; excluded categories as negative steps. */
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
