/**
 * Logging with pino. Lines carry method, route pattern, status and timing, never query values of
 * per-stay routes, cookies, tokens or bodies; any 11-digit run is masked as a last line of defence.
 */
import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';
import { maskIdentifiers } from '../pipelines/db/errors.ts';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { svc: 'usk-server' },
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], remove: true },
      hooks: {
        // Every message and every string field passes the mask before it is written.
        streamWrite: (line: string) => maskIdentifiers(line),
      },
    },
    destination,
  );
}

/** The URL for a log line: per-stay ids are replaced by the route pattern. */
export function loggableUrl(url: string): string {
  return url.replace(/\/api\/stays\/[^/?]+/, '/api/stays/:stayId');
}
