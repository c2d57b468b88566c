/**
 * The audit log writer. Normen: no view without a trace, so an entry is durable before the request
 * is answered; but a DuckDB transaction per per-stay view (several trips through DuckDB's worker
 * threads, each waiting for the event loop under load) made every audited request the slowest of
 * the dashboard's. So an entry is first appended to a journal beside the database: a positional
 * write into a preallocated file, then fdatasync in the thread pool, shared by every entry written
 * while the previous one ran (group commit; ≈ 0.1–2 ms, the event loop never waits for the disk).
 * The request is answered when its entry is on disk. The journal is moved into the audit_log
 * table in batches: every second while there is something to move, before anyone reads the log
 * (GET /api/audit), and at shutdown. A journal left behind by a crash or a power cut is imported
 * at the next start, before the server answers anything, so no entry is lost and none is
 * imported twice (each journal segment is marked as imported in the same transaction).
 *
 * Layout: `<db>.audit-journal/` (mode 0700), one segment file per batch (`*.jsonl`, mode 0600),
 * one JSON line per entry, masked as in the table; the unused, preallocated tail is zero bytes.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, fdatasync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { DbPool } from '../db/pool.ts';
import type { User } from '../auth/roles.ts';
import { auditRecord, forgetImportedSegments, importAuditSegment, isSegmentImported, type AuditEntry, type AuditRecord } from '../queries/audit.ts';

/** Preallocated so that fdatasync writes data blocks only (no size or extent change to journal: ≈ 0.1 ms instead of ≈ 4 ms here). */
const SEGMENT_BYTES = 1024 * 1024;
const FLUSH_EVERY_MS = 1000;

class Segment {
  readonly records: AuditRecord[] = [];
  private pos = 0;
  /** The fdatasync running now, and the one the lines written meanwhile wait for (group commit). */
  private syncing: Promise<void> | undefined;
  private nextSync: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;

  private constructor(
    readonly name: string,
    readonly path: string,
    private fd: number | undefined,
  ) {}

  /** A new, preallocated segment file, made durable (file and directory entry) off the event loop. */
  static async create(dir: string): Promise<Segment> {
    const name = `${Date.now().toString(36).padStart(10, '0')}-${randomUUID()}.jsonl`;
    const path = join(dir, name);
    const file = await open(path, 'wx', 0o600);
    try {
      await file.write(Buffer.alloc(SEGMENT_BYTES), 0, SEGMENT_BYTES, 0);
      await file.datasync();
    } catch (e) {
      await file.close();
      rmSync(path, { force: true });
      throw e;
    }
    const dirHandle = await open(dir, 'r');
    await dirHandle.sync().finally(() => dirHandle.close());
    // Lines are written with a plain descriptor (synchronous positional writes).
    const fd = openSync(path, 'r+');
    await file.close();
    return new Segment(name, path, fd);
  }

  /**
   * Appends one record (a positional write into the page cache, synchronous) and resolves once it
   * is on disk. Rejects when it cannot be made durable.
   */
  append(record: AuditRecord): Promise<void> {
    if (this.fd === undefined) throw new Error('Revisjonsjournalen er lukket');
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    let done = 0;
    while (done < line.length) done += writeSync(this.fd, line, done, line.length - done, this.pos + done);
    this.pos += line.length;
    this.records.push(record);
    return this.durable();
  }

  /**
   * Group commit: an fdatasync covers every line written before it started. Lines written while one
   * runs wait for the next, which then covers all of them: under load one disk flush serves many
   * audited requests, and the event loop never waits for the disk.
   */
  private durable(): Promise<void> {
    if (!this.syncing) return (this.syncing = this.sync());
    if (!this.nextSync) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.nextSync = { promise, resolve, reject };
    }
    return this.nextSync.promise;
  }

  private sync(): Promise<void> {
    const fd = this.fd!;
    return new Promise<void>((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve()))).finally(() => {
      this.syncing = undefined;
      const waiting = this.nextSync;
      this.nextSync = undefined;
      if (waiting) {
        this.syncing = this.sync();
        this.syncing.then(waiting.resolve, waiting.reject);
      }
    });
  }

  /** Closes the file once every pending flush to disk has finished. */
  async close(): Promise<void> {
    while (this.syncing) await this.syncing.catch(() => undefined);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  async remove(): Promise<void> {
    await this.close();
    rmSync(this.path, { force: true });
  }
}

/** The records of a segment file: complete lines up to the zero-filled tail (a torn last line is skipped). */
export function readSegment(path: string): AuditRecord[] {
  const text = readFileSync(path, 'utf8');
  const end = text.indexOf('\0');
  const records: AuditRecord[] = [];
  for (const line of (end === -1 ? text : text.slice(0, end)).split('\n')) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as AuditRecord);
    } catch {
      // Only the last line can be torn (power cut mid-write), and its request was never answered.
    }
  }
  return records;
}

export class AuditLog {
  private active: Segment | undefined;
  /** Segments no longer written to, waiting to be imported (oldest first). */
  private readonly sealed: Segment[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly pool: DbPool,
    private readonly dir: string,
    private readonly log: Logger | undefined,
    flushEveryMs: number,
  ) {
    this.timer = setInterval(() => {
      if (this.active?.records.length || this.sealed.length) void this.flush().catch(() => undefined);
    }, flushEveryMs);
    this.timer.unref();
  }

  /**
   * Opens the journal beside the database: first imports whatever an earlier run left in it (a
   * crash), then starts a fresh segment. Call before the server answers requests.
   */
  static async open(pool: DbPool, opts: { log?: Logger; flushEveryMs?: number } = {}): Promise<AuditLog> {
    const dir = `${pool.path}.audit-journal`;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode holds only for a folder it makes: one made by hand, restored or copied loose is
    // tightened, or others could list it and, were it writable, leave segments for the next start to
    // import as audit entries.
    if (statSync(dir).mode & 0o077) chmodSync(dir, 0o700);
    const leftovers = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
    let recovered = 0;
    for (const name of leftovers) {
      const path = join(dir, name);
      const records = readSegment(path);
      const imported = await pool.write(async (db) => {
        if (await isSegmentImported(db, name)) return 0;
        await importAuditSegment(db, name, records);
        return records.length;
      });
      recovered += imported;
      rmSync(path, { force: true });
    }
    // Every file a mark could refer to is gone now.
    await pool.write(forgetImportedSegments);
    if (recovered > 0) opts.log?.warn({ entries: recovered, segments: leftovers.length }, 'revisjonsjournal fra forrige kjøring importert');
    const audit = new AuditLog(pool, dir, opts.log, opts.flushEveryMs ?? FLUSH_EVERY_MS);
    audit.active = await Segment.create(dir);
    return audit;
  }

  /**
   * Records one entry; resolves once it is durable (journal on disk). Rejects, and the request
   * fails, when it cannot be written: never a silent gap.
   */
  write(entry: AuditEntry): Promise<void> {
    try {
      if (this.closed || !this.active) throw new Error('Revisjonsloggen er stengt');
      return this.active.append(auditRecord(entry, new Date()));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Moves every journalled entry into the audit_log table. Runs one at a time; a caller that
   * arrives during a flush waits for it and then for one of its own, so everything written before
   * the call is in the table when it resolves.
   */
  flush(): Promise<void> {
    const mine = this.chain.then(() => this.moveToTable());
    this.chain = mine.catch(() => undefined);
    return mine;
  }

  private async moveToTable(): Promise<void> {
    if (this.active && this.active.records.length > 0) {
      // New entries go to a new segment while the full one is imported.
      const next = this.closed ? undefined : await Segment.create(this.dir);
      const full = this.active;
      this.active = next;
      this.sealed.push(full);
      await full.close();
    }
    while (this.sealed.length > 0) {
      const segment = this.sealed[0]!;
      try {
        await this.pool.write((db) => importAuditSegment(db, segment.name, segment.records));
      } catch (e) {
        // Still on disk: retried on the next flush, or imported at the next start.
        this.log?.error({ err: (e as Error).message, segment: segment.name }, 'revisjonsjournal kunne ikke importeres');
        throw e;
      }
      this.sealed.shift();
      await segment.remove();
    }
  }

  /** Graceful shutdown: imports everything, then refuses further entries. Call before closing the pool. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closed = true;
    await this.flush();
    await this.active?.remove();
    this.active = undefined;
  }
}

/** Records one audited action for the current request. */
export async function audit(
  ctx: AppContext,
  req: Request,
  user: User | { id: string; role: null },
  action: string,
  extra: Pick<AuditEntry, 'target' | 'filters' | 'outcome'> = {},
): Promise<void> {
  await ctx.auditLog.write({ userId: user.id, role: user.role, action, clientIp: req.ip ?? null, ...extra });
}

/**
 * Writes the anonymous refusals left out since they were last written (http/anonymous-refusals.ts),
 * one entry per address and route with how many: every minute and at shutdown.
 */
export async function writeLeftOutRefusals(ctx: Pick<AppContext, 'auditLog' | 'refusals'>): Promise<void> {
  for (const r of ctx.refusals.drain()) {
    await ctx.auditLog.write({ userId: 'anonym', role: null, action: r.action, clientIp: r.clientIp, target: r.route, filters: { status: r.status, repeated: r.skipped }, outcome: 'refused' });
  }
}
