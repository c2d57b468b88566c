/**
 * Sessions in production mode over a real server: a flood of anonymous sessions signs nobody out
 * (the store's bound), the absolute lifetime from sign-in, and the CLI token only over loopback.
 */
import { networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { hash } from '@node-rs/argon2';
import type { SessionData } from 'express-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { TtlStore } from './security/session.ts';
import type { ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer, writeUsersFile } from './test-support.ts';

const proxy = { 'x-forwarded-proto': 'https' }; // as behind the hospital's TLS-terminating proxy
const password = (username: string) => `${username}-passord-123`;
let dir: string;
let dbPath: string;
let usersFile: string;

beforeAll(async () => {
  ({ dir, dbPath } = await fixtureDatabase());
  const users = await Promise.all((['leser', 'analytiker'] as const).map(async (role) => ({ username: role, role, passwordHash: await hash(password(role)) })));
  usersFile = writeUsersFile(dir, users);
}, 60_000);

const config = (extra: Record<string, unknown> = {}) =>
  parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: 'loopback', ...extra }, dir);

async function signIn(server: ServerHandle, username: string, c = new Client(server.url, proxy)) {
  if (!c.csrf) await c.session();
  const res = await c.send('POST', '/api/auth/login', { username, password: password(username) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  c.csrf = (res.body as { csrfToken: string }).csrfToken;
  return c;
}

describe('the session store', () => {
  const user = { id: 'local:x', name: 'x', role: 'leser' as const };
  const data = (signedIn: boolean) => ({ cookie: {}, ...(signedIn ? { user, signedInAt: Date.now() } : {}) }) as unknown as SessionData;

  it('keeps anonymous sessions to half of it; a signed-in one pushes out anonymous ones first, then the least recently used signed-in one', () => {
    const store = new TtlStore(60_000, 4);
    const has = (sid: string) => {
      let found = false;
      store.get(sid, (_e, s) => (found = Boolean(s)));
      return found;
    };
    try {
      store.set('s1', data(true));
      for (const sid of ['a1', 'a2', 'a3']) store.set(sid, data(false));
      expect([has('a1'), has('a2'), has('a3')]).toEqual([false, true, true]); // two anonymous at most
      store.set('s2', data(true));
      store.set('s3', data(true)); // full: the oldest anonymous goes
      expect([has('a2'), has('a3')]).toEqual([false, true]);
      store.touch('s1', data(true)); // s1 is now the most recently used signed-in session
      store.set('s4', data(true)); // full: the last anonymous goes
      expect(store.size).toEqual({ anonymous: 0, signedIn: 4 });
      store.set('a4', data(false)); // full of signed-in sessions: an anonymous one is not kept
      expect(has('a4')).toBe(false);
      expect(store.size).toEqual({ anonymous: 0, signedIn: 4 });
      store.set('s5', data(true)); // only signed-in ones left: the least recently used (s2) goes
      expect(['s1', 's2', 's3', 's4', 's5'].map(has)).toEqual([true, false, true, true, true]);
      // What it hands out is a copy: express-session rebuilds it in place (Cookie objects), and the
      // stored entry must still be cloneable when it is next saved.
      store.get('s1', (_e, s) => Object.assign(s!, { user: undefined }));
      store.get('s1', (_e, s) => expect(s?.user).toEqual(user));
    } finally {
      store.stop();
    }
  });
});

describe('a flood of anonymous sessions (a small store)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    // 0.0.0.0: reachable over another address of this machine too (the CLI token test below).
    ({ server } = await startTestServer({ db: dbPath, config: config(), maxSessions: 8, warmCache: false, host: '0.0.0.0' }));
  }, 60_000);
  afterAll(async () => server?.close());

  it('pushes out only anonymous sessions: everyone signed in stays signed in', async () => {
    const signedIn = [await signIn(server, 'leser'), await signIn(server, 'analytiker')];
    const anonymous: Client[] = [];
    for (let i = 0; i < 40; i++) {
      const c = new Client(server.url, proxy);
      await c.session();
      anonymous.push(c);
    }
    for (const c of signedIn) expect((await c.json('/api/meta')).status).toBe(200);
    // The oldest anonymous session is gone (with its CSRF token); the newest still signs in.
    const oldest = await anonymous[0]!.send('POST', '/api/auth/login', { username: 'leser', password: password('leser') });
    expect(oldest.status).toBe(403);
    await signIn(server, 'leser', anonymous.at(-1));
    for (const c of signedIn) expect((await c.json('/api/meta')).status).toBe(200);
  });

  const otherAddress = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;

  it('takes the CLI token over loopback, not through a proxy on this machine', async () => {
    const get = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/audit?limit=1`, { headers: { authorization: `Bearer ${server.cliToken}`, ...headers } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect((await get()).status).toBe(200);
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '10.0.0.7' }, { 'x-forwarded-proto': 'https' }, { forwarded: 'for=10.0.0.7' }];
    for (const h of proxied) {
      expect((await get(h)).status, JSON.stringify(h)).toBe(401);
    }
  });

  it.runIf(otherAddress)('ignores the CLI token from a non-loopback address of this machine', async () => {
    const res = await fetch(`http://${otherAddress}:${server.port}/api/audit?limit=1`, { headers: { authorization: `Bearer ${server.cliToken}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    // A POST with it is not let past CSRF either.
    const post = await fetch(`http://${otherAddress}:${server.port}/api/annotations`, {
      method: 'POST', headers: { authorization: `Bearer ${server.cliToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ dato: '2022-02-02', text: 'x' }),
    });
    expect(post.status).toBe(403);
  });
});

describe('absolute session lifetime', () => {
  const lifetimeMs = 3000;
  let server: ServerHandle;
  beforeAll(async () => {
    ({ server } = await startTestServer({ db: dbPath, config: config({ sessionLifetimeMinutes: lifetimeMs / 60_000 }), warmCache: false }));
  }, 60_000);
  afterAll(async () => server?.close());

  it('defaults to 12 hours', () => {
    expect(config().sessionLifetimeMinutes).toBe(12 * 60);
  });

  it('ends a session its lifetime after sign-in however active it is; the user signs in again', async () => {
    const c = new Client(server.url, proxy);
    await c.session();
    const t0 = Date.now();
    await signIn(server, 'leser', c);
    const t1 = Date.now();
    // Active all along (the idle timeout never comes near); the server's clock reads somewhere within each request.
    const seen: { sent: number; answered: number; status: number }[] = [];
    while (Date.now() < t1 + lifetimeMs + 500) {
      const sent = Date.now();
      const { status } = await c.json('/api/meta');
      seen.push({ sent, answered: Date.now(), status });
      await sleep(150);
    }
    for (const s of seen) {
      if (s.answered < t0 + lifetimeMs) expect(s.status).toBe(200);
      if (s.sent > t1 + lifetimeMs) expect(s.status).toBe(401);
    }
    expect(seen.some((s) => s.answered < t0 + lifetimeMs)).toBe(true);
    const after = await c.json<{ title: string }>('/api/meta');
    expect(after.status).toBe(401);
    expect(after.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(after.body.title).toBe('Ikke innlogget');
    expect((await c.session()).user).toBeNull();
    await signIn(server, 'leser', c);
    expect((await c.json('/api/meta')).status).toBe(200);
  });
});
