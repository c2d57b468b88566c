/**
 * The model as export rows (strings, in each source's own spelling). Faults add rows of the same
 * shape, so a fault is visibly "one more row", never a change to the figures' rows.
 */
import { isoMoment, monthKey, noDate, type Moment, ymd } from './calendar.ts';
import type { KommuneRef } from './kommuner.ts';
import { dischargeOf, type InvoiceLine, type Stay } from './model.ts';
import type { Fag } from './plan.ts';

export interface DipsRow {
  year: number; // which yearly report (the Utskrivningsklar year)
  cells: string[]; // DIPS_HEADER order
  days: number; // for the report's Sum row
}

export interface EventRow {
  month: string; // YYYY-MM of the event, which monthly extract carries it
  cells: string[]; // HNLIS_HEADER order, without Uttrekk
}

export const DIPS_HEADER = ['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Kommune', 'Fagområde', 'Avdeling', 'Innlagt', 'Utskrivningsklar', 'Utskrevet', 'USK-døgn'];
export const HNLIS_HEADER = ['OppholdsID', 'Kommunenr', 'Fagomraade', 'Hendelseskode', 'Hendelse', 'Tidspunkt', 'Uttrekk'];

export const DIPS_FAG: Record<Fag, string> = { somatikk: 'Somatikk', 'psykisk-helsevern': 'Psykisk helsevern', tsb: 'TSB' };
const HNLIS_FAG: Record<Fag, string> = { somatikk: 'Somatikk', 'psykisk-helsevern': 'PHV', tsb: 'TSB' };
export const EVENT_TEXT: Record<string, string> = {
  '2': 'Utskrivningsklar', '3': 'Varslet kommune', '4': 'Avmeldt', '6': 'Kommunen kan ikke ta imot',
  '7': 'Kommunen kan ta imot', UT: 'Utskrevet',
};

export function dipsRows(ref: KommuneRef, stay: Stay): DipsRow[] {
  const discharged = stay.open ? '' : noDate(dischargeOf(stay).day);
  return stay.periods.map((p) => ({
    year: ymd(p.times.ready.day).year,
    days: p.shape.days,
    cells: [stay.id, stay.patient, stay.writtenNr ?? stay.nr, ref.name(stay.nr), DIPS_FAG[stay.fag], stay.department,
      noDate(stay.admitted), noDate(p.times.ready.day), discharged, String(p.shape.days)],
  }));
}

export function eventRow(stayId: string, nr: string, fag: Fag, code: string, at: Moment): EventRow {
  return { month: monthKey(at.day), cells: [stayId, nr, HNLIS_FAG[fag], code, EVENT_TEXT[code] ?? code, isoMoment(at)] };
}

export function eventRows(stay: Stay): EventRow[] {
  if (!stay.inHnlis) return [];
  const rows: EventRow[] = [];
  const add = (code: string, at: Moment | null) => {
    if (at) rows.push(eventRow(stay.id, stay.nr, stay.fag, code, at));
  };
  stay.periods.forEach((p, i) => {
    add('2', p.times.ready);
    add('3', p.times.notified);
    add('6', p.times.cannot);
    add('7', p.times.municipalityReady);
    if (i < stay.periods.length - 1) add('4', p.eventEnd ?? p.times.end);
    else if (!stay.open) add('UT', p.eventEnd ?? p.times.end);
  });
  return rows;
}

export const FAKTURA_HEADER = ['Fakturanr', 'Fakturadato', 'Kommunenr', 'Kommune', 'OppholdsID', 'Fagområde', 'Fra dato', 'Til dato', 'Antall døgn', 'Døgnpris', 'Beløp', 'Type'];

export type { InvoiceLine };
