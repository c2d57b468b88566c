/**
 * OIDC sign-in end to end: a real OpenID provider (oidc-provider, on http://localhost) and our
 * server in production mode (on http://127.0.0.1, another site for the browser's SameSite rules,
 * as a hospital's IdP is), driven by Chromium through the provider's own login and consent pages.
 * The browser sends X-Forwarded-Proto: https as the hospital's TLS proxy would, so the server
 * sets its __Host-, Secure session cookie.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDP_SCOPE, signInAtIdp, startIdp } from '../../scripts/e2e/idp.mjs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { startServer, type ServerHandle } from '../server.ts';
import { fixtureDatabase, LogSink } from '../test-support.ts';

const CHROMIUM = process.env.USK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CLIENT_SECRET = 'oidc-test-hemmelighet-oidc-test-hemmelighet';
/** The provider's users: their display names and groups. */
const ACCOUNTS: Record<string, { name: string; groups: string[] }> = {
  kari: { name: 'Kari Analytiker', groups: ['alle-ansatte', 'usk-analyse'] },
  per: { name: 'Per Utenfor', groups: ['alle-ansatte'] },
  ada: { name: 'Ada Admin', groups: ['usk-lesere', 'usk-admin'] },
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let idp: { issuer: string; close: () => Promise<void> };
let server: ServerHandle;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium mangler (${CHROMIUM}): installer den (apt-get install chromium; CI gjør det i test:e2e) eller sett USK_CHROMIUM til en annen sti.`);
  }
  const [idpPort, port] = await Promise.all([freePort(), freePort()]);
  const base = `http://127.0.0.1:${port}`;
  idp = await startIdp({ port: idpPort, clientId: 'usk-analyse', clientSecret: CLIENT_SECRET, redirectUri: `${base}/api/auth/oidc/callback`, accounts: ACCOUNTS });
  const issuer = idp.issuer;

  const fx = await fixtureDatabase();
  const config = parseConfig({
    auth: {
      oidc: {
        issuer, clientId: 'usk-analyse', clientSecret: CLIENT_SECRET, redirectUri: `${base}/api/auth/oidc/callback`,
        scope: IDP_SCOPE, roleGroups: { leser: ['usk-lesere'], analytiker: ['usk-analyse'], admin: ['usk-admin'] },
      },
    },
    sessionSecret: 'x'.repeat(40), trustProxy: 'loopback',
  }, fx.dir);
  server = await startServer({ db: fx.dbPath, port, host: '127.0.0.1', config, logLevel: 'warn', logDestination: new LogSink(), warmCache: false });

  const { chromium } = await import('playwright-core');
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'usk-oidc-chromium-')), {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, extraHTTPHeaders: { 'x-forwarded-proto': 'https' },
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  await idp?.close();
});

/** Starts sign-in in a fresh page and goes through the provider's login and consent pages as `login`. */
async function signInAtProvider(login: string): Promise<{ page: Page; callback: { status: number; location: string } | undefined }> {
  await context.clearCookies();
  const page = await context.newPage();
  let callback: { status: number; location: string } | undefined;
  page.on('response', (r) => {
    if (r.url().includes('/api/auth/oidc/callback')) callback = { status: r.status(), location: r.headers().location ?? '' };
  });
  await page.goto(`${server.url}/api/auth/oidc/login`);
  await signInAtIdp(page, login);
  await page.waitForURL((u) => u.origin === new URL(server.url).origin, { timeout: 20_000 });
  await page.waitForLoadState();
  return { page, callback };
}

async function sessionIn(page: Page): Promise<{ user: { id: string; name: string; role: string } | null }> {
  const res = await page.goto(`${server.url}/api/session`);
  return (await res!.json()) as { user: { id: string; name: string; role: string } | null };
}

describe('OIDC sign-in against a real provider, in a real browser', () => {
  it('signs a user in with the role of their group; the session cookie stays SameSite=Strict', async () => {
    const { page, callback } = await signInAtProvider('kari');
    expect(callback, 'the callback redirects to the dashboard').toEqual({ status: 302, location: '/' });
    expect((await sessionIn(page)).user).toEqual({ id: 'oidc:kari', name: 'Kari Analytiker', role: 'analytiker' });
    // The data the role may see, with the session cookie alone.
    const meta = await page.goto(`${server.url}/api/meta`);
    expect(meta!.status()).toBe(200);
    const cookies = await context.cookies(server.url);
    expect(cookies.find((c) => c.name === '__Host-usk.sid')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === '__Host-usk.oidc'), 'the sign-in cookie is gone after the callback').toBeUndefined();
    await page.close();
  });

  it('refuses a user in no group that has access, and leaves them signed out', async () => {
    const { page, callback } = await signInAtProvider('per');
    // Back to the dashboard with a code it has its own text for (client/views/sign-in.ts).
    expect(callback).toEqual({ status: 302, location: '/?innlogging=ingen-tilgang' });
    expect((await sessionIn(page)).user).toBeNull();
    await page.close();
  });

  it('refuses a callback when no sign-in is in flight in this browser', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/api/auth/oidc/callback?code=x&state=y`);
    expect(res!.request().redirectedFrom()?.url()).toContain('/api/auth/oidc/callback');
    expect(new URL(page.url()).search).toBe('?innlogging=utlopt');
    await page.close();
  });

  it('refuses a callback that did not come from this browser’s sign-in (state does not match)', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${server.url}/api/auth/oidc/login`); // a sign-in in flight, at the provider's login page
    await page.goto(`${server.url}/api/auth/oidc/callback?code=stjalet-kode&state=feil-state&iss=${encodeURIComponent(new URL(page.url()).origin)}`);
    expect(new URL(page.url()).search).toBe('?innlogging=avvist');
    expect((await sessionIn(page)).user).toBeNull();
    await page.close();
  });

  it('an admin (by group) reads the sign-ins and the refusals in the audit log, naming a user the provider knew', async () => {
    const { page } = await signInAtProvider('ada');
    expect((await sessionIn(page)).user).toEqual({ id: 'oidc:ada', name: 'Ada Admin', role: 'admin' });
    await expect.poll(async () => {
      const res = await page.goto(`${server.url}/api/audit`);
      return ((await res!.json()) as { entries: { action: string; user_id: string; outcome: string }[] }).entries
        .map((e) => `${e.action} ${e.user_id} ${e.outcome}`);
    }, { timeout: 10_000 }).toEqual(expect.arrayContaining(['sign-in oidc:kari ok', 'sign-in oidc:per refused', 'sign-in oidc:ukjent refused', 'sign-in oidc:ada ok']));
    await page.close();
  });
});
