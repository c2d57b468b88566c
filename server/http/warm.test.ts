/**
 * Cache warming of the landing view: the month requests the warmer makes are the ones the
 * dashboard makes (same URL once parameters are sorted, as the cache key sorts them), and a real
 * server makes them after start.
 */
import { describe, expect, it } from 'vitest';
import { apiUrl } from '../../client/api/client.ts';
import { parseState } from '../../client/state/url.ts';
import { overviewQueries } from '../../client/views/overview-queries.ts';
import { MetaResponse } from '../schemas.ts';
import { fixtureDatabase, startTestServer } from '../test-support.ts';
import { landingMonthPaths, WARM_PATHS } from './warm.ts';

const sorted = (url: string) => {
  const [path, query = ''] = url.split('?');
  const q = new URLSearchParams(query);
  q.sort();
  return `${path}?${q.toString()}`;
};

/** What the landing view requests with no month chosen: the view's own builder (client/views/overview-queries.ts). */
function dashboardLanding(meta: Pick<MetaResponse, 'months' | 'asOf'>): string[] {
  const q = overviewQueries(meta, parseState(''))!;
  return [apiUrl('/api/reconciliation', q.reconciliation), apiUrl('/api/month-facts', q.facts)];
}

describe('cache warming', () => {
  it('warms the landing view month requests exactly as the dashboard makes them', () => {
    const meta = { months: ['2024-10', '2024-11', '2024-12', '2025-01'], asOf: { periods: '2025-01-02T06:00', events: '2025-01-01T06:00', invoices: null } };
    expect(landingMonthPaths(meta).map(sorted)).toEqual(dashboardLanding(meta).map(sorted));
    expect(landingMonthPaths(meta)[1]).toBe('/api/month-facts?month=2024-12&fagomrade=alle');
    expect(landingMonthPaths({ months: [], asOf: { periods: null, events: null, invoices: null } })).toEqual([]);
  });

  it('a started server asks itself for the landing view first, month requests included, then the rest, and reports when it is done', async () => {
    const { dbPath } = await fixtureDatabase();
    const { server, logs } = await startTestServer({ db: dbPath, demo: true });
    try {
      // Waits for the warm-up's own log line (not a timer): it logs once every request has been answered.
      await expect.poll(() => logs.lines.some((l) => l.includes('mellomlager varmet opp')), { timeout: 30_000 }).toBe(true);
      // Nothing else has asked the server anything yet: every request line is the warmer's.
      const warmed = logs.lines
        .map((l) => JSON.parse(l) as { msg: string; url?: string; status?: number })
        .filter((l) => l.msg === 'http')
        .map((l) => [sorted(l.url!), l.status]);
      const meta = MetaResponse.parse(await (await fetch(`${server.url}/api/meta`)).json());
      // The landing view first (meta, then its month requests), the year tables and quality lists after.
      expect(WARM_PATHS[0]).toBe('/api/meta');
      expect(warmed).toEqual([WARM_PATHS[0], ...dashboardLanding(meta), ...WARM_PATHS.slice(1)].map((u) => [sorted(u), 200]));
      // …and says so on /readyz, for a benchmark or a proxy that wants to wait for it.
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready', cacheWarm: true });
    } finally {
      await server.close();
    }
  }, 60_000);
});
