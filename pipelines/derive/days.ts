/**
 * The stay-day table: one row per stay × USK period × calendar date the period touches, with the
 * hours of that date and the flags the classification reads (domain.md "Counting rules").
 *
 * Hours are real elapsed hours between instants: a date is [local midnight, next local midnight)
 * as instants (usk_calendar), so 26 March 2023 has 23 hours and 29 October 2023 has 25. The
 * calendar is computed once per date, not once per row: timezone() is the costly function here.
 */
import type { UskDb } from '../db/open.ts';
import { sqlString } from '../db/sql.ts';
import { paymentStarts } from '../reference/load.ts';
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
 * the query and never a rebuild. A missing notification means no notified hours at all. Whether a
 * date lies before the care area's payment obligation (ref_payment_start, as paymentStartSql) is law, not a setting, and
 * is a flag here like the gates; the hours are kept as they are (the strip shows them), and the
 * classification pays none of them.
 */
const daysSql = (scope: Scope, paymentStart: string) => `
INSERT INTO usk_day
SELECT p.stay_id, p.period_no, c.dato, date_trunc('month', c.dato)::DATE AS month,
  p.kommunenr, p.fagomrade,
  usk_overlap_hours(p.t_ready_us, p.t_end_us, c.start_us, c.end_us) AS hours,
  CASE WHEN p.t_notified_us IS NULL THEN 0.0
       ELSE usk_overlap_hours(p.t_notified_us, p.t_end_us, c.start_us, c.end_us) END AS h_notified,
  usk_overlap_hours(p.t_ready_us, p.until_mready_us, c.start_us, c.end_us) AS h_until_mready,
  CASE WHEN p.t_notified_us IS NULL THEN 0.0
       ELSE usk_overlap_hours(p.t_notified_us, p.until_mready_us, c.start_us, c.end_us) END AS h_window,
  p.pay_from IS NULL OR c.dato < p.pay_from AS before_payment,
  p.notif_date IS NULL OR c.dato < p.notif_date AS pre_notif,
  coalesce(c.dato >= p.mready_date, false) AS post_mready,
  -- greatest() skips NULLs, so a missing notification or payment start must say false itself.
  p.notif_date IS NOT NULL AND p.pay_from IS NOT NULL AND c.dato = greatest(p.notif_date, p.pay_from) AS first_notified,
  p.pay_from IS NOT NULL AND c.dato = greatest(p.first_date, p.pay_from) AS first_obligated
FROM (
  -- usk_period already carries the stay's municipality and care area: no join per day.
  SELECT *, least(t_end_us, coalesce(t_mready_us, t_end_us)) AS until_mready_us,
    t_notified_local::DATE AS notif_date, t_mready_local::DATE AS mready_date, ${paymentStart} AS pay_from,
    first_date + unnest(range(registered_days))::INTEGER AS dato
  FROM usk_period WHERE registered_days > 0 AND ${inScope(scope, 'stay_id')}
) p
JOIN usk_calendar c ON c.dato = p.dato`;

/**
 * The payment start of a row's care area as a CASE over the few rows of ref_payment_start (NULL: no
 * obligation ever began). Not a join: over a table just emptied by a full rebuild, DuckDB misjudged
 * the sizes and built its hash table on the millions of stay-days (a full rebuild's day step took
 * 14 s instead of 8).
 */
async function paymentStartSql(db: UskDb): Promise<string> {
  const rows = await paymentStarts(db);
  if (rows.length === 0) return 'NULL::DATE';
  return `CASE fagomrade ${rows.map((r) => `WHEN ${sqlString(r.fagomrade)} THEN DATE ${sqlString(r.from_date)}`).join(' ')} ELSE NULL::DATE END`;
}

/**
 * Fingerprint of the payment starts: they are baked into usk_day (before_payment and the first free
 * day's flags), so an edited data/reference/betalingsplikt.csv must rebuild it (derive/index.ts).
 */
export const PAYMENT_START_HASH_SQL = `SELECT coalesce(hash(string_agg(fagomrade || ':' || from_date, ',' ORDER BY fagomrade)), 0) AS h FROM ref_payment_start`;

/** Needs usk_period of the scope (buildStays) and _period (for the calendar's range). */
export async function buildDays(db: UskDb, scope: Scope): Promise<void> {
  await db.run(CALENDAR_SQL);
  await db.run(daysSql(scope, await paymentStartSql(db)));
}
