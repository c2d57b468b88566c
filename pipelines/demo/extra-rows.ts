/**
 * Fault rows that are not part of any figure: rows the pipeline must reject (a Kommunenr that never
 * existed, an impossible date), a zero-length period, and an invoice line for a stay nobody knows.
 * They are extra rows, so the published figures are the same with or without them.
 */
import { dayOf, noDate } from './calendar.ts';
import type { FaultRecord } from './manifest.ts';
import type { KommuneRef } from './kommuner.ts';
import { type DipsRow, type EventRow, eventRow } from './rows.ts';
import { krAmount, noAmount } from './write/format.ts';

export interface ExtraRows {
  dips: DipsRow[];
  events: EventRow[];
  faktura: Array<{ year: number; cells: string[] }>;
  faults: FaultRecord[];
}

/** Unknown ids are outside the range of generated ones, so they can never meet a real stay. */
export const UNKNOWN_STAY_ID = '49999991';

export function extraRows(ref: KommuneRef, patient: string): ExtraRows {
  const x: ExtraRows = { dips: [], events: [], faktura: [], faults: [] };
  const dips = (year: number, id: string, nr: string, ready: string, out: string, days: number) =>
    x.dips.push({ year, days, cells: [id, patient, nr, nr === '5401' ? 'Tromsø' : '', 'Somatikk', 'Medisinsk klinikk; Geriatri', ready, ready, out, String(days)] });

  for (const [year, id, nr] of [[2021, '49999981', '9998'], [2022, '49999982', '2099']] as const) {
    const ready = dayOf(year, 3, 8);
    dips(year, id, nr, noDate(ready), noDate(ready + 3), 4);
    x.events.push(eventRow(id, nr, 'somatikk', '2', { day: ready, minute: 600 }), eventRow(id, nr, 'somatikk', '3', { day: ready, minute: 630 }),
      eventRow(id, nr, 'somatikk', 'UT', { day: ready + 3, minute: 900 }));
    x.faults.push({ code: 'ukjent-kommunenr', stayId: id, what: `Kommunenr ${nr} never existed: the DIPS row and its HN-LIS events are rejected` });
  }
  x.faktura.push({ year: 2021, cells: ['202199990', noDate(dayOf(2021, 4, 6)), '9998', '', '49999981', 'Somatikk', noDate(dayOf(2021, 3, 9)),
    noDate(dayOf(2021, 3, 11)), '3', noAmount(5167), krAmount(3 * 5167), 'Faktura'] });
  x.faults.push({ code: 'ukjent-kommunenr', stayId: '49999981', what: 'the invoice line for the same stay (Kommunenr 9998) is rejected' });

  dips(2022, '49999983', '5401', '31.02.2022', '04.03.2022', 4);
  x.faults.push({ code: 'umulig-dato', stayId: '49999983', what: 'Utskrivningsklar 31.02.2022: the DIPS row is rejected' });
  x.faktura.push({ year: 2023, cells: ['202399991', '06.04.2023', '5401', 'Tromsø', '49999983', 'Somatikk', '30.02.2023', '02.03.2023', '2',
    noAmount(5508), krAmount(2 * 5508), 'Faktura'] });
  x.faults.push({ code: 'umulig-dato', stayId: '49999983', what: 'invoice line Fra dato 30.02.2023: rejected' });

  const zero = dayOf(2022, 6, 14);
  dips(2022, '49999984', '5401', noDate(zero), noDate(zero), 0);
  x.events.push(eventRow('49999984', '5401', 'somatikk', '2', { day: zero, minute: 690 }), eventRow('49999984', '5401', 'somatikk', 'UT', { day: zero, minute: 690 }));
  x.faults.push({ code: 'null-lengde', stayId: '49999984', what: 'declared ready and discharged the same minute: 0 registered days, a data-quality warning' });

  x.faktura.push({ year: 2023, cells: ['202399992', '07.04.2023', '5401', ref.name('5401'), UNKNOWN_STAY_ID, 'Somatikk', '13.03.2023', '14.03.2023', '2',
    noAmount(5508), krAmount(2 * 5508), 'Faktura'] });
  x.faults.push({ code: 'ukjent-opphold', stayId: UNKNOWN_STAY_ID, what: 'invoice line (2 days, Tromsø, March 2023) for a stay in no DIPS or HN-LIS file: listed as ukjent opphold, counted as invoiced' });
  return x;
}
