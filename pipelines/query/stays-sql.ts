/**
 * The per-stay reconciliation query (domain.md "Reconciliation"): ONE SQL statement over the
 * stay-level derived tables, for a rule set, a grouping and filters: municipality × period × care
 * area × stay. The municipality-level rows come from the cube (cube-sql.ts); a test checks that the
 * detail sums to them.
 *
 * Shape: three fact sources aggregated per registered municipality × care area × month —
 * registered days and the source-level bridge (usk_stay_month), classified days and hours
 * (usk_day, the only large table; the rule set is a CASE over its input columns) and invoice lines
 * (usk_invoice) — then mapped to the grouping's municipality, priced by the rate of each month's
 * year, and rolled up to the requested period. Aggregating before the crosswalk and rate joins keeps
 * those joins tiny.
 */
import type { Params } from '../db/open.ts';
import { BRIDGE_CATEGORIES, type RuleParams } from './contract.ts';
import { categorySql, CATEGORY_CODES, payableHoursSql } from './classify.ts';
import { factFilter, fagomradeSql, kommuneSql, mergeParams, periodeSql, type ParsedQuery } from './filters.ts';
import { reportedHours } from './cube-sql.ts';
import type { LabelBounds } from './period-label.ts';

export type Level = 'group' | 'stay';

const SUMMED = ['registrert', ...BRIDGE_CATEGORIES, 'fakturert'] as const;

/** `label`: the by-period label's ends (period-label.ts), where they were asked for. */
export function reconcileSql(rules: RuleParams, q: ParsedQuery, level: Level, label: LabelBounds): { sql: string; params: Params } {
  const filter = factFilter(q);
  const stay = level === 'stay' ? ', stay_id' : '';
  const fStay = level === 'stay' ? ', f.stay_id' : '';
  const mStay = level === 'stay' ? ', m.stay_id' : '';
  const counts = Object.entries(CATEGORY_CODES)
    .map(([name, code]) => `count(*) FILTER (WHERE cat = ${code}) AS ${name}`).join(',\n      ');
  const kommune = kommuneSql(q);
  const monthlySums = [...SUMMED.map((c) => `coalesce(sum(f.${c}), 0) AS ${c}`),
    'coalesce(sum(f.timer), 0.0) AS timer', 'coalesce(sum(f.belop), 0.0) AS belop'];
  // A stay's own care area (min(): one per stay in usk_stay; an unknown stay's invoice lines carry theirs), so a
  // stay listed under 'alle' or 'psykiatri' still says whether it is somatikk, psykisk helsevern or TSB.
  if (level === 'stay') {
    monthlySums.push('sum(f.dips_dogn) AS dips_dogn', 'coalesce(bool_or(f.kreditert), false) AS kreditert', 'min(f.fagomrade) AS own_fagomrade',
      'flatten(list(f.fakturanr) FILTER (WHERE f.fakturanr IS NOT NULL)) AS fakturanr');
  }
  const finalSums = SUMMED.map((c) => `sum(m.${c})::INTEGER AS ${c}`);

  const sql = `
WITH registered AS (
  SELECT kommunenr, fagomrade, month${stay},
    sum(registrert) AS registrert, sum(avvik_dips) AS avvik_dips, sum(uten_tidspunkt) AS uten_tidspunkt
    ${level === 'stay' ? ', sum(dips_days) AS dips_dogn' : ''}
  FROM usk_stay_month WHERE ${filter.where} GROUP BY ALL
),
classified AS (
  SELECT kommunenr, fagomrade, month${stay},
      ${counts},
      sum(h_pay) AS timer
  FROM (SELECT kommunenr, fagomrade, month${stay}, ${categorySql(rules)} AS cat, ${payableHoursSql(rules)} AS h_pay
        FROM usk_day WHERE ${filter.where})
  GROUP BY ALL
),
invoiced AS (
  SELECT kommunenr, fagomrade, month${stay}, sum(days) AS fakturert, sum(amount) AS belop
    ${level === 'stay' ? ', bool_or(days < 0) AS kreditert, list(DISTINCT invoice_no) AS fakturanr' : ''}
  FROM usk_invoice WHERE ${filter.where} GROUP BY ALL
),
facts AS (
  SELECT * FROM registered UNION ALL BY NAME SELECT * FROM classified UNION ALL BY NAME SELECT * FROM invoiced
),
monthly AS (
  SELECT ${kommune.nr} AS kommunenr, ${kommune.navn} AS kommune, ${fagomradeSql(q)} AS fagomrade, f.month${fStay},
    ${monthlySums.join(', ')}
  FROM facts f LEFT JOIN ref_kommune k ON k.kommunenr = f.kommunenr
  GROUP BY ALL
),
result AS (
  SELECT m.kommunenr, m.kommune, m.fagomrade, ${periodeSql(q, label, 'm.month', 'facts')} AS periode${mStay},
    ${finalSums.join(', ')},
    ${reportedHours('sum(m.timer)')} / 24.0 AS timebasert, ${reportedHours('sum(m.timer)')}::DOUBLE AS timer,
    (sum(m.fakturert) - sum(m.betalbar))::INTEGER AS differanse,
    sum(m.belop)::DOUBLE AS belop,
    -- A month whose year has no rate makes the expected amount missing, never 0 (domain.md).
    CASE WHEN bool_or(r.rate IS NULL) THEN NULL ELSE sum(m.betalbar * r.rate::DOUBLE) END AS forventet_belop
    ${level === 'stay' ? `, min(m.month) AS first_month, last_day(max(m.month)) AS last_day, sum(m.dips_dogn)::INTEGER AS dips_dogn, bool_or(m.kreditert) AS kreditert, min(m.own_fagomrade) AS own_fagomrade,
      list_sort(list_distinct(flatten(list(m.fakturanr)))) AS fakturanr` : ''}
  FROM monthly m LEFT JOIN ref_rate r ON r.year = year(m.month)
  GROUP BY ALL
)
${level === 'stay' ? stayDetailSql(q) : 'SELECT * FROM result ORDER BY kommunenr, fagomrade, periode'}`;
  return { sql, params: mergeParams(filter.params) };
}

/**
 * Per-stay columns and status. fagomrade is the stay's own care area when the filter groups several
 * ('alle', 'psykiatri'): the filter's slug says nothing about the stay. Without a filter the rows are
 * already split by care area, so the row's own is kept (the detail then sums to reconcile()'s rows).
 * USK fra/til are the stay's span (DIPS or HN-LIS, the wider) cut to the row's months (a stay over a
 * month's end has two rows, each with its own dates); none when the row's months hold no USK date of
 * the stay (an invoice line in a later month). opphold_fra/til are the whole span, which is what a
 * municipality holds its own records against. No patient pseudonym: the rows
 * go to municipalities, and a pseudonym would let a reader link one patient's stays (data
 * minimisation; the stay id is what both sides reconcile on).
 * The status is the first that applies, the differences a municipality must act on first:
 * ukjent-opphold (invoice line without a known stay), ikke-fakturert (payable days and no invoice
 * line for the stay at all), differanse (invoiced days differ from payable days), belopsavvik (the
 * days agree, the amount differs from payable days × the year's national rate by more than 1 kr),
 * kreditert (a credit line in the row, which then reconciles), kun-i-dips, kun-i-hnlis, ok.
 * Pågående is unknown (NULL) for an invoice line without a known stay.
 */
function stayDetailSql(q: ParsedQuery): string {
  const fagomrade = q.fagomrade ? 'coalesce(s.fagomrade, r.own_fagomrade)' : 'r.fagomrade';
  return `
SELECT r.stay_id, r.kommunenr, r.kommune, ${fagomrade} AS fagomrade, r.periode,
  CASE WHEN c.fra <= c.til THEN strftime(c.fra, '%Y-%m-%d') END AS usk_fra,
  CASE WHEN c.fra <= c.til THEN strftime(c.til, '%Y-%m-%d') END AS usk_til,
  strftime(s.usk_fra, '%Y-%m-%d') AS opphold_fra, strftime(s.usk_til, '%Y-%m-%d') AS opphold_til,
  array_to_string(coalesce(r.fakturanr, []), ', ') AS fakturanr,
  r.registrert, r.dips_dogn, ${BRIDGE_CATEGORIES.map((c) => `r.${c}`).join(', ')}, r.timebasert, r.fakturert, r.differanse, r.belop, r.forventet_belop,
  CASE WHEN s.stay_id IS NOT NULL THEN coalesce(s.pagaende, false) END AS pagaende,
  CASE WHEN s.stay_id IS NULL THEN 'ukjent-opphold'
       WHEN r.betalbar > 0 AND NOT EXISTS (SELECT 1 FROM usk_invoice i WHERE i.stay_id = r.stay_id) THEN 'ikke-fakturert'
       WHEN r.differanse <> 0 THEN 'differanse'
       WHEN r.forventet_belop IS NOT NULL AND abs(r.belop - r.forventet_belop) > 1 THEN 'belopsavvik'
       WHEN r.kreditert THEN 'kreditert'
       WHEN NOT s.in_hnlis THEN 'kun-i-dips'
       WHEN NOT s.in_dips THEN 'kun-i-hnlis'
       ELSE 'ok' END AS status
FROM result r LEFT JOIN usk_stay s ON s.stay_id = r.stay_id
-- The stay's span cut to the row's months (NULL for an unknown stay: greatest() would skip its NULL).
CROSS JOIN LATERAL (SELECT CASE WHEN s.usk_fra IS NOT NULL THEN greatest(s.usk_fra, r.first_month) END AS fra, least(s.usk_til, r.last_day) AS til) c
ORDER BY r.kommunenr, r.fagomrade, r.periode, r.stay_id NULLS LAST`;
}
