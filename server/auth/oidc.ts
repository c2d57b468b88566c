/**
 * Sign-in through the hospital's OpenID Connect provider: authorization code flow with PKCE,
 * state and nonce. Roles come from the provider's group claim, mapped by the configuration.
 * oidc-flow.test.ts runs the whole round trip against a real provider in a real browser.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';
import { ROLES, type Role, type User } from './roles.ts';

export interface OidcStart {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

/**
 * Why a sign-in through the provider failed. The callback sends the browser back to the dashboard
 * with the code (`/?innlogging=<code>`), which shows its own fixed text for it: no text from a URL
 * is ever shown to the user.
 */
export type OidcFailure = 'utilgjengelig' | 'avvist' | 'ingen-tilgang' | 'utlopt';

export class OidcLoginError extends Error {
  override readonly name = 'OidcLoginError';
  constructor(
    readonly code: OidcFailure,
    message: string,
    options?: ErrorOptions & { /** The provider's subject, when it had vouched for the user (for the audit log). */ subject?: string },
  ) {
    super(message, options);
    this.subject = options?.subject;
  }
  readonly subject: string | undefined;
}

export class Oidc {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(private readonly cfg: OidcConfig) {}

  /** Discovery runs on first use and is retried after a failure (the provider may be down at boot). */
  private configuration(): Promise<client.Configuration> {
    const issuer = new URL(this.cfg.issuer);
    // Plain HTTP only to a provider on this machine (config.ts refuses it anywhere else).
    const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
    this.discovered ??= client.discovery(issuer, this.cfg.clientId, this.cfg.clientSecret, undefined, options).catch((e: unknown) => {
      this.discovered = undefined;
      throw new OidcLoginError('utilgjengelig', 'Kan ikke nå innloggingstjenesten (OIDC discovery feilet)', { cause: e });
    });
    return this.discovered;
  }

  async start(): Promise<OidcStart> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.cfg.redirectUri,
      scope: this.cfg.scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, verifier, state, nonce };
  }

  /**
   * `query`: the callback's query string. The URL checked is the configured redirect URI with it,
   * not one rebuilt from the request, which behind a TLS proxy may say http or another host; the
   * provider compares the redirect_uri of the token request with the authorization request's.
   */
  async finish(query: string, pending: { verifier: string; state: string; nonce: string }): Promise<User> {
    const config = await this.configuration();
    const callbackUrl = new URL(this.cfg.redirectUri);
    callbackUrl.search = query;
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (e) {
      throw new OidcLoginError('avvist', 'Innloggingen ble avvist av innloggingstjenesten', { cause: e });
    }
    if (!claims || typeof claims.sub !== 'string') throw new OidcLoginError('avvist', 'ID-tokenet mangler sub');
    const role = roleFromGroups(claims[this.cfg.groupsClaim], this.cfg.roleGroups);
    if (!role) throw new OidcLoginError('ingen-tilgang', 'Brukeren er ikke i noen gruppe med tilgang til USK-analyse', { subject: claims.sub });
    const name = typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub;
    return { id: `oidc:${claims.sub}`, name, role };
  }
}

/** The highest role any of the user's groups grants; null when none does. */
export function roleFromGroups(groups: unknown, map: Record<Role, string[]>): Role | null {
  const list = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : typeof groups === 'string' ? [groups] : [];
  let best: Role | null = null;
  for (const role of ROLES) if (map[role].some((g) => list.includes(g))) best = role;
  return best;
}
