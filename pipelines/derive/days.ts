/**
 * The stay-day table: one row per stay × USK period × calendar date the period touches, with the
 * hours of that date and the flags the classification reads (domain.md "Counting rules").
 *
 * Hours are real elapsed hours between instants: a date is [local midnight, next local midnight)
 * as instants (usk_calendar), so 26 March 2023 has 23 hours and 29 October 2023 has 25. The
 * calendar is computed once per date, not once per row: timezone() is the costly function here.
 */
import type { UskDb } from '../db/open.ts';

/** Adds the dates the scope's periods need to usk_calendar (midnight is never in a DST gap in Norway). */
const CALENDAR_SQL = `
INSERT OR IGNORE INTO usk_calendar
SELECT d::DATE AS dato,
  timezone('Europe/Oslo', d::DATE::TIMESTAMP) AS day_start,
  timezone('Europe/Oslo', (d::DATE + 1)::TIMESTAMP) AS day_end
FROM (
  SELECT unnest(generate_series(min(first_date)::TIMESTAMP, max(first_date + registered_days)::TIMESTAMP, INTERVAL 1 DAY)) AS d
  FROM _period HAVING count(*) > 0
)
WHERE d::DATE NOT IN (SELECT dato FROM usk_calendar)`;

/**
 * Payable-window hours per gate combination, so that switching a gate off is a column choice in
 * the query and never a rebuild. A missing notification means no notified hours at all.
 */
const DAYS_SQL = `
INSERT INTO usk_day
SELECT p.stay_id, p.period_no, c.dato, date_trunc('month', c.dato)::DATE AS month,
  s.kommunenr, s.fagomrade,
  usk_overlap_hours(p.t_ready, p.t_end, c.day_start, c.day_end) AS hours,
  CASE WHEN p.t_notified IS NULL THEN 0.0
       ELSE usk_overlap_hours(p.t_notified, p.t_end, c.day_start, c.day_end) END AS h_notified,
  usk_overlap_hours(p.t_ready, coalesce(least(p.t_end, p.t_mready), p.t_end), c.day_start, c.day_end) AS h_until_mready,
  CASE WHEN p.t_notified IS NULL THEN 0.0
       ELSE usk_overlap_hours(p.t_notified, coalesce(least(p.t_end, p.t_mready), p.t_end), c.day_start, c.day_end) END AS h_window,
  p.notif_date IS NULL OR c.dato < p.notif_date AS pre_notif,
  coalesce(c.dato >= p.mready_date, false) AS post_mready,
  coalesce(c.dato = p.notif_date, false) AS is_notif_date,
  c.dato = p.first_date AS is_first_date
FROM (SELECT *, unnest(range(registered_days)) AS i FROM _period WHERE registered_days > 0) p
JOIN _stay s ON s.stay_id = p.stay_id
JOIN usk_calendar c ON c.dato = p.first_date + p.i::INTEGER`;

export async function buildDays(db: UskDb): Promise<void> {
  await db.run(CALENDAR_SQL);
  await db.run(DAYS_SQL);
}
