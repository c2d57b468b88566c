import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';

export interface Target {
  table: string;
  /** INSERT of the good rows of `typed`, a parenthesised query (the chunk's typed query, load/chunk.ts). */
  insert: (typed: string) => string;
  /** The latest time among a batch's loaded rows ($batch): its as-of when none is stated. */
  latest: string;
  /** Each row's own time, the one `latest` takes the max of (load/as-of.ts looks at the two latest). */
  rowTime: string;
  /** Run once per ingest run, outside the files' transactions. */
  prepareRun?: string;
}

/**
 * How typed rows land in each kind's source table. A new source system declares a profile of one
 * of these kinds and reuses its mapping; the defaults here are the rules of exports.md that hold
 * for every source of that kind.
 */
/** Each kind's row time (Target.rowTime), of which `latest` takes the max. */
const PERIOD_TIME = 'greatest(ready, coalesce(discharged, ready))';
const EVENT_TIME = 'at_local';
const INVOICE_TIME = 'invoice_date::TIMESTAMP';

export const TARGETS: Record<Profile['kind'], Target> = {
  periods: {
    table: 'src_period',
    insert: (typed) => `INSERT INTO src_period
      SELECT $batch, line, stay_id, patient, kommunenr, kommune_navn, fagomrade, avdeling, admitted,
             ready, ready_has_time, discharged, discharged_has_time, usk_days
      FROM ${typed} typed WHERE ok`,
    latest: `SELECT max(${PERIOD_TIME}) FROM src_period WHERE batch_id = $batch`,
    rowTime: PERIOD_TIME,
  },
  events: {
    table: 'src_event',
    // Wall-clock → instant by Oslo's summer time, read from ICU (usk_oslo_instant, the compatible
    // rule) once per run: for each year 1970–2059 the local times [from, until) that are UTC+2,
    // everything else UTC+1 (the spring gap falls before `from`, i.e. later; the autumn overlap
    // before `until`, i.e. earlier). ICU is asked for each midnight, and hour by hour only on the
    // days whose offset changes (where summer time begins and ends); a time outside those years
    // goes through ICU itself. A scalar lookup, not a join: joins are costly on rows as wide as a
    // chunk's. targets.test.ts checks it against usk_oslo_instant every half hour of the range.
    prepareRun: `SET VARIABLE usk_oslo_summer = (
      WITH d AS (
        SELECT day, day - (usk_oslo_instant(day) AT TIME ZONE 'UTC') AS start_offset
        FROM (SELECT unnest(range(TIMESTAMP '1970-01-01', TIMESTAMP '2060-01-02', INTERVAL 1 DAY)) AS day)),
      changes AS (SELECT day FROM (SELECT day, start_offset, lead(start_offset) OVER (ORDER BY day) AS next_offset FROM d) WHERE start_offset <> next_offset),
      h AS (SELECT day + to_hours(hr) AS local_hour, local_hour - (usk_oslo_instant(local_hour) AT TIME ZONE 'UTC') AS utc_offset FROM changes, range(24) r(hr)),
      summer AS (
        SELECT year(local_hour) AS y,
               min(local_hour) FILTER (WHERE utc_offset = INTERVAL 2 HOUR) AS s,
               max(local_hour) FILTER (WHERE utc_offset = INTERVAL 2 HOUR) + INTERVAL 1 HOUR AS e
        FROM h GROUP BY y)
      SELECT list({'from': s, 'until': e} ORDER BY y) FROM (SELECT unnest(range(1970, 2060)) AS y) LEFT JOIN summer USING (y));
    CREATE OR REPLACE TEMP MACRO usk_oslo_utc(ts) AS CASE
      WHEN year(ts) BETWEEN 1970 AND 2059 THEN to_timestamp(epoch(ts - CASE
        WHEN ts >= getvariable('usk_oslo_summer')[year(ts) - 1969]['from']
         AND ts < getvariable('usk_oslo_summer')[year(ts) - 1969]['until'] THEN INTERVAL 2 HOUR
        ELSE INTERVAL 1 HOUR END))
      ELSE usk_oslo_instant(ts) END;`,
    // The code comes from Hendelseskode, or from the Hendelse text when only that is given. A row's
    // own Uttrekk is its as-of; rows without one get the file's ($asOf: --as-of, or set when the
    // file is read), as exports.md orders them. The extract knows when it was taken; a --as-of
    // that says otherwise is warned about (file-warnings.ts), not obeyed.
    insert: (typed) => `INSERT INTO src_event
      SELECT $batch, t.line, t.stay_id, t.kommunenr, t.fagomrade, coalesce(t.code, t.event_text), t.at_local,
             usk_oslo_utc(t.at_local), coalesce(t.as_of, $asOf::TIMESTAMP)
      FROM ${typed} t WHERE t.ok`,
    latest: `SELECT coalesce(max(as_of), max(${EVENT_TIME})) FROM src_event WHERE batch_id = $batch`,
    rowTime: EVENT_TIME,
  },
  invoices: {
    table: 'src_invoice',
    // Fagområde defaults to somatikk; without a Type column, the sign decides (exports.md). A file
    // without either column is told so (the profile's whenAbsent, load/missing-columns.ts).
    insert: (typed) => `INSERT INTO src_invoice
      SELECT $batch, line, invoice_no, invoice_date, kommunenr, kommune_navn, stay_id,
             coalesce(fagomrade, 'somatikk'), from_date, to_date, days, rate, amount,
             coalesce(line_type, CASE WHEN days < 0 OR amount < 0 THEN 'kreditnota' ELSE 'faktura' END)
      FROM ${typed} typed WHERE ok`,
    latest: `SELECT max(${INVOICE_TIME}) FROM src_invoice WHERE batch_id = $batch`,
    rowTime: INVOICE_TIME,
  },
};

/**
 * Whether rows of another batch of this kind are loaded. The checks that compare a file with earlier
 * ones (load/dips-overlap.ts, load/missing-in-newer.ts) skip a first load, such as the national files
 * of the benchmark, without a join at all.
 */
export async function otherBatchLoaded(db: UskDb, kind: Profile['kind'], batch: number): Promise<boolean> {
  const [row] = await db.json<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${TARGETS[kind].table} WHERE batch_id <> $batch) AS any`, { batch });
  return row?.any === true;
}
