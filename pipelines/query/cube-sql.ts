/**
 * The municipality-level reconciliation as ONE SQL statement over the cube (usk_cube +
 * usk_short_day, built by pipelines/derive/cube.ts): pick the rule's counts per cube row, count the
 * short days under the threshold, map to the grouping's municipality, price each month by the rate
 * of its year, roll up to the requested period.
 *
 * Every output column is an INTEGER or a DOUBLE (strings as codes) so that the rows can be read
 * straight from DuckDB's vectors (columnar.ts); names and labels are attached in reconcile.ts.
 */
import type { Params } from '../db/open.ts';
import { BRIDGE_CATEGORIES, type BridgeCategory } from './categories.ts';
import type { Fagomrade, RuleParams } from './contract.ts';
import { cubeCategorySql, shortDayFilterSql } from './classify.ts';
import { factFilter, mergeParams, type ParsedQuery } from './filters.ts';
import type { NumericKind } from './columnar.ts';

/** Care-area codes; their order is the slugs' alphabetical order, which is the rows' order. */
export const FAGOMRADE_CODES = ['psykisk-helsevern', 'somatikk', 'tsb'] as const satisfies readonly Fagomrade[];

export const CUBE_COLUMNS = [
  ['kommune_code', 'int32'], ['fagomrade_code', 'int32'], ['periode_code', 'int32'],
  ['periode_min', 'int32'], ['periode_max', 'int32'],
  ['registrert', 'int32'], ...BRIDGE_CATEGORIES.map((c) => [c, 'int32'] as const),
  ['fakturert', 'int32'], ['differanse', 'int32'], ['timebasert', 'float64'], ['timer', 'float64'],
  ['belop', 'float64'], ['forventet_belop', 'float64'],
] as const satisfies ReadonlyArray<readonly [string, NumericKind]>;
export type CubeColumn = (typeof CUBE_COLUMNS)[number][0];

/**
 * One row per cube row when the cube already has the output's grain (by month, each care area on
 * its own): no regrouping, which is most of the cost at national scale. Otherwise rolled up.
 */
/**
 * A sum of hours as reported: sums of fractions of an hour carry a double's noise
 * (1823.2499999999998 for 1823 h 15 min), so they are rounded to nine decimals, far below a minute,
 * and a JSON reader who rounds to one decimal gets what the CSV and the dashboard show (1823,3).
 * Hour-based days are these hours / 24, otherwise unrounded. Every sum of hours that is reported
 * goes through here (the cube, the stays, a published total).
 */
export const reportedHours = (sum: string) => `round(${sum}, 9)`;

export function cubeSql(rules: RuleParams, q: ParsedQuery): { sql: string; params: Params } {
  const filter = factFilter(q, 'c.');
  const cat = cubeCategorySql(rules);
  const underFilter = shortDayFilterSql(rules);
  // The current-municipality cube is usk_cube regrouped by today's number at derive time.
  const table = q.group === 'current' ? 'usk_cube_current' : 'usk_cube';
  const shortKey = q.group === 'current' ? 'cube_current_id' : 'cube_id';
  const fag = q.fagomrade
    ? '0'
    : `CASE c.fagomrade ${FAGOMRADE_CODES.map((f, i) => `WHEN '${f}' THEN ${i}`).join(' ')} ELSE ${FAGOMRADE_CODES.length} END`;
  const ym = `(year(c.month) * 100 + month(c.month))`;
  const under = 'coalesce(u.n, 0)';
  // Each bridge category of a cube row; betalbar is what the classified exclusions leave of n_days.
  const days: Record<BridgeCategory, string> = {
    avvik_dips: 'c.avvik_dips',
    uten_tidspunkt: 'c.uten_tidspunkt',
    ikke_betalingsplikt: cat.ikke_betalingsplikt,
    ikke_varslet: cat.ikke_varslet,
    kommune_klar: cat.kommune_klar,
    forste_dogn: cat.forste_dogn,
    under_terskel: under,
    betalbar: `c.n_days - ${cat.ikke_betalingsplikt} - ${cat.ikke_varslet} - ${cat.kommune_klar} - ${cat.forste_dogn} - ${under}`,
  };
  const periode = q.by === 'month' ? ym : q.by === 'year' ? 'year(c.month)' : '0';
  const monthly = `
WITH cube AS (SELECT * FROM ${table} c WHERE ${filter.where}),
under AS (
  ${underFilter
    ? `SELECT ${shortKey} AS cube_id, count(*)::INTEGER AS n FROM usk_short_day
       WHERE ${underFilter} AND ${shortKey} IN (SELECT cube_id FROM cube) GROUP BY ${shortKey}`
    : 'SELECT NULL::INTEGER AS cube_id, 0 AS n LIMIT 0'}
),
monthly AS (
  SELECT c.cube_id, c.kommunenr::INTEGER AS kommune_code, (${fag})::INTEGER AS fagomrade_code,
    (${periode})::INTEGER AS periode_code, ${ym}::INTEGER AS ym, c.month,
    c.registrert, ${BRIDGE_CATEGORIES.map((k) => `${days[k]} AS ${k}`).join(', ')},
    c.fakturert, c.belop, ${cat.timer} AS timer
  FROM cube c LEFT JOIN under u ON u.cube_id = c.cube_id
)`;
  const oneRowPerCubeRow = q.by === 'month' && q.fagomrade !== 'alle' && q.fagomrade !== 'psykiatri';
  const sql = oneRowPerCubeRow
    ? `${monthly}
SELECT m.kommune_code, m.fagomrade_code, m.periode_code, m.ym AS periode_min, m.ym AS periode_max,
  m.registrert, ${BRIDGE_CATEGORIES.map((k) => `m.${k}::INTEGER`).join(', ')}, m.fakturert, (m.fakturert - m.betalbar)::INTEGER AS differanse,
  ${reportedHours('m.timer')} / 24.0 AS timebasert, ${reportedHours('m.timer')}::DOUBLE, m.belop::DOUBLE,
  -- A month whose year has no rate has a missing expected amount, never 0 (domain.md).
  m.betalbar * r.rate::DOUBLE AS forventet_belop
FROM monthly m LEFT JOIN ref_rate r ON r.year = year(m.month)
ORDER BY m.cube_id`
    : `${monthly}
SELECT m.kommune_code, m.fagomrade_code, m.periode_code,
  min(m.ym)::INTEGER AS periode_min, max(m.ym)::INTEGER AS periode_max,
  sum(m.registrert)::INTEGER, ${BRIDGE_CATEGORIES.map((k) => `sum(m.${k})::INTEGER`).join(', ')},
  sum(m.fakturert)::INTEGER, (sum(m.fakturert) - sum(m.betalbar))::INTEGER AS differanse,
  ${reportedHours('sum(m.timer)')} / 24.0 AS timebasert, ${reportedHours('sum(m.timer)')}::DOUBLE, sum(m.belop)::DOUBLE,
  CASE WHEN bool_or(r.rate IS NULL) THEN NULL ELSE sum(m.betalbar * r.rate::DOUBLE) END AS forventet_belop
FROM monthly m LEFT JOIN ref_rate r ON r.year = year(m.month)
GROUP BY m.kommune_code, m.fagomrade_code, m.periode_code
ORDER BY m.kommune_code, m.fagomrade_code, m.periode_code`;
  return { sql, params: mergeParams(filter.params) };
}
