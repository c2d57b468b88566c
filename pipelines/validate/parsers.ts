import { EVENT_CODES, EVENT_TEXT_VALUES, FAGOMRADE_VALUES, INVOICE_TYPE_VALUES } from '../profiles/values.ts';
import {
  FNR_CONTROL_WEIGHTS, FNR_DATE_PATTERN, FNR_DIGIT, FNR_GROUP_GAP_SQL, FNR_SEPARATOR, FNR_SEPARATOR_SQL, IDENTIFIER_MASK, OTHER_DIGIT, OTHER_DIGITS_HIT, WIDE_DIGITS,
  dateBeforePnrPattern, maskSql,
} from '../db/errors.ts';
import { sqlString } from '../db/sql.ts';

/**
 * The one home of Norwegian value parsing (exports.md "Common to all CSV files"), as DuckDB macros
 * so that a million rows are parsed in bulk. Each returns NULL for a value it cannot read; the
 * validator turns that NULL into a reject with the reason from PARSE_ERRORS.
 */
const q = sqlString;
const caseMap = (expr: string, map: Record<string, string>) =>
  `CASE ${expr} ${Object.entries(map).map(([k, v]) => `WHEN ${q(k)} THEN ${q(v)}`).join(' ')} END`;

const SPACE = `[\\s\u00a0\u202f]`;

/** Digit `at` (1-based) of string d equals the mod-11 control digit with these weights (ascii − 48: never a cast error). */
const controlDigitSql = (d: string, weights: readonly number[], at: number) =>
  `(11 - (${weights.map((w, i) => `${w}*(ascii(${d}[${i + 1}]) - 48)`).join(' + ')}) % 11) % 11 = (ascii(${d}[${at}]) - 48)`;

/**
 * SQL for a value already through the usual masks (db/errors.ts maskSql), masked whole when the
 * digits left still hide a fødselsnummer in any form (usk_hides_fnr, below).
 */
export const wholeIfHidesFnrSql = (masked: string): string => `CASE WHEN usk_hides_fnr(${masked}) THEN '${IDENTIFIER_MASK}' ELSE ${masked} END`;

/** SQL for a rejected value as it is stored: the usual masks, then whole if the rest still hides one. */
export const maskRejectedSql = (expr: string): string => wholeIfHidesFnrSql(maskSql(expr));

/**
 * db/errors.ts's birth date and personnummer (f. 17.10.1974 pnr 78450), for RE2 and for text whose
 * separators are all made a space (usk_date_then_pnr): a non-digit or the start before the day
 * stands for the JS's lookbehind; the personnummer is the whole run of digits after the label or
 * separators, and usk_date_then_pnr takes only a run of five (the JS's lookahead).
 */
const DATE_THEN_PNR_SQL = `(?:^|[^0-9])${dateBeforePnrPattern(' ', ' ')}([0-9]{5,})`;
/** At least ten digits (0–9 or full-width), anything between: usk_looks_like_fnr's prefilter. */
const TEN_DIGITS = `${FNR_DIGIT}(?:[^${FNR_DIGIT.slice(1, -1)}]*${FNR_DIGIT}){9}`;

/** A date as usk_ts_shape reads it, for the time forms after it (usk_ts_clock, usk_has_time). */
const DATE_PART = String.raw`\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?|\d{4}-\d{1,2}-\d{1,2}`;
/** Between date and time: a space, or "kl." / "kl" (any case), with or without a comma and spaces. */
const CLOCK_SEPARATOR = String.raw`(?:,?\s*[kK][lL]\.?\s*|\s+)`;

export const PARSERS_SQL = `
-- Text: surrounding spaces trimmed; empty is NULL.
CREATE OR REPLACE TEMP MACRO usk_text(s) AS nullif(trim(s), '');

-- Amounts and counts: "kr 5 306,00", "5.306,00", "−1", "5306,-", "21 224,00-" (a trailing minus, as
-- economy systems write a credit), and NOK for kr (usk_num_text_more); decimal comma; thousands by
-- space, U+00A0, U+202F or ".". A lone "." before exactly three digits is a thousands separator.
-- At most four decimals, the scale of the result: more would be rounded by the cast, and an amount
-- or count is never rounded silently (an amount with more than two is rejected by validate/typed.ts).
-- Zeros after them are no decimals lost ("5508,000000", as Excel and LIS exports write six), so
-- they are read; "2,123456" is not.
CREATE OR REPLACE TEMP MACRO usk_num_text(s) AS
  regexp_replace(regexp_replace(regexp_replace(replace(replace(lower(s), '\u2212', '-'), '\u2013', '-'), '${SPACE}', '', 'g'), '^kr\\.?|kr\\.?$|,-$', '', 'g'),
    '^(\\d[\\d.,]*)-$', '-\\1');
-- Rarer forms, read only by the last branch of usk_number, which a value the usual forms read never
-- reaches (a COALESCE of the two readings cost a quarter more on every row): NOK as kr ("NOK 5 745,00",
-- "5 745,00 NOK"), and a minus before the currency ("-kr 5 745,00", "−NOK 5 745,00") as well as
-- after it ("kr -5 745,00").
CREATE OR REPLACE TEMP MACRO usk_num_text_more(s) AS
  regexp_replace(regexp_replace(regexp_replace(replace(replace(lower(s), '\u2212', '-'), '\u2013', '-'), '${SPACE}', '', 'g'), '^(-?)(?:kr\\.?|nok)|(?:kr\\.?|nok)$|,-$', '\\1', 'g'),
    '^(\\d[\\d.,]*)-$', '-\\1');
-- The number in a text through usk_num_text_more: the forms of usk_number below.
CREATE OR REPLACE TEMP MACRO usk_number_of(t) AS CASE
  WHEN regexp_full_match(t, '-?\\d{1,3}(\\.\\d{3})+(,\\d{1,4}0*)?') THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DECIMAL(18,4))
  WHEN regexp_full_match(t, '-?\\d+(,\\d{1,4}0*)?') THEN TRY_CAST(replace(t, ',', '.') AS DECIMAL(18,4))
  WHEN regexp_full_match(t, '-?\\d+\\.\\d{1,4}0*') THEN TRY_CAST(t AS DECIMAL(18,4))
  END;
CREATE OR REPLACE TEMP MACRO usk_number(s) AS CASE
  WHEN regexp_full_match(usk_num_text(s), '-?\\d{1,3}(\\.\\d{3})+(,\\d{1,4}0*)?') THEN TRY_CAST(replace(replace(usk_num_text(s), '.', ''), ',', '.') AS DECIMAL(18,4))
  WHEN regexp_full_match(usk_num_text(s), '-?\\d+(,\\d{1,4}0*)?') THEN TRY_CAST(replace(usk_num_text(s), ',', '.') AS DECIMAL(18,4))
  WHEN regexp_full_match(usk_num_text(s), '-?\\d+\\.\\d{1,4}0*') THEN TRY_CAST(usk_num_text(s) AS DECIMAL(18,4))
  ELSE usk_number_of(usk_num_text_more(s))
  END;
CREATE OR REPLACE TEMP MACRO usk_integer(s) AS CASE WHEN usk_number(s) = floor(usk_number(s)) THEN usk_number(s)::BIGINT END;

-- Dates and times: dd.mm.yyyy, d.m.yyyy, dd.mm.yy (20yy), yyyy-mm-dd; then HH:MM[:SS] after a space
-- or T. The shape (ISO or not, number of colons) picks exactly one strptime format: a list of
-- formats costs DuckDB 25× more. Two-digit years are 20yy; other years before 1900 are invalid.
CREATE OR REPLACE TEMP MACRO usk_ts_shape(s) AS CASE
  WHEN contains(s, '-') THEN CASE length(s) - length(replace(s, ':', ''))
    WHEN 0 THEN try_strptime(s, '%Y-%m-%d')
    WHEN 1 THEN try_strptime(replace(s, 'T', ' '), '%Y-%m-%d %H:%M')
    WHEN 2 THEN try_strptime(replace(regexp_replace(s, ':(\\d{2})[.,]\\d{1,9}$', ':\\1'), 'T', ' '), '%Y-%m-%d %H:%M:%S') END
  ELSE CASE length(s) - length(replace(s, ':', ''))
    WHEN 0 THEN try_strptime(s, '%d.%m.%Y')
    WHEN 1 THEN try_strptime(replace(s, 'T', ' '), '%d.%m.%Y %H:%M')
    WHEN 2 THEN try_strptime(replace(regexp_replace(s, ':(\\d{2})[.,]\\d{1,9}$', ':\\1'), 'T', ' '), '%d.%m.%Y %H:%M:%S') END
  END;
-- The Norwegian way of writing the time, as the usual form ("01.02.2024 10:30"): with a dot
-- ("01.02.2024 10.30"), and after "kl." or "kl" ("01.02.2024 kl. 10.30", "01.02.2024, kl 10:30").
-- A dotted time has hours and minutes only: "01.03.22 10.03.22" is two dates, not 10:03:22.
CREATE OR REPLACE TEMP MACRO usk_ts_clock(s) AS
  regexp_replace(s, '^(${DATE_PART})${CLOCK_SEPARATOR}(\\d{1,2})(?:\\.(\\d{2})|:(\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?))$', '\\1 \\2:\\3\\4');
-- The usual forms first; only a value they do not read, and longer than a date, is tried as above
-- (COALESCE evaluates its second argument only for the rows still NULL).
CREATE OR REPLACE TEMP MACRO usk_ts_raw(s) AS
  coalesce(usk_ts_shape(s), CASE WHEN length(s) > 10 THEN usk_ts_shape(usk_ts_clock(s)) END);
CREATE OR REPLACE TEMP MACRO usk_ts_year(ts, s) AS CASE
  WHEN year(ts) >= 1900 THEN ts
  WHEN year(ts) < 100 AND NOT contains(s, '-') AND regexp_matches(s, '^\\d{1,2}\\.\\d{1,2}\\.\\d{2}(\\D|$)') THEN ts + to_years(2000)
  END;
CREATE OR REPLACE TEMP MACRO usk_timestamp(s) AS usk_ts_year(usk_ts_raw(trim(s)), trim(s));
-- A time is there when a colon is, or a dotted one after the date (usk_ts_clock); a date alone
-- is at most 10 characters, so a value that short needs no regular expression.
CREATE OR REPLACE TEMP MACRO usk_has_time(s) AS CASE WHEN contains(s, ':') THEN true WHEN length(s) <= 10 THEN false
  ELSE regexp_full_match(s, '(?:${DATE_PART})${CLOCK_SEPARATOR}\\d{1,2}\\.\\d{2}') END;

-- A fødselsnummer, D- or H-nummer in a column that is not the patient column (a shifted column, an
-- identifier typed as Oppholds-ID or into a ward's name): 6 + 5 digits, 2+2+2 (as a date: 01.03.45
-- 10403) + 5, or 10 digits whose leading zero was lost, anywhere in the value, with a day
-- and month that can start one (D-nummer day + 40, H-nummer month + 40, synthetic test numbers
-- month + 80) and both mod-11 control digits right (as containsFodselsnummer in db/errors.ts).
-- Random 11-digit ids pass by chance about twice in a thousand. What is a digit and what may stand
-- between groups is db/errors.ts's, shared with the JS checks: full-width digits are read as 0–9
-- (usk_read_digits), and one to three characters that are neither letter nor digit (any space,
-- dash, minus, bracket, punctuation or symbol) separate groups. Digits of other scripts, six or
-- more in a value long enough to hold a fødselsnummer, are a hit in every check
-- (usk_other_digits_hit): they are no one's id, date or amount.
CREATE OR REPLACE TEMP MACRO usk_fnr_digits(d) AS
  regexp_full_match(d, '${FNR_DATE_PATTERN}[0-9]{7}')
  AND ${FNR_CONTROL_WEIGHTS.map((w, k) => controlDigitSql('d', w, 10 + k)).join(' AND ')};
-- usk_fnr_digits names its argument twenty times (the control digits), and a macro's argument is
-- copied wherever it is named, each copy planned: an argument that is more than a name goes in
-- through a lambda (usk_fnr_digits_of), planned once.
CREATE OR REPLACE TEMP MACRO usk_fnr_digits_of(x) AS list_bool_or(list_transform([x], d -> usk_fnr_digits(d)));
CREATE OR REPLACE TEMP MACRO usk_fnr_candidate(d) AS usk_fnr_digits_of(CASE WHEN length(d) = 10 THEN '0' || d ELSE d END);
-- A character for a character, so a value keeps its length; an ASCII value (as many bytes as
-- characters, nearly every one) as it is, since translate costs a lookup per character.
CREATE OR REPLACE TEMP MACRO usk_read_digits(s) AS CASE WHEN strlen(s) = length(s) THEN s ELSE translate(s, '${WIDE_DIGITS}', '0123456789') END;
-- What the separator patterns read (db/errors.ts FNR_SEPARATOR_SQL): the digits as usk_read_digits
-- reads them and, in a value not all ASCII, every letter «a», so that «neither letter nor digit» is
-- the ASCII class [^A-Za-z0-9]; one \\p{L} here instead of a dozen [^\\p{L}…] in the patterns,
-- each of which RE2 takes some 10 ms to build.
CREATE OR REPLACE TEMP MACRO usk_fnr_text(s) AS CASE WHEN strlen(s) = length(s) THEN s
  ELSE regexp_replace(translate(s, '${WIDE_DIGITS}', '0123456789'), '\\p{L}', 'a', 'g') END;
-- Six or more digits of other scripts. Each is two bytes or more in UTF-8, so only a value with six
-- bytes more than characters can hold them: that test first, cheaper than any pattern, and Norwegian
-- and Sami names rarely pass it. A CASE, since DuckDB evaluates both sides of an AND or OR in a
-- select list; a CASE evaluates a branch only for the rows its WHEN lets through.
CREATE OR REPLACE TEMP MACRO usk_other_digits_hit(s) AS CASE WHEN strlen(s) - length(s) >= ${OTHER_DIGITS_HIT}
  THEN length(s) - length(regexp_replace(s, '${OTHER_DIGIT}', '', 'g')) >= ${OTHER_DIGITS_HIT} ELSE false END;
-- An id column: a fødselsnummer written 6 + 5 or 2+2+2 + 5 anywhere in the
-- value, or a run of exactly 11 digits inside it ("X07905049806Y", "2023-07905049806"): separated
-- digit groups are no id's own. Longer runs are the id's own digits. Not 10 digits (a fødselsnummer
-- that lost its leading zero, as free text is searched): random 10-digit ids pass that test 3 times
-- in a thousand, and a system with such ids would lose rows. Each candidate starts where the one
-- before ended (RE2 has no lookbehind), so "1234567 89012" is a run of 7 and one of 5, not 6 + 5.
-- Every form has five digits in a row: a value without them (nearly every id) is no candidate,
-- bar one with digits of other scripts.
CREATE OR REPLACE TEMP MACRO usk_id_has_fnr(s) AS CASE WHEN length(s) >= 11 THEN usk_other_digits_hit(s) OR CASE
  WHEN regexp_matches(s, '${FNR_DIGIT}{5}') THEN coalesce(list_bool_or(list_transform(
    list_transform(regexp_extract_all(usk_fnr_text(s), '[0-9]{2}${FNR_GROUP_GAP_SQL}[0-9]{2}${FNR_GROUP_GAP_SQL}[0-9]{2}${FNR_SEPARATOR_SQL}{0,3}[0-9]{5}|[0-9]{6}${FNR_GROUP_GAP_SQL}[0-9]{5}|[0-9]+'),
      c -> regexp_replace(c, '[^0-9]', '', 'g')),
    d -> length(d) = 11 AND usk_fnr_digits(d))), false)
  ELSE false END ELSE false END;
-- A column of the system's own long numbers (Fakturanr): only a value that is wholly a
-- fødselsnummer, 11 digits or 6 + 5 apart by up to three separators (hence at most 14
-- characters). Random 11-digit numbers pass about twice in
-- a thousand, year-first ones (2023…) never (no month 23); invoice numbers are rarely 11 digits, and
-- a fødselsnummer there (a column mixed up) would otherwise be stored and shown to municipalities.
CREATE OR REPLACE TEMP MACRO usk_whole_is_fnr(s) AS CASE
  WHEN length(s) BETWEEN 11 AND 14 THEN CASE
    WHEN regexp_full_match(trim(usk_fnr_text(s)), '[0-9]{6}${FNR_SEPARATOR_SQL}{0,3}[0-9]{5}')
    THEN usk_fnr_digits_of(regexp_replace(usk_read_digits(s), '[^0-9]', '', 'g'))
    ELSE usk_other_digits_hit(s) END
  ELSE false END;
-- A number column's parsed value that is a fødselsnummer however the cell grouped its digits
-- ("7 905 049 806", "7.905.049.806,00", which no pattern over the text sees): whole, of 10 or 11
-- digits (the leading zero put back), date part and control digits right.
CREATE OR REPLACE TEMP MACRO usk_number_is_fnr(n) AS CASE
  WHEN abs(n) >= 1000000000 AND abs(n) < 100000000000 AND n = trunc(n) THEN usk_fnr_digits_of(lpad(abs(n)::BIGINT::VARCHAR, 11, '0'))
  ELSE false END;
-- A value that is stored because it was rejected (load/chunk.ts), in any column, whatever its form:
-- its digits with every separator dropped (full-width digits read as digits), searched at every
-- position for 11 (or 10, the leading zero lost) that make a fødselsnummer. The patterns above look
-- for the ways people write one; a value that failed to parse can be written any way at all
-- ("7 905 049 806" as a date, "Somatikk 079-050-498-06"), so here any separator counts, letters
-- too; and a birth date with the personnummer after it (usk_date_then_pnr), whose year's century
-- stands between the digits. A false hit only masks a value that was rejected anyway.
CREATE OR REPLACE TEMP MACRO usk_digits_of(s) AS regexp_replace(usk_read_digits(s), '[^0-9]', '', 'g');
CREATE OR REPLACE TEMP MACRO usk_digits_hide_fnr(d) AS length(d) >= 10 AND coalesce(list_bool_or(list_transform(range(0, length(d) - 9),
  i -> usk_fnr_candidate(substr(d, i + 1, 11)) OR usk_fnr_candidate(substr(d, i + 1, 10)))), false);
-- A birth date with a four-digit year, then the personnummer after one to three separators or a
-- label («f. 17.10.1974 pnr 78450», «17.10.1974 78450», «født 17/10/1974, personnr. 78450»), date
-- part and control digits right: db/errors.ts dateBeforePnrPattern, the text the JS masks use, so the
-- load rejects what maskIdentifiers would mask. Not an amount after a date («17.10.1974 kr 78 450»:
-- a word other than a label stops it, and a personnummer is five digits together) nor a time. On
-- text whose full-width digits are read (usk_read_digits). Each match's digit runs are day, month,
-- year and personnummer; each step a lambda of its own, so that usk_fnr_digits, long once
-- expanded, takes a variable and not an expression copied into it twenty times. A pattern is
-- compiled for each use in a statement, and a chunk's statement holds this macro several times
-- (each free-text and number column, for ok and for the reasons): with the separator class
-- written into it fifteen times, as the JS has it, one use cost 20 ms; on the text with every
-- separator made one space first, 2 ms.
CREATE OR REPLACE TEMP MACRO usk_date_then_pnr(t) AS coalesce(list_bool_or(list_transform(list_transform(list_transform(
  regexp_extract_all(regexp_replace(t, '${FNR_SEPARATOR}', ' ', 'g'), '${DATE_THEN_PNR_SQL}', 0, 'i'),
  m -> regexp_extract_all(m, '[0-9]+')),
  g -> CASE WHEN length(g[4]) = 5 THEN lpad(g[1], 2, '0') || lpad(g[2], 2, '0') || right(g[3], 2) || g[4] END),
  d -> usk_fnr_digits(d))), false);
CREATE OR REPLACE TEMP MACRO usk_hides_fnr(s) AS s IS NOT NULL AND (usk_digits_hide_fnr(usk_digits_of(s)) OR usk_other_digits_hit(s) OR usk_date_then_pnr(usk_read_digits(s)));
-- Free text: every run of digit groups apart by one to three separators («17-04-76 30843»,
-- «160663:19877», «2608 3857 616», «221235 - 38726», «(260536) 08484», «100550—44479»), and in it
-- any consecutive groups of 11 digits in all, date part and control digits right; or one run of 10
-- (the leading zero lost); or a birth date and personnummer (usk_date_then_pnr). As maskIdentifiers
-- and containsFodselsnummer find one in text (db/errors.ts).
-- From each group, the whole groups that make 11 digits, if any: one pattern over the groups from
-- there (a space between two), not every window of them by a lambda within a lambda, each with
-- usk_fnr_digits written out over its expression, which cost 2 ms a value of a dozen digits.
CREATE OR REPLACE TEMP MACRO usk_groups_hide_fnr(g) AS coalesce(list_bool_or(list_transform(list_transform(range(1, len(g) + 1),
  i -> replace(regexp_extract(array_to_string(g[i:], ' '), '^[0-9](?: ?[0-9]){10}(?: |$)'), ' ', '')),
  d -> d <> '' AND usk_fnr_digits(d))), false);
-- The cheap tests first, each one that every form above passes: ten characters, and ten digits
-- however far apart (11 in any grouping and in a birth date and personnummer, 1 + 1 + 4 + 5 at the
-- least; 10 for the one that lost its zero). So the prefilter lets no form by unchecked; digits of
-- other scripts have their own test. Ward and municipality names, a date alone (8 digits), a time,
-- an amount under ten digits («kr 10 612,00») stop there; a date with a time (12) goes on, to the
-- groups, some 25 µs a value against the prefilter's 0.1 µs. The prefilter before this
-- (five digits written two, two and one, at most one separator at each join) caught a grouping
-- with one separator between groups of two or more («12 34 56 78 901», «2608 3857 616», «079 050
-- 498 06») but let by one whose groups all have four digits or fewer and meet by two or three
-- separators («2608 - 3857 - 616», «079 / 050 / 498 / 06») or digits one at a time («0 7 9 0 5 0
-- 4 9 8 0 6»), which the JS masks; and it sent every date and amount of ten characters on to the
-- groups. Both macros are false, never NULL, for a value without candidates (list_bool_or of an
-- empty list is NULL): callers negate them.
CREATE OR REPLACE TEMP MACRO usk_looks_like_fnr(s) AS CASE WHEN length(s) >= 10 THEN usk_other_digits_hit(s) OR CASE
  WHEN regexp_matches(s, '${TEN_DIGITS}')
  THEN usk_date_then_pnr(usk_read_digits(s)) OR coalesce(list_bool_or(list_transform(
    regexp_extract_all(usk_fnr_text(s), '[0-9]+(?:${FNR_GROUP_GAP_SQL}[0-9]+)*'),
    c -> (regexp_full_match(c, '[0-9]{10}') AND usk_fnr_candidate(c)) OR usk_groups_hide_fnr(regexp_extract_all(c, '[0-9]+')))), false)
  ELSE false END ELSE false END;

-- Kommunenr: four digits; three digits get their lost leading zero back; a decimal zero from a
-- spreadsheet ("5401.0", "5401,0") goes.
CREATE OR REPLACE TEMP MACRO usk_kommunenr_digits(s) AS regexp_replace(regexp_replace(s, '${SPACE}', '', 'g'), '[.,]0+$', '');
CREATE OR REPLACE TEMP MACRO usk_kommunenr(s) AS CASE
  WHEN regexp_full_match(usk_kommunenr_digits(s), '\\d{4}') THEN usk_kommunenr_digits(s)
  WHEN regexp_full_match(usk_kommunenr_digits(s), '\\d{3}') THEN '0' || usk_kommunenr_digits(s)
  END;

-- Vocabularies take an already lower-cased, trimmed value (CASE x WHEN … re-evaluates x per WHEN).
CREATE OR REPLACE TEMP MACRO usk_fagomrade_lower(s) AS ${caseMap('s', FAGOMRADE_VALUES)};
CREATE OR REPLACE TEMP MACRO usk_event_text_lower(s) AS ${caseMap('s', EVENT_TEXT_VALUES)};
CREATE OR REPLACE TEMP MACRO usk_invoice_type_lower(s) AS ${caseMap('s', INVOICE_TYPE_VALUES)};
-- The same vocabularies for raw text (the validator lower-cases once itself and calls *_lower).
CREATE OR REPLACE TEMP MACRO usk_fagomrade(s) AS usk_fagomrade_lower(lower(usk_text(s)));
-- An OR chain, not IN: DuckDB turns IN into a join computed for every row, even in a CASE branch.
CREATE OR REPLACE TEMP MACRO usk_event_code(s) AS CASE
  WHEN ${EVENT_CODES.map((c) => `upper(ltrim(usk_text(s), '0')) = ${q(c)}`).join(' OR ')} THEN upper(ltrim(usk_text(s), '0')) END;
CREATE OR REPLACE TEMP MACRO usk_event_text(s) AS usk_event_text_lower(lower(usk_text(s)));
CREATE OR REPLACE TEMP MACRO usk_invoice_type(s) AS usk_invoice_type_lower(lower(usk_text(s)));
`;

/**
 * usk_kommune_known(nr): whether the number ever existed (ref_kommune), as one regular expression
 * of every number (RE2 matches four digits in four steps). Neither a join nor an IN list, which
 * DuckDB turns into a join: on rows as wide as a chunk's, those cost ten times more. Made from the
 * loaded reference data at the start of each ingest run.
 */
export async function kommuneMacroSql(db: { json<T>(sql: string): Promise<T[]> }): Promise<string> {
  const numbers = (await db.json<{ k: string }>('SELECT kommunenr AS k FROM ref_kommune ORDER BY kommunenr')).map((r) => r.k);
  if (numbers.some((n) => !/^\d{4}$/.test(n))) throw new Error('ref_kommune: et kommunenummer er ikke fire siffer');
  return `CREATE OR REPLACE TEMP MACRO usk_kommune_known(s) AS ${numbers.length ? `regexp_full_match(s, '${numbers.join('|')}')` : 'false'};`;
}

/** Why a value of each type could not be read: Norwegian, saying what was expected. */
export const PARSE_ERRORS: Record<string, string> = {
  text: 'ugyldig tekst',
  patient: 'pasientfeltet kan ikke leses: forventet et fødselsnummer eller pasientnummer i et vanlig CSV-felt (anførselstegn på feil sted?)',
  kommunenr: 'ugyldig kommunenummer: forventet fire siffer (tre siffer får ledende null)',
  fagomrade: 'ukjent fagområde: forventet Somatikk, Psykisk helsevern eller TSB (også PHV, Psykiatri, Rus)',
  timestamp: 'ugyldig dato/tid: forventet dd.mm.åååå, dd.mm.åå eller åååå-mm-dd, eventuelt med klokkeslett tt:mm, tt:mm:ss eller tt.mm (også etter «kl.»), og en dato som finnes',
  date: 'ugyldig dato: forventet dd.mm.åååå, dd.mm.åå eller åååå-mm-dd, og en dato som finnes',
  integer: 'ugyldig heltall: forventet et helt tall, f.eks. 12 eller −1',
  amount: 'ugyldig beløp: forventet kroner med høyst to desimaler (øre), med desimalkomma, f.eks. «kr 5 306,00»',
  event_code: 'ukjent hendelseskode: forventet 1, 2, 3, 4, 6, 7, 12 eller UT',
  event_text: 'ukjent hendelse: forventet Utskrivningsklar, Varslet kommune, Avmeldt, Kommunen kan (ikke) ta imot, Utskrevet, Kommune varslet om innlagt pasient eller Overføringsklar',
  invoice_type: 'ukjent bilagstype: forventet Faktura, Kreditnota, F eller K',
};
