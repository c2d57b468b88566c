/**
 * Stays: the join of DIPS rows and HN-LIS periods by Oppholds-ID (domain.md "Reconciliation").
 *
 * A stay's municipality and care area come from its DIPS row where present (the latest USK period
 * of the stay), else from its events (the latest event). Registered days per month are the DIPS
 * count walked date by date from "Utskrivningsklar", else the recomputed dates; avvik_dips and
 * uten_tidspunkt keep the bridge exact. Works on the stays in _scope; needs _ev and _period.
 */
import type { UskDb } from '../db/open.ts';
import { inScope, type Scope } from './scope.ts';

const stayAttrSql = (scope: Scope) => `
CREATE OR REPLACE TEMP TABLE _stay AS
WITH dips AS (
  SELECT stay_id,
    arg_max(kommunenr, ready) AS kommunenr, arg_max(fagomrade, ready) AS fagomrade,
    arg_max(patient_pseudonym, ready) AS patient_pseudonym, sum(usk_days)::INTEGER AS dips_days,
    min(ready)::DATE AS first_date, max(ready::DATE + greatest(usk_days, 1) - 1) AS last_date
  FROM src_period_current WHERE ${inScope(scope, 'stay_id')} GROUP BY stay_id
),
events AS (
  -- The newest extract's statement wins, and within it the latest event. min/max of the
  -- municipality and care area over the events reveal any disagreement cheaply.
  SELECT stay_id, arg_max(kommunenr, (batch_id::BIGINT << 32) + seq) AS kommunenr,
    arg_max(fagomrade, (batch_id::BIGINT << 32) + seq) AS fagomrade,
    min(kommunenr) AS ev_kommune_min, max(kommunenr) AS ev_kommune_max,
    min(fagomrade) AS ev_fag_min, max(fagomrade) AS ev_fag_max, min(at_local)::DATE AS first_date
  FROM _ev GROUP BY stay_id
),
periods AS (
  SELECT stay_id, sum(registered_days)::INTEGER AS recomputed_days, bool_or(pagaende) AS pagaende,
    -- The last date a period touches (periods.ts registered_days): one ending at 00:00 does not touch that date.
    min(t_ready_local)::DATE AS first_date, max(t_ready_local::DATE + greatest(registered_days, 1) - 1) AS last_date
  FROM _period GROUP BY stay_id
)
SELECT coalesce(d.stay_id, e.stay_id) AS stay_id,
  d.patient_pseudonym,
  coalesce(d.kommunenr, e.kommunenr) AS kommunenr,
  coalesce(d.fagomrade, e.fagomrade) AS fagomrade,
  d.stay_id IS NOT NULL AS in_dips,
  -- "In HN-LIS" means classifiable: at least one USK period. Events without a code 2 cannot be
  -- classified, so such a stay's DIPS days stay uten_tidspunkt (and a finding says why).
  p.stay_id IS NOT NULL AS in_hnlis,
  d.dips_days,
  coalesce(p.recomputed_days, 0) AS recomputed_days,
  coalesce(p.pagaende, false) AS pagaende,
  least(d.first_date, e.first_date) AS first_date,
  -- The stay's USK dates for a reader holding it against an invoice: the wider of DIPS and HN-LIS.
  least(d.first_date, p.first_date) AS usk_fra, greatest(d.last_date, p.last_date) AS usk_til,
  e.ev_kommune_min, e.ev_kommune_max, e.ev_fag_min, e.ev_fag_max
FROM dips d
FULL JOIN events e ON e.stay_id = d.stay_id
LEFT JOIN periods p ON p.stay_id = coalesce(d.stay_id, e.stay_id)`;

const PERIOD_INSERT_SQL = `
INSERT INTO usk_period
SELECT p.stay_id, p.period_no, s.kommunenr, s.fagomrade, p.t_ready_local, p.t_ready_us, p.t_notified_local,
  p.t_notified_us, p.t_mready_local, p.t_mready_us, p.t_end_local, p.t_end_us, p.end_code, p.pagaende, p.hours,
  p.first_date, p.registered_days
FROM _period p JOIN _stay s USING (stay_id)`;

const STAY_INSERT_SQL = `
INSERT INTO usk_stay
SELECT stay_id, patient_pseudonym, kommunenr, fagomrade, in_dips, in_hnlis, dips_days, recomputed_days, pagaende, usk_fra, usk_til
FROM _stay`;

/** Needs usk_day for the scope already built. */
const stayMonthSql = (scope: Scope) => `
INSERT INTO usk_stay_month
WITH dips_dates AS (
  SELECT stay_id, date_trunc('month', dato)::DATE AS month, count(*)::INTEGER AS n
  FROM (
    SELECT stay_id, ready::DATE + i::INTEGER AS dato
    FROM (SELECT stay_id, ready, unnest(range(greatest(usk_days, 0))) AS i
          FROM src_period_current WHERE ${inScope(scope, 'stay_id')})
  ) GROUP BY ALL
),
recomputed AS (
  SELECT stay_id, month, count(*)::INTEGER AS n
  FROM usk_day WHERE ${inScope(scope, 'stay_id')} GROUP BY ALL
)
SELECT s.stay_id, m.month, s.kommunenr, s.fagomrade,
  CASE WHEN s.in_dips THEN coalesce(m.dips_n, 0) END AS dips_days,
  coalesce(m.rec_n, 0) AS recomputed_days,
  CASE WHEN s.in_dips THEN coalesce(m.dips_n, 0) ELSE coalesce(m.rec_n, 0) END AS registrert,
  CASE WHEN s.in_dips AND s.in_hnlis THEN coalesce(m.dips_n, 0) - coalesce(m.rec_n, 0) ELSE 0 END AS avvik_dips,
  CASE WHEN s.in_dips AND NOT s.in_hnlis THEN coalesce(m.dips_n, 0) ELSE 0 END AS uten_tidspunkt
FROM (
  SELECT coalesce(d.stay_id, r.stay_id) AS stay_id, coalesce(d.month, r.month) AS month,
    d.n AS dips_n, r.n AS rec_n
  FROM dips_dates d FULL JOIN recomputed r ON r.stay_id = d.stay_id AND r.month = d.month
) m JOIN _stay s ON s.stay_id = m.stay_id`;

export async function buildStays(db: UskDb, scope: Scope, timings?: Record<string, number>): Promise<void> {
  for (const [name, sql] of [['attributes', stayAttrSql(scope)], ['periodRows', PERIOD_INSERT_SQL], ['stayRows', STAY_INSERT_SQL]] as const) {
    const t = performance.now();
    await db.run(sql);
    if (timings) timings[`stays.${name}`] = Math.round(performance.now() - t);
  }
}

export async function buildStayMonths(db: UskDb, scope: Scope): Promise<void> {
  await db.run(stayMonthSql(scope));
}
