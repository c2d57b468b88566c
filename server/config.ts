/**
 * Production configuration (a JSON file, validated here). Demo mode needs none. Secrets live in
 * this file or in environment variables named by it, never in the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ROLES } from './auth/roles.ts';

const RoleGroups = z.strictObject({
  leser: z.array(z.string()).default([]),
  analytiker: z.array(z.string()).default([]),
  admin: z.array(z.string()).default([]),
});

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** HTTPS, or plain HTTP to a provider on this machine (a test, or a local proxy in front of it). */
const secureUrl = (what: string) =>
  z.url().refine((u) => u.startsWith('https://') || (u.startsWith('http://') && LOOPBACK_HOSTS.has(new URL(u).hostname)), {
    message: `${what} må bruke https (http bare til denne maskinen)`,
  });

export const OidcConfig = z.strictObject({
  issuer: secureUrl('issuer'),
  clientId: z.string().min(1),
  /** The secret itself, or the name of an environment variable holding it (env:NAME). */
  clientSecret: z.string().min(1),
  redirectUri: secureUrl('redirectUri'),
  scope: z.string().default('openid profile email'),
  groupsClaim: z.string().default('groups'),
  /** Provider groups → our roles. A user in no listed group cannot sign in. */
  roleGroups: RoleGroups,
});
export type OidcConfig = z.infer<typeof OidcConfig>;

export const AuthConfig = z
  .strictObject({
    oidc: OidcConfig.optional(),
    /** JSON file: [{ "username", "passwordHash" (argon2id), "role" }] — for small setups. */
    usersFile: z.string().optional(),
  })
  .refine((a) => a.oidc !== undefined || a.usersFile !== undefined, {
    message: 'auth trenger oidc eller usersFile',
  });

export const ServerConfig = z.strictObject({
  /** Required in production mode; demo mode has no login. */
  auth: AuthConfig.optional(),
  /** Signs the session cookie; ≥ 32 characters, or env:NAME. */
  sessionSecret: z.string().min(1),
  /** Idle timeout: a session unused this long ends. */
  sessionTtlMinutes: z.number().int().min(5).max(24 * 60).default(8 * 60),
  /**
   * Absolute lifetime from sign-in, however active the session: then the user signs in again (and
   * gets the role the provider or users file gives now). Minutes; fractions allowed (tests).
   */
  sessionLifetimeMinutes: z.number().positive().max(7 * 24 * 60).default(12 * 60),
  /** Off only behind a TLS-terminating proxy on loopback during testing; on in production. */
  cookieSecure: z.boolean().default(true),
  /**
   * Express "trust proxy": needed behind a reverse proxy so rate limits see the client address, and
   * so that a Secure session cookie is sent at all (the request must be seen as https via
   * X-Forwarded-Proto): the proxy's address, e.g. "loopback" or "10.0.0.5". The server warns at
   * start when cookieSecure is on and this is off.
   */
  trustProxy: z.union([z.boolean(), z.number().int(), z.string()]).default(false)
    // true trusts every X-Forwarded-For: any client could then give itself another address and get
    // past the per-address sign-in limit and the refusal throttle.
    .refine((v) => v !== true && !(typeof v === 'string' && /(^|[\s,])(0\.0\.0\.0\/0|::\/0)($|[\s,])/.test(v)), 'true (eller 0.0.0.0/0, ::/0) stoler på X-Forwarded-For fra hvem som helst (da kan en klient oppgi en annen adresse og komme forbi grensen for innloggingsforsøk): oppgi proxyens adresse, f.eks. "loopback" eller "10.0.0.5", eller antall proxyer foran serveren'),
  /** Small-number suppression in the app and for exports marked "til publisering". */
  minCount: z.number().int().min(0).default(0),
  publicationMinCount: z.number().int().min(0).default(5),
  uploadMaxBytes: z.number().int().positive().default(200 * 1024 * 1024),
  readConnections: z.number().int().min(1).max(16).default(3),
  /**
   * Answers not in the cache that one user may have computed at a time (http/fair-share.ts), and how
   * many more may wait in that user's line before a request is refused with 429. Below
   * readConnections, so with one busy user another always finds a connection after at most one of its queries.
   */
  computationsPerUser: z.number().int().min(1).max(16).default(2),
  queuedComputationsPerUser: z.number().int().min(0).max(1000).default(32),
  /**
   * A streamed download (the day export) whose reader takes nothing for this long is ended: it holds
   * a read connection and a share while it waits, and a client that stalls must not keep them.
   */
  exportStallSeconds: z.number().int().min(1).max(3600).default(60),
  /** Failed sign-ins per client address per 15 minutes (successful ones do not count). */
  loginAttemptsPer15Min: z.number().int().min(1).default(10),
  /**
   * Failed sign-ins per user name (normalised; whether it exists or not) per 15 minutes, from any
   * address: against guessing spread over many addresses. Set well above the per-address limit, so
   * that one address, which that limit stops first, cannot lock a colleague (or the admin) out.
   */
  loginFailuresPerUsernamePer15Min: z.number().int().min(1).default(50),
  /** Sign-ins started with the OpenID Connect provider per client address per 15 minutes (a hospital's NAT starts many). */
  oidcStartsPer15Min: z.number().int().min(1).default(300),
}).refine((c) => c.readConnections === 1 || c.computationsPerUser < c.readConnections, {
  path: ['computationsPerUser'],
  message: 'må være mindre enn readConnections, så én bruker aldri holder alle lesetilkoblingene',
});
export type ServerConfig = z.infer<typeof ServerConfig>;

/** Demo mode: no login (everyone is the demo admin), loopback only, plain-HTTP cookies. */
export function demoConfig(): ServerConfig {
  return ServerConfig.parse({
    sessionSecret: 'demo-mode-only-loopback',
    cookieSecure: false,
  });
}

/**
 * The warning for production with cookieSecure but no trustProxy: the server speaks plain HTTP
 * behind a TLS proxy, so without trusting the proxy's X-Forwarded-Proto no request counts as https
 * and express-session never sends the Secure cookie: sign-in is refused (403, the CSRF token's session is never found again).
 */
export function proxyWarning(config: ServerConfig): string | undefined {
  if (!config.cookieSecure || config.trustProxy !== false) return undefined;
  return 'cookieSecure er på, men trustProxy er av: bak TLS-proxyen ser serveren bare http og sender aldri øktcookien '
    + '(innloggingen avvises med «Ugyldig CSRF-token», 403: uten cookie finner ikke serveren igjen økten tokenet hører til). Sett "trustProxy" i konfigurasjonen til proxyens adresse '
    + '(f.eks. "loopback" når proxyen kjører på denne maskinen, ellers dens IP-adresse).';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads "env:NAME" indirections so secrets can stay out of the file. */
function resolveSecret(value: string, field: string): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const v = process.env[name];
  if (!v) throw new ConfigError(`${field}: miljøvariabelen ${name} er ikke satt`);
  return v;
}

/** `file`: where `raw` was read, named in the error (loadConfigFile); absent for a configuration given in code. */
export function parseConfig(raw: unknown, baseDir: string, file?: string): ServerConfig {
  const config = parseOrThrow(ServerConfig, raw, file);
  config.sessionSecret = resolveSecret(config.sessionSecret, 'sessionSecret');
  if (config.sessionSecret.length < 32) throw new ConfigError('sessionSecret må ha minst 32 tegn');
  if (!config.auth) throw new ConfigError('Produksjonsmodus krever "auth" (oidc og/eller usersFile) i konfigurasjonen');
  if (config.auth.oidc) config.auth.oidc.clientSecret = resolveSecret(config.auth.oidc.clientSecret, 'auth.oidc.clientSecret');
  if (config.auth.usersFile) config.auth.usersFile = resolve(baseDir, config.auth.usersFile);
  return config;
}

export function loadConfigFile(file: string): ServerConfig {
  return parseConfig(readConfigJson(file), dirname(resolve(file)), file);
}

/**
 * The small-number settings of a configuration file, and nothing else: `usk export --config` reads
 * them without the sign-in settings and secrets it has no use for (an env:NAME need not be set).
 */
export const SuppressionSettings = z.object({ minCount: ServerConfig.shape.minCount, publicationMinCount: ServerConfig.shape.publicationMinCount });
export type SuppressionSettings = z.infer<typeof SuppressionSettings>;

export function loadSuppressionSettings(file: string): SuppressionSettings {
  return parseOrThrow(SuppressionSettings, readConfigJson(file), file);
}

/** One message for every invalid configuration: where it came from, then one line per key in error. */
function parseOrThrow<T extends z.ZodType>(schema: T, raw: unknown, file: string | undefined): z.output<T> {
  const parsed = schema.safeParse(raw, { error: z.locales.no().localeError });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(rot)'}: ${i.message}`);
  throw new ConfigError(`Ugyldig konfigurasjon${file ? ` i ${file}` : ''}:\n${lines.join('\n')}`);
}

function readConfigJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Kan ikke lese konfigurasjonsfilen ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Konfigurasjonsfilen ${file} er ikke gyldig JSON`, { cause: e });
  }
}

export { ROLES };
