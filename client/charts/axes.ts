/**
 * Axis ticks for the charts, chosen here rather than by Plot: Plot's time labels are English
 * («Oct», «May») and its count axis puts ticks at 0,2 and 0,4, which a day count formatted as a
 * whole number shows as «0 0 0 1 1». Pure functions (no DOM), so the choices are unit-tested.
 */
import { ticks } from 'd3';

/** nb-NO short month names (Språkrådet's abbreviations; «mai» has no dot). */
export const MONTH_SHORT = ['jan.', 'feb.', 'mar.', 'apr.', 'mai', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'des.'] as const;

export interface PeriodTick {
  /** The UTC first of the month (or of January, for a year): where Plot puts the tick. */
  date: Date;
  /** One or two lines ('okt.', 'jan.\n2024', '2024'). */
  label: string;
}

/** Pixels a tick label needs on the time axis: a month (the widest, «sep.», is ~30 px at 13 px) and a year. */
export const TICK_SPACING = { month: 70, year: 48 } as const;

/** 'YYYY-MM' or 'YYYY' → months since year 0 (a year counts as its January). */
const monthIndex = (p: string) => Number(p.slice(0, 4)) * 12 + (p.length >= 7 ? Number(p.slice(5, 7)) - 1 : 0);
const dateOf = (i: number) => new Date(Date.UTC(Math.floor(i / 12), i % 12, 1));

/**
 * Ticks from `first` to `last` (periods 'YYYY-MM', or 'YYYY' when the chart is per year) that fit
 * `room` pixels: every 1, 2, 3 or 6 months, else whole years (every 1, 2, 5 or 10), aligned to the
 * calendar so that a tick is always a January, April … A month tick reads 'okt.', with the year on
 * a second line under the first tick and under each January; a year tick reads '2024'.
 */
export function periodTicks(first: string, last: string, room: number): PeriodTick[] {
  const lo = monthIndex(first <= last ? first : last);
  const hi = monthIndex(first <= last ? last : first);
  const yearly = first.length === 4 && last.length === 4;
  const fit = Math.max(1, Math.floor(room / (yearly ? TICK_SPACING.year : TICK_SPACING.month)));
  const steps = yearly ? [12, 24, 60, 120, 240] : [1, 2, 3, 6, 12, 24, 60, 120, 240];
  const aligned = (step: number) => {
    const out: number[] = [];
    for (let i = Math.ceil(lo / step) * step; i <= hi; i += step) out.push(i);
    return out;
  };
  let step = steps.at(-1)!;
  let at = aligned(step);
  for (const s of steps) {
    const candidate = aligned(s);
    if (candidate.length <= fit) {
      step = s;
      at = candidate;
      break;
    }
  }
  // A short period between two aligned months (say February–May at a six-month step): its first month.
  if (!at.length) at = [lo];
  return at.map((i, n) => {
    const year = String(Math.floor(i / 12));
    if (step >= 12 || yearly) return { date: dateOf(i), label: year };
    const month = MONTH_SHORT[i % 12]!;
    return { date: dateOf(i), label: n === 0 || i % 12 === 0 ? `${month}\n${year}` : month };
  });
}

/**
 * A tick interval for counts (Plot's `ticks` option takes one): D3's round ticks between the
 * axis's ends, whole numbers only. About `count` of them on a large scale; on a small one (0–2
 * days) every whole number, never 0,5. Plot asks for range(min, floor(max) + 1).
 */
export function wholeTicks(count: number): { floor: (d: number) => number; offset: (d: number, s?: number) => number; range: (lo: number, hi: number) => number[] } {
  return {
    floor: Math.floor,
    offset: (d, s = 1) => d + Math.floor(s),
    range: (lo, hi) => {
      const top = hi - 1;
      if (!(top >= lo)) return [Math.ceil(lo)];
      return ticks(lo, top, Math.max(1, count)).filter((t) => Number.isInteger(t) && t >= lo && t <= top);
    },
  };
}

/** How many count ticks a chart of `height` px has room for (Plot's own rule: one per 35 px). */
export const countTicksFor = (height: number) => Math.max(2, Math.round((height - 60) / 35));
