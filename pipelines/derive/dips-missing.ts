/**
 * The finding `dips-mangler-i-nyere` (query/README.md decision 37): a DIPS row that a newer DIPS
 * report leaves out although that report plainly covered it. exports.md supersedes by key only, so
 * such a row still counts: a stay deleted in DIPS, or a row whose Utskrivningsklar was corrected to
 * a date that does not overlap the old one (dips-overlapp says the overlapping kind), keeps its days.
 *
 * DIPS reports do not state their window, so "covered" is read from the newer report's own rows, as
 * conservatively as they allow:
 * - the newer report repeats at least half of the older one's rows (stay and Utskrivningsklar) with
 *   Utskrivningsklar inside its own span, so it is a later version of the same report, not another
 *   hospital's or department's whose Oppholds-IDs happen to meet a few;
 * - its rows have Utskrivningsklar dates both before and after the row's, and, when the row has an
 *   Utskrevet, Utskrevet dates both before and after that too (a report selected by discharge date
 *   reaches back to long stays' readiness, but not to the discharges before its window).
 * The row must be current (no batch at all has a newer version of its key); the finding names the
 * newest report that leaves it out. Rebuilt in full whenever sources change (derive/findings.ts
 * VERSION_FINDING_CODES): a new report's missing rows belong to stays it does not name, outside an
 * incremental refresh's scope.
 */
import { day, versionPairsCtes, ym, type OnlyBatch } from './finding-sql.ts';

/**
 * The rows so left out (stay_id, kommunenr, ready, usk_days, batch_id) with the newest report that
 * leaves each out (newer), and the row's line in its file; only the rows a given batch leaves out
 * (`newer`), or only those of a given batch (`older`), when one is named (an SQL expression:
 * load/missing-in-newer.ts asks both of the file just loaded).
 */
export const dipsMissingRowsSql = (only: OnlyBatch = {}) => `
  WITH ${versionPairsCtes({ kind: 'periods', rows: 'src_period', key: ['stay_id', 'ready'], only })},
  spans AS (
    SELECT batch_id, min(ready) AS ready_lo, max(ready) AS ready_hi, min(discharged) AS out_lo, max(discharged) AS out_hi
    FROM src_period WHERE batch_id IN (SELECT newer FROM overlapping) GROUP BY batch_id),
  -- A later version of the report repeats most of the older's rows in its window; another
  -- hospital's report whose Oppholds-IDs happen to meet a few of them does not.
  pairs AS (
    SELECT o.older, o.newer, o.newer_rank FROM overlapping o JOIN spans s ON s.batch_id = o.newer
    WHERE o.shared_keys * 2 >= (
      SELECT count(*) FROM src_period p WHERE p.batch_id = o.older AND p.ready > s.ready_lo AND p.ready < s.ready_hi)),
  -- Each key's newest batch: a row is current when that is its own.
  newest AS (
    SELECT stay_id, ready, max(b.rank) AS rank FROM src_period p JOIN b USING (batch_id)
    WHERE p.batch_id IN (SELECT older FROM pairs) OR hash(stay_id, ready) IN (SELECT h FROM several)
    GROUP BY stay_id, ready)
  -- A key twice in one file: its last line counts (load/repeated-keys.ts), so its figures are said.
  SELECT p.stay_id, arg_max(p.kommunenr, p.line) AS kommunenr, p.ready, arg_max(p.usk_days, p.line) AS usk_days, p.batch_id,
    max(p.line) AS line, arg_max(pr.newer, pr.newer_rank) AS newer
  FROM src_period p
  JOIN b USING (batch_id)
  JOIN newest k ON k.stay_id = p.stay_id AND k.ready = p.ready AND k.rank = b.rank
  JOIN pairs pr ON pr.older = p.batch_id
  JOIN spans s ON s.batch_id = pr.newer
  WHERE p.ready > s.ready_lo AND p.ready < s.ready_hi
    AND (p.discharged IS NULL OR (p.discharged > s.out_lo AND p.discharged < s.out_hi))
  GROUP BY p.stay_id, p.ready, p.batch_id`;

export const DIPS_MISSING_IN_NEWER_SQL = `
SELECT 'dips-mangler-i-nyere', 'advarsel', r.stay_id, r.kommunenr, ${ym('r.ready')},
  'DIPS-raden med Utskrivningsklar ' || ${day('r.ready')} || ' (' || r.usk_days || ' døgn, batch ' || r.batch_id ||
  ') er ikke med i en nyere DIPS-rapport (batch ' || r.newer || ') som har rader både før og etter den og ellers gjentar rader fra batch ' ||
  r.batch_id || ': er den slettet eller rettet i DIPS? Døgnene telles fortsatt'
FROM (${dipsMissingRowsSql()}) r`;
