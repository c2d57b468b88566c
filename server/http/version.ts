/**
 * The data version: changes whenever anything a response could show changes. This process owns
 * the database file, so every write goes through it and an in-memory counter is authoritative.
 * It keys ETags and the response cache, so repeated dashboard loads cost nothing.
 */
import type { UskDb } from '../../pipelines/db/open.ts';

export class DataVersion {
  private local = 0;
  private readonly listeners: ((version: string) => void)[] = [];
  constructor(private base: string) {}

  /** Called with the new version after every change (the cache warmer listens). */
  onChange(fn: (version: string) => void): void {
    this.listeners.push(fn);
  }

  static async read(db: UskDb): Promise<DataVersion> {
    const [row] = await db.json<{ v: number }>('SELECT coalesce(max(batch_id), 0)::INTEGER AS v FROM batch');
    // The start time covers writes made while no server ran (rule sets or notes by other tools).
    return new DataVersion(`${row?.v ?? 0}.${Date.now().toString(36)}`);
  }

  get current(): string {
    return `${this.base}-${this.local}`;
  }

  /** Called after every write (upload, rule set, annotation). */
  bump(): void {
    this.local += 1;
    for (const fn of this.listeners) fn(this.current);
  }
}
