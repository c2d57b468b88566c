/**
 * One declaration per endpoint: method, path, role, zod schemas for parameters and body, and the
 * response shape. The same declaration mounts the Express handler (validating with those schemas)
 * and feeds the OpenAPI document, so the documentation cannot drift from what is enforced.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { HttpProblem, validationProblem } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { requireUser } from '../auth/guard.ts';
import type { Role, User } from '../auth/roles.ts';
import { DEMO_USER } from '../auth/index.ts';
import { LRUCache } from 'lru-cache';
import { cached, canServeCached, computing, encode, negotiate, sendCacheable, sendData, sendEntry, serveCached, type SendOptions } from '../http/send.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface HandlerInput<Q, P, B> {
  req: Request;
  res: Response;
  query: Q;
  params: P;
  body: B;
  user: User;
  ctx: AppContext;
}

/** A handler returns data to send, or `handled` when it wrote the response itself (files). */
export const handled = Symbol('handled');

export interface RouteSpec<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: Method;
  path: string; // Express syntax: /api/stays/:stayId/days
  tag: string;
  summary: string;
  description?: string;
  /** 'public' = no sign-in needed (session, sign-in; /healthz, /readyz are outside the registry). */
  role: Role | 'public';
  query?: Q;
  params?: P;
  body?: B;
  /** 'multipart' bodies are parsed by the route itself (uploads). */
  bodyType?: 'json' | 'multipart';
  /** A multipart body's fields besides the file, as the route validates them: for the OpenAPI document. */
  multipartFields?: z.ZodObject;
  response: z.ZodType;
  status?: number;
  /** When the route answers 409 (a conflict with what is stored), for the OpenAPI document. */
  conflict?: string;
  /** Response content types besides JSON, for the OpenAPI document. */
  produces?: string[];
  send?: SendOptions;
  /**
   * What else a cached answer depends on besides the data version and the request (cached routes
   * only): part of the cache key and so of the ETag. Cheap: it runs on every request. An answer that
   * differs by who asks says how here (by a class of users, e.g. their role, never by the user, or
   * the cache would hold one answer per person).
   */
  cacheVariant?: (ctx: AppContext, user: User) => string;
  /** Runs for every request that gets data, cached or not (the audit log of per-stay views). */
  audit?: (input: HandlerInput<z.output<Q>, z.output<P>, z.output<B>>) => Promise<void>;
  /**
   * The audit action under which a refused request (401 not signed in, 403 role too low) is logged,
   * outcome 'refused', target the route's path: attempts at per-stay data leave a trace too.
   */
  auditRefused?: string;
  handler: (input: HandlerInput<z.output<Q>, z.output<P>, z.output<B>>) => Promise<unknown>;
}

/** Typed helper: declares a route and keeps it for the OpenAPI document. */
export function route<Q extends z.ZodType = z.ZodObject, P extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodObject>(
  spec: RouteSpec<Q, P, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

const norwegian = { error: z.locales.no().localeError };

export function mount(router: Router, ctx: AppContext, specs: RouteSpec[]): void {
  for (const spec of specs) {
    const querySchema = spec.query ?? emptyObject;
    const paramsSchema = spec.params ?? anyParams;
    const bodySchema = spec.body ?? anyBody;
    const cache = spec.method === 'get' ? spec.send?.cache : undefined;
    const browser = cache === true;
    router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        let user: User;
        try {
          user = spec.role === 'public' ? (req.user ?? anonymous) : requireUser(req, spec.role);
        } catch (e) {
          if (spec.auditRefused) await auditRefusal(ctx, req, spec, e);
          throw e;
        }
        const format = negotiate(req, spec.send);
        // The role check above has already passed, and an answer that depends on who asks says how
        // in its cacheVariant: the key needs no user.
        const key = cache ? `${ctx.version.current}|${spec.cacheVariant?.(ctx, user) ?? ''}|${format}|${cacheUrl(req)}` : '';
        if (cache && !spec.audit) {
          // A stored answer for exactly this path and these parameters was computed from them after
          // they passed validation, so a hit is answered without parsing them again.
          const hit = cached(key);
          if (hit) return sendEntry(req, res, hit, 200, browser);
        }
        const query = parse(querySchema, req.query, 'query');
        const params = parse(paramsSchema, req.params, 'path');
        const body = spec.bodyType === 'multipart' ? undefined : parse(bodySchema, req.body ?? {}, 'body');
        const sendParams = { status: spec.status ?? 200, format, ...spec.send };
        const input = { req, res, query, params, body, user, ctx };
        const run = () => spec.handler(input);
        // Computed answers take a share of the read connections (http/fair-share.ts); cached ones,
        // and those joining a computation under way, do not. Writes have their own lanes. A client
        // that goes away while its request waits in line takes it out of the line.
        const share = <T>(fn: () => Promise<T>): Promise<T> => {
          if (spec.method !== 'get' || spec.role === 'public') return fn();
          const gone = new AbortController();
          const closed = () => { if (!res.writableFinished) gone.abort(); };
          res.once('close', closed);
          return ctx.share.run(shareKey(user, req), fn, gone.signal).finally(() => res.off('close', closed));
        };
        // Audited when it is answered (a per-stay view: every view, cached or not), once, and not
        // when it is refused for want of a share (429) or its client left the line.
        let audited = false;
        const auditOnce = async () => {
          if (audited) return;
          audited = true;
          await spec.audit?.(input);
        };
        if (cache) {
          if (canServeCached(req, key, browser)) {
            await auditOnce();
            if (serveCached(req, res, key, browser)) return;
          }
          // sendCacheable sends an answer stored meanwhile (while the audit was written, or the request
          // waited its turn) before it joins or starts a computation.
          const answer = async () => {
            await auditOnce();
            await sendCacheable(req, res, key, sendParams.status, browser, async () => encode(await run(), sendParams));
          };
          if (computing(key)) return await answer();
          await share(answer);
          return;
        }
        const data = await share(async () => {
          await auditOnce();
          return run();
        });
        if (data === handled) return;
        sendData(res, data, sendParams);
      } catch (e) {
        next(e);
      }
    });
  }
}

/** Whose share a computation takes: the user's; in demo mode, where everyone is the demo user, the address's. */
const shareKey = (user: User, req: Request) => (user.id === DEMO_USER.id ? `${user.id}@${req.ip ?? ''}` : user.id);

/**
 * Path plus the query in sorted order, so ?a=1&b=2 and ?b=2&a=1 share one cache entry. Remembered
 * per URL, since a dashboard asks for the same few URLs again and again; bounded by bytes as well as
 * entries, since this is read before the parameters are validated: 10 000 URLs of 16 KB each from one
 * signed-in user would otherwise hold 300 MB.
 */
const sortedUrls = new LRUCache<string, string>({ max: 10_000, maxSize: 4 * 1024 * 1024, sizeCalculation: (url, original) => url.length + original.length });
function cacheUrl(req: Request): string {
  const key = req.originalUrl;
  let url = sortedUrls.get(key);
  if (url === undefined) {
    const q = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    q.sort();
    url = `${req.path}?${q.toString()}`;
    sortedUrls.set(key, url);
  }
  return url;
}

/**
 * One entry for a refused request: who (or 'anonym'), from where (req.ip), which route, 401 or 403.
 * The same anonymous refusal at most once a minute (http/anonymous-refusals.ts), with the count left out.
 */
function auditRefusal(ctx: AppContext, req: Request, spec: RouteSpec, e: unknown): Promise<void> {
  const status = e instanceof HttpProblem ? e.status : null;
  const target = `${spec.method.toUpperCase()} ${spec.path}`;
  let repeated = 0;
  if (!req.user) {
    const admitted = ctx.refusals.admit(req.ip ?? null, target, spec.auditRefused!, status);
    if (!admitted.write) return Promise.resolve();
    repeated = admitted.skipped;
  }
  return audit(ctx, req, req.user ?? { id: anonymous.id, role: null }, spec.auditRefused!, {
    outcome: 'refused', target, filters: repeated ? { status, repeated } : { status },
  });
}

const emptyObject = z.strictObject({});
const anyParams = z.object({}).passthrough();
const anyBody = z.unknown();
const anonymous: User = { id: 'anonym', name: 'Anonym', role: 'leser' };

function parse(schema: z.ZodType, value: unknown, where: 'query' | 'body' | 'path'): unknown {
  const result = schema.safeParse(value, norwegian);
  if (!result.success) throw validationProblem(where, result.error);
  return result.data;
}
