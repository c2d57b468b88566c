import type { Profile } from '../profiles/index.ts';

/**
 * How typed rows land in each kind's source table. A new source system declares a profile of one
 * of these kinds and reuses its mapping; the defaults here are the rules of exports.md that hold
 * for every source of that kind.
 */
export const TARGETS: Record<Profile['kind'], { table: string; insert: string; asOf: string }> = {
  periods: {
    table: 'src_period',
    insert: `INSERT INTO src_period
      SELECT $batch, line, stay_id, patient, kommunenr, kommune_navn, fagomrade, avdeling, admitted,
             ready, ready_has_time, discharged, discharged_has_time, usk_days
      FROM typed WHERE len(errors) = 0`,
    asOf: 'SELECT max(greatest(ready, coalesce(discharged, ready))) FROM typed WHERE len(errors) = 0',
  },
  events: {
    table: 'src_event',
    // The code comes from Hendelseskode, or from the Hendelse text when only that is given.
    insert: `INSERT INTO src_event
      SELECT $batch, line, stay_id, kommunenr, fagomrade, coalesce(code, event_text), at_local,
             usk_oslo_instant(at_local), coalesce(as_of, $asOf::TIMESTAMP)
      FROM typed WHERE len(errors) = 0`,
    asOf: 'SELECT coalesce(max(as_of), max(at_local)) FROM typed WHERE len(errors) = 0',
  },
  invoices: {
    table: 'src_invoice',
    // Fagområde defaults to somatikk; without a Type column, the sign decides (exports.md).
    insert: `INSERT INTO src_invoice
      SELECT $batch, line, invoice_no, invoice_date, kommunenr, kommune_navn, stay_id,
             coalesce(fagomrade, 'somatikk'), from_date, to_date, days, rate, amount,
             coalesce(line_type, CASE WHEN days < 0 OR amount < 0 THEN 'kreditnota' ELSE 'faktura' END)
      FROM typed WHERE len(errors) = 0`,
    asOf: 'SELECT max(invoice_date)::TIMESTAMP FROM typed WHERE len(errors) = 0',
  },
};
