import type { Profile } from '../profiles/index.ts';

/**
 * How typed rows land in each kind's source table. A new source system declares a profile of one
 * of these kinds and reuses its mapping; the defaults here are the rules of exports.md that hold
 * for every source of that kind.
 */
export const TARGETS: Record<Profile['kind'], { table: string; insert: string; asOf: string; prepare?: string }> = {
  periods: {
    table: 'src_period',
    insert: `INSERT INTO src_period
      SELECT $batch, line, stay_id, patient, kommunenr, kommune_navn, fagomrade, avdeling, admitted,
             ready, ready_has_time, discharged, discharged_has_time, usk_days
      FROM typed WHERE ok`,
    asOf: 'SELECT max(greatest(ready, coalesce(discharged, ready))) FROM typed WHERE ok',
  },
  events: {
    table: 'src_event',
    // The code comes from Hendelseskode, or from the Hendelse text when only that is given.
    // Wall-clock → instant through a table of each local hour's UTC offset, derived from ICU by
    // usk_oslo_instant (the compatible rule); Oslo's offset only changes on the hour, so joining on
    // the hour gives every minute its instant at the cost of one join instead of ICU per row.
    prepare: `CREATE OR REPLACE TEMP TABLE oslo_hour AS
      SELECT h AS local_hour, h - (usk_oslo_instant(h) AT TIME ZONE 'UTC') AS utc_offset
      FROM (SELECT unnest(range(date_trunc('hour', min(at_local)), date_trunc('hour', max(at_local)) + INTERVAL 1 HOUR, INTERVAL 1 HOUR)) AS h
            FROM typed WHERE ok)`,
    insert: `INSERT INTO src_event
      SELECT $batch, t.line, t.stay_id, t.kommunenr, t.fagomrade, coalesce(t.code, t.event_text), t.at_local,
             to_timestamp(epoch(t.at_local - o.utc_offset)), coalesce(t.as_of, $asOf::TIMESTAMP)
      FROM typed t JOIN oslo_hour o ON o.local_hour = date_trunc('hour', t.at_local) WHERE t.ok`,
    asOf: 'SELECT coalesce(max(as_of), max(at_local)) FROM typed WHERE ok',
  },
  invoices: {
    table: 'src_invoice',
    // Fagområde defaults to somatikk; without a Type column, the sign decides (exports.md).
    insert: `INSERT INTO src_invoice
      SELECT $batch, line, invoice_no, invoice_date, kommunenr, kommune_navn, stay_id,
             coalesce(fagomrade, 'somatikk'), from_date, to_date, days, rate, amount,
             coalesce(line_type, CASE WHEN days < 0 OR amount < 0 THEN 'kreditnota' ELSE 'faktura' END)
      FROM typed WHERE ok`,
    asOf: 'SELECT max(invoice_date)::TIMESTAMP FROM typed WHERE ok',
  },
};
