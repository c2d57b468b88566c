/**
 * Two stays still in hospital when the last extract was taken (HN-LIS 2025-01, as-of 2025-01-05
 * 06:00, the morning DIPS printed its 2024 report): DIPS leaves Utskrevet empty and counts the
 * dates so far; the pipeline ends the open period at the extract's as-of time and marks it
 * pågående (examples.md case J). Not yet invoiced, so Tromsø's 2024 payable days run a little
 * ahead of its invoices (well inside ±2 %).
 */
import { dayOf, type Moment } from './calendar.ts';
import type { FaultRecord } from './manifest.ts';
import type { Stay } from './model.ts';
import type { Shape } from './shapes.ts';

/** The last HN-LIS extract's as-of (write/files.ts names it in that file's Uttrekk column). */
export const LAST_EXTRACT: Moment = { day: dayOf(2025, 1, 5), minute: 6 * 60 };
const AS_OF = LAST_EXTRACT;

export function addOngoingStays(stays: Stay[]): FaultRecord[] {
  // Two different 2024 Tromsø patients (and their departments), readmitted in December.
  const templates = stays.filter((s) => s.current === '5501' && s.fag === 'somatikk' && s.nr === '5501').slice(0, 2);
  const lastId = Math.max(...stays.map((s) => Number(s.id)));
  const make = (id: number, ready: Moment, notified: Moment): Stay => {
    const template = templates.pop();
    if (!template) throw new Error('ongoing: too few 2024 Tromsø stays to borrow patients from');
    const days = AS_OF.day - ready.day + 1;
    const shape: Shape = { days, notifyAt: notified.day - ready.day, mrAt: null };
    return {
      ...template, id: String(id), admitted: ready.day - 2, open: true, inHnlis: true,
      periods: [{ shape, times: { ready, notified, cannot: null, municipalityReady: null, end: AS_OF } }],
    };
  };
  const open = [
    make(lastId + 7, { day: dayOf(2024, 12, 20), minute: 605 }, { day: dayOf(2024, 12, 20), minute: 620 }),
    // Declared ready on a Saturday, notified on Sunday's first office hour: one day ikke varslet.
    make(lastId + 19, { day: dayOf(2024, 12, 28), minute: 820 }, { day: dayOf(2024, 12, 29), minute: 555 }),
  ];
  stays.push(...open);
  return open.map((s) => ({ code: 'pagaende', stayId: s.id, what: 'still in hospital at the last extract: Utskrevet empty, no discharge event, not invoiced yet' }));
}
