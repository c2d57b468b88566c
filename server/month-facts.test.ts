/**
 * GET /api/month-facts over a real database in demo mode: the query layer's figures as they are,
 * small-number suppression, validation, and the OpenAPI entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthFacts, type MonthFacts } from '../pipelines/query/index.ts';
import { publishFact } from './queries/month-facts.ts';
import { Client, fixtureDatabase, startTestServer } from './test-support.ts';
import type { ServerHandle } from './server.ts';

let server: ServerHandle;
let client: Client;
let expected: MonthFacts;

beforeAll(async () => {
  const { dbPath } = await fixtureDatabase(async (db) => {
    expected = await monthFacts(db, { month: '2022-03' });
  });
  ({ server } = await startTestServer({ db: dbPath, demo: true }));
  client = new Client(server.url);
  await client.session();
}, 60_000);
afterAll(async () => server?.close());

describe('GET /api/month-facts', () => {
  it('returns the query layer’s month facts, nothing suppressed at minCount 0', async () => {
    expect(expected.current.opphold).toBeGreaterThan(0);
    const { status, body } = await client.json<Record<string, unknown>>('/api/month-facts?month=2022-03');
    expect(status).toBe(200);
    const plain = (f: MonthFacts['current']) => ({ ...f, prikket: [] });
    expect(body).toEqual({ ...expected, minCount: 0, current: plain(expected.current), previous: plain(expected.previous), lastYear: plain(expected.lastYear) });
  });

  it('suppresses small counts and the changes that use them when minCount is asked for', async () => {
    const { body } = await client.json<{ minCount: number; current: Record<string, unknown>; changes: Record<string, { previous: unknown }> }>(
      '/api/month-facts?month=2022-03&minCount=1000');
    expect(body.minCount).toBe(1000);
    expect(body.current).toMatchObject({ opphold: null, pasienter: null });
    expect(body.current.prikket).toEqual(expect.arrayContaining(['opphold', 'pasienter']));
    expect(body.changes.opphold?.previous).toMatchObject({ diff: null, share: null });
  });

  it('rejects a bad month or an unknown parameter with problem details', async () => {
    // month=0000-01 reached SQL's date arithmetic (year −1) and gave a 500.
    for (const q of ['month=2022-13', 'month=0000-01', 'month=2022-03&fagomrade=kirurgi', 'month=2022-03&x=1', '']) {
      const { status, res } = await client.json(`/api/month-facts?${q}`);
      expect(status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('is documented in the OpenAPI document with its parameters', async () => {
    const { body } = await client.json<{ paths: Record<string, Record<string, { parameters: { name: string }[] }>> }>('/api/openapi.json');
    const names = body.paths['/api/month-facts']?.get?.parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['month', 'fagomrade', 'kommune', 'minCount']));
  });
});

describe('publishFact', () => {
  it('nulls counts under minCount, and the median when too few periods ended', () => {
    const f = { month: '2022-03', opphold: 7, pasienter: 3, usk_na: 0, median_usk_dogn: 4.5, avsluttede_perioder: 2 };
    expect(publishFact(f, 0)).toEqual({ ...f, prikket: [] });
    expect(publishFact(f, 5)).toEqual({ month: '2022-03', opphold: 7, pasienter: null, usk_na: 0, median_usk_dogn: null, avsluttede_perioder: null,
      prikket: ['pasienter', 'avsluttede_perioder', 'median_usk_dogn'] });
  });
});
