/**
 * OIDC sign-ins in flight. What the callback needs (PKCE verifier, state, nonce) is kept here,
 * under a random id that travels in its own short-lived cookie. Not in the session: its cookie is
 * SameSite=Strict, and a browser does not send that on the provider's redirect back, which comes
 * from another site; this cookie is SameSite=Lax, which a top-level GET from another site carries.
 * The id only finds the entry; the state in it is what openid-client checks against the callback.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  /** Where the dashboard was when sign-in began: a path on this site (see returnPath). */
  returnTo: string;
}

/**
 * The dashboard address to go back to after sign-in: a path on this site ("/…", not "//host" or
 * "/\\host", which browsers take for another site), or "/" for anything else.
 */
export function returnPath(asked: string | undefined): string {
  return asked && /^\/(?![/\\])[^\s\\]*$/.test(asked) && asked.length <= 500 ? asked : '/';
}

const TTL_MS = 10 * 60_000;
/** Bounded, so that a flood of GET /api/auth/oidc/login cannot exhaust memory; the oldest go first. */
const MAX_PENDING = 10_000;

export class OidcPending {
  private readonly entries = new Map<string, PendingSignIn & { expires: number }>();
  readonly cookieName: string;
  private readonly cookie: { httpOnly: true; secure: boolean; sameSite: 'lax'; path: '/' };

  constructor(secure: boolean) {
    // __Host-: Secure, path / and no Domain, so no other host can set or read it.
    this.cookieName = secure ? '__Host-usk.oidc' : 'usk.oidc';
    this.cookie = { httpOnly: true, secure, sameSite: 'lax', path: '/' };
  }

  /** Keeps the sign-in and sets its cookie on the response that redirects to the provider. */
  put(res: Response, pending: PendingSignIn): void {
    const now = Date.now();
    for (const [id, e] of this.entries) if (e.expires < now) this.entries.delete(id);
    if (this.entries.size >= MAX_PENDING) this.entries.delete(this.entries.keys().next().value!);
    const id = randomBytes(32).toString('base64url');
    this.entries.set(id, { ...pending, expires: now + TTL_MS });
    res.cookie(this.cookieName, id, { ...this.cookie, maxAge: TTL_MS });
  }

  /** The sign-in this browser started, once: the entry and the cookie are gone afterwards. */
  take(req: Request, res: Response): PendingSignIn | undefined {
    const prefix = `${this.cookieName}=`;
    const id = req.headers.cookie?.split(/;\s*/).find((c) => c.startsWith(prefix))?.slice(prefix.length);
    res.clearCookie(this.cookieName, this.cookie);
    if (!id) return undefined;
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (!entry || entry.expires < Date.now()) return undefined;
    return { verifier: entry.verifier, state: entry.state, nonce: entry.nonce, returnTo: entry.returnTo };
  }
}
