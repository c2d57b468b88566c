/** Production mode: refusal without auth, local sign-in, roles, CSRF, rate limits, audit (also of refusals), CLI token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import type { Request } from 'express';
import { fromThisMachine, isLoopbackAddress } from './auth/index.ts';
import { parseConfig, type ServerConfig } from './config.ts';
import { startServer, type ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer, tempDir, writeUsersFile, type LogSink } from './test-support.ts';
import { join } from 'node:path';
import { openDatabase } from '../pipelines/db/open.ts';

let server: ServerHandle;
let logs: LogSink;
let dbPath: string;
let usersFile: string;
let config: ServerConfig;
const proxy = { 'x-forwarded-proto': 'https' }; // as behind the hospital's TLS-terminating proxy

async function signedIn(username: string, password = `${username}-passord-123`, headers: Record<string, string> = {}): Promise<Client> {
  const c = new Client(server.url, { ...proxy, ...headers });
  await c.session();
  const res = await c.send('POST', '/api/auth/login', { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  c.csrf = (res.body as { csrfToken: string }).csrfToken;
  return c;
}

beforeAll(async () => {
  const fx = await fixtureDatabase();
  dbPath = fx.dbPath;
  const users: { username: string; role: string; passwordHash: string }[] = await Promise.all(
    (['leser', 'analytiker', 'admin'] as const).map(async (role) => ({ username: role, role, passwordHash: await hash(`${role}-passord-123`) })),
  );
  users.push({ username: 'kari', role: 'leser', passwordHash: await hash('kari-passord-123') });
  usersFile = writeUsersFile(fx.dir, users);
  config = parseConfig(
    { auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: 'loopback', loginAttemptsPer15Min: 8, loginFailuresPerUsernamePer15Min: 5 },
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

  it('refuses plain-HTTP cookies on a network address, and a proxy trust that lets any client name its own address', async () => {
    const plain = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), cookieSecure: false }, '.');
    await expect(startServer({ db: join(tempDir('usk-plain-'), 'usk.duckdb'), port: 0, host: '0.0.0.0', config: plain })).rejects.toThrow(
      'cookieSecure er av, men serveren lytter på 0.0.0.0: passord og øktcookie ville gått ukryptert over nettverket.',
    );
    for (const everyone of [true, '0.0.0.0/0', 'loopback, ::/0']) {
      expect(() => parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: everyone }, '.')).toThrow(/stoler på X-Forwarded-For fra hvem som helst/);
    }
    expect(parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: '10.0.0.0/8' }, '.').trustProxy).toBe('10.0.0.0/8');
    expect(parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: 1 }, '.').trustProxy).toBe(1);
  });
});

describe('sign-in and sessions', () => {
  it('requires sign-in for data', async () => {
    const c = new Client(server.url, proxy);
    const { status, res } = await c.json('/api/meta');
    expect(status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('gives the OpenAPI document (the whole map of the API) to anyone signed in, not to anonymous callers', async () => {
    const anonymous = await new Client(server.url, proxy).json('/api/openapi.json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(JSON.stringify(anonymous.body)).not.toContain('/api/stays');
    const leser = await (await signedIn('leser')).json<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect([leser.status, leser.body.openapi]).toEqual([200, '3.1.0']);
    expect(Object.keys(leser.body.paths)).toContain('/api/stays');
  });

  it('sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict, and ends with the browser (no Expires or Max-Age)', async () => {
    const c = await signedIn('leser');
    const cookie = c.setCookies.find((s) => s.startsWith('__Host-usk.sid='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Expires|Max-Age/i);
  });

  it('rejects sign-in without a CSRF token, and with a wrong password', async () => {
    const c = new Client(server.url, proxy);
    await c.session();
    expect((await c.json('/api/auth/login', { method: 'POST', json: { username: 'admin', password: 'admin-passord-123' } })).status).toBe(403);
    const wrong = await c.send('POST', '/api/auth/login', { username: 'admin', password: 'gjett' });
    expect(wrong.status).toBe(401);
    expect((wrong.body as { detail: string }).detail).toBe('Feil brukernavn eller passord.');
  });

  it('audits a refused sign-in under the configured user it names, and a name no user has under a fixed marker, never as typed', async () => {
    // What people type into the user-name field by mistake: a password, a fødselsnummer grouped as a date, with an
    // em dash, in full-width digits; and a real user's name written otherwise than in the users file.
    const typed = ['Hemmelig-Passord-2024!', '23-10-31 22473', '231031\u201422473', '\uff12\uff13\uff11\uff10\uff13\uff11\uff12\uff12\uff14\uff17\uff13', ' LESER '];
    const c = new Client(server.url, { ...proxy, 'x-forwarded-for': '10.0.9.1' });
    await c.session();
    for (const username of typed) expect((await c.send('POST', '/api/auth/login', { username, password: 'gjett' })).status, username).toBe(401);
    const admin = await signedIn('admin');
    const { body } = await admin.json<{ entries: { action: string; user_id: string; client_ip: string; outcome: string }[] }>('/api/audit?limit=1000');
    expect(body.entries.filter((e) => e.client_ip === '10.0.9.1').map((e) => [e.action, e.user_id, e.outcome])).toEqual([
      ...Array<string[]>(4).fill(['sign-in', 'local:(ukjent brukernavn)', 'refused']), ['sign-in', 'local:leser', 'refused'],
    ].reverse());
    const text = JSON.stringify(body).normalize('NFKC');
    expect(text).not.toContain('Hemmelig');
    // The digits in any grouping (not all digits of the log run together, which would match by chance).
    const fnr = /23\D{0,3}10\D{0,3}31\D{0,3}22\D{0,3}473/;
    expect(text).not.toMatch(fnr);
    expect(logs.lines.join('\n').normalize('NFKC')).not.toMatch(fnr);
    expect(logs.lines.join('\n')).not.toContain('Hemmelig');
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
    for (const url of ['/api/stays', '/api/stays/A1/days', '/api/exports/reconciliation?format=csv', '/api/exports/snapshot', '/api/quality/rejects', '/api/audit']) {
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
    expect((await c.json('/api/exports/snapshot')).status).toBe(200);
    expect((await c.json('/api/uploads')).status).toBe(403);
    expect((await c.send('POST', '/api/rulesets', { id: 'x', name: 'x', params: { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true } })).status).toBe(403);
  });

  it("names a note's author to an analytiker and an admin, never to a leser (nor from an answer cached for them), and keeps it in the audit log", async () => {
    const admin = await signedIn('admin');
    const created = await admin.send('POST', '/api/annotations', { dato: '2022-03-05', kommunenr: '5501', text: 'Ny avtale om varsling' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number; created_by: string }).id;
    expect(created.body).toMatchObject({ created_by: 'local:admin' });
    const url = '/api/annotations?kommune=5501&from=2022-03&to=2022-03';
    type Notes = { annotations: { id: number; text: string; created_by?: string }[] };
    const note = (body: Notes) => body.annotations.find((a) => a.id === id);
    // The admin's answer first, so the leser's would be a cache hit if the key did not tell them apart.
    const forAdmin = await admin.json<Notes>(url);
    expect(note(forAdmin.body)).toMatchObject({ text: 'Ny avtale om varsling', created_by: 'local:admin' });
    expect(note((await (await signedIn('analytiker')).json<Notes>(url)).body)?.created_by).toBe('local:admin');
    const leser = await signedIn('leser');
    const forLeser = await leser.json<Notes>(url);
    expect(forLeser.status).toBe(200);
    expect(note(forLeser.body)).toMatchObject({ text: 'Ny avtale om varsling' });
    expect(note(forLeser.body)).not.toHaveProperty('created_by');
    expect(forLeser.res.headers.get('etag')).not.toBe(forAdmin.res.headers.get('etag'));
    // A browser shared by the two (the admin signed out, the leser in) revalidates the admin's copy: it is not confirmed.
    const revalidated = await leser.fetch(url, { headers: { 'if-none-match': forAdmin.res.headers.get('etag')! } });
    expect(revalidated.status).toBe(200);
    expect(await revalidated.text()).not.toContain('local:admin');
    // The figures' notes are one answer for every role: without the author, for the admin too.
    for (const path of ['/api/reconciliation?kommune=5501', '/api/series?kommune=5501']) {
      const fig = await admin.json<Notes>(path);
      expect(note(fig.body), path).toBeDefined();
      expect(note(fig.body), path).not.toHaveProperty('created_by');
    }
    // Who wrote the note is still in the audit log, for an admin.
    const { body } = await admin.json<{ entries: { action: string; user_id: string; target: string }[] }>('/api/audit?action=annotation-create');
    expect(body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'annotation-create', user_id: 'local:admin', target: `annotation:${id}` })]));
  });

  it('an admin reads the audit log with sign-ins (also refused ones), per-stay views and this reading of it', async () => {
    const a = await signedIn('analytiker');
    await a.json('/api/stays?kommune=5501');
    const c = await signedIn('admin');
    const { status, body } = await c.json<{ entries: { action: string; user_id: string; outcome: string; filters: string | null }[] }>('/api/audit');
    expect(status).toBe(200);
    expect(body.entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'sign-in', user_id: 'local:admin', outcome: 'ok' }),
      expect.objectContaining({ action: 'sign-in', user_id: 'local:admin', outcome: 'refused' }),
      expect.objectContaining({ action: 'stay-view', user_id: 'local:analytiker' }),
      expect.objectContaining({ action: 'audit-read', user_id: 'local:admin', target: 'audit' }),
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

  it('audits refused requests for per-stay data and exports: who (or anonym), from where, which route', async () => {
    const anonymous = new Client(server.url, { ...proxy, 'x-forwarded-for': '10.0.6.1' });
    expect((await anonymous.json('/api/stays')).status).toBe(401);
    // The same anonymous refusal again within the minute: refused, but not another audit row.
    for (let i = 0; i < 3; i++) expect((await anonymous.json('/api/stays')).status).toBe(401);
    const leser = await signedIn('leser', undefined, { 'x-forwarded-for': '10.0.6.2' });
    const refused = ['/api/stays/A1/days', '/api/quality/findings', '/api/quality/rejects', '/api/quality/warnings', '/api/exports/stays?format=csv'];
    for (const url of refused) expect((await leser.json(url)).status, url).toBe(403);
    const admin = await signedIn('admin');
    const { body } = await admin.json<{ entries: { action: string; user_id: string; role: string | null; target: string; outcome: string; client_ip: string; filters: string }[] }>('/api/audit?limit=100');
    const mine = body.entries.filter((e) => e.outcome === 'refused' && e.client_ip.startsWith('10.0.6.'));
    const entry = (action: string, user_id: string, role: string | null, target: string, client_ip: string, status: number) =>
      expect.objectContaining({ action, user_id, role, target, client_ip, outcome: 'refused', filters: expect.stringContaining(`${status}`) });
    expect(mine).toEqual(expect.arrayContaining([
      entry('stay-view', 'anonym', null, 'GET /api/stays', '10.0.6.1', 401),
      entry('stay-view', 'local:leser', 'leser', 'GET /api/stays/:stayId/days', '10.0.6.2', 403),
      entry('stay-view', 'local:leser', 'leser', 'GET /api/quality/findings', '10.0.6.2', 403),
      entry('stay-view', 'local:leser', 'leser', 'GET /api/quality/rejects', '10.0.6.2', 403),
      entry('stay-view', 'local:leser', 'leser', 'GET /api/quality/warnings', '10.0.6.2', 403),
      entry('export', 'local:leser', 'leser', 'GET /api/exports/stays', '10.0.6.2', 403),
    ]));
    expect(mine).toHaveLength(6);
    // Aggregates refused are not per-stay data: no entry.
    expect((await anonymous.json('/api/meta')).status).toBe(401);
    const after = await admin.json<{ entries: { outcome: string; client_ip: string }[] }>('/api/audit?limit=100');
    expect(after.body.entries.filter((e) => e.outcome === 'refused' && e.client_ip.startsWith('10.0.6.'))).toHaveLength(6);
  });

  it('limits sign-ins started with the hospital\'s provider per address: past the limit, back to the sign-in page with a fixed text', async () => {
    const fx = await fixtureDatabase();
    const limited = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: 'loopback', oidcStartsPer15Min: 2 }, fx.dir);
    const own = await startTestServer({ db: fx.dbPath, config: limited, warmCache: false });
    try {
      const start = (ip: string) => fetch(`${own.server.url}/api/auth/oidc/login`, { redirect: 'manual', headers: { ...proxy, 'x-forwarded-for': ip } });
      // No provider is configured here (404), but each start still counts against its address.
      expect([(await start('10.0.8.1')).status, (await start('10.0.8.1')).status]).toEqual([404, 404]);
      const third = await start('10.0.8.1');
      expect([third.status, third.headers.get('location')]).toEqual([302, '/?innlogging=for-mange']);
      expect((await start('10.0.8.2')).status).toBe(404);
    } finally {
      await own.server.close();
    }
  });

  it('writes how many anonymous refusals were left out when the burst is followed by silence, at the latest at shutdown', async () => {
    const fx = await fixtureDatabase();
    const own = await startTestServer({ db: fx.dbPath, config, warmCache: false });
    const anonymous = new Client(own.server.url, { ...proxy, 'x-forwarded-for': '10.0.7.1' });
    for (let i = 0; i < 4; i++) expect((await anonymous.json('/api/stays')).status).toBe(401);
    await own.server.close();
    const db = await openDatabase(fx.dbPath);
    try {
      expect(await db.json(`SELECT filters FROM audit_log WHERE client_ip = '10.0.7.1' ORDER BY audit_id`)).toEqual([
        { filters: '{"status":401}' }, { filters: '{"status":401,"repeated":3}' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('CLI token from loopback only', () => {
  it.each(['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3', '::ffff:7f00:1'])('%s is loopback', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(['10.0.0.1', '192.168.1.20', '128.0.0.1', '126.255.255.255', '0.0.0.0', '::', '::2', 'fe80::1', 'fe80::1%eth0', '::ffff:10.0.0.1',
    '::ffff:128.0.0.1', '::127.0.0.1', '2001:db8::1', '127.0.0.1.nip.io', 'localhost', '', undefined])('%s is not', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });

  const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as Request;
  it('decides on the socket peer, never on X-Forwarded-For, and not through a proxy on this machine', () => {
    expect(fromThisMachine(request('127.0.0.1'))).toBe(true);
    expect(fromThisMachine(request('::ffff:127.0.0.1'))).toBe(true);
    expect(fromThisMachine(request('10.0.0.1', { 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
    expect(fromThisMachine(request('192.0.2.7'))).toBe(false);
    expect(fromThisMachine(request('127.0.0.1', { 'x-forwarded-for': '10.0.0.1' }))).toBe(false);
    expect(fromThisMachine(request('127.0.0.1', { 'x-forwarded-proto': 'https' }))).toBe(false);
  });

  it('ignores the token on a request relayed by a proxy on this machine', async () => {
    for (const h of [{ 'x-forwarded-for': '10.0.7.1' }, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      const res = await fetch(`${server.url}/api/audit?limit=1`, { headers: { authorization: `Bearer ${server.cliToken}`, ...h } });
      expect(res.status, JSON.stringify(h)).toBe(401);
    }
    expect((await fetch(`${server.url}/api/audit?limit=1`, { headers: { authorization: `Bearer ${server.cliToken}` } })).status).toBe(200);
  });
});

describe('login rate limits', () => {
  const attempt = async (username: string, password: string, ip: string) => {
    const c = new Client(server.url, { ...proxy, 'x-forwarded-for': ip });
    await c.session();
    return c.send('POST', '/api/auth/login', { username, password });
  };

  it('does not count successful sign-ins: colleagues behind one address (NAT, VDI) sign in more often than the limit', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt('leser', 'leser-passord-123', '10.0.4.1')).status, `sign-in ${i + 1}`).toBe(200);
  });

  it('answers 429 problem+json after too many failed attempts from one address', async () => {
    const statuses: number[] = [];
    // Another user name each time: the per-address limit alone.
    for (let i = 0; i < 9; i++) statuses.push((await attempt(`ukjent-${i}`, `feil-${i}`, '10.0.5.1')).status);
    expect(statuses).toEqual([...Array<number>(8).fill(401), 429]);
    const blocked = await attempt('leser', 'leser-passord-123', '10.0.5.1');
    expect(blocked.status).toBe(429);
    expect(blocked.res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((blocked.body as { detail: string }).detail).toBe('For mange innloggingsforsøk. Vent 15 minutter.');
    // The request's own path, as every other problem names it (the limiter is mounted on it, where req.path is «/»).
    expect((blocked.body as { instance: string }).instance).toBe('/api/auth/login');
  });

  it('audits sign-ins refused by either limit as anonymous refusals: once a minute per address, with how many were left out', async () => {
    const fx = await fixtureDatabase();
    const limited = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), trustProxy: 'loopback', loginAttemptsPer15Min: 2, loginFailuresPerUsernamePer15Min: 3 }, fx.dir);
    const own = await startTestServer({ db: fx.dbPath, config: limited, warmCache: false });
    const tryOwn = async (username: string, ip: string) => {
      const c = new Client(own.server.url, { ...proxy, 'x-forwarded-for': ip });
      await c.session();
      return (await c.send('POST', '/api/auth/login', { username, password: 'Hemmelig-1' })).status;
    };
    try {
      // Per address: two refused, then three over the limit.
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await tryOwn(`ukjent-${i}`, '10.0.10.1'));
      expect(statuses).toEqual([401, 401, 429, 429, 429]);
      // Per user name, from three addresses, then a fourth over the limit.
      for (const ip of ['10.0.11.1', '10.0.11.2', '10.0.11.3']) expect(await tryOwn('kari', ip)).toBe(401);
      expect(await tryOwn(' KARI ', '10.0.11.4')).toBe(429);
    } finally {
      await own.server.close();
    }
    const db = await openDatabase(fx.dbPath);
    try {
      const rows = (ip: string) => db.json(`SELECT user_id, role, target, outcome, filters FROM audit_log WHERE action = 'sign-in' AND client_ip = '${ip}' ORDER BY audit_id`);
      const unknown = { user_id: 'local:(ukjent brukernavn)', role: null, target: null, outcome: 'refused', filters: null };
      const limitedEntry = (filters: string) => ({ user_id: 'anonym', role: null, target: 'POST /api/auth/login', outcome: 'refused', filters });
      expect(await rows('10.0.10.1')).toEqual([unknown, unknown, limitedEntry('{"status":429}'), limitedEntry('{"status":429,"repeated":2}')]);
      expect(await rows('10.0.11.4')).toEqual([limitedEntry('{"status":429}')]);
    } finally {
      db.close();
    }
  });

  it('counts failed sign-ins per user name from any address, alike for a name that does not exist', async () => {
    const answers: unknown[] = [];
    for (const name of ['kari', 'finnes-ikke']) {
      // The same name however it is written (case, surrounding space, full-width letters), each from a new address.
      const spellings = [name, name.toUpperCase(), ` ${name} `, name.replace(/[a-z]/g, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)), name];
      for (const [i, spelling] of spellings.entries()) {
        expect((await attempt(spelling, `feil-${i}`, `10.1.${answers.length}.${i}`)).status, spelling).toBe(401);
      }
      // Locked for 15 minutes, even with the right password, from yet another address.
      const blocked = await attempt(name, `${name}-passord-123`, `10.2.${answers.length}.1`);
      expect(blocked.status).toBe(429);
      expect(blocked.res.headers.get('content-type')).toMatch(/problem\+json/);
      answers.push(blocked.body);
    }
    expect((answers[0] as { detail: string }).detail).toBe('For mange mislykkede innloggingsforsøk for dette brukernavnet. Vent 15 minutter.');
    expect((answers[0] as { instance: string }).instance).toBe('/api/auth/login');
    // Nothing tells a real name from an unknown one.
    expect(answers[1]).toEqual(answers[0]);
    // Another user from the same addresses is not affected.
    expect((await attempt('leser', 'leser-passord-123', '10.2.0.1')).status).toBe(200);
  });
});
