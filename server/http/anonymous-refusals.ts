/**
 * Refused requests without a sign-in are audited (Normen: attempts at per-stay data), but a scanner
 * or a forgotten browser tab repeating the same request would add one audit row per request and
 * grow the log without telling anything new. So the same anonymous refusal (client address and
 * route) is written at most once a minute; the refusals left out between are counted, and the count
 * is written with the next one admitted, or by `drain` (every minute and at shutdown: server.ts),
 * so a burst followed by silence is in the log with its size. A signed-in user's refusals are
 * always written: they name a person.
 */
const WINDOW_MS = 60_000;
/** Past this many remembered keys the stale ones are dropped, so a flood of addresses cannot grow memory. */
const MAX_KEYS = 10_000;

/** Refusals left out and not yet written, of one address and route. */
export interface LeftOut {
  clientIp: string | null;
  route: string;
  /** What the route audits a refusal as (its auditRefused action), and the status answered. */
  action: string;
  status: number | null;
  skipped: number;
}

interface Seen extends LeftOut {
  at: number;
}

export class AnonymousRefusals {
  private readonly seen = new Map<string, Seen>();
  /** Counts of keys forgotten before they were written (a flood of addresses), for the next drain. */
  private readonly forgotten: LeftOut[] = [];
  /** Left-out refusals that did not fit in `forgotten` either: written as one entry without an address. */
  private lost = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether to write this refusal, and how many of the same were left out before it (0 for the first). */
  admit(clientIp: string | null, route: string, action = 'refused', status: number | null = null): { write: boolean; skipped: number } {
    const key = `${clientIp ?? '?'}|${route}`;
    const t = this.now();
    const last = this.seen.get(key);
    if (last && t - last.at < WINDOW_MS) {
      last.skipped += 1;
      return { write: false, skipped: 0 };
    }
    if (this.seen.size >= MAX_KEYS) this.forgetStale(t);
    this.seen.set(key, { clientIp, route, action, status, at: t, skipped: 0 });
    return { write: true, skipped: last?.skipped ?? 0 };
  }

  /** The refusals left out and not yet written, taken: each is counted once, here or by `admit`. */
  drain(): LeftOut[] {
    const out = this.forgotten.splice(0);
    for (const s of this.seen.values()) {
      if (s.skipped === 0) continue;
      out.push({ clientIp: s.clientIp, route: s.route, action: s.action, status: s.status, skipped: s.skipped });
      s.skipped = 0;
    }
    if (this.lost > 0) {
      out.push({ clientIp: null, route: '*', action: 'refused', status: null, skipped: this.lost });
      this.lost = 0;
    }
    return out;
  }

  private forgetStale(t: number): void {
    for (const [key, v] of this.seen) if (t - v.at >= WINDOW_MS) this.forget(key, v);
    // Still full (a flood within one minute): start over rather than grow; the counts are kept.
    if (this.seen.size >= MAX_KEYS) for (const [key, v] of this.seen) this.forget(key, v);
  }

  private forget(key: string, v: Seen): void {
    this.seen.delete(key);
    if (v.skipped === 0) return;
    if (this.forgotten.length < MAX_KEYS) this.forgotten.push({ clientIp: v.clientIp, route: v.route, action: v.action, status: v.status, skipped: v.skipped });
    else this.lost += v.skipped;
  }
}
