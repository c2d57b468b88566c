/**
 * Shapes of USK periods for one cell: how many dates each period has and where, in date terms, the
 * notification and the municipality's "can receive" fall. Built so that, under the default rules
 * (classify.ts), the cell's registered days and payable days come out exactly as planned:
 * every period loses its first day or more, and the remaining gap is made of late notifications
 * and days after the municipality was ready.
 */
import { Rng, splitInt } from './rng.ts';

export interface Shape {
  days: number; // registered dates of the period (the DIPS count)
  notifyAt: number | null; // date index of the first notification; null = never notified
  mrAt: number | null; // date index of "kommunen kan ta imot"; null = never said
}

/** Payable days of a shape under the default rules; mirrors classifyPeriod on date indexes. */
export function payableDays(s: Shape): number {
  if (s.notifyAt === null) return 0;
  return Math.max(0, (s.mrAt ?? s.days) - s.notifyAt - 1);
}

export interface CellStyle {
  gated: boolean; // Ofoten / Sør-Troms: late notification and municipality-ready dominate
  psych: boolean; // psychiatric stays run longer
}

const MAX_DAYS = 300;

/** Period count: first days make most of the gap, except in gated municipalities. */
function periodCount(registered: number, excluded: number, style: CellStyle, rng: Rng): number {
  let n: number;
  if (style.gated) {
    n = Math.min(Math.round(registered / rng.uniform(style.psych ? 8 : 4.5, style.psych ? 14 : 7)), Math.round(excluded * 0.45));
  } else {
    n = Math.min(Math.round(excluded * rng.uniform(0.72, 0.9)), Math.floor(registered / (style.psych ? 6 : 2.4)));
  }
  return Math.max(1, Math.min(n, excluded));
}

/** Lengths ≥ 1 adding up to `registered`: most a few days, a long tail of weeks. */
function lengths(registered: number, n: number, style: CellStyle, rng: Rng): number[] {
  const sigma = style.psych ? 1.1 : 0.95;
  const weights = Array.from({ length: n }, () => Math.exp(sigma * rng.normal()));
  const maxExtra = Math.min(330, Math.max(MAX_DAYS, Math.ceil((3 * registered) / n))) - 1;
  return splitInt(registered - n, weights, weights.map(() => maxExtra)).map((x) => x + 1);
}

/** Gated days per period (beyond the first day), exactly `extra` in all, each below its length. */
function gatedDays(lens: number[], extra: number, style: CellStyle, rng: Rng): number[] {
  const slotsOf = (only: (i: number) => boolean) => {
    const slots: number[] = [];
    lens.forEach((len, i) => {
      if (only(i)) for (let k = 1; k < len; k++) slots.push(i);
    });
    return rng.shuffle(slots);
  };
  // Elsewhere, only some stays wait for notification or discharge after "ready"; in Ofoten most do.
  const chosen = new Set(lens.map((_, i) => i).filter(() => style.gated || rng.chance(0.3)));
  let slots = slotsOf((i) => chosen.has(i));
  if (slots.length < extra) slots = slotsOf(() => true);
  const x = lens.map(() => 0);
  for (const i of slots.slice(0, extra)) x[i]! += 1;
  return x;
}

export function planShapes(registered: number, payable: number, style: CellStyle, rng: Rng): Shape[] {
  if (registered <= 0) return [];
  const excluded = registered - payable;
  if (excluded < 1 || payable < 0) throw new Error(`shapes: cannot pay ${payable} of ${registered} days`);
  const n = periodCount(registered, excluded, style, rng);
  const lens = lengths(registered, n, style, rng);
  const gated = gatedDays(lens, excluded - n, style, rng);
  return lens.map((days, i) => {
    const x = gated[i] ?? 0;
    if (x > 0 && x === days - 1 && rng.chance(style.gated ? 0.35 : 0.5)) return { days, notifyAt: null, mrAt: null };
    const notifyShare = style.gated ? rng.uniform(0.3, 0.75) : rng.chance(0.5) ? 1 : 0;
    const late = Math.round(x * notifyShare);
    const afterReady = x - late;
    return { days, notifyAt: late, mrAt: afterReady > 0 ? days - afterReady : null };
  });
}
