/**
 * Free sampling of USK stays for the national-scale data (no published figures to meet): which
 * municipality, which care area, how long, and how notification and the municipality's answer fall.
 * Shapes are the same as the demo's, so the files exercise the same rules.
 */
import type { KommuneRef } from '../kommuner.ts';
import type { Fag } from '../plan.ts';
import type { Rng } from '../rng.ts';
import type { Shape } from '../shapes.ts';

/** Large municipalities get more stays; the rest vary log-normally around one. */
const BIG: Readonly<Record<string, number>> = {
  '0301': 30, '4601': 13, '5001': 11, '1103': 8, '3201': 7, '4204': 6, '3301': 5, '1108': 4, '3205': 5, '5501': 4, '1804': 3,
};

export class KommunePicker {
  private readonly nrs: string[];
  private readonly cumulative: number[];

  constructor(ref: KommuneRef, rng: Rng) {
    this.nrs = ref.today.map((t) => t.nr);
    let sum = 0;
    this.cumulative = this.nrs.map((nr) => (sum += (BIG[nr] ?? 1) * Math.exp(0.9 * rng.normal())));
  }

  pick(rng: Rng): string {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.nrs[lo] ?? '0301';
  }
}

export function pickFag(rng: Rng): Fag {
  const r = rng.next();
  return r < 0.8 ? 'somatikk' : r < 0.94 ? 'psykisk-helsevern' : 'tsb';
}

export function sampleShape(rng: Rng, fag: Fag): Shape {
  const days = Math.min(200, 1 + Math.floor(Math.exp((fag === 'somatikk' ? 0.6 : 1.3) + 0.9 * rng.normal())));
  const r = rng.next();
  // Most stays: notified on the ready date. Some late, a few never; some wait after "ready".
  const notifyAt = r < 0.03 ? null : r < 0.88 || days < 2 ? 0 : rng.int(1, Math.min(3, days - 1));
  const free = notifyAt === null ? 0 : days - notifyAt - 1;
  const mrAt = notifyAt !== null && free >= 1 && rng.chance(0.2) ? days - rng.int(1, Math.min(3, free)) : null;
  return { days, notifyAt, mrAt };
}
