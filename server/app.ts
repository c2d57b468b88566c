/** The Express application: hardening, sessions, auth, CSRF, the API routes and problem details. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type RequestHandler } from 'express';
import { rateLimit, type RateLimitExceededEventHandler } from 'express-rate-limit';
import { requireUser } from './auth/guard.ts';
import { normalizeUsername } from './auth/local.ts';
import type { AppContext } from './context.ts';
import { HttpProblem } from './errors.ts';
import { audit } from './http/audit.ts';
import { errorHandler, notFoundHandler, sendProblem } from './http/problems.ts';
import { loggableUrl } from './log.ts';
import { buildOpenApi } from './openapi.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { exportRoutes } from './routes/exports.ts';
import { figureRoutes } from './routes/figures.ts';
import { metaRoutes } from './routes/meta.ts';
import { mount } from './routes/registry.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { notebookGate, NOTEBOOKS_NOT_BUILT, notebooksBuilt, notebooksDir, readerOf } from './notebooks.ts';
import { csrf } from './security/csrf.ts';
import { securityHeaders } from './security/headers.ts';
import { loopbackHostOnly } from './security/host.ts';
import { sessions, type SessionSetup } from './security/session.ts';

const here = dirname(fileURLToPath(import.meta.url));
const PACKAGE_VERSION = (JSON.parse(readFileSync(resolve(here, '../package.json'), 'utf8')) as { version: string }).version;
const INDEX_HTML = readFileSync(resolve(here, 'public/index.html'), 'utf8');
/** The dashboard's build output (client/, `npm run build`); the placeholder page when it is not built. */
const CLIENT_DIST = resolve(here, '../client/dist');
const indexHtml = () => {
  const built = resolve(CLIENT_DIST, 'index.html');
  return existsSync(built) ? readFileSync(built, 'utf8') : INDEX_HTML;
};

export interface BuiltApp {
  app: Express;
  sessions: SessionSetup;
}

/**
 * isWarm: whether the cache warm-up (http/warm.ts) has finished, reported by /readyz. maxSessions:
 * the session store's bound (tests make it small; security/session.ts).
 */
export function createApp(ctx: AppContext, isReady: () => boolean, isWarm: () => boolean = () => false, opts: { maxSessions?: number } = {}): BuiltApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // ETags are keyed on the data version instead (http/send.ts)
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c: every parameter is a string

  app.use(requestLog(ctx));
  app.use(securityHeaders(ctx.config.cookieSecure));
  if (ctx.mode === 'demo') {
    app.use((_req, res, next) => (res.setHeader('X-USK-Mode', 'demo'), next()));
    app.use(loopbackHostOnly());
  }

  app.get('/healthz', (_req, res) => void res.type('application/json').send('{"status":"ok"}'));
  app.get('/readyz', (_req, res) => {
    if (isReady()) res.type('application/json').send(`{"status":"ready","cacheWarm":${isWarm()}}`);
    else sendProblem(res, new HttpProblem(503, 'Ikke klar', 'Serveren starter eller stenger.'), '/readyz');
  });
  app.use('/static', express.static(resolve(here, 'public'), { index: false, fallthrough: false, maxAge: '1h' }));
  app.use('/assets', express.static(resolve(CLIENT_DIST, 'assets'), { index: false, fallthrough: false, maxAge: '1y', immutable: true }));
  app.get('/', (_req, res) => {
    const page = indexHtml();
    const html = ctx.mode === 'demo' ? page.replace(' id="demo-banner" hidden', ' id="demo-banner"') : page;
    res.type('html').setHeader('Cache-Control', 'no-cache').send(html);
  });

  const session = sessions({
    secret: ctx.config.sessionSecret, secure: ctx.config.cookieSecure,
    ttlMinutes: ctx.config.sessionTtlMinutes, lifetimeMinutes: ctx.config.sessionLifetimeMinutes, ...(opts.maxSessions ? { maxSessions: opts.maxSessions } : {}),
  });
  const { csrfSynchronisedProtection } = csrf(ctx.auth);
  // Notebooks (issue 7: `npm run notebooks` → notebooks/dist). Unsuppressed aggregates, so the role that may export
  // them; inline <style> allowed on these pages only (Notebook Kit's page styles, Plot's SVG styles). Only
  // notebooks built from this database are served (notebooks.ts: refused otherwise, a banner when stale).
  const dir = notebooksDir();
  app.use('/notebooks', session.middleware, ctx.auth.attach(), (req, res, next) => {
    requireUser(req, 'analytiker');
    // Behind a sign-in: no shared cache may keep them, nor the browser once the tab is closed (express.static would say public).
    res.setHeader('Cache-Control', 'private, no-store');
    // Not built yet (npm start builds only the dashboard): say how, instead of a bare 404.
    if (!notebooksBuilt()) {
      res.status(404).type('html').send(NOTEBOOKS_NOT_BUILT(ctx.pool.path, readerOf(req)));
      return;
    }
    res.setHeader('Content-Security-Policy', String(res.getHeader('Content-Security-Policy')).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
    next();
  }, notebookGate(ctx, dir), express.static(dir, { extensions: ['html'], fallthrough: false }));
  const api = express.Router();
  api.use(express.json({ limit: '100kb', type: ['application/json'] }));
  api.use(session.middleware, ctx.auth.attach(), csrfSynchronisedProtection);
  api.use('/api/auth/login', loginLimiter(ctx), usernameLimiter(ctx));
  api.use('/api/auth/oidc/login', oidcStartLimiter(ctx));
  // The whole map of the API, roles and parameters: in production for those signed in (any role),
  // like the rest of /api; in demo mode everyone is signed in as the demo user anyway.
  api.get('/api/openapi.json', (req, res) => {
    requireUser(req, 'leser');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(openApi());
  });
  const routes = [...authRoutes, ...metaRoutes, ...figureRoutes, ...adminRoutes, ...uploadRoutes, ...exportRoutes];
  mount(api, ctx, routes);
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.log));
  let doc: unknown;
  const openApi = () => (doc ??= buildOpenApi(routes, PACKAGE_VERSION));
  return { app, sessions: session };
}

const LOGIN_WINDOW_MS = 15 * 60_000;
const LOGIN_TARGET = 'POST /api/auth/login';

/**
 * A sign-in refused by a limiter (429) is audited too, or an attack would show in the log only up to
 * the limit. As an anonymous refusal: once a minute per address at most, the next entry saying how
 * many were left out (http/anonymous-refusals.ts), so the guessing cannot grow the log row by row.
 * Under «anonym», not the name typed: past the limit it is not checked, and it may be a password.
 */
function auditThrottledSignIn(ctx: AppContext, req: Request): Promise<void> {
  const admitted = ctx.refusals.admit(req.ip ?? null, LOGIN_TARGET, 'sign-in', 429);
  if (!admitted.write) return Promise.resolve();
  return audit(ctx, req, { id: 'anonym', role: null }, 'sign-in', {
    outcome: 'refused', target: LOGIN_TARGET, filters: admitted.skipped ? { status: 429, repeated: admitted.skipped } : { status: 429 },
  });
}

/** Answers a limited sign-in once its audit entry is written; a failure to write it is the request's (500), as for every audited request. */
const throttledSignIn = (ctx: AppContext, detail: string): RateLimitExceededEventHandler => (req, res, next) => {
  auditThrottledSignIn(ctx, req).then(() => sendProblem(res, new HttpProblem(429, 'For mange forsøk', detail), requestPath(req)), next);
};

/** The request's path as the other problems name it: a limiter is mounted on it, where req.path is «/». */
const requestPath = (req: Request): string => loggableUrl(req.originalUrl.replace(/\?.*$/s, ''));

/**
 * Failed sign-ins per client address. Successful ones do not count: behind a NAT or a VDI farm a
 * whole hospital shares one address, and its colleagues signing in must not lock each other out.
 */
function loginLimiter(ctx: AppContext): RequestHandler {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: ctx.config.loginAttemptsPer15Min,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: throttledSignIn(ctx, 'For mange innloggingsforsøk. Vent 15 minutter.'),
  });
}

/**
 * Sign-ins started with the hospital's provider, per client address. Each start is kept until it
 * comes back (auth/oidc-pending.ts, at most 10 000, the oldest pushed out), so a flood of starts from
 * one address could push out colleagues' sign-ins in flight. The limit is high, since a hospital
 * behind one NAT address starts many; past it the browser is sent back to the sign-in page with
 * a fixed text (client/views/sign-in.ts «for-mange»).
 */
function oidcStartLimiter(ctx: AppContext): RequestHandler {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: ctx.config.oidcStartsPer15Min,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (_req, res) => res.redirect(302, '/?innlogging=for-mange'),
  });
}

/**
 * Failed sign-ins per user name, from any address (password guessing spread over many addresses).
 * Keyed on the normalised name whether or not such a user exists, with the same answer either way,
 * so the limit says nothing about which names exist. A name too long for the login schema is
 * refused by it (400) and never verified.
 */
function usernameLimiter(ctx: AppContext): RequestHandler {
  const username = (req: Request) => (req.body as { username?: unknown } | undefined)?.username;
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: ctx.config.loginFailuresPerUsernamePer15Min,
    skipSuccessfulRequests: true,
    skip: (req) => {
      const name = username(req);
      return typeof name !== 'string' || name.length > 200;
    },
    keyGenerator: (req) => `bruker:${normalizeUsername(username(req) as string)}`,
    standardHeaders: false,
    legacyHeaders: false,
    handler: throttledSignIn(ctx, 'For mange mislykkede innloggingsforsøk for dette brukernavnet. Vent 15 minutter.'),
  });
}

/** One line per request: method, route-level URL (no per-stay ids), status, time, user id. */
function requestLog(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      ctx.log.info({ method: req.method, url: loggableUrl(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10, user: req.user?.id }, 'http');
    });
    next();
  };
}
