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

const STAY_ID = /\/api\/stays\/[^/?]+/;

/** How many times a URL part is percent-decoded at most: more encodings than this are never decoded, only hidden. */
const DECODE_ROUNDS = 10;
const ESCAPES = /(?:%[0-9a-f]{2})+/gi;

/**
 * One round of percent-decoding that never gives up on the whole text: a run of escapes that is not
 * valid UTF-8 (%E0%30) keeps its bytes above 127 as written, but its ASCII ones (a digit) are decoded.
 */
const decodeOnce = (s: string) => s.replace(ESCAPES, (run) => {
  try {
    return decodeURIComponent(run);
  } catch {
    return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
});

/**
 * Percent-decoding as a reader would do it ('+' in the query as a space), repeated until nothing
 * changes, since a digit encoded many times over (%25252530) is still a digit to whoever decodes
 * it. Past DECODE_ROUNDS every escape left is shown as «?», so that no encoding hides a digit.
 */
function decoded(text: string, query: boolean): string {
  let s = query ? text.replace(/\+/g, ' ') : text;
  for (let i = 0; i < DECODE_ROUNDS; i++) {
    const next = decodeOnce(s);
    if (next === s) return s;
    s = next;
  }
  return s.replace(/%[0-9a-f]{2}/gi, '?');
}

/**
 * The URL for a log line or a problem's `instance`: per-stay ids are replaced by the route pattern,
 * and the rest is percent-decoded before identifiers are masked, so that 079050%2049806,
 * 070490+30147 or %30%37… in a path or a query cannot pass the mask.
 */
export function loggableUrl(url: string): string {
  const raw = url.replace(STAY_ID, '/api/stays/:stayId');
  const q = raw.indexOf('?');
  const path = decoded(q < 0 ? raw : raw.slice(0, q), false).replace(STAY_ID, '/api/stays/:stayId');
  const query = q < 0 ? '' : `?${raw.slice(q + 1).split('&').map((p) => decoded(p, true)).join('&')}`;
  return maskIdentifiers(path + query);
}
