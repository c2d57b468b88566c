import { patientIndexes, type ColumnSpec, type ColumnType, type HeaderMatch, type Profile } from '../profiles/index.ts';
import { EVENT_CODES } from '../profiles/values.ts';
import { keptAsWritten } from '../profiles/types.ts';
import { PARSE_ERRORS } from './parsers.ts';
import { TWO_DIGIT_MINUTES } from './formats.ts';
import { PSEUDONYM_LENGTH } from '../pseudonym/pseudonym.ts';
import { ROUNDED_MARK } from '../read/line-prefixer.ts';
import { UNSAVED_FORMULA, UNSAVED_FORMULA_MARK, UNSAVED_FORMULA_PATIENT_MARK } from '../read/unsaved-formula.ts';
import { formatInteger } from '../format/index.ts';
import { TOTALS_PATTERN } from '../read/header.ts';
import { sqlString } from '../db/sql.ts';

/**
 * Builds the one query that reads a normalised CSV chunk and yields its rows typed: every profile
 * column parsed, an `ok` flag, and — only for rows that need them — the list of what is wrong
 * (`errors`, which rejects the row) and what is worth a warning (`warns`). Lists are built lazily
 * inside CASE because building them for millions of good rows dominated the load time. The query
 * is used as a relation named `typed` (load/chunk.ts), never materialised whole.
 */
const q = sqlString;

const SQL_TYPE: Record<ColumnType, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR', patient: 'VARCHAR', kommunenr: 'VARCHAR', fagomrade: 'VARCHAR', timestamp: 'TIMESTAMP',
  date: 'DATE', integer: 'BIGINT', amount: 'DECIMAL(14,2)', event_code: 'VARCHAR', event_text: 'VARCHAR', invoice_type: 'VARCHAR',
};

/**
 * The parse of one trimmed cell `n` (NULL when empty). Common shapes take a cheap fast path; the
 * usk_* macros (pipelines/validate/parsers.ts) handle everything else exports.md allows.
 */
function parse(type: ColumnType, n: string, guess: string | undefined): string {
  switch (type) {
    case 'text': return n;
    // The same stay from a CSV («0012345») and an xlsx number cell (12345) must be one key, or a
    // newer export would not replace the older and the stay would count twice. The prefix test
    // first: nearly no id starts with a zero, and it spares them the regular expression.
    case 'id': return `CASE WHEN prefix(${n}, '0') AND length(${n}) > 1 AND regexp_full_match(${n}, '[0-9]+') THEN coalesce(nullif(ltrim(${n}, '0'), ''), '0') ELSE ${n} END`;
    // The reader wrote this column: 32 hex digits, or "?" for a field it could not read for
    // certain, or 32 × "?" for a hole left unfilled (pseudonym/batch.ts). Nothing else can be here,
    // so the check needs no regular expression (which cost a tenth of the typed query).
    case 'patient': return `CASE WHEN length(${n}) = ${PSEUDONYM_LENGTH} AND NOT contains(${n}, '?') THEN ${n} END`;
    case 'kommunenr': return `CASE WHEN regexp_full_match(${n}, '[0-9]{4}') THEN ${n} ELSE usk_kommunenr(${n}) END`;
    case 'fagomrade': return orWithNbspAsSpace(n, (x) => `usk_fagomrade_lower(lower(${x}))`);
    case 'timestamp':
    case 'date': return guess ? `coalesce(${fastTimestamp(n, guess)}, ${orWithNbspAsSpace(n, (x) => `usk_ts_raw(${x})`)})` : orWithNbspAsSpace(n, (x) => `usk_ts_raw(${x})`);
    case 'integer': return `CASE WHEN regexp_full_match(${n}, '-?[0-9]{1,15}') THEN ${n}::BIGINT ELSE usk_integer(${n}) END`;
    // More than two decimals is not an amount in kroner and øre; it is not rounded away.
    case 'amount': return `CASE WHEN usk_number(${n}) = round(usk_number(${n}), 2) THEN TRY_CAST(usk_number(${n}) AS DECIMAL(14,2)) END`;
    case 'event_code': return `CASE WHEN ${EVENT_CODES.map((c) => `${n} = '${c}'`).join(' OR ')} THEN ${n} ELSE usk_event_code(${n}) END`;
    case 'event_text': return orWithNbspAsSpace(n, (x) => `usk_event_text_lower(lower(${x}))`);
    case 'invoice_type': return orWithNbspAsSpace(n, (x) => `usk_invoice_type_lower(lower(${x}))`);
  }
}

/**
 * ISO values of exactly the guessed shape go through DuckDB's cast, ten times cheaper than
 * strptime; the length fixes the shape (zero-padded fields, no offset or fraction), and hour 24,
 * which the cast would roll into the next day, is left to the full parser (which rejects it).
 */
const ISO_CAST_LENGTH: Record<string, number> = {
  '%Y-%m-%dT%H:%M:%S': 19, '%Y-%m-%d %H:%M:%S': 19, '%Y-%m-%dT%H:%M': 16, '%Y-%m-%d %H:%M': 16, '%Y-%m-%d': 10,
};
function fastTimestamp(n: string, guess: string): string {
  // A character compare, not a regular expression: this runs on every row of the column.
  const separator = TWO_DIGIT_MINUTES[guess];
  if (separator) return `CASE WHEN ${n}[-3] = '${separator}' THEN try_strptime(${n}, '${guess}') END`;
  const length = ISO_CAST_LENGTH[guess];
  if (length === undefined) return `try_strptime(${n}, '${guess}')`;
  return `CASE WHEN length(${n}) = ${length} AND NOT contains(${n}, 'T24') AND NOT contains(${n}, ' 24') THEN TRY_CAST(${n} AS TIMESTAMP) END`;
}

/** The spaces a cell is trimmed of: also tabs and no-break spaces (trimmed, firstCell). */
const CELL_SPACE = [' ', '\t', '\u00a0'];
const CELL_SPACE_SQL = q(CELL_SPACE.join(''));

/** Trimmed cell, NULL when empty; the common untouched cell costs no new string. */
/**
 * A cell without the spaces around it: also tabs and no-break spaces (U+00A0), which Excel and
 * report tools leave there and a reader cannot see in a message («N1 » would be another stay than
 * «N1»). Six prefix tests are cheaper than one regular expression on every cell.
 */
function trimmed(c: string): string {
  const ends = CELL_SPACE.map((x) => `prefix(${c}, ${q(x)}) OR suffix(${c}, ${q(x)})`).join(' OR ');
  // ="…" is a tool's way to make Excel keep «0301» or «0012345» as text: the value is inside.
  const inner = `CASE WHEN prefix(${c}, '="') AND suffix(${c}, '"') AND length(${c}) >= 3 THEN ${c}[3:-2] ELSE ${c} END`;
  return `CASE WHEN ${c} = '' OR prefix(${c}, '=') OR ${ends} THEN nullif(trim(${inner}, ${CELL_SPACE_SQL}), '') ELSE ${c} END`;
}

/**
 * A parse that is tried once more with a no-break space inside the value read as a space («Psykisk
 * helsevern», «01.03.2022 10:00»), only where the first try failed and there is one: a replace on
 * every value cost the typed query a sixth more.
 */
const orWithNbspAsSpace = (n: string, parse: (x: string) => string) =>
  `coalesce(${parse(n)}, CASE WHEN contains(${n}, chr(160)) THEN ${parse(`replace(${n}, chr(160), ' ')`)} END)`;

export function stagingColumn(match: HeaderMatch, key: string): string | undefined {
  const i = match.columns.get(key);
  return i === undefined ? undefined : `c${i + 1}`;
}

/**
 * The source's copy of patient column `i` (0-based in the header) as written: blanked by the reader,
 * but for a totals label it kept there (read/line-prefixer.ts), which `subtotal` reads.
 */
export const labelColumn = (i: number) => `l${i + 1}`;

/**
 * Three projections, so that no expression is computed twice per row: n (trimmed cells), p (parsed,
 * timestamps still raw), t (two-digit years and dates settled). Returns their column lists.
 */
function stages(profile: Profile, match: HeaderMatch, guesses: ReadonlyMap<string, string>, unread: readonly UnreadColumn[]): { n: string[]; p: string[]; t: string[] } {
  // Passed through untouched (no per-row cost), as the patient columns' labels.
  const n: string[] = unread.map((u) => `${u.source} AS ${u.name}`);
  const p: string[] = unread.map((u) => u.name);
  const t: string[] = unread.map((u) => u.name);
  for (const col of profile.columns) {
    const s = stagingColumn(match, col.key);
    const k = col.key;
    n.push(s ? (col.type === 'patient' ? `s.${s} AS n_${k}` : `${trimmed(`s.${s}`)} AS n_${k}`) : `NULL::VARCHAR AS n_${k}`);
    const parsed = s ? parse(col.type, `n_${k}`, guesses.get(k)) : `NULL::${col.type === 'date' ? 'TIMESTAMP' : SQL_TYPE[col.type]}`;
    p.push(`n_${k} AS raw_${k}`, `${parsed} AS p_${k}`);
    if (s && col.type === 'patient') {
      // Passed through untouched (no per-row cost); read only for rows that are not loaded.
      n.push(`s.${labelColumn(match.columns.get(k)!)} AS lbl_${k}`);
      p.push(`lbl_${k}`);
      t.push(`lbl_${k}`);
    }
    if (col.type === 'timestamp' || col.type === 'date') {
      // Two-digit years are 20yy; any other year before 1900 is not a date we accept.
      const fixed = `CASE WHEN year(p_${k}) >= 1900 THEN p_${k} WHEN year(p_${k}) < 100 AND regexp_matches(raw_${k}, '^\\d{1,2}\\.\\d{1,2}\\.\\d{2}(\\D|$)') THEN p_${k} + to_years(2000) END`;
      t.push(`raw_${k}`, `${col.type === 'date' ? `(${fixed})::DATE` : fixed} AS ${k}`);
      if (col.type === 'timestamp') t.push(`usk_has_time(raw_${k}) AS ${k}_has_time`);
      // A date column keeps the date only: a time other than midnight is said, not lost unseen
      // (datesWithTime). Midnight is how spreadsheets write a date alone.
      if (col.type === 'date' && s) t.push(`p_${k}::TIME <> TIME '00:00' AS ${k}_time_dropped`);
    } else {
      t.push(`raw_${k}`, `p_${k} AS ${k}`);
    }
  }
  return { n, p, t };
}

const ROUNDED_PATIENT = 'pasientnummeret er et avrundet tall i Excels E-format (f.eks. 1,20699E+10), så sifrene er tapt og to pasienter kan se like ut: '
  + 'forventet hele nummeret; formater kolonnen som tekst i Excel og lagre eller eksporter filen på nytt';

/**
 * 24:00 is refused, not read as 00:00 the next day (as ISO 8601 would): it moves a USK hour across
 * a date, and a month with it, so the source system should write what it meant.
 */
const HOUR_24 = 'klokkeslettet 24:00 leses ikke: forventet 00:00–23:59 (midnatt ved slutten av dagen skrives 00:00 dagen etter)';

/**
 * An amount that is a number, but not one in kroner and øre: more decimals than two (5745,125) are
 * not rounded away, since the figure the source holds is not the one that would be stored.
 */
const AMOUNT_DECIMALS = 'ugyldig beløp: forventet kroner med høyst to desimaler (øre), f.eks. «kr 5 745,13»; verdien har flere desimaler, og den rundes ikke av';

const MAX_INTEGER = 2147483647;
const MAX_AMOUNT = 10_000_000_000;
const TOO_LARGE_AMOUNT = 'beløpet er for stort: forventet under 10 000 000 000 kr';

/** Why a value outside the patient column is rejected as a fødselsnummer (also how load/chunk.ts finds those rows). */
export const FNR_OUTSIDE_PATIENT = 'ser ut som et fødselsnummer (6 + 5 siffer med gyldige kontrollsifre); det hører bare hjemme i pasientkolonnen, som pseudonymiseres: forventet en verdi uten fødselsnummer';

/**
 * The condition under which a number column's value is a fødselsnummer: its text as free text is
 * searched (also 10 digits that lost the leading zero), or its parsed number, however the cell
 * grouped the digits; undefined for a column that is not a number.
 * Dates and times need none: an identifier there does not parse, and its rejected value is masked.
 */
function numberLooksLikeFnr(col: ColumnSpec): string | undefined {
  return col.type === 'integer' || col.type === 'amount' ? `(usk_looks_like_fnr(t.raw_${col.key}) OR usk_number_is_fnr(t.${col.key}))` : undefined;
}

/** Excel's error values, as a cell shows them and as Excel writes them into a CSV. */
const EXCEL_ERRORS = ['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];
const EXCEL_ERROR = 'en feilverdi fra Excel: cellen har ingen verdi (forventet verdien selv; rett formelen eller cellen i regnearket)';

/** Conditions that reject a row for one column, each with its reason. */
function columnFailures(col: ColumnSpec): Array<{ when: string; reason: string }> {
  const raw = `t.raw_${col.key}`;
  const missing = `${raw} IS NULL`;
  const failures: Array<{ when: string; reason: string }> = [];
  if (col.required) failures.push({ when: missing, reason: q('mangler verdi (påkrevd kolonne)') });
  const fnr = numberLooksLikeFnr(col);
  if (keptAsWritten(col.type)) {
    // Never stored in clear outside the patient column, which is pseudonymised (pipelines/pseudonym/).
    const check = { anywhere: 'usk_looks_like_fnr', id: 'usk_id_has_fnr', whole: 'usk_whole_is_fnr' }[col.fnrCheck];
    if (check) failures.push({ when: `${check}(${raw})`, reason: q(FNR_OUTSIDE_PATIENT) });
    // A text column would take Excel's error value as text (a stay «#N/A»); the prefix test first,
    // since this runs on every value. Other types reject it as unreadable already.
    // An OR chain, not IN, which DuckDB plans as a join (parsers.ts usk_event_code).
    // The xlsx reader's mark for a formula saved without its value starts with '#' for this test.
    failures.push({
      when: `(prefix(${raw}, '#') AND (${[...EXCEL_ERRORS, UNSAVED_FORMULA_MARK].map((e) => `${raw} = ${q(e)}`).join(' OR ')}))`,
      reason: `CASE WHEN ${raw} = ${q(UNSAVED_FORMULA_MARK)} THEN ${q(UNSAVED_FORMULA)} ELSE ${q(EXCEL_ERROR)} END`,
    });
  } else {
    // A number column parses an identifier as a number: an amount (07049801070 is 7 049 801 070 kr,
    // under the amount bound) would be stored and shown in clear, and so would a sum with it in it.
    if (fnr) failures.push({ when: fnr, reason: q(FNR_OUTSIDE_PATIENT) });
    const reason = q(PARSE_ERRORS[col.type] ?? 'ugyldig verdi');
    failures.push({
      when: `(NOT ${missing} AND t.${col.key} IS NULL)`,
      // The reader's mark for an identifier Excel rounded (read/line-prefixer.ts) gets its own reason,
      // and so does the hour 24, which some systems write for the end of a day.
      // A formula saved without its value (read/unsaved-formula.ts) has the xlsx reader's mark.
      reason: col.type === 'patient'
        ? `CASE WHEN ${raw} = ${q(ROUNDED_MARK)} THEN ${q(ROUNDED_PATIENT)} WHEN ${raw} = ${q(UNSAVED_FORMULA_PATIENT_MARK)} THEN ${q(UNSAVED_FORMULA)} ELSE ${reason} END`
        : `CASE WHEN ${raw} = ${q(UNSAVED_FORMULA_MARK)} THEN ${q(UNSAVED_FORMULA)} ELSE ${
          col.type === 'timestamp' ? `CASE WHEN regexp_matches(${raw}, '[ T]24[:.]00') THEN ${q(HOUR_24)} ELSE ${reason} END`
          // A number that is no amount: too many decimals, or too large for the column's type.
          : col.type === 'amount' ? `CASE WHEN usk_number(${raw}) <> round(usk_number(${raw}), 2) THEN ${q(AMOUNT_DECIMALS)}
              WHEN usk_number(${raw}) IS NOT NULL THEN ${q(TOO_LARGE_AMOUNT)} ELSE ${reason} END`
          : reason} END`,
    });
  }
  if (col.min !== undefined) failures.push({ when: `t.${col.key} < ${col.min}`, reason: q(`verdien kan ikke være under ${col.min}`) });
  if (col.max !== undefined) failures.push({ when: `t.${col.key} > ${col.max.value}`, reason: q(`verdien er urimelig stor: forventet høyst ${formatInteger(col.max.value)} (${col.max.why})`) });
  // What the source tables hold (db/schema.sql: INTEGER, DECIMAL(12,2)): a larger value, often an
  // identifier in the wrong column, is this row's error, not a failed INSERT of the whole file.
  // Not for an identifier, whose own reason above says what it is.
  const notFnr = fnr ? ` AND NOT ${fnr}` : '';
  if (col.type === 'integer' && !(col.max && col.max.value <= MAX_INTEGER)) failures.push({ when: `abs(t.${col.key}) > ${MAX_INTEGER}${notFnr}`, reason: q('tallet er for stort: forventet høyst 2 147 483 647') });
  if (col.type === 'amount') failures.push({ when: `abs(t.${col.key}) >= ${MAX_AMOUNT}${notFnr}`, reason: q(TOO_LARGE_AMOUNT) });
  if (col.type === 'kommunenr') {
    failures.push({
      when: `(t.${col.key} IS NOT NULL AND NOT usk_kommune_known(t.${col.key}))`,
      reason: `'kommunenummer ' || t.${col.key} || ' har aldri eksistert (forventet et nummer fra SSBs kommuneliste)'`,
    });
  }
  return failures;
}

interface Finding {
  when: string;
  column: string | null; // header as written
  value: string; // SQL
  code: string;
  reason: string; // SQL text expression
}

/**
 * A subtotal row in the middle of a report (delsumrad: «Sum januar;;;;42»), or the totals row of
 * the first of two reports joined into one file, known as the trailing totals row is
 * (read/header.ts isTotalsRow): its first non-empty cell starts with Sum, Totalt, Total, Totalsum
 * or Summer (TOTALS_LABELS). It is no data row, so it gets this reason instead of its missing
 * values, and its figures stay out of the check against the trailing totals row (load/chunk.ts),
 * which they would count twice. Only rows that failed are looked at: a row that loads is data,
 * whatever its first cell. The cells read are all the file's, in the header's order: a patient
 * column as written, which holds nothing but such a label (the reader blanks identifiers), and the
 * columns the profile does not read too, since a report tool writes its label in its own first
 * column («Nr», «Løpenr»); seen in the profile's columns only, such a row was rejected for every
 * value it lacks.
 */
function firstCell(profile: Profile, match: HeaderMatch, unread: readonly UnreadColumn[]): string {
  const cells = [
    ...profile.columns
      .filter((c) => match.columns.has(c.key))
      .map((c) => ({ at: match.columns.get(c.key)!, text: c.type === 'patient' ? `nullif(trim(t.lbl_${c.key}, ${CELL_SPACE_SQL}), '')` : `t.raw_${c.key}` })),
    ...unread.map((u) => ({ at: u.index, text: `nullif(trim(t.${u.name}, ${CELL_SPACE_SQL}), '')` })),
  ].sort((a, b) => a.at - b.at).map((c) => c.text);
  return cells.length > 1 ? `coalesce(${cells.join(', ')})` : (cells[0] ?? 'NULL::VARCHAR');
}

/** A column of the file the profile does not read: carried through the stages for firstCell only. */
interface UnreadColumn {
  index: number;
  name: string;
  /** Its cell in the staging relation: a patient column's label, since its value is a pseudonym there. */
  source: string;
}

function unreadColumns(match: HeaderMatch, cells: readonly string[]): UnreadColumn[] {
  const read = new Set(match.columns.values());
  const patients = new Set(patientIndexes(match, cells));
  return cells.flatMap((_, i) => (read.has(i) ? [] : [{ index: i, name: `x${i + 1}`, source: patients.has(i) ? `s.${labelColumn(i)}` : `s.c${i + 1}` }]));
}

const SUBTOTAL = `regexp_matches(t.first_cell, '${TOTALS_PATTERN}', 'i')`;
const SUBTOTAL_FINDING = `{'column_name': NULL::VARCHAR, 'value': t.first_cell, 'code': 'delsumrad', 'reason': ${q(
  'delsumrad midt i filen (ser ut som en summeringsrad): ikke en datarad, så den er ikke lastet, og tallene i den er ikke med i kontrollen mot summeringsraden til slutt; '
  + 'er to rapporter satt sammen i én fil, er dette summeringsraden til den første',
)}}`;

/** The shape of an entry of `errors` and `warns`. */
const FINDING_TYPE = 'STRUCT(column_name VARCHAR, value VARCHAR, code VARCHAR, reason VARCHAR)';

export interface TypedSql {
  /** WITH … SELECT line, <columns>, ok, errors, warns */
  select: string;
  headerNames: Map<string, string>;
}

/** The warning code for a time in a date column (finding-titles.ts names it). */
export const DATE_TIME_DROPPED = 'klokkeslett-i-datokolonne';

/** The file's date columns: a time written in one is dropped, with a warning. */
function datesWithTime(profile: Profile, match: HeaderMatch): ColumnSpec[] {
  return profile.columns.filter((c) => c.type === 'date' && stagingColumn(match, c.key));
}

/** Whether rows of this file can be warned about (load/chunk.ts reads such rows a second time). */
export function hasWarnings(profile: Profile, match: HeaderMatch): boolean {
  return profile.checks.some((c) => c.severity === 'warning') || datesWithTime(profile, match).length > 0;
}

export function typedSql(
  profile: Profile,
  match: HeaderMatch,
  cells: readonly string[],
  source: string,
  guesses: ReadonlyMap<string, string> = new Map(),
): TypedSql {
  const headerNames = new Map(
    profile.columns.map((c) => {
      const i = match.columns.get(c.key);
      return [c.key, i === undefined ? c.header : (cells[i] ?? c.header)];
    }),
  );
  const name = (key: string) => headerNames.get(key) ?? key;
  const valueOf = (key: string | undefined) => {
    if (!key) return 'NULL::VARCHAR';
    const col = profile.columns.find((c) => c.key === key);
    // The mark of a formula saved without its value is no value the file holds (read/unsaved-formula.ts).
    return col?.type === 'patient' ? `CASE WHEN t.raw_${key} IS NULL OR t.raw_${key} = ${q(UNSAVED_FORMULA_PATIENT_MARK)} THEN NULL ELSE '(maskert)' END`
      : `nullif(t.raw_${key}, ${q(UNSAVED_FORMULA_MARK)})`;
  };
  const message = (text: string, key: string | undefined) => {
    const parts = text.split('{value}').map(q);
    return parts.length > 1 ? parts.join(` || coalesce(${valueOf(key)}, '') || `) : parts[0]!;
  };

  const errors: Finding[] = [
    ...profile.columns
      .filter((c) => match.columns.has(c.key) || c.required)
      .flatMap((c) => columnFailures(c).map((f) => ({ when: f.when, column: name(c.key), value: valueOf(c.key), code: 'kolonne', reason: f.reason }))),
    ...profile.checks
      .filter((c) => c.severity === 'reject')
      .map((c) => ({ when: `(${c.failsWhen})`, column: c.column ? name(c.column) : null, value: valueOf(c.column), code: c.code, reason: message(c.message, c.column) })),
  ];
  const warns: Finding[] = [
    ...profile.checks
      .filter((c) => c.severity === 'warning')
      .map((c) => ({ when: `coalesce(${c.failsWhen}, false)`, column: c.column ? name(c.column) : null, value: valueOf(c.column), code: c.code, reason: message(c.message, c.column) })),
    ...datesWithTime(profile, match).map((c) => ({
      when: `coalesce(t.${c.key}_time_dropped, false)`, column: name(c.key), value: valueOf(c.key), code: DATE_TIME_DROPPED,
      reason: message(`«${name(c.key)}» er en dato, så klokkeslettet i {value} er ikke brukt (bare datoen)`, c.key),
    })),
  ];
  // A Kommunenr that existed but not in the row's year is a warning too; it is given per batch
  // from the loaded rows (load/validity.ts), so that a chunk without rejects is read only once.
  const struct = (f: Finding) =>
    `CASE WHEN ${f.when} THEN {'column_name': ${f.column === null ? 'NULL::VARCHAR' : q(f.column)}, 'value': ${f.value}, 'code': ${q(f.code)}, 'reason': ${f.reason}} END`;
  const list = (fs: Finding[]) => `list_filter([${fs.map(struct).join(',\n          ')}], e -> e IS NOT NULL)`;
  const anyOf = (fs: Finding[]) => (fs.length ? fs.map((f) => `coalesce(${f.when}, false)`).join(' OR ') : 'false');
  const keep = profile.columns.flatMap((c) => [c.key, ...(c.type === 'timestamp' ? [`${c.key}_has_time`] : [])]);
  // Joins are costly on rows this wide: the national rate only for profiles whose checks use it.
  // Stage o decides `ok` once; v (o again, as t, with the rate row as the struct r) builds the
  // lists only for the rows that need them.
  const rateJoin = profile.checks.some((c) => /\br\./.test(c.failsWhen)) ? `LEFT JOIN ref_rate r ON r.year = year(t.${profile.yearFrom})` : '';
  const unread = unreadColumns(match, cells);
  const st = stages(profile, match, guesses, unread);
  const select = `
    WITH s AS (${source}),
    n AS (SELECT s.line, ${st.n.join(', ')} FROM s),
    p AS (SELECT n.line, ${st.p.join(', ')} FROM n),
    t AS (SELECT p.line, ${st.t.join(', ')} FROM p),
    o AS (SELECT t.*, ${rateJoin ? 'r, ' : ''}NOT (${anyOf(errors)}) AS ok FROM t ${rateJoin}),
    u AS (SELECT t.*, CASE WHEN NOT t.ok THEN ${firstCell(profile, match, unread)} END AS first_cell FROM o t),
    v AS (
      SELECT t.*, CASE WHEN NOT t.ok THEN CASE WHEN ${SUBTOTAL} THEN [${SUBTOTAL_FINDING}] ELSE ${list(errors)} END END AS errors,
        ${warns.length ? `CASE WHEN ${anyOf(warns)} THEN ${list(warns)} END` : `NULL::${FINDING_TYPE}[]`} AS warns,
        coalesce(${SUBTOTAL}, false) AS subtotal
      FROM u t
    )
    SELECT line, ${keep.join(', ')}, ok, errors, warns, subtotal FROM v`;
  return { select, headerNames };
}
