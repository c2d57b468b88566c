/**
 * Turns a period shape and its first date into wall-clock events, the way HN-LIS records them:
 * declared ready during the day, notification and the municipality's answers in office hours,
 * discharge in the afternoon. Every event stays inside [ready, end), so the shape's categories hold.
 */
import { addMinutes, type Day, type Moment } from './calendar.ts';
import type { Rng } from './rng.ts';
import type { Shape } from './shapes.ts';

export interface Timeline {
  ready: Moment; // code 2
  notified: Moment | null; // code 3
  cannot: Moment | null; // code 6, "kommunen kan ikke ta imot": informative, changes no category
  municipalityReady: Moment | null; // code 7
  end: Moment; // code 4 (revoked) or UT (discharged)
}

const at5 = (rng: Rng, from: number, to: number) => Math.round(rng.int(from, to) / 5) * 5;
/** Office hours 08:00–14:55: before any discharge (≥ 15:00), so the order on a last date holds. */
const office = (rng: Rng, day: Day): Moment => ({ day, minute: at5(rng, 8 * 60, 14 * 60 + 55) });

export function buildTimeline(shape: Shape, start: Day, rng: Rng, style: { gated: boolean }): Timeline {
  const ready: Moment = { day: start, minute: at5(rng, 7 * 60 + 30, 14 * 60) };
  const last = start + shape.days - 1;
  const end: Moment = { day: last, minute: at5(rng, 15 * 60, 20 * 60 + 55) };
  let notified: Moment | null = null;
  if (shape.notifyAt !== null) {
    // Now and then the ward notifies minutes before it registers "ready": it counts as given at ready.
    const early = rng.chance(0.02) ? -at5(rng, 5, 30) : at5(rng, 0, 45);
    notified = shape.notifyAt === 0 ? addMinutes(ready, early) : office(rng, start + shape.notifyAt);
  }
  const municipalityReady = shape.mrAt === null ? null : office(rng, start + shape.mrAt);
  let cannot: Moment | null = null;
  const answerBy = shape.mrAt ?? shape.days;
  if (shape.notifyAt !== null && shape.notifyAt + 1 < answerBy && rng.chance(style.gated ? 0.6 : 0.25)) {
    cannot = office(rng, start + rng.int(shape.notifyAt + 1, answerBy - 1));
  }
  return { ready, notified, cannot, municipalityReady, end };
}
