/**
 * USK periods from HN-LIS events (exports.md "hnlis-hendelser"): the one home of period building.
 *
 * Each stay's current events, sorted by time (same minute: 2, 3, 6, 7, 4, UT), form its periods:
 * a period starts at code 2 and ends at code 4 or UT, or at the stay's as-of time when still open.
 * A code 2 inside an open period is a duplicate. A code 3/6/7 outside every period belongs to the
 * next period of the stay that starts on the same date, else it is left out (and becomes a finding).
 * Exact duplicates are already gone: src_event_current keeps one row per (stay, code, time).
 *
 * Works on the stays in the temp table _scope; leaves temp tables _ev (events with their role),
 * _mark (codes 3/6/7 with the period they belong to; NULL = outside) and _period for the next steps.
 */
import type { UskDb } from '../db/open.ts';

/** Events of the scope, with their position in the stay and their role in period building. */
const EVENTS_SQL = `
CREATE OR REPLACE TEMP TABLE _ev AS
WITH ordered AS (
  SELECT e.stay_id, e.code, e.at_local, e.at_utc, e.kommunenr, e.fagomrade,
    row_number() OVER (PARTITION BY e.stay_id ORDER BY date_trunc('minute', e.at_utc),
      CASE e.code WHEN '2' THEN 1 WHEN '3' THEN 2 WHEN '6' THEN 3 WHEN '7' THEN 4 WHEN '4' THEN 5 ELSE 6 END,
      e.at_utc) AS seq
  FROM src_event_current e
  WHERE e.stay_id IN (SELECT stay_id FROM _scope)
),
boundaries AS (
  -- The previous boundary event (2, 4 or UT) decides whether a period is open at this one.
  SELECT *, CASE WHEN code IN ('2', '4', 'UT') THEN
      lag(code) OVER (PARTITION BY stay_id, code IN ('2', '4', 'UT') ORDER BY seq) END AS prev_boundary
  FROM ordered
),
roles AS (
  SELECT *,
    code = '2' AND coalesce(prev_boundary, '4') <> '2' AS is_start,
    code = '2' AND prev_boundary = '2' AS is_duplicate_start,
    code IN ('4', 'UT') AND prev_boundary = '2' AS is_end,
    -- A revocation with no open period is odd; a discharge after a revocation is normal.
    code = '4' AND coalesce(prev_boundary, '4') <> '2' AS is_stray_end
  FROM boundaries
)
SELECT *, sum(is_start::INTEGER) OVER (PARTITION BY stay_id ORDER BY seq ROWS UNBOUNDED PRECEDING)::INTEGER AS pno
FROM roles`;

/** Codes 3/6/7 with the period they belong to; assigned NULL = outside every period. */
const MARKS_SQL = `
CREATE OR REPLACE TEMP TABLE _mark AS
WITH starts AS (SELECT stay_id, pno, at_local AS t_ready_local FROM _ev WHERE is_start),
ends AS (SELECT stay_id, pno, seq AS end_seq FROM _ev WHERE is_end)
SELECT m.stay_id, m.code, m.at_local, m.at_utc, m.kommunenr,
  CASE WHEN m.pno > 0 AND (e.end_seq IS NULL OR m.seq < e.end_seq) THEN m.pno
       WHEN n.t_ready_local::DATE = m.at_local::DATE THEN m.pno + 1 END AS assigned
FROM _ev m
LEFT JOIN ends e ON e.stay_id = m.stay_id AND e.pno = m.pno
LEFT JOIN starts n ON n.stay_id = m.stay_id AND n.pno = m.pno + 1
WHERE m.code IN ('3', '6', '7')`;

const PERIODS_SQL = `
CREATE OR REPLACE TEMP TABLE _period AS
WITH starts AS (
  SELECT stay_id, pno, at_local AS t_ready_local, at_utc AS t_ready FROM _ev WHERE is_start
),
ends AS (
  SELECT stay_id, pno, seq AS end_seq, at_utc AS t_end_event, code AS end_code FROM _ev WHERE is_end
),
mark_times AS (
  SELECT stay_id, assigned AS pno,
    min(at_utc) FILTER (WHERE code = '3') AS first_notified,
    min(at_utc) FILTER (WHERE code = '7') AS first_mready
  FROM _mark WHERE assigned IS NOT NULL GROUP BY ALL
),
as_of AS (
  -- Open periods end at the latest as-of among every loaded extract holding the stay, including
  -- superseded versions: a newer extract that no longer repeats an event still saw the stay.
  SELECT e.stay_id, max(coalesce(e.as_of, b.as_of)) AS as_of_local, max(e.at_local) AS last_event_local
  FROM src_event e LEFT JOIN batch b ON b.batch_id = e.batch_id
  WHERE e.stay_id IN (SELECT stay_id FROM _scope)
  GROUP BY e.stay_id
),
instants AS (
  SELECT s.stay_id, s.pno AS period_no, s.t_ready_local, s.t_ready,
    -- A notification before t_ready counts as given at t_ready (domain.md).
    CASE WHEN mt.first_notified IS NOT NULL THEN greatest(s.t_ready, mt.first_notified) END AS t_notified,
    CASE WHEN mt.first_mready IS NOT NULL THEN greatest(s.t_ready, mt.first_mready) END AS t_mready,
    greatest(s.t_ready, coalesce(e.t_end_event,
      usk_local_instant(coalesce(a.as_of_local, a.last_event_local)))) AS t_end,
    e.end_code
  FROM starts s
  LEFT JOIN ends e ON e.stay_id = s.stay_id AND e.pno = s.pno
  LEFT JOIN mark_times mt ON mt.stay_id = s.stay_id AND mt.pno = s.pno
  LEFT JOIN as_of a ON a.stay_id = s.stay_id
)
SELECT *,
  end_code IS NULL AS pagaende,
  timezone('Europe/Oslo', t_ready)::DATE AS first_date,
  timezone('Europe/Oslo', t_notified)::DATE AS notif_date,
  timezone('Europe/Oslo', t_mready)::DATE AS mready_date,
  (epoch(t_end) - epoch(t_ready)) / 3600.0 AS hours,
  -- Dates touched by [t_ready, t_end): a period ending at 00:00 does not touch that date.
  CASE WHEN t_end > t_ready THEN
    (timezone('Europe/Oslo', t_end - INTERVAL 1 MICROSECOND)::DATE - timezone('Europe/Oslo', t_ready)::DATE + 1)::INTEGER
    ELSE 0 END AS registered_days
FROM instants`;

export async function buildPeriods(db: UskDb, timings?: Record<string, number>): Promise<void> {
  for (const [name, sql] of [['events', EVENTS_SQL], ['marks', MARKS_SQL], ['periods', PERIODS_SQL]] as const) {
    const t = performance.now();
    await db.run(sql);
    if (timings) timings[`periods.${name}`] = Math.round(performance.now() - t);
  }
}
