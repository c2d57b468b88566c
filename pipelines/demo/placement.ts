/**
 * Places a cell's periods in its year: ready dates follow the season (winter peak, a bump in the
 * summer holidays when municipal services are short-staffed) and the week (declared on ward rounds,
 * fewer at weekends). A few stays get two periods: status revoked, then declared ready again.
 */
import { dayOf, daysInYear, type Day, weekday, ymd } from './calendar.ts';
import type { Rng } from './rng.ts';
import type { Shape } from './shapes.ts';

const MONTH_WEIGHT = [1.25, 1.2, 1.1, 1.0, 0.95, 0.9, 1.05, 0.95, 0.95, 1.0, 1.05, 1.0];
const WEEKDAY_WEIGHT = [1, 1, 1, 1, 0.95, 0.45, 0.35];

export interface PlacedStay {
  periods: Array<{ shape: Shape; start: Day }>;
}

/**
 * A start day in [first, lastStart], drawn by season and weekday (rejection sampling). A late
 * notification is sent in office hours: `notifyAt` days after the start should not be a weekend.
 */
export function seasonalDay(rng: Rng, first: Day, lastStart: Day, notifyAt: number | null = null): Day {
  for (let tries = 0; tries < 50; tries++) {
    const day = rng.int(first, lastStart);
    const late = notifyAt !== null && notifyAt > 0 && weekday(day + notifyAt) >= 5 ? 0.15 : 1;
    const w = (MONTH_WEIGHT[ymd(day).month - 1] ?? 1) * (WEEKDAY_WEIGHT[weekday(day)] ?? 1) * late;
    if (rng.next() * 1.25 < w) return day;
  }
  return rng.int(first, lastStart);
}

/** Gap in days between a revoked period's last date and the next period's first date. */
const GAP = { min: 2, max: 6 };

export function placeInYear(year: number, shapes: Shape[], rng: Rng): PlacedStay[] {
  const first = dayOf(year, 1, 1);
  const yearDays = daysInYear(year);
  const order = rng.shuffle(shapes.map((_, i) => i));
  const stays: PlacedStay[] = [];
  for (let k = 0; k < order.length; k++) {
    const a = shapes[order[k]!]!;
    const b = k + 1 < order.length && rng.chance(0.04) ? shapes[order[k + 1]!]! : undefined;
    const gap = rng.int(GAP.min, GAP.max);
    const span = b && a.days + gap + b.days <= yearDays ? a.days + gap + b.days : a.days;
    const start = seasonalDay(rng, first, first + yearDays - span, a.notifyAt);
    if (b && span > a.days) {
      stays.push({ periods: [{ shape: a, start }, { shape: b, start: start + a.days - 1 + gap }] });
      k += 1;
    } else {
      stays.push({ periods: [{ shape: a, start }] });
    }
  }
  return stays;
}
