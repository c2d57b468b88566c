/**
 * Authentication: demo (everyone is the demo admin, loopback only), a local users file, an OIDC
 * provider, and a bearer token for the `usk` CLI on the same machine (see lockfile.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Request, RequestHandler } from 'express';
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

  /**
   * True for a request carrying the CLI's bearer token (not sent by browsers, so no CSRF risk) over
   * a connection from this machine: see fromThisMachine. From anywhere else the token is ignored.
   */
  isCliRequest(req: Request): boolean {
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith('Bearer ') || !fromThisMachine(req)) return false;
    const given = Buffer.from(authorization.slice(7));
    return given.length === this.cliToken.length && timingSafeEqual(given, this.cliToken);
  }

  /** Sets req.user from the demo mode, the CLI token or the session. */
  attach(): RequestHandler {
    return (req, _res, next) => {
      if (this.demo) req.user = DEMO_USER;
      else if (this.isCliRequest(req)) req.user = CLI_USER;
      else if (req.session?.user) req.user = req.session.user;
      next();
    };
  }
}

/** Headers a reverse proxy adds: the hospital's TLS proxy must set X-Forwarded-Proto (trustProxy). */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip'];

/**
 * A connection from this machine, not relayed: the socket's peer is a loopback address (never the
 * X-Forwarded-For that req.ip may come from), and no proxy header says the request came through a
 * proxy on this machine (which would make every browser's request loopback). The CLI and the cache
 * warm-up connect directly to the address in the running-server marker.
 */
export function fromThisMachine(req: Request): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && FORWARDING_HEADERS.every((h) => req.headers[h] === undefined);
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x (::ffff:127.0.0.1, ::ffff:7f00:1) in any spelling. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (isIPv4(address)) return address.startsWith('127.');
  if (!isIPv6(address) || address.includes('%')) return false;
  // The URL parser writes an IPv6 address in its one canonical form (lower case, zeros compressed, mapped IPv4 in hex).
  const canonical = new URL(`http://[${address}]/`).hostname;
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}
