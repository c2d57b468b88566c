/**
 * USK periods from HN-LIS events (exports.md "hnlis-hendelser"): the one home of period building.
 *
 * Each stay's current events, sorted by time (same minute: 2, 3, 6, 7, 4, UT; but a 4 before a 2 of
 * the same minute when a period is open as the minute begins), form its periods:
 * a period starts at code 2 and ends at code 4 or UT, or at the stay's as-of time when still open.
 * A code 2 inside an open period is a duplicate. A code 3/6/7 outside every period belongs to the
 * next period of the stay that starts on the same date, else it is left out (and becomes a finding).
 * Exact duplicates count once: of the rows sharing a natural key (stay, code, local time) the
 * newest version is used, as in src_event_current. Codes no rule uses (1, 12: profiles/values.ts)
 * are loaded but left out here, so they neither start, end nor mark a period nor become a finding.
 *
 * Works on the stays in the temp table _scope; leaves temp tables _ev (events with their role),
 * _mark (codes 3/6/7 with the period they belong to; NULL = outside) and _period for the next steps.
 */
import type { UskDb } from '../db/open.ts';
import { COUNTED_EVENT_CODES } from '../profiles/values.ts';
import { inScope, type Scope } from './scope.ts';

/** Events of the scope, with their position in the stay and their role in period building. */
const eventsSql = (scope: Scope) => `
CREATE OR REPLACE TEMP TABLE _ev AS
WITH ordered AS (
  SELECT e.stay_id, e.code, e.at_local, epoch_us(e.at_utc) AS at_us, e.kommunenr, e.fagomrade,
    coalesce(e.as_of, b.as_of) AS as_of, e.batch_id, e.line,
    CASE e.code WHEN '2' THEN 1 WHEN '3' THEN 2 WHEN '6' THEN 3 WHEN '7' THEN 4 WHEN '4' THEN 5 ELSE 6 END AS code_rank
  FROM src_event e LEFT JOIN batch b ON b.batch_id = e.batch_id
  WHERE ${inScope(scope, 'e.stay_id')} AND (${COUNTED_EVENT_CODES.map((c) => `e.code = '${c}'`).join(' OR ')})
),
-- Readiness revoked and declared again in one minute (4 and 2 at 09:00) while a period is open:
-- the order 2, 3, 6, 7, 4, UT would take the 2 for a duplicate and then close the period, and the
-- new period would be lost. There the 4 goes first. Whether a period is open when a minute begins
-- follows from the minutes before it: a minute with UT leaves it closed, one with 2 and 4 leaves it
-- as it was (open: 4 then 2; closed: 2 then 4), one with only 2 open, one with only 4 closed,
-- others as it was; so it is the last such verdict before the minute. Worked out only for the few
-- stays that have a 2 and a 4 in one minute (found by joining their 4s, which are few, to their 2s).
same_minute AS (
  SELECT DISTINCT f.stay_id FROM ordered f JOIN ordered t ON t.stay_id = f.stay_id AND t.at_us // 60000000 = f.at_us // 60000000
  WHERE f.code = '4' AND t.code = '2'
),
minutes AS (
  SELECT stay_id, at_us // 60000000 AS minute, bool_or(code = '2') AND bool_or(code = '4') AS has_both,
    CASE WHEN bool_or(code = 'UT') THEN false
         WHEN bool_or(code = '2') AND bool_or(code = '4') THEN NULL
         WHEN bool_or(code = '2') THEN true
         WHEN bool_or(code = '4') THEN false END AS open_after
  FROM ordered WHERE code IN ('2', '4', 'UT') AND stay_id IN (SELECT stay_id FROM same_minute) GROUP BY ALL
),
revoke_first AS (
  SELECT stay_id, minute FROM (
    SELECT stay_id, minute, has_both,
      coalesce(last_value(open_after IGNORE NULLS) OVER (PARTITION BY stay_id ORDER BY minute ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false) AS open_before
    FROM minutes)
  WHERE has_both AND open_before
),
ranked AS (
  SELECT o.* REPLACE (CASE WHEN o.code = '4' AND r.stay_id IS NOT NULL THEN 0 ELSE o.code_rank END AS code_rank)
  FROM ordered o LEFT JOIN revoke_first r ON r.stay_id = o.stay_id AND r.minute = o.at_us // 60000000
),
boundaries AS (
  -- One sort over every version of the events serves all of: the current version of each event
  -- (the natural key's rows are adjacent, newest first: what src_event_current keeps), the
  -- stay's latest as-of over all versions, the order, and the previous boundary event (2, 4 or
  -- UT), which decides whether a period is open at this event. A superseded copy has the same code
  -- as its current version right before it, so it never changes the previous boundary.
  SELECT * EXCLUDE (code_rank, line, as_of), row_number() OVER w AS seq,
    code = lag(code) OVER w AND at_local = lag(at_local) OVER w AS superseded,
    max(as_of) OVER (PARTITION BY stay_id) AS stay_as_of,
    last_value(CASE WHEN code IN ('2', '4', 'UT') THEN code END IGNORE NULLS)
      OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_boundary
  FROM ranked
  WINDOW w AS (PARTITION BY stay_id ORDER BY at_us // 60000000, code_rank, at_us, as_of DESC NULLS LAST, batch_id DESC, line DESC)
),
roles AS (
  SELECT *,
    code = '2' AND coalesce(prev_boundary, '4') <> '2' AS is_start,
    code = '2' AND prev_boundary = '2' AS is_duplicate_start,
    code IN ('4', 'UT') AND prev_boundary = '2' AS is_end,
    -- A revocation with no open period is odd; a discharge after a revocation is normal.
    code = '4' AND coalesce(prev_boundary, '4') <> '2' AS is_stray_end
  FROM boundaries WHERE NOT coalesce(superseded, false)
)
SELECT * EXCLUDE (superseded), sum(is_start::INTEGER) OVER (PARTITION BY stay_id ORDER BY seq ROWS UNBOUNDED PRECEDING)::INTEGER AS pno
FROM roles`;

/** Codes 3/6/7 with the period they belong to; assigned NULL = outside every period. */
const MARKS_SQL = `
CREATE OR REPLACE TEMP TABLE _mark AS
WITH starts AS (SELECT stay_id, pno, at_local AS t_ready_local FROM _ev WHERE is_start),
ends AS (SELECT stay_id, pno, seq AS end_seq FROM _ev WHERE is_end)
SELECT m.stay_id, m.code, m.at_local, m.at_us, m.kommunenr,
  CASE WHEN m.pno > 0 AND (e.end_seq IS NULL OR m.seq < e.end_seq) THEN m.pno
       WHEN n.t_ready_local::DATE = m.at_local::DATE THEN m.pno + 1 END AS assigned
FROM _ev m
LEFT JOIN ends e ON e.stay_id = m.stay_id AND e.pno = m.pno
LEFT JOIN starts n ON n.stay_id = m.stay_id AND n.pno = m.pno + 1
WHERE m.code IN ('3', '6', '7')`;

/**
 * Periods with instants (µs) and local times. Local dates come from the local times the events
 * carry, so no row needs a time-zone conversion; the as-of of an open period is converted once per
 * distinct value.
 */
const PERIODS_SQL = `
CREATE OR REPLACE TEMP TABLE _period AS
WITH starts AS (
  SELECT stay_id, pno, at_local AS t_ready_local, at_us AS t_ready_us FROM _ev WHERE is_start
),
ends AS (
  SELECT stay_id, pno, at_local AS t_end_local, at_us AS t_end_us, code AS end_code FROM _ev WHERE is_end
),
mark_times AS (
  SELECT stay_id, assigned AS pno,
    min(at_us) FILTER (WHERE code = '3') AS notified_us, arg_min(at_local, at_us) FILTER (WHERE code = '3') AS notified_local,
    min(at_us) FILTER (WHERE code = '7') AS mready_us, arg_min(at_local, at_us) FILTER (WHERE code = '7') AS mready_local
  FROM _mark WHERE assigned IS NOT NULL GROUP BY ALL
),
as_of AS (
  -- Open periods end at the latest as-of among every loaded extract holding the stay, including
  -- superseded versions (a newer extract that no longer repeats an event still saw the stay); an
  -- extract without one falls back to its batch's as-of, then to the stay's latest event.
  SELECT stay_id, coalesce(max(stay_as_of), max(at_local)) AS as_of_local FROM _ev GROUP BY stay_id
),
as_of_instant AS (
  SELECT as_of_local, epoch_us(usk_oslo_instant(as_of_local)) AS as_of_us
  FROM (SELECT DISTINCT as_of_local FROM as_of)
),
instants AS (
  SELECT s.stay_id, s.pno AS period_no, s.t_ready_local, s.t_ready_us,
    -- A notification before t_ready counts as given at t_ready (domain.md).
    CASE WHEN mt.notified_us < s.t_ready_us THEN s.t_ready_local ELSE mt.notified_local END AS t_notified_local,
    CASE WHEN mt.notified_us IS NOT NULL THEN greatest(s.t_ready_us, mt.notified_us) END AS t_notified_us,
    CASE WHEN mt.mready_us < s.t_ready_us THEN s.t_ready_local ELSE mt.mready_local END AS t_mready_local,
    CASE WHEN mt.mready_us IS NOT NULL THEN greatest(s.t_ready_us, mt.mready_us) END AS t_mready_us,
    coalesce(e.t_end_local, a.as_of_local) AS end_local,
    coalesce(e.t_end_us, ai.as_of_us) AS end_us,
    e.end_code
  FROM starts s
  LEFT JOIN ends e ON e.stay_id = s.stay_id AND e.pno = s.pno
  LEFT JOIN mark_times mt ON mt.stay_id = s.stay_id AND mt.pno = s.pno
  LEFT JOIN as_of a ON a.stay_id = s.stay_id
  LEFT JOIN as_of_instant ai ON ai.as_of_local = a.as_of_local
),
bounded AS (
  -- An end before the start (e.g. an as-of earlier than the events) makes a zero-length period.
  SELECT * EXCLUDE (end_local, end_us),
    CASE WHEN end_us > t_ready_us THEN end_local ELSE t_ready_local END AS t_end_local,
    greatest(t_ready_us, end_us) AS t_end_us
  FROM instants
)
SELECT *,
  end_code IS NULL AS pagaende,
  (t_end_us - t_ready_us) / 3600000000.0 AS hours,
  t_ready_local::DATE AS first_date,
  t_notified_local::DATE AS notif_date,
  t_mready_local::DATE AS mready_date,
  -- Dates touched by [t_ready, t_end): a period ending at 00:00 does not touch that date.
  CASE WHEN t_end_us > t_ready_us THEN
    (t_end_local::DATE - (t_end_local = t_end_local::DATE::TIMESTAMP)::INTEGER - t_ready_local::DATE + 1)::INTEGER
    ELSE 0 END AS registered_days
FROM bounded`;

export async function buildPeriods(db: UskDb, scope: Scope, timings?: Record<string, number>): Promise<void> {
  for (const [name, sql] of [['events', eventsSql(scope)], ['marks', MARKS_SQL], ['periods', PERIODS_SQL]] as const) {
    const t = performance.now();
    await db.run(sql);
    if (timings) timings[`periods.${name}`] = Math.round(performance.now() - t);
  }
}
