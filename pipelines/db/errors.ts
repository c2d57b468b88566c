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

/** Raw 11-digit runs (fødselsnummer) are masked in any message that leaves a pipeline. */
export function maskIdentifiers(text: string): string {
  return text.replace(/(?<!\d)\d{6}\s?\d{5}(?!\d)/g, '***********');
}
