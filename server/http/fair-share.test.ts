import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import { HttpProblem } from '../errors.ts';
import { parseConfig } from '../config.ts';
import type { ServerHandle } from '../server.ts';
import { Client, fixtureDatabase, startTestServer, writeUsersFile } from '../test-support.ts';
import { FairShare } from './fair-share.ts';
import { flights } from './send.ts';

/** A computation that runs until its gate is opened. */
function gated() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { gate, open };
}

describe('FairShare', () => {
  it('runs a user\'s computations up to the limit, lines up the next ones, refuses past the line, and leaves other users alone', async () => {
    const share = new FairShare({ perUser: 2, queuedPerUser: 1 });
    const order: string[] = [];
    const a = gated();
    const b = gated();
    const first = share.run('ada', async () => { order.push('1'); await a.gate; });
    const second = share.run('ada', async () => { order.push('2'); await b.gate; });
    const third = share.run('ada', async () => { order.push('3'); });
    expect(share.load('ada')).toEqual({ running: 2, waiting: 1 });
    await expect(share.run('ada', async () => 'fourth')).rejects.toSatisfy((e: unknown) =>
      e instanceof HttpProblem && e.status === 429 && /3 beregninger i gang eller i kø/.test(e.detail ?? ''));
    // Another user is not behind Ada's line.
    expect(await share.run('bea', async () => 'bea')).toBe('bea');
    expect(order).toEqual(['1', '2']);
    a.open();
    await first;
    await third;
    expect(order).toEqual(['1', '2', '3']);
    expect(share.load('ada')).toEqual({ running: 1, waiting: 0 });
    b.open();
    await second;
    expect(share.load('ada')).toEqual({ running: 0, waiting: 0 });
  });

  it('takes a request out of the line when its client goes away, and never runs it', async () => {
    const share = new FairShare({ perUser: 1, queuedPerUser: 2 });
    const a = gated();
    const first = share.run('ada', () => a.gate);
    const gone = new AbortController();
    let ran = false;
    const left = share.run('ada', async () => { ran = true; }, gone.signal);
    expect(share.load('ada')).toEqual({ running: 1, waiting: 1 });
    gone.abort();
    await expect(left).rejects.toSatisfy((e: unknown) => e instanceof HttpProblem && e.status === 499);
    expect(share.load('ada')).toEqual({ running: 1, waiting: 0 });
    a.open();
    await first;
    expect(ran).toBe(false);
    expect(share.load('ada')).toEqual({ running: 0, waiting: 0 });
  });

  it('hands the slot on when a computation fails', async () => {
    const share = new FairShare({ perUser: 1, queuedPerUser: 1 });
    const a = gated();
    const failing = share.run('ada', async () => { await a.gate; throw new Error('feil'); });
    const next = share.run('ada', async () => 'neste');
    a.open();
    await expect(failing).rejects.toThrow('feil');
    expect(await next).toBe('neste');
    expect(share.load('ada')).toEqual({ running: 0, waiting: 0 });
  });
});

describe('each user\'s share on a real server', () => {
  let server: ServerHandle;
  const clients: Record<string, Client> = {};

  beforeAll(async () => {
    const fx = await fixtureDatabase();
    const users = await Promise.all(['ada', 'bea'].map(async (u) => ({ username: u, role: 'analytiker', passwordHash: await hash(`${u}-passord-123`) })));
    const usersFile = writeUsersFile(fx.dir, users);
    const config = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), cookieSecure: false, computationsPerUser: 1, queuedComputationsPerUser: 1 }, fx.dir);
    ({ server } = await startTestServer({ db: fx.dbPath, config, warmCache: false }));
    for (const u of ['ada', 'bea']) {
      const c = new Client(server.url);
      await c.session();
      const res = await c.send('POST', '/api/auth/login', { username: u, password: `${u}-passord-123` });
      expect(res.status).toBe(200);
      c.csrf = (res.body as { csrfToken: string }).csrfToken;
      clients[u] = c;
    }
  }, 60_000);
  afterAll(async () => server?.close());

  it('one user asking for many new answers at once is lined up and then refused; another user and a request joining a computation are not', async () => {
    // Every read connection held: each computation started waits for one, so the requests line up.
    const { gate, open } = gated();
    const held = Array.from({ length: 3 }, () => server.pool.read(() => gate));
    const url = (h: number) => `/api/reconciliation?rules=fakturagrunnlag&by=month&minHours=${h}`;
    const before = { ...flights };
    const ada1 = clients.ada!.fetch(url(1));
    await expect.poll(() => server.share.load('local:ada')).toEqual({ running: 1, waiting: 0 });
    const ada2 = clients.ada!.fetch(url(2));
    await expect.poll(() => server.share.load('local:ada')).toEqual({ running: 1, waiting: 1 });
    const ada3 = await clients.ada!.json<{ title: string; detail: string }>(url(3));
    expect(ada3.status).toBe(429);
    expect(ada3.body.title).toBe('For mange samtidige forespørsler');
    // The same answer Ada is computing: joined, no share taken, not refused.
    const ada1again = clients.ada!.fetch(url(1));
    await expect.poll(() => flights.shared - before.shared).toBe(1);
    const bea = clients.bea!.fetch(url(4));
    await expect.poll(() => server.share.load('local:bea')).toEqual({ running: 1, waiting: 0 });
    open();
    await Promise.all(held);
    const statuses = await Promise.all([ada1, ada2, ada1again, bea].map(async (r) => (await r).status));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(server.share.load('local:ada')).toEqual({ running: 0, waiting: 0 });
    // Once the line is empty Ada may ask again; a cached answer takes no share at all.
    expect((await clients.ada!.fetch(url(3))).status).toBe(200);
    expect((await clients.ada!.fetch(url(1))).status).toBe(200);
  });
});
