/**
 * The stay-day table: one row per stay × USK period × calendar date the period touches, with the
 * hours of that date and the flags the classification reads (domain.md "Counting rules").
 *
 * Hours are real elapsed hours between instants: a date is [local midnight, next local midnight)
 * as instants (usk_calendar), so 26 March 2023 has 23 hours and 29 October 2023 has 25. The
 * calendar is computed once per date, not once per row: timezone() is the costly function here.
 */
import type { UskDb } from '../db/open.ts';
import { inScope, type Scope } from './scope.ts';

/** Adds the dates the scope's periods need to usk_calendar (midnight is never in a DST gap in Norway). */
const CALENDAR_SQL = `
INSERT OR IGNORE INTO usk_calendar
SELECT d::DATE AS dato,
  epoch_us(timezone('Europe/Oslo', d::DATE::TIMESTAMP)) AS start_us,
  epoch_us(timezone('Europe/Oslo', (d::DATE + 1)::TIMESTAMP)) AS end_us
FROM (
  SELECT unnest(generate_series(min(first_date)::TIMESTAMP, max(first_date + registered_days)::TIMESTAMP, INTERVAL 1 DAY)) AS d
  FROM _period HAVING count(*) > 0
)
WHERE d::DATE NOT IN (SELECT dato FROM usk_calendar)`;

/**
 * Payable-window hours per gate combination, so that switching a gate off is a column choice in
 * the query and never a rebuild. A missing notification means no notified hours at all.
 */
const daysSql = (scope: Scope) => `
INSERT INTO usk_day
SELECT p.stay_id, p.period_no, c.dato, date_trunc('month', c.dato)::DATE AS month,
  p.kommunenr, p.fagomrade,
  usk_overlap_hours(p.t_ready_us, p.t_end_us, c.start_us, c.end_us) AS hours,
  CASE WHEN p.t_notified_us IS NULL THEN 0.0
       ELSE usk_overlap_hours(p.t_notified_us, p.t_end_us, c.start_us, c.end_us) END AS h_notified,
  usk_overlap_hours(p.t_ready_us, p.until_mready_us, c.start_us, c.end_us) AS h_until_mready,
  CASE WHEN p.t_notified_us IS NULL THEN 0.0
       ELSE usk_overlap_hours(p.t_notified_us, p.until_mready_us, c.start_us, c.end_us) END AS h_window,
  p.notif_date IS NULL OR c.dato < p.notif_date AS pre_notif,
  coalesce(c.dato >= p.mready_date, false) AS post_mready,
  coalesce(c.dato = p.notif_date, false) AS is_notif_date,
  c.dato = p.first_date AS is_first_date
FROM (
  -- usk_period already carries the stay's municipality and care area: no join per day.
  SELECT *, least(t_end_us, coalesce(t_mready_us, t_end_us)) AS until_mready_us,
    t_notified_local::DATE AS notif_date, t_mready_local::DATE AS mready_date,
    first_date + unnest(range(registered_days))::INTEGER AS dato
  FROM usk_period WHERE registered_days > 0 AND ${inScope(scope, 'stay_id')}
) p
JOIN usk_calendar c ON c.dato = p.dato`;

/** Needs usk_period of the scope (buildStays) and _period (for the calendar's range). */
export async function buildDays(db: UskDb, scope: Scope): Promise<void> {
  await db.run(CALENDAR_SQL);
  await db.run(daysSql(scope));
}
