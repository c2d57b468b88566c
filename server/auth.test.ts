/** Production mode: refusal without auth, local sign-in, roles, CSRF, rate limit, audit, CLI token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import { parseConfig, type ServerConfig } from './config.ts';
import { startServer, type ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer, tempDir, writeUsersFile, type LogSink } from './test-support.ts';
import { join } from 'node:path';

let server: ServerHandle;
let logs: LogSink;
let dbPath: string;
let usersFile: string;
let config: ServerConfig;
const proxy = { 'x-forwarded-proto': 'https' }; // as behind the hospital's TLS-terminating proxy

async function signedIn(username: string, password = `${username}-passord-123`): Promise<Client> {
  const c = new Client(server.url, proxy);
  await c.session();
  const res = await c.send('POST', '/api/auth/login', { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  c.csrf = (res.body as { csrfToken: string }).csrfToken;
  return c;
}

beforeAll(async () => {
  const fx = await fixtureDatabase();
  dbPath = fx.dbPath;
  const users = await Promise.all(
    (['leser', 'analytiker', 'admin'] as const).map(async (role) => ({ username: role, role, passwordHash: await hash(`${role}-passord-123`) })),
  );
  usersFile = writeUsersFile(fx.dir, users);
  config = parseConfig(
    { auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: 'loopback', loginAttemptsPer15Min: 8 },
    fx.dir,
  );
  ({ server, logs } = await startTestServer({ db: dbPath, config }));
}, 60_000);
afterAll(async () => server?.close());

describe('starting', () => {
  it('refuses production mode without an auth configuration', async () => {
    await expect(startServer({ db: dbPath, port: 0 })).rejects.toThrow(/krever en innloggingskonfigurasjon/);
    expect(() => parseConfig({ sessionSecret: 'x'.repeat(40) }, '.')).toThrow(/krever "auth"/);
    expect(() => parseConfig({ auth: {}, sessionSecret: 'x'.repeat(40) }, '.')).toThrow(/oidc eller usersFile/);
    expect(() => parseConfig({ auth: { usersFile: 'u.json' }, sessionSecret: 'kort' }, '.')).toThrow(/minst 32 tegn/);
  });

  it('warns when the Secure cookie can never be sent: cookieSecure on (the default) and trustProxy off (the default)', async () => {
    const warning = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.level === 40 && /trustProxy/.test(l.msg));
    const defaults = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40) }, '.');
    const started = await startTestServer({ db: join(tempDir('usk-proxy-'), 'usk.duckdb'), config: defaults, warmCache: false });
    await started.server.close();
    expect(warning(started.logs.lines)?.msg).toMatch(/Sett "trustProxy" i konfigurasjonen til proxyens adresse/);
    // Not with the proxy trusted (this file's server).
    expect(warning(logs.lines)).toBeUndefined();
  });

  it('refuses demo mode on anything but loopback', async () => {
    await expect(startServer({ db: dbPath, port: 0, host: '0.0.0.0', demo: true })).rejects.toThrow(/bare på denne maskinen/);
  });
});

describe('sign-in and sessions', () => {
  it('requires sign-in for data', async () => {
    const c = new Client(server.url, proxy);
    const { status, res } = await c.json('/api/meta');
    expect(status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict', async () => {
    const c = await signedIn('leser');
    const cookie = c.setCookies.find((s) => s.startsWith('__Host-usk.sid='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('rejects sign-in without a CSRF token, and with a wrong password', async () => {
    const c = new Client(server.url, proxy);
    await c.session();
    expect((await c.json('/api/auth/login', { method: 'POST', json: { username: 'admin', password: 'admin-passord-123' } })).status).toBe(403);
    const wrong = await c.send('POST', '/api/auth/login', { username: 'admin', password: 'gjett' });
    expect(wrong.status).toBe(401);
    expect((wrong.body as { detail: string }).detail).toBe('Feil brukernavn eller passord.');
  });

  it('signs out', async () => {
    const c = await signedIn('leser');
    expect((await c.send('POST', '/api/auth/logout')).status).toBe(200);
    expect((await c.json('/api/meta')).status).toBe(401);
  });
});

describe('roles', () => {
  it('a leser gets aggregates but 403 on per-stay detail, exports, uploads and edits', async () => {
    const c = await signedIn('leser');
    expect((await c.json('/api/reconciliation')).status).toBe(200);
    expect((await c.json('/api/series')).status).toBe(200);
    for (const url of ['/api/stays', '/api/stays/A1/days', '/api/exports/reconciliation?format=csv', '/api/quality/rejects', '/api/audit']) {
      const r = await c.json(url);
      expect(r.status, url).toBe(403);
      expect(r.res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await c.send('POST', '/api/annotations', { dato: '2022-01-01', text: 'x' })).status).toBe(403);
  });

  it('an analytiker gets per-stay detail and exports, but no uploads or edits', async () => {
    const c = await signedIn('analytiker');
    expect((await c.json('/api/stays')).status).toBe(200);
    expect((await c.json('/api/exports/reconciliation?format=json')).status).toBe(200);
    expect((await c.json('/api/uploads')).status).toBe(403);
    expect((await c.send('POST', '/api/rulesets', { id: 'x', name: 'x', params: { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true } })).status).toBe(403);
  });

  it('an admin reads the audit log with sign-ins (also refused ones) and per-stay views', async () => {
    const a = await signedIn('analytiker');
    await a.json('/api/stays?kommune=5501');
    const c = await signedIn('admin');
    const { status, body } = await c.json<{ entries: { action: string; user_id: string; outcome: string; filters: string | null }[] }>('/api/audit');
    expect(status).toBe(200);
    expect(body.entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'sign-in', user_id: 'local:admin', outcome: 'ok' }),
      expect.objectContaining({ action: 'sign-in', user_id: 'local:admin', outcome: 'refused' }),
      expect.objectContaining({ action: 'stay-view', user_id: 'local:analytiker' }),
    ]));
  });

  it('the local CLI token grants admin without CSRF (browsers never send it)', async () => {
    const res = await fetch(`${server.url}/api/annotations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.cliToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dato: '2022-02-02', text: 'fra CLI' }),
    });
    expect(res.status).toBe(201);
    const bad = await fetch(`${server.url}/api/annotations`, { headers: { authorization: 'Bearer feil' } });
    expect(bad.status).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 problem+json after too many attempts from one address', async () => {
    const c = new Client(server.url, proxy);
    await c.session();
    let last = 0;
    for (let i = 0; i < 10; i++) last = (await c.send('POST', '/api/auth/login', { username: 'admin', password: `feil-${i}` })).status;
    expect(last).toBe(429);
  });
});
