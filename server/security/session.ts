/**
 * Sessions: express-session with a bounded in-memory store. The server is one process that owns
 * the database, so sessions need no shared store; a restart signs everyone out, which is the safe
 * direction. The cookie is HttpOnly, SameSite=Strict and Secure in production.
 */
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { User } from '../auth/roles.ts';

declare module 'express-session' {
  interface SessionData {
    user?: User;
  }
}

const MAX_SESSIONS = 50_000;
/** Paths that start or end a session: the CSRF token, sign-in (local and OIDC), sign-out. */
const SESSION_PATHS = /^\/api\/(session|auth\/)/;

/** Keeps each session until its cookie would expire; prunes expired ones every minute. */
class TtlStore extends session.Store {
  private readonly sessions = new Map<string, { data: session.SessionData; expires: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly ttlMs: number) {
    super();
    this.timer = setInterval(() => this.prune(), 60_000);
    this.timer.unref();
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    const hit = this.sessions.get(sid);
    if (!hit || hit.expires < Date.now()) {
      this.sessions.delete(sid);
      cb(null, null);
      return;
    }
    cb(null, hit.data);
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    // Bounded: a flood of anonymous GET /api/session cannot exhaust memory; the oldest go first.
    if (!this.sessions.has(sid) && this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(sid, { data: structuredClone(data), expires: Date.now() + this.ttlMs });
    cb?.();
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.sessions.delete(sid);
    cb?.();
  }

  override touch(sid: string, _data: session.SessionData, cb?: () => void): void {
    const hit = this.sessions.get(sid);
    if (hit) hit.expires = Date.now() + this.ttlMs;
    cb?.();
  }

  private prune(): void {
    const now = Date.now();
    for (const [sid, s] of this.sessions) if (s.expires < now) this.sessions.delete(sid);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface SessionSetup {
  middleware: RequestHandler;
  stop: () => void;
  cookieName: string;
}

export function sessions(opts: { secret: string; secure: boolean; ttlMinutes: number }): SessionSetup {
  const ttlMs = opts.ttlMinutes * 60_000;
  const store = new TtlStore(ttlMs);
  // __Host- binds the cookie to this host and path / and requires Secure: no subdomain can set it.
  const cookieName = opts.secure ? '__Host-usk.sid' : 'usk.sid';
  const full = session({
    name: cookieName,
    secret: opts.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'strict', secure: opts.secure, path: '/', maxAge: ttlMs },
  });
  // A GET without the session cookie has no session to load, and only the paths that start or end
  // one (GET /api/session for the CSRF token, sign-in, OIDC, sign-out) write one; anywhere else
  // express-session would make a new, empty session (a random id, hooks on the response) only to
  // drop it unsaved. Skipping it there changes nothing a request can see: req.session is then
  // undefined, the user comes from demo mode or the CLI token, and CSRF never checks GET.
  const cookiePrefix = `${cookieName}=`;
  const middleware: RequestHandler = (req, res, next) => {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (safe && !req.headers.cookie?.includes(cookiePrefix) && !SESSION_PATHS.test(req.originalUrl)) return next();
    full(req, res, next);
  };
  return { middleware, stop: () => store.stop(), cookieName };
}
