/**
 * Small-number suppression ("prikking") for publication, decided in SQL around the query layer's
 * own reconciliation statement, so every path (JSON, Arrow, series, bridge, exports) gets the same
 * nulls for the same table: no path shows a cell of that table unsuppressed. It protects one
 * published table at a time. A reader who may ask for several (other months, a year beside its
 * months, another rule set) can subtract one from another; tables from different requests are not
 * checked against each other (server/README.md). Give such readers the published tables, not the API.
 *
 * Rule: a count cell with 0 < |value| < minCount is suppressed (null) and named in `prikket`.
 * Because the bridge adds up exactly (registrert = sum of the categories), registrert minus the
 * categories shown gives the sum of the hidden ones, and a hidden category is never 0: one hidden
 * category would be given back whole, and two or more whose sum is their number (1 + 1) would each
 * be 1. So the smallest other non-zero categories are suppressed too (secondary suppression), one
 * at a time, until the hidden ones are at least two, sum to at least minCount and to more than
 * their number (`covered`); registrert itself when the categories run out first. Cells derived
 * from a suppressed one (differanse, amounts, hours) are suppressed with it.
 *
 * A total is published beside its rows, so a column suppressed in any row is suppressed in the
 * total too (`forced`): otherwise the total minus the rows shown would give the hidden cells back.
 * The total's own bridge then gets the same secondary suppression. This is what the XLSX export's
 * totals row does with a missing part. Tables from other requests (another period grouping, say)
 * are not cross-checked: suppression is per published table.
 */
import type { Params } from '../../pipelines/db/open.ts';
import { BRIDGE_CATEGORIES, type ReconciliationRow } from '../../pipelines/query/contract.ts';
import { reportedHours } from '../../pipelines/query/cube-sql.ts';

const OUTPUT = ['registrert', ...BRIDGE_CATEGORIES, 'timebasert', 'timer', 'fakturert', 'differanse', 'belop', 'forventet_belop'] as const;
const small = (col: string) => `(${col} <> 0 AND abs(${col}) < $min_count)`;
const EMPTY = '[]::VARCHAR[]';
/**
 * Whether `count` hidden categories summing to `sum` give none of them back: registrert minus the
 * categories shown is their sum, and each is at least 1 (a 0 is never hidden), so one is given back
 * whole, and so is each of several when the sum is their number; a sum below minCount would say that
 * the hidden cells are small together.
 */
const covered = (count: string, sum: string) => `((${count}) >= 2 AND (${sum}) >= $min_count AND (${sum}) > (${count}))`;

/**
 * Wraps a statement returning reconciliation rows. Its named parameters are kept; $min_count is
 * added. The result has the same columns (suppressed ones NULL) plus prikket VARCHAR[].
 * `forced`: an SQL expression for a VARCHAR[] of columns to suppress whatever their values.
 */
export function suppressSql(inner: string, params: Params, minCount: number, forced: string = EMPTY): { sql: string; params: Params } {
  if (Array.isArray(params)) throw new TypeError('suppressSql expects named parameters');
  const cells = BRIDGE_CATEGORIES.map((c) => `{'v': abs(${c}), 'n': '${c}'}`).join(', ');
  const hide = (col: string) => `(${small(col)} OR list_contains(forced, '${col}'))`;
  const sql = `
WITH r AS (SELECT * FROM (${inner})),
f AS (SELECT coalesce(${forced}, ${EMPTY}) AS forced),
p AS (
  SELECT r.*, f.forced, [${cells}] AS cells,
    list_distinct(list_transform(list_filter([${cells}], x -> (x.v <> 0 AND x.v < $min_count) OR list_contains(f.forced, x.n)), x -> x.n)) AS prim
  FROM r, f
),
o AS (
  -- The primary cells' sum, and the other non-zero categories, smallest first: the candidates for secondary suppression.
  SELECT p.*,
    coalesce(list_sum(list_transform(list_filter(cells, x -> list_contains(prim, x.n)), x -> x.v)), 0) AS psum,
    list_sort(list_filter(cells, x -> x.v <> 0 AND NOT list_contains(prim, x.n))) AS others
  FROM p
),
s AS (
  SELECT o.*, list_distinct(prim
      || CASE WHEN ${hide('registrert')} THEN ['registrert'] ELSE ${EMPTY} END
      || CASE WHEN ${hide('fakturert')} THEN ['fakturert'] ELSE ${EMPTY} END
      || CASE WHEN len(prim) >= 1 AND NOT ${hide('registrert')} THEN
           -- the next smallest while those hidden before it are not yet covered
           list_transform(list_filter(others, (x, i) -> NOT ${covered('len(prim) + i - 1', 'psum + coalesce(list_sum(list_transform(others[1:i - 1], y -> y.v)), 0)')}), x -> x.n)
           || CASE WHEN ${covered('len(prim) + len(others)', 'psum + coalesce(list_sum(list_transform(others, y -> y.v)), 0)')} THEN ${EMPTY} ELSE ['registrert'] END
         ELSE ${EMPTY} END) AS h1
  FROM o
),
h AS (
  SELECT s.* EXCLUDE (forced, cells, prim, psum, others, h1), list_distinct(h1 || forced
      || CASE WHEN list_contains(h1, 'betalbar') THEN ['timebasert', 'timer', 'forventet_belop', 'differanse'] ELSE ${EMPTY} END
      || CASE WHEN list_contains(h1, 'fakturert') THEN ['differanse', 'belop'] ELSE ${EMPTY} END) AS hidden
  FROM s
)
SELECT h.* EXCLUDE (hidden) REPLACE (${OUTPUT.map((c) => `CASE WHEN list_contains(hidden, '${c}') THEN NULL ELSE ${c} END AS ${c}`).join(', ')}),
  list_sort(hidden) AS prikket
FROM h`;
  return { sql, params: { ...params, min_count: minCount } };
}

/** DuckDB types of ReconciliationRow, in its key order (the query layer casts counts to INTEGER). */
const ROW_SHAPE = {
  kommunenr: 'VARCHAR', kommune: 'VARCHAR', fagomrade: 'VARCHAR', periode: 'VARCHAR',
  registrert: 'INTEGER', avvik_dips: 'INTEGER', uten_tidspunkt: 'INTEGER', ikke_betalingsplikt: 'INTEGER', ikke_varslet: 'INTEGER', kommune_klar: 'INTEGER',
  forste_dogn: 'INTEGER', under_terskel: 'INTEGER', betalbar: 'INTEGER', timebasert: 'DOUBLE', timer: 'DOUBLE',
  fakturert: 'INTEGER', differanse: 'INTEGER', belop: 'DOUBLE', forventet_belop: 'DOUBLE',
} as const satisfies Record<keyof ReconciliationRow, string>;

/** The query layer's rows as a relation for the suppression SQL (one JSON parameter). */
export function rowsSql(rows: readonly ReconciliationRow[]): { sql: string; params: Record<string, string> } {
  const shape = JSON.stringify([ROW_SHAPE]).replaceAll("'", "''");
  const cols = Object.keys(ROW_SHAPE).map((c) => `r.${c} AS ${c}`).join(', ');
  return {
    sql: `SELECT ${cols} FROM (SELECT unnest(from_json($rows::JSON, '${shape}')) AS r)`,
    params: { rows: JSON.stringify(rows) },
  };
}

/** Sums reconciliation rows into one (the selection's total) before suppression. */
export function totalSql(inner: string): string {
  const sums = ['registrert', ...BRIDGE_CATEGORIES, 'fakturert', 'differanse'].map((c) => `sum(${c})::INTEGER AS ${c}`);
  return `SELECT CASE WHEN count(DISTINCT kommunenr) = 1 THEN any_value(kommunenr) ELSE '*' END AS kommunenr,
    CASE WHEN count(DISTINCT kommunenr) = 1 THEN any_value(kommune) ELSE 'Alle' END AS kommune,
    'alle' AS fagomrade, min(periode) AS periode, ${sums.join(', ')},
    ${reportedHours('sum(timer)')} / 24.0 AS timebasert, ${reportedHours('sum(timer)')}::DOUBLE AS timer, sum(belop)::DOUBLE AS belop,
    CASE WHEN bool_or(forventet_belop IS NULL) THEN NULL ELSE sum(forventet_belop)::DOUBLE END AS forventet_belop
  FROM (${inner}) HAVING count(*) > 0`;
}

/** The minimum for one request: never below the configured one; publication raises it. */
export function effectiveMinCount(configured: number, requested: number | undefined, publication?: number): number {
  return Math.max(configured, requested ?? 0, publication ?? 0);
}
