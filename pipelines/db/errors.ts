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
 * How people separate the parts of a fødselsnummer: a space (also no-break or tab), dot, slash,
 * underscore (a file name), hyphen or en dash; in a JSON log line a tab or line break is written
 * \t, \n or \r, which is two characters there.
 */
const SEP = String.raw`(?:[\s./_\u2013-]|\\[tnr])`;

/**
 * What may be a fødselsnummer: 11 digits, also written 6 + 5 with a separator (079050 49806,
 * 079050-49806, 079050_49806), or 2+2+2+5 with spaces or dots in the date part (07 90 50 49806,
 * 07.90.50 49806), only as a run of exactly that length (a 13-digit epoch time in a log line is not
 * one). In a rejected value (the SQL pattern, RE2 has no lookaround) also inside a longer run, since a
 * value there may be an identifier with a digit too many, and any 10 digits in a row.
 */
const IDENTIFIER = new RegExp(String.raw`(?<!\d)(?:\d{6}${SEP}?\d{5}|\d{2}[ .]\d{2}[ .]\d{2}${SEP}?\d{5})(?!\d)`, 'g');
export const IDENTIFIER_SQL_PATTERN = '\\d{6}[\\p{Zs}\\t./_\\x{2013}-]?\\d{5}|\\d{2}[ .]\\d{2}[ .]\\d{2}[\\p{Zs}\\t./_\\x{2013}-]?\\d{5}|\\d{10}';
export const IDENTIFIER_MASK = '***********';

/** SQL for `expr` (a text) with every IDENTIFIER_SQL_PATTERN masked: what a rejected value or a row warning stores. */
export const maskSql = (expr: string): string => `regexp_replace(${expr}, '${IDENTIFIER_SQL_PATTERN}', '${IDENTIFIER_MASK}', 'g')`;

/** The mod-11 weights of a fødselsnummer's two control digits (also validate/parsers.ts's SQL). */
export const FNR_CONTROL_WEIGHTS = [[3, 7, 6, 1, 8, 9, 4, 5, 2], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]] as const;
/** Day and month that can start a fødselsnummer, D-nummer (day + 40), H-nummer or synthetic test number (month + 40 / + 80). */
export const FNR_DATE_PATTERN = '(0[1-9]|[12][0-9]|3[01]|4[1-9]|[56][0-9]|7[01])(0[1-9]|1[0-2]|4[1-9]|5[0-2]|8[1-9]|9[0-2])';
const FNR_DATE = new RegExp(`^${FNR_DATE_PATTERN}`);
/** Candidates in free text: 6 + 5 digits with at most one separator, 2+2+2 (spaces or dots, as a date) + 5, or 10 in a row. */
const FNR_CANDIDATE = new RegExp(String.raw`(?<!\d)(?:\d{6}${SEP}?\d{5}|\d{2}[ .]\d{2}[ .]\d{2}${SEP}?\d{5}|\d{10})(?!\d)`, 'g');

/** Whether 11 digits are a fødselsnummer (or D-, H- or synthetic number): date part and both mod-11 control digits. */
export function isFodselsnummer(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || !FNR_DATE.test(digits)) return false;
  const d = [...digits].map(Number);
  const control = (weights: readonly number[]) => (11 - (weights.reduce((s, w, i) => s + w * d[i]!, 0) % 11)) % 11;
  return control(FNR_CONTROL_WEIGHTS[0]) === d[9] && control(FNR_CONTROL_WEIGHTS[1]) === d[10];
}

/**
 * Whether free text (an annotation, a rule set's name, a file name) holds a fødselsnummer in any
 * of the ways people write one, its control digits right: such text is refused or masked, never
 * stored. A 10-digit run counts with its lost leading zero put back.
 */
export function containsFodselsnummer(text: string): boolean {
  for (const m of text.matchAll(FNR_CANDIDATE)) if (candidateIsFodselsnummer(m[0])) return true;
  return false;
}

/** A FNR_CANDIDATE match as written: its digits, a 10-digit run with its lost leading zero put back. */
function candidateIsFodselsnummer(written: string): boolean {
  const digits = written.replace(/\D/g, '');
  return isFodselsnummer(digits.length === 10 ? `0${digits}` : digits);
}

/**
 * Masks what may be a fødselsnummer in any text that leaves a pipeline or the server (messages,
 * logs, the audit log, file names, warnings quoting a cell): every IDENTIFIER, and 10 digits in a
 * row (a fødselsnummer whose leading zero a spreadsheet dropped) when its control digits are right.
 * Other 10-digit numbers stay (3 in 1000 pass by chance): they are ids and sizes a reader needs.
 */
export function maskIdentifiers(text: string): string {
  return text.replace(FNR_CANDIDATE, (m) => (candidateIsFodselsnummer(m) ? IDENTIFIER_MASK : m)).replace(IDENTIFIER, IDENTIFIER_MASK);
}
