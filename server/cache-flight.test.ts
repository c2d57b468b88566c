/**
 * Single-flight in the response cache, on a real server over a real database: identical cacheable
 * requests that arrive while the first is being computed wait for it (one computation, one
 * answer), and a failure reaches every waiter without being stored.
 *
 * To line the requests up without timers, the test holds every read connection of the server's
 * own pool: the first request's computation then waits for a connection, the second arrives
 * meanwhile, and the test lets go once the server's counters show both.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flights } from './http/send.ts';
import { fixtureDatabase, startTestServer } from './test-support.ts';
import type { ServerHandle } from './server.ts';

let server: ServerHandle;
let logs: { lines: string[] };

beforeAll(async () => {
  const { dbPath } = await fixtureDatabase();
  // No warm-up: the cache is cold and every computation counted below is one of this test's.
  ({ server, logs } = await startTestServer({ db: dbPath, demo: true, warmCache: false }));
}, 60_000);
afterAll(async () => server?.close());

/** Takes every read connection of the server (3 in demo) until release() is called (again in afterEach). */
let release: () => Promise<void> = async () => undefined;
function holdReads(n = 3): { release: () => Promise<void> } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held = Array.from({ length: n }, () => server.pool.read(() => gate));
  release = async () => { open(); await Promise.all(held); };
  return { release };
}
afterEach(() => release());

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { accept: 'application/json' } });
  return { status: res.status, body: await res.text() };
};

const httpLines = (path: string) => logs.lines.map((l) => JSON.parse(l) as { msg: string; url?: string; status?: number })
  .filter((l) => l.msg === 'http' && l.url === path);

/** Two identical requests, the second sent while the first is computing (reads held until then). */
async function twoWhileComputing(path: string) {
  const before = { ...flights };
  const hold = holdReads();
  const first = get(path);
  await expect.poll(() => flights.computed - before.computed).toBe(1);
  const second = get(path);
  await expect.poll(() => flights.shared - before.shared).toBe(1);
  await hold.release();
  const [a, b] = await Promise.all([first, second]);
  return { before, a, b };
}

describe('response cache single-flight', () => {
  it('two identical requests on a cold cache run the query once and get the same body', async () => {
    const path = '/api/reconciliation?rules=fakturagrunnlag&by=month&fagomrade=alle&group=current';
    const { before, a, b } = await twoWhileComputing(path);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(JSON.parse(a.body).rows.length).toBeGreaterThan(0);
    expect(b.body).toBe(a.body);
    expect(flights.computed - before.computed).toBe(1);
    // Each request was still handled (and logged) on its own.
    expect(httpLines(path).map((l) => l.status)).toEqual([200, 200]);
    // A third is a cache hit: nothing computed, nothing waited for.
    expect((await get(path)).body).toBe(a.body);
    expect(flights).toEqual({ computed: before.computed + 1, shared: before.shared + 1 });
  });

  it('a failure reaches every waiting request, is not stored, and the next request computes again', async () => {
    const path = '/api/reconciliation?rules=finnes-ikke&by=year';
    const { before, a, b } = await twoWhileComputing(path);
    expect(a.status).toBe(400);
    expect(b.status).toBe(400);
    expect(a.body).toContain('finnes-ikke');
    expect(b.body).toBe(a.body);
    expect(flights.computed - before.computed).toBe(1);
    // Not cached: the next request runs the query again (and fails again, on its own).
    const c = await get(path);
    expect(c.status).toBe(400);
    expect(flights).toEqual({ computed: before.computed + 2, shared: before.shared + 1 });
  });

  it('a request that fails validation never joins or starts a computation', async () => {
    const before = { ...flights };
    expect((await get('/api/reconciliation?by=week')).status).toBe(400);
    expect(flights).toEqual(before);
  });
});
