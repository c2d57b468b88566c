/**
 * The server owns the DuckDB file: one instance, a few read connections handed out one request at
 * a time, one connection for ingestion (long transactions) and one for small writes (audit log,
 * annotations, rule sets). DuckDB's MVCC lets these run side by side inside one process, so reads,
 * and the audit write that every per-stay read needs, stay available while an upload is ingested.
 */
import { openDatabase, UskDb } from '../../pipelines/db/open.ts';

/** The server is shutting down: the request gets 503, not a half-closed connection. */
export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
  constructor() {
    super('Serveren stenger');
  }
}

export class DbPool {
  private readonly idle: UskDb[];
  private readonly waiting: { resolve: (db: UskDb) => void; reject: (e: Error) => void }[] = [];
  private allIdle: (() => void) | undefined;
  private readonly ingestLane: SerialLane;
  private readonly writeLane: SerialLane;
  private closed = false;

  private constructor(
    private readonly main: UskDb,
    private readonly writer: UskDb,
    private readonly readers: UskDb[],
    readonly path: string,
  ) {
    this.idle = [...readers];
    this.ingestLane = new SerialLane(main);
    this.writeLane = new SerialLane(writer);
  }

  static async open(path: string, readConnections: number): Promise<DbPool> {
    const main = await openDatabase(path);
    const connect = async () => {
      const db = new UskDb(main.instance, await main.instance.connect(), path);
      await db.run("SET TimeZone = 'Europe/Oslo'");
      return db;
    };
    const readers: UskDb[] = [];
    for (let i = 0; i < readConnections; i++) readers.push(await connect());
    return new DbPool(main, await connect(), readers, path);
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

  /** Small writes (audit, annotations, rule sets), one after another; never behind an ingest. */
  write<T>(fn: (db: UskDb) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    return this.writeLane.run(fn);
  }

  /** Ingestion of uploaded files, one after another, on its own connection. */
  ingest<T>(fn: (db: UskDb) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    return this.ingestLane.run(fn);
  }

  /**
   * Refuses queued reads, waits for running reads and queued writes, then closes every connection.
   * (Closing a connection while its query runs would block the event loop on DuckDB.)
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new PoolClosedError());
    if (this.idle.length < this.readers.length) await new Promise<void>((resolve) => (this.allIdle = resolve));
    await Promise.all([this.ingestLane.idle(), this.writeLane.idle()]);
    for (const db of this.readers) db.conn.closeSync();
    this.writer.conn.closeSync();
    this.main.close();
  }

  private acquire(): Promise<UskDb> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    const db = this.idle.pop();
    if (db) return Promise.resolve(db);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(db: UskDb): void {
    const waiter = this.waiting.shift();
    if (waiter) return waiter.resolve(db);
    this.idle.push(db);
    if (this.closed && this.idle.length === this.readers.length) this.allIdle?.();
  }
}

/** Runs jobs on one connection strictly one after another (a connection holds one transaction). */
class SerialLane {
  private chain: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: UskDb) {}

  run<T>(fn: (db: UskDb) => Promise<T>): Promise<T> {
    const next = this.chain.then(() => fn(this.db));
    // The chain must survive a failed job, but the caller still gets the rejection.
    this.chain = next.catch(() => undefined);
    return next;
  }

  idle(): Promise<unknown> {
    return this.chain;
  }
}
