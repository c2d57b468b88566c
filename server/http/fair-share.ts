/**
 * Each user's share of the database. An answer not in the cache (a new hour threshold, another
 * municipality's stays, an export) costs DuckDB from a few milliseconds to a minute, and the server
 * has only a few read connections. Without a bound, one signed-in user (or a script with their
 * session) asking for many distinct answers at once would hold every connection, and everyone else's
 * dashboard would wait behind them. So each user runs at most `perUser` computations at a time; the
 * next ones wait in that user's own line, which holds at most `queuedPerUser`, and past that the
 * request is refused with 429. With `perUser` below the number of read connections, another user's
 * request always finds a connection after at most one of the busy user's queries.
 *
 * Answers from the cache, and requests that join a computation already under way, take no share.
 * A request whose client goes away while it waits in line leaves the line (its `signal`), so a
 * burst of cancelled requests is not computed afterwards for no one.
 */
import { HttpProblem } from '../errors.ts';

export interface FairShareLimits {
  perUser: number;
  queuedPerUser: number;
}

interface Line {
  running: number;
  waiting: (() => void)[];
}

/** The client went away while its request waited in line: nothing was computed, nothing can be sent. */
export const leftTheLine = () => new HttpProblem(499, 'Avbrutt', 'Forespørselen ble avbrutt før den fikk sin tur.');

export class FairShare {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly limits: FairShareLimits) {}

  /** Runs fn within the user's share: at once, after the user's earlier computations, or refused (429). */
  async run<T>(user: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let line = this.lines.get(user);
    if (!line) this.lines.set(user, (line = { running: 0, waiting: [] }));
    if (line.running >= this.limits.perUser) {
      if (line.waiting.length >= this.limits.queuedPerUser) {
        throw new HttpProblem(429, 'For mange samtidige forespørsler',
          `Du har allerede ${line.running + line.waiting.length} beregninger i gang eller i kø. Vent til noen av dem er ferdige, og prøv igjen.`);
      }
      if (signal?.aborted) throw leftTheLine();
      // The slot is handed over by the computation that ends (below), so running is not decremented in between.
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const i = line.waiting.indexOf(turn);
          if (i >= 0) line.waiting.splice(i, 1);
          reject(leftTheLine());
        };
        line.waiting.push(turn);
        signal?.addEventListener('abort', leave, { once: true });
      });
    } else {
      line.running++;
    }
    try {
      return await fn();
    } finally {
      const next = line.waiting.shift();
      if (next) next();
      else if (--line.running === 0) this.lines.delete(user);
    }
  }

  /** Computations running and waiting for a user (for tests and logs). */
  load(user: string): { running: number; waiting: number } {
    const line = this.lines.get(user);
    return { running: line?.running ?? 0, waiting: line?.waiting.length ?? 0 };
  }
}
