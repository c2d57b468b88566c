/**
 * One declaration per endpoint: method, path, role, zod schemas for parameters and body, and the
 * response shape. The same declaration mounts the Express handler (validating with those schemas)
 * and feeds the OpenAPI document, so the documentation cannot drift from what is enforced.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { validationProblem } from '../errors.ts';
import { requireUser } from '../auth/guard.ts';
import type { Role, User } from '../auth/roles.ts';
import { encode, negotiate, sendCacheable, sendData, serveCached, type SendOptions } from '../http/send.ts';

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
  /** 'public' = no sign-in needed (health, openapi, session). */
  role: Role | 'public';
  query?: Q;
  params?: P;
  body?: B;
  /** 'multipart' bodies are parsed by the route itself (uploads). */
  bodyType?: 'json' | 'multipart';
  response: z.ZodType;
  status?: number;
  /** Response content types besides JSON, for the OpenAPI document. */
  produces?: string[];
  send?: SendOptions;
  /** Runs for every request that gets data, cached or not (the audit log of per-stay views). */
  audit?: (input: HandlerInput<z.output<Q>, z.output<P>, z.output<B>>) => Promise<void>;
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
    router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const user = spec.role === 'public' ? (req.user ?? anonymous) : requireUser(req, spec.role);
        const query = parse(spec.query ?? emptyObject, req.query, 'query');
        const params = parse(spec.params ?? z.object({}).passthrough(), req.params, 'path');
        const body =
          spec.bodyType === 'multipart' ? undefined : parse(spec.body ?? z.unknown(), req.body ?? {}, 'body');
        const sendParams = { status: spec.status ?? 200, format: negotiate(req, spec.send), ...spec.send };
        const input = { req, res, query, params, body, user, ctx };
        const run = () => spec.handler(input);
        const cache = spec.send?.cache;
        if (cache && spec.method === 'get') {
          // The role check above has already passed and no answer depends on who asks, so the
          // key needs no user.
          const key = `${ctx.version.current}|${sendParams.format}|${cacheUrl(req)}`;
          const browser = cache === true;
          await spec.audit?.(input);
          if (serveCached(req, res, key, browser)) return;
          await sendCacheable(req, res, key, sendParams.status, browser, async () => encode(await run(), sendParams));
          return;
        }
        await spec.audit?.(input);
        const data = await run();
        if (data === handled) return;
        sendData(res, data, sendParams);
      } catch (e) {
        next(e);
      }
    });
  }
}

/** Path plus the query in sorted order, so ?a=1&b=2 and ?b=2&a=1 share one cache entry. */
function cacheUrl(req: Request): string {
  const q = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  q.sort();
  return `${req.path}?${q.toString()}`;
}

const emptyObject = z.strictObject({});
const anonymous: User = { id: 'anonym', name: 'Anonym', role: 'leser' };

function parse(schema: z.ZodType, value: unknown, where: 'query' | 'body' | 'path'): unknown {
  const result = schema.safeParse(value, norwegian);
  if (!result.success) throw validationProblem(where, result.error);
  return result.data;
}
