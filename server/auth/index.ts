/**
 * Authentication: demo (everyone is the demo admin, loopback only), a local users file, an OIDC
 * provider, and a bearer token for the `usk` CLI on the same machine (see lockfile.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ServerConfig } from '../config.ts';
import { LocalUsers } from './local.ts';
import { Oidc } from './oidc.ts';
import { OidcPending } from './oidc-pending.ts';
import type { User } from './roles.ts';

export const DEMO_USER: User = { id: 'demo', name: 'Demo', role: 'admin' };
export const CLI_USER: User = { id: 'cli:lokal', name: 'usk-kommandolinje', role: 'admin' };

export class Auth {
  private constructor(
    readonly demo: boolean,
    readonly local: LocalUsers | undefined,
    readonly oidc: Oidc | undefined,
    /** OIDC sign-ins between the redirect to the provider and its callback. */
    readonly oidcPending: OidcPending,
    private readonly cliToken: Buffer,
  ) {}

  static async create(mode: 'demo' | 'production', config: ServerConfig, cliToken: string): Promise<Auth> {
    const local = mode === 'production' && config.auth?.usersFile ? await LocalUsers.load(config.auth.usersFile) : undefined;
    const oidc = mode === 'production' && config.auth?.oidc ? new Oidc(config.auth.oidc) : undefined;
    return new Auth(mode === 'demo', local, oidc, new OidcPending(config.cookieSecure), Buffer.from(cliToken));
  }

  /** True for a request carrying the CLI's bearer token (not sent by browsers, so no CSRF risk). */
  isCliRequest(authorization: string | undefined): boolean {
    if (!authorization?.startsWith('Bearer ')) return false;
    const given = Buffer.from(authorization.slice(7));
    return given.length === this.cliToken.length && timingSafeEqual(given, this.cliToken);
  }

  /** Sets req.user from the demo mode, the CLI token or the session. */
  attach(): RequestHandler {
    return (req, _res, next) => {
      if (this.demo) req.user = DEMO_USER;
      else if (this.isCliRequest(req.headers.authorization)) req.user = CLI_USER;
      else if (req.session?.user) req.user = req.session.user;
      next();
    };
  }
}
