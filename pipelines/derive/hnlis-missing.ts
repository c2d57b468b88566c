import { COUNTED_EVENT_CODES } from '../profiles/values.ts';
import { codeList, minute, versionPairsCtes, ym, type OnlyBatch } from './finding-sql.ts';

/**
 * The finding `opphold-mangler-i-nyere` (query/README.md decision 38): a stay whose events a newer
 * HN-LIS extract leaves out altogether although that extract plainly covered it. Its events still
 * count (exports.md supersedes by key only), so a stay whose Oppholds-ID was corrected in HN-LIS is
 * counted twice, under the old id and the new one, and a stay deleted there keeps its days.
 *
 * Extracts do not state their window, so "covered" is read from the newer extract's own events, as
 * `dips-mangler-i-nyere` reads a DIPS report's rows (derive/dips-missing.ts):
 * - the newer extract has at least half of the older one's stays with events inside its own span,
 *   so it is a later version of the same extract, not another one whose Oppholds-IDs happen to
 *   meet a few;
 * - its events come both before and after the stay's first event, and its discharges (UT) both
 *   before and after the stay's discharge: an extract of the stays discharged in a month reaches back
 *   to long stays' readiness, but not to earlier discharges.
 * A stay not discharged in its newest extract is therefore never said: an extract of discharged
 * stays leaves such a stay out by its selection. Stays a newer extract has but with events missing
 * are `hendelse-mangler-i-nyere` (derive/findings.ts).
 */
const list = codeList(COUNTED_EVENT_CODES);

/**
 * The stays so left out (stay_id, kommunenr, batch_id: their newest extract, events, first, discharged)
 * with the newest extract that leaves each out (newer), and the line of the stay's first event in
 * its file; only the stays a given batch leaves out (`newer`), or only those of a given batch
 * (`older`), when one is named (an SQL expression: load/missing-in-newer.ts asks both of the file
 * just loaded).
 */
export const hnlisMissingStaysSql = (only: OnlyBatch = {}) => `
  WITH ev AS (SELECT stay_id, batch_id, line, code, at_local, kommunenr FROM src_event WHERE code IN (${list})),
  ${versionPairsCtes({ kind: 'events', rows: 'ev', key: ['stay_id'], only })},
  spans AS (
    SELECT batch_id, min(at_local) AS lo, max(at_local) AS hi,
      min(at_local) FILTER (WHERE code = 'UT') AS out_lo, max(at_local) FILTER (WHERE code = 'UT') AS out_hi
    FROM ev WHERE batch_id IN (SELECT newer FROM overlapping) GROUP BY batch_id),
  -- A later version of the extract repeats most of the older's stays in its window; another
  -- extract whose Oppholds-IDs happen to meet a few of them does not.
  pairs AS (
    SELECT o.older, o.newer, o.newer_rank FROM overlapping o JOIN spans s ON s.batch_id = o.newer
    WHERE o.shared_keys * 2 >= (
      SELECT count(DISTINCT e.stay_id) FROM ev e WHERE e.batch_id = o.older AND e.at_local > s.lo AND e.at_local < s.hi)),
  -- The stays of the older extracts, each in its newest extract: its events there, first and last discharge.
  candidates AS (
    SELECT stay_id, batch_id, rank, count(*) AS events, min(at_local) AS first, arg_min(line, at_local) AS line, arg_max(kommunenr, at_local) AS kommunenr,
      max(at_local) FILTER (WHERE code = 'UT') AS discharged
    FROM ev JOIN b USING (batch_id)
    WHERE stay_id IN (SELECT stay_id FROM ev WHERE batch_id IN (SELECT older FROM pairs))
    GROUP BY stay_id, batch_id, rank
    QUALIFY rank = max(rank) OVER (PARTITION BY stay_id))
  SELECT c.stay_id, any_value(c.kommunenr) AS kommunenr, c.batch_id, any_value(c.events) AS events,
    any_value(c.first) AS first, any_value(c.line) AS line, any_value(c.discharged) AS discharged, arg_max(pr.newer, pr.newer_rank) AS newer
  FROM candidates c
  JOIN pairs pr ON pr.older = c.batch_id
  JOIN spans s ON s.batch_id = pr.newer
  WHERE c.first > s.lo AND c.first < s.hi AND c.discharged > s.out_lo AND c.discharged < s.out_hi
  GROUP BY c.stay_id, c.batch_id`;

export const HNLIS_MISSING_IN_NEWER_SQL = `
SELECT 'opphold-mangler-i-nyere', 'advarsel', r.stay_id, r.kommunenr, ${ym('r.first')},
  'Oppholdet (' || r.events || ' hendelser ' || ${minute('r.first')} || '–' || ${minute('r.discharged')} || ', batch ' || r.batch_id ||
  ') er ikke med i et nyere uttrekk (batch ' || r.newer || ') som har hendelser og utskrivninger både før og etter det og ellers gjentar opphold fra batch ' ||
  r.batch_id || ': er Oppholds-ID rettet eller oppholdet slettet i HN-LIS? Døgnene telles fortsatt'
FROM (${hnlisMissingStaysSql()}) r`;
