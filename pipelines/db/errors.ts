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
 * What every fødselsnummer check here and in the SQL macros (validate/parsers.ts) takes for a digit
 * and for what may stand between digit groups: one definition, written so that the same text is a
 * class in DuckDB's RE2 and in a JS regular expression with the u flag, since checks with their own
 * lists drifted apart and a number written with a separator one of them did not know got through.
 * A digit is 0–9 or a full-width ０–９ (an East Asian keyboard's, which NFKC folds to 0–9), read as
 * the digit it is (WIDE_DIGITS). Anything that is neither a letter nor such a digit may separate
 * groups: spaces of every kind, punctuation, dashes and minus signs, brackets, symbols, control
 * characters; between two groups one to three of them (FNR_GAP_REPEAT). A decimal digit of another
 * script (Arabic-Indic, Devanagari, …) is not read: it counts as a separator, and OTHER_DIGITS_HIT
 * of them in a text are taken for a fødselsnummer on their own, as usk_hides_fnr takes them (no
 * export writes them, and reading them all would take a table of every script's digits). Which
 * groupings count stays each check's own (fodselsnummerSpans below, the macros' comments).
 */
export const WIDE_DIGITS = '０１２３４５６７８９';
export const FNR_DIGIT = '[0-9０-９]';
export const FNR_SEPARATOR = '[^\\p{L}0-9０-９]';
/** How many separators may stand between two digit groups, as a regex repeat: the JS's and the SQL's. */
export const FNR_GAP_REPEAT = '{1,3}';
export const OTHER_DIGIT = '[^\\P{Nd}0-9０-９]';
/**
 * FNR_SEPARATOR, and a gap of FNR_GAP_REPEAT of them, as the SQL macros write them, over a value as usk_fnr_text reads it
 * (validate/parsers.ts): its full-width digits 0–9 and, in a value that is not all ASCII, every letter
 * «a». «Neither letter nor digit» is then an ASCII class, the same characters as FNR_SEPARATOR's over
 * the value as written. RE2 builds [^\p{L}…] into an automaton of every letter range of Unicode, about
 * 10 ms at each place a statement uses it, and the macros use it a dozen times in a row's checks: with
 * it, the demo's load took 40 % longer, nearly all of it in planning statements.
 */
export const FNR_SEPARATOR_SQL = '[^A-Za-z0-9]';
export const FNR_GROUP_GAP_SQL = `${FNR_SEPARATOR_SQL}${FNR_GAP_REPEAT}`;

export const OTHER_DIGITS_HIT = 6;

/**
 * The separators the masks without a control-digit test (IDENTIFIER) accept, one between the
 * six digits and the five: spaces and dashes of every kind (minus too), dot, slash, underscore, the
 * marks people put inside a number. Not the others FNR_SEPARATOR has (; , : | brackets): those stand
 * between fields, and a stay id beside a five-digit field would be masked. A fødselsnummer written
 * with one of them has its control digits right and is masked by fodselsnummerSpans.
 */
const NUMBER_SEPARATOR = '[\\s\\p{Zs}\\p{Pd}./_\u2212]';
/** In a JSON log line a control character is written as an escape (\t, \n, \u001f): one separator there. */
const JSON_ESCAPE = String.raw`\\(?:[bfnrt]|u[0-9a-fA-F]{4})`;
const SEP = `(?:${JSON_ESCAPE}|${NUMBER_SEPARATOR})`;
const D = FNR_DIGIT;

/**
 * What may be a fødselsnummer: 11 digits, also written 6 + 5 with a separator (079050 49806,
 * 079050-49806, 079050_49806, 079050—49806), or 2+2+2+5 with spaces or dots in the date part
 * (07 90 50 49806, 07.90.50 49806), only as a run of exactly that length (a 13-digit epoch time in a
 * log line is not one). In a rejected value (the SQL pattern, RE2 has no lookaround) also inside a longer run, since a
 * value there may be an identifier with a digit too many, and any 10 digits in a row.
 */
const IDENTIFIER = new RegExp(`(?<!${D})(?:${D}{6}${SEP}?${D}{5}|${D}{2}[ .]${D}{2}[ .]${D}{2}${SEP}?${D}{5})(?!${D})`, 'gu');
export const IDENTIFIER_SQL_PATTERN = `${D}{6}${NUMBER_SEPARATOR}?${D}{5}|${D}{2}[ .]${D}{2}[ .]${D}{2}${NUMBER_SEPARATOR}?${D}{5}|${D}{10}`;
export const IDENTIFIER_MASK = '***********';

/** SQL for `expr` (a text) with every IDENTIFIER_SQL_PATTERN masked: what a rejected value or a row warning stores. */
export const maskSql = (expr: string): string => `regexp_replace(${expr}, '${IDENTIFIER_SQL_PATTERN}', '${IDENTIFIER_MASK}', 'g')`;

/** The mod-11 weights of a fødselsnummer's two control digits (also validate/parsers.ts's SQL). */
export const FNR_CONTROL_WEIGHTS = [[3, 7, 6, 1, 8, 9, 4, 5, 2], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]] as const;
/** Day and month that can start a fødselsnummer, D-nummer (day + 40), H-nummer or synthetic test number (month + 40 / + 80). */
export const FNR_DATE_PATTERN = '(0[1-9]|[12][0-9]|3[01]|4[1-9]|[56][0-9]|7[01])(0[1-9]|1[0-2]|4[1-9]|5[0-2]|8[1-9]|9[0-2])';
const FNR_DATE = new RegExp(`^${FNR_DATE_PATTERN}`);
/**
 * Candidates in free text, however the digits are grouped: a run of digit groups, each two apart by
 * FNR_GAP_REPEAT separators (or a JSON escape, \t \n \u001f, where a log line wrote a control character), so
 * 17-04-76 30843, 221235 - 38726, 160663:19877, (011155) 13385, 011155—13385, 2608 3857 616 and
 * 22 10 31 421 17 are all one. Which groups in a run make the fødselsnummer is decided by trying
 * every window of consecutive whole groups (never part of a group: a 13-digit epoch time is no
 * candidate) whose digits total 11, or a single group of 10 (its leading zero lost). Searched in
 * the text with its full-width digits read (readDigits), so only 0–9 are digits here.
 */
const GROUP_SEP = `(?:${JSON_ESCAPE}|${FNR_SEPARATOR})`;
const DIGIT_RUN = new RegExp(String.raw`\d+(?:${GROUP_SEP}${FNR_GAP_REPEAT}\d+)*`, 'gu');
/**
 * A birth date with a four-digit year, then the personnummer after one to three separators or a
 * label (f. 17.10.1974 pnr 78450, 17.10.1974 78450, født 17/10/1974, personnr. 78450): a form
 * people write in letters and notes. The pattern up to the personnummer, written once for the JS
 * here and the SQL free-text check (validate/parsers.ts usk_date_then_pnr), so that the load
 * rejects what the masks find and two copies cannot drift as the separator lists did. Matched
 * case-insensitively in text whose full-width digits are read; its groups are day, month and the
 * year's last two digits. `sep` is one separator (between day, month and year), `gap` one of what
 * may stand between year, label and personnummer: the JS passes FNR_SEPARATOR and, for gap, that
 * or a JSON escape (a log line's \t); the SQL passes a space, in text where every separator is
 * made one (one Unicode class to compile, not fifteen). Each side writes the rest itself, since
 * RE2 has no lookaround: the personnummer, and that no digit stands before the day or after it.
 */
export const dateBeforePnrPattern = (sep: string, gap: string): string => {
  const label = `(?:(?:p|pers(?:on)?)${gap}{0,2}nr|personnummer)`;
  return `([0-9]{1,2})${sep}([0-9]{1,2})${sep}(?:1[89]|20)([0-9]{2})(?:${gap}${FNR_GAP_REPEAT}|${gap}{0,3}${label}${gap}{0,5})`;
};
const DATE_THEN_PNR = new RegExp(`(?<![0-9])${dateBeforePnrPattern(FNR_SEPARATOR, GROUP_SEP)}([0-9]{5})(?![0-9])`, 'giu');
const OTHER_DIGITS = new RegExp(`${OTHER_DIGIT}+`, 'gu');

/** `text` with its full-width digits as 0–9: one UTF-16 unit for one, so offsets into it are offsets into `text`. */
const readDigits = (text: string): string => text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));

/**
 * Where in `text` a fødselsnummer is written (control digits right), as [start, end) spans in order,
 * overlaps merged; and, where it holds OTHER_DIGITS_HIT or more digits of other scripts, each run of them.
 */
function fodselsnummerSpans(written: string): [number, number][] {
  const text = readDigits(written);
  const spans: [number, number][] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ digits: g[0], start: run.index + g.index }));
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length < 11; j++) {
        digits += groups[j]!.digits;
        // 10 digits only as one group: a leading zero is lost where the number was stored as a number,
        // never in a grouping someone typed (and 0 + 2022-01-2023 or 0 + 01.03.2022 10 is a valid date).
        if ((digits.length === 11 && isFodselsnummer(digits)) || (i === j && digits.length === 10 && isFodselsnummer(`0${digits}`))) {
          spans.push([groups[i]!.start, groups[j]!.start + groups[j]!.digits.length]);
        }
      }
    }
  }
  for (const m of text.matchAll(DATE_THEN_PNR)) {
    if (isFodselsnummer(`${m[1]!.padStart(2, '0')}${m[2]!.padStart(2, '0')}${m[3]}${m[4]}`)) spans.push([m.index, m.index + m[0].length]);
  }
  const others = [...text.matchAll(OTHER_DIGITS)];
  if (others.reduce((n, m) => n + [...m[0]].length, 0) >= OTHER_DIGITS_HIT) for (const m of others) spans.push([m.index, m.index + m[0].length]);
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

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
 * stored. Every grouping of the digits counts (fodselsnummerSpans), and 10 digits with their lost
 * leading zero put back.
 */
export function containsFodselsnummer(text: string): boolean {
  return fodselsnummerSpans(text).length > 0;
}

/**
 * Masks what may be a fødselsnummer in any text that leaves a pipeline or the server (messages,
 * logs, the audit log, file names, warnings quoting a cell): every IDENTIFIER (11 digits as 6 + 5 or
 * 2+2+2+5, control digits or not), and any other grouping of 11 digits, or 10 (a fødselsnummer
 * whose leading zero a spreadsheet dropped), when its control digits are right, and digits of
 * another script where there are six or more of them. Only those: other
 * numbers (amounts as 1 234 567,89, dates, times, ids and sizes a reader needs) stay, bar the
 * 1–2 in 1000 that pass the check by chance.
 */
export function maskIdentifiers(text: string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of fodselsnummerSpans(text)) {
    out += text.slice(at, start) + IDENTIFIER_MASK;
    at = end;
  }
  return (out + text.slice(at)).replace(IDENTIFIER, IDENTIFIER_MASK);
}
