/**
 * CSRF: synchroniser tokens (csrf-sync) kept in the session, sent back in the X-CSRF-Token header
 * on every state-changing request. SameSite=Strict cookies are a second layer, not the only one.
 */
import { csrfSync } from 'csrf-sync';
import type { Auth } from '../auth/index.ts';

export const CSRF_HEADER = 'x-csrf-token';

export function csrf(auth: Auth) {
  return csrfSync({
    getTokenFromRequest: (req) => {
      const v = req.headers[CSRF_HEADER];
      return typeof v === 'string' ? v : undefined;
    },
    // The CLI's bearer token is never attached by a browser, so a forged cross-site request cannot carry it.
    skipCsrfProtection: (req) => auth.isCliRequest(req),
    errorConfig: { statusCode: 403, message: 'Ugyldig eller manglende CSRF-token', code: 'EBADCSRFTOKEN' },
  });
}
