/**
 * The one door from routes to reconciliation figures: the query layer's reconcile(), then the
 * suppression SQL over its rows. Shaping only (series points, bridge steps); no domain rule here.
 */
import type { UskDb } from '../../pipelines/db/open.ts';
import { BRIDGE_CATEGORIES, EXCLUDED_CATEGORIES, reconcile, resolveRules, type ReconcileOptions, type ReconcileQuery, type ReconciliationRow } from '../../pipelines/query/index.ts';
import type { BridgeCategory } from '../../pipelines/query/categories.ts';
import type { DbPool } from '../db/pool.ts';
import { PublishedRow, type Measure } from '../schemas.ts';
import { rowsSql, suppressSql, totalSql } from './suppress.ts';

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

/**
 * The query layer's reconciliation rows as published: suppressed in SQL when minCount > 0
 * (suppressedInSql), as they are when it is 0. With total, also the selection's total (kommune '*'
 * when several, every count summed) suppressed the same way.
 */
export async function published(db: UskDb, input: ReconcileQuery, minCount: number, options: ReconcileOptions = {}): Promise<Published & { total: PublishedRow | undefined }> {
  // One connection runs one statement at a time: sequential, not Promise.all.
  const raw = await reconcile(db, input, options);
  const rules = await resolveRules(db, input);
  // Nothing is small under a minimum of 0 (the rule is 0 < |value| < minCount): the rows are the
  // query layer's, already checked by its contract, and a trip through DuckDB would only copy them.
  const out = minCount > 0 ? await suppressedInSql(db, raw, minCount) : unsuppressed(raw);
  return { ...out, ruleSetLabel: rules.label };
}

/**
 * Suppression decided in SQL (rowsSql feeds the rows back to DuckDB as a relation, so this holds
 * whatever statement the query layer runs), rows ordered by kommunenr, fagomrade, periode, and
 * every row checked against PublishedRow on its way out.
 */
export async function suppressedInSql(db: UskDb, raw: readonly ReconciliationRow[], minCount: number): Promise<{ rows: PublishedRow[]; total: PublishedRow | undefined }> {
  const base = rowsSql(raw);
  const rowsPart = suppressSql('SELECT * FROM base', base.params, minCount);
  // A column suppressed in any row is suppressed in the total too (suppress.ts).
  const totalPart = suppressSql(totalSql('SELECT * FROM base'), base.params, minCount, '(SELECT list_distinct(flatten(list(prikket))) FROM shown)');
  const sql = `WITH base AS MATERIALIZED (${base.sql}), shown AS MATERIALIZED (${rowsPart.sql})
    SELECT * FROM (SELECT false AS is_total, * FROM shown ORDER BY kommunenr, fagomrade, periode)
    UNION ALL BY NAME SELECT true AS is_total, * FROM (${totalPart.sql})`;
  const all = await db.all<Record<string, unknown> & { is_total: boolean }>(sql, rowsPart.params);
  const parse = ({ is_total: _t, ...r }: Record<string, unknown>) => PublishedRow.parse(r);
  const total = all.find((r) => r.is_total);
  return { rows: all.filter((r) => !r.is_total).map(parse), total: total ? parse(total) : undefined };
}

/** DuckDB's VARCHAR order (bytewise; these keys are ASCII digits, slugs and '–'). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * minCount 0: the same rows, in the same order, and the same total as suppressedInSql gives at 0
 * (figures.test.ts compares them), with nothing suppressed. The total follows totalSql: counts
 * summed, forventet_belop null when any row's is. Its hour and amount sums (DOUBLE) are added in
 * row order here and may differ from DuckDB's parallel sum in the last bits (as DuckDB's own do
 * from run to run); the bridge, the total's only use, reads its day counts, which are exact.
 */
export function unsuppressed(raw: readonly ReconciliationRow[]): { rows: PublishedRow[]; total: PublishedRow | undefined } {
  const rows: PublishedRow[] = raw.map((r) => ({ ...r, prikket: [] }));
  rows.sort((a, b) => cmp(a.kommunenr, b.kommunenr) || cmp(a.fagomrade, b.fagomrade) || cmp(a.periode, b.periode));
  if (rows.length === 0) return { rows, total: undefined };
  const first = rows[0]!;
  const sum = (k: keyof ReconciliationRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const one = rows.every((r) => r.kommunenr === first.kommunenr);
  const total: PublishedRow = {
    kommunenr: one ? first.kommunenr : '*',
    kommune: one ? first.kommune : 'Alle',
    fagomrade: 'alle',
    periode: rows.reduce((m, r) => (r.periode < m ? r.periode : m), first.periode),
    registrert: sum('registrert'),
    ...(Object.fromEntries(BRIDGE_CATEGORIES.map((c) => [c, sum(c)])) as Record<BridgeCategory, number>),
    timebasert: sum('timebasert'), timer: sum('timer'), fakturert: sum('fakturert'), differanse: sum('differanse'), belop: sum('belop'),
    forventet_belop: rows.some((r) => r.forventet_belop === null) ? null : sum('forventet_belop'),
    prikket: [],
  };
  return { rows, total };
}

export function reconciliation(pool: DbPool, q: ReconcileQuery, minCount: number) {
  return pool.read((db) => published(db, q, minCount));
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


/** Registered → payable → invoiced for the whole selection; excluded categories as negative steps. */
export function bridge(total: PublishedRow | undefined) {
  if (!total) return [];
  return [
    { step: 'registrert' as const, days: total.registrert },
    ...EXCLUDED_CATEGORIES.map((step) => ({ step, days: total[step] === null ? null : -(total[step] ?? 0) })),
    { step: 'betalbar' as const, days: total.betalbar },
    { step: 'fakturert' as const, days: total.fakturert },
    { step: 'differanse' as const, days: total.differanse },
  ];
}
