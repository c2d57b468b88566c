/**
 * CSV/formula injection: a text cell that begins with =, +, -, @ (or tab/CR, which Excel also
 * strips) would run as a formula when the file is opened. Such text gets a leading apostrophe,
 * the OWASP-recommended neutraliser. Numbers are never touched, so -3 stays a number.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export const neutralise = (text: string): string => (DANGEROUS.test(text) ? `'${text}` : text);

