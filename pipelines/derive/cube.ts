/**
 * The reconciliation cube (usk_cube + usk_short_day), rebuilt in full after every refresh from
 * usk_stay_month, usk_day and usk_invoice. It is what makes a new rule set an interactive query at
 * national scale: the query reads ~10⁵ cube rows and the short days under the threshold instead of
 * classifying ~10⁷ stay-days (see bench/RESULTS.md). The classification arithmetic over it lives
 * beside the per-day CASE in pipelines/query/classify.ts, and a property test keeps them equal.
 */
import type { UskDb } from '../db/open.ts';

/** Bits of usk_short_day.flags; query/classify.ts reads them. */
export const SHORT_DAY_FLAGS = { preNotif: 1, postMready: 2, firstNotified: 4, firstObligated: 8 } as const;

const CUBE_SQL = `
INSERT INTO usk_cube
WITH registered AS (
  SELECT kommunenr, fagomrade, month, sum(registrert)::INTEGER AS registrert,
    sum(avvik_dips)::INTEGER AS avvik_dips, sum(uten_tidspunkt)::INTEGER AS uten_tidspunkt
  FROM usk_stay_month GROUP BY ALL
),
-- A day before the payment obligation is ikke_betalingsplikt under every rule set, before any gate
-- is asked: it is counted once, and every other count and hour sum leaves it out.
days AS (
  SELECT kommunenr, fagomrade, month,
    count(*)::INTEGER AS n_days,
    count(*) FILTER (WHERE before_payment)::INTEGER AS n_unpaid,
    count(*) FILTER (WHERE obliged AND pre_notif)::INTEGER AS n_pre,
    count(*) FILTER (WHERE obliged AND post_mready)::INTEGER AS n_post,
    count(*) FILTER (WHERE obliged AND post_mready AND NOT pre_notif)::INTEGER AS n_post_notified,
    count(*) FILTER (WHERE obliged AND first_obligated)::INTEGER AS n_first,
    count(*) FILTER (WHERE obliged AND first_obligated AND NOT post_mready)::INTEGER AS n_first_open,
    count(*) FILTER (WHERE obliged AND first_notified)::INTEGER AS n_notif_first,
    count(*) FILTER (WHERE obliged AND first_notified AND NOT post_mready)::INTEGER AS n_notif_first_open,
    sum(hours) FILTER (WHERE obliged) AS h_all, sum(h_notified) FILTER (WHERE obliged) AS h_notified,
    sum(h_until_mready) FILTER (WHERE obliged) AS h_until_mready, sum(h_window) FILTER (WHERE obliged) AS h_window
  FROM (SELECT *, NOT before_payment AS obliged FROM usk_day) GROUP BY ALL
),
invoiced AS (
  SELECT kommunenr, fagomrade, month, sum(days)::INTEGER AS fakturert, sum(amount) AS belop
  FROM usk_invoice GROUP BY ALL
),
keys AS (
  SELECT kommunenr, fagomrade, month FROM registered
  UNION SELECT kommunenr, fagomrade, month FROM days
  UNION SELECT kommunenr, fagomrade, month FROM invoiced
)
SELECT (row_number() OVER (ORDER BY k.kommunenr, k.fagomrade, k.month) - 1)::INTEGER AS cube_id,
  k.kommunenr, k.fagomrade, k.month,
  coalesce(r.registrert, 0), coalesce(r.avvik_dips, 0), coalesce(r.uten_tidspunkt, 0),
  coalesce(d.n_days, 0), coalesce(d.n_unpaid, 0), coalesce(d.n_pre, 0), coalesce(d.n_post, 0), coalesce(d.n_post_notified, 0),
  coalesce(d.n_first, 0), coalesce(d.n_first_open, 0), coalesce(d.n_notif_first, 0), coalesce(d.n_notif_first_open, 0),
  coalesce(d.h_all, 0), coalesce(d.h_notified, 0), coalesce(d.h_until_mready, 0), coalesce(d.h_window, 0),
  coalesce(i.fakturert, 0), coalesce(i.belop, 0)
FROM keys k
LEFT JOIN registered r USING (kommunenr, fagomrade, month)
LEFT JOIN days d USING (kommunenr, fagomrade, month)
LEFT JOIN invoiced i USING (kommunenr, fagomrade, month)`;

/** Regroups usk_cube by today's municipality number. */
const CUBE_CURRENT_SQL = `
INSERT INTO usk_cube_current
SELECT (row_number() OVER (ORDER BY kommunenr, fagomrade, month) - 1)::INTEGER, *
FROM (
  SELECT coalesce(k.current_nr, c.kommunenr) AS kommunenr, c.fagomrade, c.month,
    ${['registrert', 'avvik_dips', 'uten_tidspunkt', 'n_days', 'n_unpaid', 'n_pre', 'n_post', 'n_post_notified', 'n_first',
      'n_first_open', 'n_notif_first', 'n_notif_first_open'].map((col) => `sum(c.${col})::INTEGER`).join(', ')},
    ${['h_all', 'h_notified', 'h_until_mready', 'h_window'].map((col) => `sum(c.${col})`).join(', ')},
    sum(c.fakturert)::INTEGER, sum(c.belop)
  FROM usk_cube c LEFT JOIN ref_kommune k ON k.kommunenr = c.kommunenr
  GROUP BY ALL
)`;

/** Which current-cube row each registered-cube row belongs to. */
const CUBE_MAP_SQL = `
CREATE OR REPLACE TEMP TABLE _cube_map AS
SELECT c.cube_id, cc.cube_id AS cube_current_id
FROM usk_cube c LEFT JOIN ref_kommune k ON k.kommunenr = c.kommunenr
JOIN usk_cube_current cc ON cc.kommunenr = coalesce(k.current_nr, c.kommunenr) AND cc.fagomrade = c.fagomrade AND cc.month = c.month`;

const SHORT_DAYS_SQL = `
INSERT INTO usk_short_day
SELECT c.cube_id, m.cube_current_id, d.hours,
  (d.pre_notif::INTEGER * ${SHORT_DAY_FLAGS.preNotif} + d.post_mready::INTEGER * ${SHORT_DAY_FLAGS.postMready}
   + d.first_notified::INTEGER * ${SHORT_DAY_FLAGS.firstNotified} + d.first_obligated::INTEGER * ${SHORT_DAY_FLAGS.firstObligated})::UTINYINT
FROM usk_day d JOIN usk_cube c USING (kommunenr, fagomrade, month) JOIN _cube_map m ON m.cube_id = c.cube_id
WHERE d.hours < 24 AND NOT d.before_payment
ORDER BY d.hours`;

/** Fingerprint of the crosswalk, so a changed ref_kommune triggers a cube rebuild. */
export const CROSSWALK_HASH_SQL = `SELECT coalesce(hash(string_agg(kommunenr || ':' || current_nr, ',' ORDER BY kommunenr)), 0) AS h FROM ref_kommune`;

export async function buildCube(db: UskDb): Promise<void> {
  for (const t of ['usk_cube', 'usk_cube_current', 'usk_short_day']) await db.run(`DELETE FROM ${t}`);
  await db.run(CUBE_SQL);
  await db.run(CUBE_CURRENT_SQL);
  await db.run(CUBE_MAP_SQL);
  await db.run(SHORT_DAYS_SQL);
  await db.run('DROP TABLE IF EXISTS _cube_map');
}
