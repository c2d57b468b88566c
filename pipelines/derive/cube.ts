/**
 * The reconciliation cube (usk_cube + usk_short_day), rebuilt in full after every refresh from
 * usk_stay_month, usk_day and usk_invoice. It is what makes a new rule set an interactive query at
 * national scale: the query reads ~10⁵ cube rows and the short days under the threshold instead of
 * classifying ~10⁷ stay-days (see bench/RESULTS.md). The classification arithmetic over it lives
 * beside the per-day CASE in pipelines/query/classify.ts, and a property test keeps them equal.
 */
import type { UskDb } from '../db/open.ts';

export const SHORT_DAY_FLAGS = { preNotif: 1, postMready: 2, notifDate: 4, firstDate: 8 } as const;

const CUBE_SQL = `
INSERT INTO usk_cube
WITH registered AS (
  SELECT kommunenr, fagomrade, month, sum(registrert)::INTEGER AS registrert,
    sum(avvik_dips)::INTEGER AS avvik_dips, sum(uten_tidspunkt)::INTEGER AS uten_tidspunkt
  FROM usk_stay_month GROUP BY ALL
),
days AS (
  SELECT kommunenr, fagomrade, month,
    count(*)::INTEGER AS n_days,
    count(*) FILTER (WHERE pre_notif)::INTEGER AS n_pre,
    count(*) FILTER (WHERE post_mready)::INTEGER AS n_post,
    count(*) FILTER (WHERE post_mready AND NOT pre_notif)::INTEGER AS n_post_notified,
    count(*) FILTER (WHERE is_first_date)::INTEGER AS n_first,
    count(*) FILTER (WHERE is_first_date AND NOT post_mready)::INTEGER AS n_first_open,
    count(*) FILTER (WHERE is_notif_date)::INTEGER AS n_notif_first,
    count(*) FILTER (WHERE is_notif_date AND NOT post_mready)::INTEGER AS n_notif_first_open,
    sum(hours) AS h_all, sum(h_notified) AS h_notified, sum(h_until_mready) AS h_until_mready, sum(h_window) AS h_window
  FROM usk_day GROUP BY ALL
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
  coalesce(d.n_days, 0), coalesce(d.n_pre, 0), coalesce(d.n_post, 0), coalesce(d.n_post_notified, 0),
  coalesce(d.n_first, 0), coalesce(d.n_first_open, 0), coalesce(d.n_notif_first, 0), coalesce(d.n_notif_first_open, 0),
  coalesce(d.h_all, 0), coalesce(d.h_notified, 0), coalesce(d.h_until_mready, 0), coalesce(d.h_window, 0),
  coalesce(i.fakturert, 0), coalesce(i.belop, 0)
FROM keys k
LEFT JOIN registered r USING (kommunenr, fagomrade, month)
LEFT JOIN days d USING (kommunenr, fagomrade, month)
LEFT JOIN invoiced i USING (kommunenr, fagomrade, month)`;

const SHORT_DAYS_SQL = `
INSERT INTO usk_short_day
SELECT c.cube_id, d.hours,
  (d.pre_notif::INTEGER * ${SHORT_DAY_FLAGS.preNotif} + d.post_mready::INTEGER * ${SHORT_DAY_FLAGS.postMready}
   + d.is_notif_date::INTEGER * ${SHORT_DAY_FLAGS.notifDate} + d.is_first_date::INTEGER * ${SHORT_DAY_FLAGS.firstDate})::UTINYINT
FROM usk_day d JOIN usk_cube c USING (kommunenr, fagomrade, month)
WHERE d.hours < 24
ORDER BY d.hours`;

export async function buildCube(db: UskDb): Promise<void> {
  await db.run('DELETE FROM usk_cube');
  await db.run('DELETE FROM usk_short_day');
  await db.run(CUBE_SQL);
  await db.run(SHORT_DAYS_SQL);
}
