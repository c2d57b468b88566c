/**
 * A small seeded PRNG (sfc32) and the draws the generator needs. The demo must be the same bytes on
 * every run and every machine, so nothing here touches Math.random or the clock.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    // Hash the seed into four 32-bit words (cyrb128) so nearby seeds give unrelated streams.
    const text = String(seed);
    let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
    for (let i = 0; i < text.length; i++) {
      const k = text.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    this.a = h1 >>> 0;
    this.b = h2 >>> 0;
    this.c = h3 >>> 0;
    this.d = h4 >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A derived, independent stream: lets one part of the demo change without reshuffling the rest. */
  fork(label: string | number): Rng {
    return new Rng(`${this.next()}:${label}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** In-place Fisher–Yates shuffle; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * Splits an integer total into parts proportional to weights (largest remainder), each part at most
 * its cap. Exact: the parts always add up to the total, which is what makes the published figures hold.
 */
export function splitInt(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  const parts = new Array<number>(n).fill(0);
  const cap = (i: number) => caps?.[i] ?? Number.POSITIVE_INFINITY;
  let left = total;
  // Repeat proportional rounds over the parts that still have room; caps push the rest elsewhere.
  for (let round = 0; left > 0 && round < 50; round++) {
    const open = [...parts.keys()].filter((i) => parts[i]! < cap(i) && (weights[i] ?? 0) > 0);
    if (open.length === 0) break;
    const sum = open.reduce((s, i) => s + weights[i]!, 0);
    const shares = open.map((i) => ({ i, exact: (left * weights[i]!) / sum }));
    let given = 0;
    for (const s of shares) {
      const add = Math.min(Math.floor(s.exact), cap(s.i) - parts[s.i]!);
      parts[s.i]! += add;
      given += add;
    }
    left -= given;
    shares.sort((x, y) => (y.exact % 1) - (x.exact % 1) || x.i - y.i);
    for (const s of shares) {
      if (left === 0) break;
      if (parts[s.i]! < cap(s.i)) {
        parts[s.i]! += 1;
        left -= 1;
      }
    }
  }
  if (left !== 0) throw new Error(`splitInt: cannot place ${left} of ${total} within the caps`);
  return parts;
}
