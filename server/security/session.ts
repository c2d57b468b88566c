/**
 * Sessions: express-session with a bounded in-memory store. The server is one process that owns
 * the database, so sessions need no shared store; a restart signs everyone out, which is the safe
 * direction. The cookie is HttpOnly, SameSite=Strict and Secure in production.
 */
import session from 'express-session';
import type { NextFunction, Request, RequestHandler } from 'express';
import type { User } from '../auth/roles.ts';

declare module 'express-session' {
  interface SessionData {
    user?: User;
    /** When the user signed in (ms since the epoch): the session ends `lifetimeMinutes` later, however active. */
    signedInAt?: number;
  }
}

const MAX_SESSIONS = 50_000;
/** Paths that start or end a session: the CSRF token, sign-in (local and OIDC), sign-out. */
const SESSION_PATHS = /^\/api\/(session|auth\/)/;

type Entry = { data: session.SessionData; expires: number };

/**
 * Keeps each session until it has been unused for the idle timeout; prunes expired ones every minute. Bounded, in
 * two parts: anonymous sessions (GET /api/session before sign-in: anyone can make them) and
 * signed-in ones. Anonymous sessions hold at most half the store and make room only among
 * themselves, so a flood of them cannot sign anyone out; a new signed-in session pushes out the
 * least recently used anonymous one first, a signed-in one only when the store holds nothing else.
 * Both lists are in order of last use (Map insertion order, refreshed on every save or touch).
 */
export class TtlStore extends session.Store {
  private readonly anonymous = new Map<string, Entry>();
  private readonly signedIn = new Map<string, Entry>();
  private readonly maxAnonymous: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ttlMs: number,
    private readonly maxSessions = MAX_SESSIONS,
  ) {
    super();
    this.maxAnonymous = Math.max(1, Math.floor(maxSessions / 2));
    this.timer = setInterval(() => this.prune(), 60_000);
    this.timer.unref();
  }

  get size(): { anonymous: number; signedIn: number } {
    return { anonymous: this.anonymous.size, signedIn: this.signedIn.size };
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    const hit = this.signedIn.get(sid) ?? this.anonymous.get(sid);
    if (!hit || hit.expires < Date.now()) {
      this.delete(sid);
      cb(null, null);
      return;
    }
    // A copy: express-session turns what it gets into its Session and Cookie objects in place, and
    // a stored entry changed that way (a Cookie whose methods become own properties on the next
    // load) could no longer be cloned when the session is next saved.
    cb(null, structuredClone(hit.data));
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    const entry = { data: structuredClone(data), expires: Date.now() + this.ttlMs };
    const known = this.delete(sid); // re-inserted at the end: the most recently used
    if (data.user) {
      if (!known && this.total() >= this.maxSessions) evictOldest(this.anonymous.size > 0 ? this.anonymous : this.signedIn);
      this.signedIn.set(sid, entry);
    } else {
      if (!known && this.anonymous.size >= this.maxAnonymous) evictOldest(this.anonymous);
      else if (!known && this.total() >= this.maxSessions) {
        // Full of signed-in sessions: an anonymous one never pushes one of them out. Not kept.
        if (this.anonymous.size === 0) return void cb?.();
        evictOldest(this.anonymous);
      }
      this.anonymous.set(sid, entry);
    }
    cb?.();
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.delete(sid);
    cb?.();
  }

  override touch(sid: string, _data: session.SessionData, cb?: () => void): void {
    for (const list of [this.signedIn, this.anonymous]) {
      const hit = list.get(sid);
      if (!hit) continue;
      hit.expires = Date.now() + this.ttlMs;
      list.delete(sid);
      list.set(sid, hit);
    }
    cb?.();
  }

  private total(): number {
    return this.anonymous.size + this.signedIn.size;
  }

  private delete(sid: string): boolean {
    const a = this.anonymous.delete(sid);
    const b = this.signedIn.delete(sid);
    return a || b;
  }

  private prune(): void {
    const now = Date.now();
    for (const list of [this.anonymous, this.signedIn]) for (const [sid, s] of list) if (s.expires < now) list.delete(sid);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function evictOldest(list: Map<string, Entry>): void {
  const oldest = list.keys().next().value;
  if (oldest !== undefined) list.delete(oldest);
}

export interface SessionSetup {
  middleware: RequestHandler;
  stop: () => void;
  cookieName: string;
}

export function sessions(opts: { secret: string; secure: boolean; ttlMinutes: number; lifetimeMinutes: number; maxSessions?: number }): SessionSetup {
  const ttlMs = opts.ttlMinutes * 60_000;
  const lifetimeMs = opts.lifetimeMinutes * 60_000;
  const store = new TtlStore(ttlMs, opts.maxSessions);
  // __Host- binds the cookie to this host and path / and requires Secure: no subdomain can set it.
  const cookieName = opts.secure ? '__Host-usk.sid' : 'usk.sid';
  const full = session({
    name: cookieName,
    secret: opts.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // No Max-Age: the cookie ends when the browser closes (a shared PC on a ward), and the store
    // ends a session left idle for ttlMinutes whether the browser closes or not.
    cookie: { httpOnly: true, sameSite: 'strict', secure: opts.secure, path: '/' },
  });
  // rolling: an idle timeout (ttlMinutes). On top of it an absolute lifetime from sign-in: the role
  // is taken at sign-in, so however active a session is, it ends lifetimeMinutes after it and the
  // user signs in again. An expired session is destroyed and replaced by an empty one (no user: 401).
  const loaded = (req: Request, next: NextFunction) => (err?: unknown) => {
    const s = req.session;
    if (err || !s?.user || (s.signedInAt !== undefined && Date.now() - s.signedInAt < lifetimeMs)) return next(err);
    s.regenerate((e: unknown) => next(e));
  };
  // A GET without the session cookie has no session to load, and only the paths that start or end
  // one (GET /api/session for the CSRF token, sign-in, OIDC, sign-out) write one; anywhere else
  // express-session would make a new, empty session (a random id, hooks on the response) only to
  // drop it unsaved. Skipping it there changes nothing a request can see: req.session is then
  // undefined, the user comes from demo mode or the CLI token, and CSRF never checks GET.
  const cookiePrefix = `${cookieName}=`;
  const middleware: RequestHandler = (req, res, next) => {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (safe && !req.headers.cookie?.includes(cookiePrefix) && !SESSION_PATHS.test(req.originalUrl)) return next();
    full(req, res, loaded(req, next));
  };
  return { middleware, stop: () => store.stop(), cookieName };
}
