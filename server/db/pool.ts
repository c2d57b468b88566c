/**
 * The server owns the DuckDB file: one instance, a few read connections handed out one request at
 * a time, and one write connection for uploads and admin edits. DuckDB allows one writer and
 * concurrent readers inside a process (MVCC), so reads stay available while an upload is ingested.
 */
import { openDatabase, UskDb } from '../../pipelines/db/open.ts';

export class DbPool {
  private readonly idle: UskDb[];
  private readonly waiting: ((db: UskDb) => void)[] = [];
  private writeChain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly main: UskDb,
    private readonly readers: UskDb[],
    readonly path: string,
  ) {
    this.idle = [...readers];
  }

  static async open(path: string, readConnections: number): Promise<DbPool> {
    const main = await openDatabase(path);
    const readers: UskDb[] = [];
    for (let i = 0; i < readConnections; i++) {
      const conn = await main.instance.connect();
      const db = new UskDb(main.instance, conn, path);
      await db.run("SET TimeZone = 'Europe/Oslo'");
      readers.push(db);
    }
    return new DbPool(main, readers, path);
  }

  /** Runs fn on a read connection of its own; waits for one when all are busy. */
  async read<T>(fn: (db: UskDb) => Promise<T>): Promise<T> {
    const db = await this.acquire();
    try {
      return await fn(db);
    } finally {
      this.release(db);
    }
  }

  /** Runs fn on the single write connection; writes are queued one after another. */
  write<T>(fn: (db: UskDb) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('Databasen er lukket'));
    const next = this.writeChain.then(() => fn(this.main));
    // The chain must survive a failed write, but the caller still gets the rejection.
    this.writeChain = next.catch(() => undefined);
    return next;
  }

  /** Waits for queued writes, then closes every connection and the instance. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeChain;
    for (const db of this.readers) db.conn.closeSync();
    this.main.close();
  }

  private acquire(): Promise<UskDb> {
    if (this.closed) return Promise.reject(new Error('Databasen er lukket'));
    const db = this.idle.pop();
    if (db) return Promise.resolve(db);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(db: UskDb): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(db);
    else this.idle.push(db);
  }
}
