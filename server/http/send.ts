/**
 * Sending data: JSON or Apache Arrow IPC by content negotiation, with an ETag keyed on the data
 * version and an in-process cache of encoded bodies, so a committee opening the dashboard at once
 * costs one query per distinct request.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { rowsToArrowIpc } from './arrow.ts';

export const ARROW_TYPE = 'application/vnd.apache.arrow.stream';

export interface SendOptions {
  /**
   * true: aggregates, cached here and revalidated by the browser (ETag). 'server': per-stay data,
   * cached here only (the browser gets no-store); the route's audit hook still runs on every view.
   */
  cache?: true | 'server';
  /** Offers Arrow IPC: the table to encode from the handler's result. */
  arrow?: (data: never) => Record<string, unknown>[];
}

type Format = 'json' | 'arrow';

interface Cached {
  body: Buffer;
  type: string;
  etag: string;
  /** Compressed once on first use, not on every response (the compression middleware skips it). */
  gzip?: Buffer;
}

// At national scale the landing view's series are ~14 MB of JSON each: a cache smaller than the
// landing view evicts one series to store the next and recomputes under load (it did, at 64 MB:
// p95 ≈ 7 s). 512 MB holds the whole committee mix; body and gzip are both counted.
const cache = new LRUCache<string, Cached>({ maxSize: 512 * 1024 * 1024, sizeCalculation: (c) => c.body.length + (c.gzip?.length ?? 0) + 1 });
const GZIP_MIN_BYTES = 1024;

export function negotiate(req: Request, send: SendOptions | undefined): Format {
  if (!send?.arrow) return 'json';
  return req.accepts(['application/json', ARROW_TYPE]) === ARROW_TYPE ? 'arrow' : 'json';
}

const etagOf = (key: string) => `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

function setCacheHeaders(res: Response, etag: string): void {
  res.setHeader('ETag', etag);
  // The browser may keep it but must revalidate: a new upload changes the answer immediately.
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept, Cookie');
}

/** Answers from the cache (304 or the stored body); false when the request must be computed. */
export function serveCached(req: Request, res: Response, key: string, browser: boolean): boolean {
  const etag = etagOf(key);
  if (browser && req.headers['if-none-match'] === etag) {
    setCacheHeaders(res, etag);
    res.status(304).end();
    return true;
  }
  const hit = cache.get(key);
  if (!hit) return false;
  sendEntry(req, res, hit, 200, browser);
  return true;
}

function sendEntry(req: Request, res: Response, entry: Cached, status: number, browser: boolean): void {
  if (browser) setCacheHeaders(res, entry.etag);
  else res.setHeader('Cache-Control', 'no-store');
  res.status(status).type(entry.type);
  if (entry.body.length > GZIP_MIN_BYTES && req.acceptsEncodings('gzip') === 'gzip') {
    entry.gzip ??= gzipSync(entry.body);
    res.setHeader('Content-Encoding', 'gzip');
    res.vary('Accept-Encoding');
    res.send(entry.gzip);
    return;
  }
  res.send(entry.body);
}

export interface SendParams extends SendOptions {
  status: number;
  format: Format;
}

export function encode(data: unknown, p: SendParams): { body: Buffer; type: string } {
  if (p.format === 'arrow' && p.arrow) return { body: Buffer.from(rowsToArrowIpc(p.arrow(data as never))), type: ARROW_TYPE };
  return { body: Buffer.from(JSON.stringify(data)), type: 'application/json; charset=utf-8' };
}

/** Uncached responses (per-stay data, writes): never stored by the browser either. */
export function sendData(res: Response, data: unknown, p: SendParams): void {
  const { body, type } = encode(data, p);
  res.setHeader('Cache-Control', 'no-store');
  res.status(p.status).type(type).send(body);
}

const inflight = new Map<string, Promise<Cached>>();

/**
 * Cached responses: computed once per data version and URL. Identical requests that arrive while
 * the first is computing wait for it (a committee opening the same view does one query, not 20).
 */
export async function sendCacheable(req: Request, res: Response, key: string, status: number, browser: boolean, compute: () => Promise<{ body: Buffer; type: string }>): Promise<void> {
  let pending = inflight.get(key);
  if (!pending) {
    pending = compute().then(({ body, type }) => {
      // Compressed before it is stored, so the cache counts what it really holds.
      const entry: Cached = { body, type, etag: etagOf(key), ...(body.length > GZIP_MIN_BYTES ? { gzip: gzipSync(body) } : {}) };
      cache.set(key, entry);
      return entry;
    });
    inflight.set(key, pending);
    // Settled either way: the next request recomputes after a failure.
    void pending.finally(() => inflight.delete(key)).catch(() => undefined);
  }
  sendEntry(req, res, await pending, status, browser);
}
