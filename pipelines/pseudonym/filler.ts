import { Worker } from 'node:worker_threads';
import { pseudonymFill, type PseudonymBatch, type PseudonymFill } from './batch.ts';

/**
 * Fills the pseudonym holes of the reader's output (batch.ts). The keyed HMAC costs about a
 * microsecond per identifier, as much as the rest of the reading pass, so large batches are
 * hashed in a worker thread while the pass reads on; small ones (tests, small files) here, which
 * spares them the worker's start. Either way a raw identifier only moves between this process's
 * threads, in memory, and is never written anywhere.
 */
export interface PseudonymFiller {
  /** Resolves with the output, every hole filled (a new Buffer over the same bytes when they went to the worker). */
  fill(out: Buffer, batch: PseudonymBatch): Promise<Buffer>;
  /** Stops the worker, if one was started. */
  close(): Promise<void>;
}

export interface FillerOptions {
  /** Batches with at least this many identifiers go to the worker (default 2048; 0: all of them). */
  workerFrom?: number;
}

/** The messages between this thread and the worker (filler-worker.ts); the buffers are transferred, not copied. */
export interface FillRequest {
  id: number;
  out: ArrayBuffer;
  offset: number;
  length: number;
  batch: PseudonymBatch;
}
export type FillReply = { id: number; out: ArrayBuffer } | { id: number; error: string };

const DEFAULT_WORKER_FROM = 2048;

export function pseudonymFiller(key: Buffer, options: FillerOptions = {}): PseudonymFiller {
  // Made on the first batch small enough for this thread: its WebAssembly instance is not free.
  let fillHere: PseudonymFill | undefined;
  const workerFrom = options.workerFrom ?? DEFAULT_WORKER_FROM;
  let current: Hasher | undefined;

  return {
    fill(out, batch) {
      if (batch.count === 0) return Promise.resolve(out);
      if (batch.count < workerFrom) {
        (fillHere ??= pseudonymFill(key))(out, batch);
        return Promise.resolve(out);
      }
      if (!current) {
        const started: Hasher = startHasher(key, () => {
          if (current === started) current = undefined; // a failed worker is replaced by the next fill
        });
        current = started;
      }
      return current.fill(out, batch);
    },
    async close() {
      const h = current;
      current = undefined;
      await h?.stop();
    },
  };
}

interface Hasher {
  fill(out: Buffer, batch: PseudonymBatch): Promise<Buffer>;
  stop(): Promise<void>;
}

/** One worker thread and the fills it owes; when it fails or stops, every one of them fails. */
function startHasher(key: Buffer, onGone: () => void): Hasher {
  const worker = new Worker(new URL('./filler-worker.mjs', import.meta.url), { workerData: { key: Uint8Array.from(key) } });
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void; offset: number; length: number }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
    onGone();
  };
  worker.on('message', (reply: FillReply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref(); // idle: it must not keep the process alive
    if ('error' in reply) entry.reject(new Error(`pseudonymisering feilet: ${reply.error}`));
    else entry.resolve(Buffer.from(reply.out, entry.offset, entry.length));
  });
  worker.on('error', (e) => failAll(new Error(`pseudonymisering feilet i arbeidstråden: ${e.message}`, { cause: e })));
  worker.on('exit', (code) => failAll(new Error(`arbeidstråden for pseudonymisering stoppet (kode ${code})`)));
  worker.unref();
  return {
    fill(out, batch) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        waiting.set(id, { resolve, reject, offset: out.byteOffset, length: out.length });
        if (waiting.size === 1) worker.ref(); // a reply is awaited: keep the process alive for it
        // The whole ArrayBuffer under `out` is handed over, so it must be out's alone, never
        // Buffer's shared pool: the reader allocates it unpooled (line-prefixer.ts).
        const request: FillRequest = { id, out: out.buffer as ArrayBuffer, offset: out.byteOffset, length: out.length, batch };
        worker.postMessage(request, [request.out, batch.ids.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer, batch.holes.buffer as ArrayBuffer]);
      });
    },
    async stop() {
      await worker.terminate();
    },
  };
}
