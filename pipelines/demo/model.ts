/**
 * The generator's in-memory model: stays with their USK periods, and invoice lines. Writers turn it
 * into export rows; faults (faults.ts) are applied as extra or altered rows on top of it.
 */
import type { Day, Moment } from './calendar.ts';
import type { Fag } from './plan.ts';
import type { Shape } from './shapes.ts';
import type { Timeline } from './timeline.ts';

export interface Period {
  shape: Shape; // planned dates and gates; registered days = shape.days (the DIPS count)
  times: Timeline;
  /** HN-LIS end when it deliberately disagrees with DIPS (avvik_dips); otherwise times.end. */
  eventEnd?: Moment;
}

export interface Stay {
  id: string; // Oppholds-ID
  patient: string; // synthetic fødselsnummer
  nr: string; // Kommunenr valid in the ready year, as on the rows
  current: string; // 2024 number (grouping only; never written)
  fag: Fag;
  department: string;
  admitted: Day;
  periods: Period[]; // in time order; all but the last end with code 4 (revoked)
  inHnlis: boolean; // false: the deliberate "present in DIPS, missing from HN-LIS" stay
  /** Still in hospital at the last extract: no discharge event, DIPS Utskrevet empty, not yet
   * invoiced. Its last period's times.end is the extract's as-of time (domain.md "pågående"). */
  open?: boolean;
  /** Kommunenr as written when a fault alters it (e.g. '901' for 0901). */
  writtenNr?: string;
}

export interface InvoiceLine {
  invoiceNo: string;
  invoiceDate: Day;
  nr: string;
  stayId: string | null;
  fag: Fag;
  from: Day;
  to: Day;
  days: number; // negative on credit lines
  rate: number;
  amount: number; // kr, negative on credit lines
  type: 'Faktura' | 'Kreditnota';
}

export const dischargeOf = (stay: Stay): Moment => {
  const last = stay.periods[stay.periods.length - 1];
  if (!last) throw new Error(`stay ${stay.id} has no period`);
  return last.times.end;
};
