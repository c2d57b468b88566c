/**
 * Cache warming: after start and after every change of the data version, the server asks itself
 * for the dashboard's landing view, one request at a time, so the first committee member to open
 * the dashboard gets cached answers instead of waiting for DuckDB. The list is the dashboard's
 * default requests (the cache key sorts query parameters, so their order within a URL does not
 * matter). The landing view's own requests come first — /api/meta, then its month requests — and
 * the year tables and quality lists after them: a visitor who arrives while the warm-up runs
 * shares the landing computations in flight (http/send.ts) instead of queueing behind the rest.
 */
import type { Logger } from 'pino';
// The dashboard's own rule for the month its landing view opens on (one home for it).
import { latestCompleteMonth } from '../../pipelines/query/comparable.ts';
import { DEFAULT_RULE_SET } from '../../pipelines/query/contract.ts';
import { addMonths } from '../../pipelines/query/months.ts';

const DEFAULT_FIGURES = `rules=${DEFAULT_RULE_SET}&fagomrade=alle&group=current`;

// What the dashboard (client/views) asks for without a month chosen; the landing view's month
// requests (landingMonthPaths) are inserted right after /api/meta, which they are built from.
export const WARM_PATHS = [
  '/api/meta',
  `/api/reconciliation?${DEFAULT_FIGURES}&by=year`,
  '/api/reconciliation?by=year',
  '/api/quality/coverage',
  '/api/quality/batches',
  '/api/rulesets',
] as const;

/**
 * The landing view's month requests (Månedsoversikt: 24 months up to the latest complete month, and
 * that month's facts), as client/views/overview.ts builds them from /api/meta. At national scale
 * these are the slowest first visits (≈ 1–2 s each).
 */
export function landingMonthPaths(meta: { months: string[]; asOf: Record<string, string | null> }): string[] {
  const month = latestCompleteMonth(meta);
  if (!month) return [];
  return [
    `/api/reconciliation?${DEFAULT_FIGURES}&by=month&from=${addMonths(month, -23)}&to=${month}`,
    `/api/month-facts?month=${month}&fagomrade=alle`,
  ];
}

export class CacheWarmer {
  private generation = 0;
  private finished = -1;

  /** True once the latest warm-up has answered every request (false again while new data is warmed). */
  get isWarm(): boolean {
    return this.finished === this.generation;
  }

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly log: Logger,
  ) {}

  /** Starts a warm-up; a newer one (new data) makes an older one stop early. */
  warm(): Promise<void> {
    const mine = ++this.generation;
    return (async () => {
      const started = performance.now();
      const paths: string[] = [...WARM_PATHS];
      for (let i = 0; i < paths.length; i++) {
        if (mine !== this.generation) return;
        const path = paths[i]!;
        const body = await this.get(path);
        if (path === '/api/meta' && body) {
          try {
            paths.splice(i + 1, 0, ...landingMonthPaths(JSON.parse(body) as Parameters<typeof landingMonthPaths>[0]));
          } catch (e) {
            this.log.warn({ err: (e as Error).message }, 'oppvarming: metadata kunne ikke leses');
          }
        }
      }
      if (mine === this.generation) this.finished = mine;
      this.log.info({ ms: Math.round(performance.now() - started), paths: paths.length }, 'mellomlager varmet opp');
    })();
  }

  /** The body as text, or null when the request failed (logged; warming is best effort). */
  private async get(path: string): Promise<string | null> {
    try {
      const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' } });
      const text = await res.text();
      return res.ok ? text : null;
    } catch (e) {
      this.log.warn({ path, err: (e as Error).message }, 'oppvarming av mellomlager feilet');
      return null;
    }
  }

  stop(): void {
    this.generation++;
  }
}
