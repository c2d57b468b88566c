/** Errors that carry the context a user needs to act on them (file, line, column, SQL). */

/** A database statement failed. Keeps the SQL (never parameter values, which may hold ids). */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    message: string,
    readonly sql: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * What may be a fødselsnummer: 11 digits, also written 6 + 5 with a space, no-break space, tab,
 * hyphen, en dash or dot between (079050 49806, 079050-49806). Masked in any message or reject
 * value that leaves a pipeline. In messages and logs only a run of exactly that length (a 13-digit
 * epoch time in a log line is not one). In a rejected value (the SQL pattern, RE2 has no
 * lookaround) also inside a longer run, since a value there may be an identifier with a digit too
 * many, and 10 digits in a row: a fødselsnummer whose leading zero a spreadsheet dropped. Logs and
 * the audit log keep 10-digit numbers, which there are ids and sizes the reader needs.
 */
const IDENTIFIER = /(?<!\d)\d{6}[\s.\u2013-]?\d{5}(?!\d)/g;
export const IDENTIFIER_SQL_PATTERN = '\\d{6}[ \\x{00A0}\\x{202F}\\t.\\x{2013}-]?\\d{5}|\\d{10}';
export const IDENTIFIER_MASK = '***********';

export function maskIdentifiers(text: string): string {
  return text.replace(IDENTIFIER, IDENTIFIER_MASK);
}
