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
  /** Compressed once when stored, not on every response (the compression middleware skips it). */
  gzip?: Buffer;
}

// At national scale the landing view's series are ~14 MB of JSON each: a cache smaller than the
// landing view evicts one series to store the next and recomputes under load (it did, at 64 MB:
// p95 ≈ 7 s). 512 MB holds the whole committee mix; body and gzip are both counted.
const cache = new LRUCache<string, Cached>({ maxSize: 512 * 1024 * 1024, sizeCalculation: (c) => c.body.length + (c.gzip?.length ?? 0) + 1 });
const GZIP_MIN_BYTES = 1024;

/**
 * A decision that depends on one request header only, remembered per header value: a dashboard
 * sends the same few Accept headers over and over, and parsing them is not free.
 */
function byHeader<T>(name: string, decide: (req: Request) => T): (req: Request) => T {
  const seen = new Map<string, T>();
  return (req) => {
    const header = req.headers[name];
    if (typeof header !== 'string' && header !== undefined) return decide(req);
    const key = header ?? '';
    let v = seen.get(key);
    if (v === undefined) {
      v = decide(req);
      if (seen.size >= 256) seen.clear(); // bounded: odd headers cannot grow it
      seen.set(key, v);
    }
    return v;
  };
}
const wantsArrow = byHeader('accept', (req) => req.accepts(['application/json', ARROW_TYPE]) === ARROW_TYPE);
const wantsGzip = byHeader('accept-encoding', (req) => req.acceptsEncodings('gzip') === 'gzip');

export function negotiate(req: Request, send: SendOptions | undefined): Format {
  if (!send?.arrow) return 'json';
  return wantsArrow(req) ? 'arrow' : 'json';
}

const etagOf = (key: string) => `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

function setCacheHeaders(res: Response, etag: string, vary: string): void {
  res.setHeader('ETag', etag);
  // The browser may keep it but must revalidate: a new upload changes the answer immediately.
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', vary);
}

/** The stored answer for a cache key, if any (a hit means the request was valid when it was computed). */
export function cached(key: string): Cached | undefined {
  return cache.get(key);
}

/** Whether serveCached would answer now (a stored body, or the browser's copy of this data version's). */
export function canServeCached(req: Request, key: string, browser: boolean): boolean {
  return cache.has(key) || (browser && req.headers['if-none-match'] === etagOf(key));
}

/** Answers from the cache (304 or the stored body); false when the request must be computed. */
export function serveCached(req: Request, res: Response, key: string, browser: boolean): boolean {
  const hit = cache.get(key);
  if (hit) {
    sendEntry(req, res, hit, 200, browser);
    return true;
  }
  // Evicted, but the browser's copy is still this data version's answer.
  if (browser && req.headers['if-none-match'] === etagOf(key)) {
    setCacheHeaders(res, etagOf(key), 'Accept, Cookie');
    res.statusCode = 304;
    res.end();
    return true;
  }
  return false;
}

/**
 * Writes a stored answer: headers set directly and the stored bytes (gzip when accepted) ended in
 * one call, since this is the path every repeated dashboard request takes.
 */
export function sendEntry(req: Request, res: Response, entry: Cached, status: number, browser: boolean): void {
  const gzip = entry.gzip !== undefined && wantsGzip(req);
  if (browser) {
    setCacheHeaders(res, entry.etag, entry.gzip ? 'Accept, Cookie, Accept-Encoding' : 'Accept, Cookie');
    if (req.headers['if-none-match'] === entry.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
  } else {
    res.setHeader('Cache-Control', 'no-store');
    if (entry.gzip) res.setHeader('Vary', 'Accept-Encoding');
  }
  res.statusCode = status;
  res.setHeader('Content-Type', entry.type);
  const body = gzip ? entry.gzip! : entry.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
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
 * How many cacheable answers were computed, and how many requests waited for a computation already
 * under way (the warm-up's or another request's) instead of starting their own. Cumulative for the
 * process: logs and tests read differences.
 */
export const flights = { computed: 0, shared: 0 };

/** Whether an answer for this key is being computed now (a request for it joins that computation). */
export const computing = (key: string): boolean => inflight.has(key);

/**
 * Cached responses: computed once per data version and URL. A request that misses while the same
 * key is being computed (by the warm-up or another request) waits for that computation and sends
 * its answer: a committee opening the same view, or a visitor right after a restart while the
 * warm-up asks for the same view, costs one query, not one each. A failure reaches every waiter
 * and is not stored, so the next request computes again. An answer stored meanwhile (while the
 * caller audited, or waited for its share) is sent as it is. The caller has already checked the
 * role and audited this request; only the computation is shared.
 */
export async function sendCacheable(req: Request, res: Response, key: string, status: number, browser: boolean, compute: () => Promise<{ body: Buffer; type: string }>): Promise<void> {
  if (serveCached(req, res, key, browser)) return;
  let pending = inflight.get(key);
  if (pending) flights.shared++;
  else {
    flights.computed++;
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
