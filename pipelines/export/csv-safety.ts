/**
 * CSV/formula injection: a text cell that begins with =, +, -, @ (or tab/CR, which Excel also
 * strips) would run as a formula when the file is opened. Such text gets a leading apostrophe,
 * the OWASP-recommended neutraliser. Numbers are never touched, so -3 stays a number.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export const neutralise = (text: string): string => (DANGEROUS.test(text) ? `'${text}` : text);

/** The same rows with every string value neutralised. */
export function neutraliseRows<R extends object>(rows: readonly R[]): R[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? neutralise(v) : v])) as R);
}
