// A real OpenID Connect provider for tests (oidc-provider with its own login and consent pages,
// which accept any password; the account is the login name), on http://localhost: another site
// than the server's 127.0.0.1, as a hospital's provider is. Used by server/auth/oidc-flow.test.ts
// and the production-mode browser tests (scripts/e2e/production.mjs).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/** The scopes the server asks for, the groups claim among them. */
export const IDP_SCOPE = 'openid profile groups';

/** Starts the provider on `port` for one client; `accounts`: login → { name, groups }. */
export async function startIdp({ port, clientId, clientSecret, redirectUri, accounts }) {
  const issuer = `http://localhost:${port}`;
  // Its warnings that a development setup is a development setup (in-memory store, its own keys,
  // its own login pages) are what a test wants: not printed into every test run.
  const warn = console.warn;
  console.warn = (...args) => {
    if (!String(args[0]).startsWith('oidc-provider WARNING')) warn(...args);
  };
  let provider;
  try {
    provider = new Provider(issuer, {
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
      features: { devInteractions: { enabled: true } },
      findAccount: (_ctx, id) => {
        const a = accounts[id];
        return a ? { accountId: id, claims: () => ({ sub: id, name: a.name, groups: a.groups }) } : undefined;
      },
      claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
      scopes: ['openid', 'profile', 'groups'],
      conformIdTokenClaims: false, // the groups in the ID token, where the server reads them
      cookies: { keys: [`${clientSecret}-cookies`] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    });
  } finally {
    console.warn = warn;
  }
  const server = createServer(provider.callback());
  await new Promise((resolve) => server.listen(port, resolve));
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Goes through the provider's login and consent pages as `login`, from a page showing its login form. */
export async function signInAtIdp(page, login) {
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'hva-som-helst');
  await page.click('button[type="submit"]');
  await page.waitForLoadState();
  // The consent page, the first time a user meets this client.
  if (page.url().includes('/interaction/')) await page.click('button[type="submit"]');
}
