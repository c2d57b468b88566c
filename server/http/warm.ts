/**
 * Cache warming: after start and after every change of the data version, the server asks itself
 * for the dashboard's landing view, one request at a time, so the first committee member to open
 * the dashboard gets cached answers instead of waiting for DuckDB. The list is the dashboard's
 * default requests; the cache key sorts query parameters, so order does not matter.
 */
import type { Logger } from 'pino';

// What the dashboard (client/views) asks for without a month chosen. The landing view's month
// requests depend on the latest complete month, which the client works out from /api/meta; they
// are computed on the first visit (≈ 0.1–0.5 s at national scale).
export const WARM_PATHS = [
  '/api/meta',
  '/api/reconciliation?rules=fakturagrunnlag&fagomrade=alle&group=current&by=year',
  '/api/reconciliation?by=year',
  '/api/quality/coverage',
  '/api/quality/batches',
  '/api/rulesets',
] as const;

export class CacheWarmer {
  private generation = 0;

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
      for (const path of WARM_PATHS) {
        if (mine !== this.generation) return;
        const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' } }).catch(
          (e: unknown) => {
            this.log.warn({ path, err: (e as Error).message }, 'oppvarming av mellomlager feilet');
            return null;
          },
        );
        await res?.arrayBuffer();
      }
      this.log.info({ ms: Math.round(performance.now() - started), paths: WARM_PATHS.length }, 'mellomlager varmet opp');
    })();
  }

  stop(): void {
    this.generation++;
  }
}
