/**
 * Refused requests without a sign-in are audited (Normen: attempts at per-stay data), but a scanner
 * or a forgotten browser tab repeating the same request would add one audit row per request and
 * grow the log without telling anything new. So the same anonymous refusal (client address and
 * route) is written at most once a minute; the next one written says how many were left out
 * between. A signed-in user's refusals are always written: they name a person.
 */
const WINDOW_MS = 60_000;
/** Past this many remembered keys the stale ones are dropped, so a flood of addresses cannot grow memory. */
const MAX_KEYS = 10_000;

export class AnonymousRefusals {
  private readonly seen = new Map<string, { at: number; skipped: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether to write this refusal, and how many of the same were left out before it (0 for the first). */
  admit(clientIp: string | null, route: string): { write: boolean; skipped: number } {
    const key = `${clientIp ?? '?'}|${route}`;
    const t = this.now();
    const last = this.seen.get(key);
    if (last && t - last.at < WINDOW_MS) {
      last.skipped += 1;
      return { write: false, skipped: 0 };
    }
    if (this.seen.size >= MAX_KEYS) this.forgetStale(t);
    this.seen.set(key, { at: t, skipped: 0 });
    return { write: true, skipped: last?.skipped ?? 0 };
  }

  private forgetStale(t: number): void {
    for (const [key, v] of this.seen) if (t - v.at >= WINDOW_MS) this.seen.delete(key);
    // Still full (a flood within one minute): start over rather than grow; at worst a few more rows.
    if (this.seen.size >= MAX_KEYS) this.seen.clear();
  }
}
