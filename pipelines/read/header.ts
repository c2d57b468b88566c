import Papa from 'papaparse';
import { bestProfile, compareMatches, lackingColumns, matchProfile, PROFILES, type HeaderMatch, type Profile } from '../profiles/index.ts';
import { nearColumns, unreadCells } from '../profiles/near-match.ts';
import { maskIdentifiers } from '../db/errors.ts';
import { RefusedFileError } from './errors.ts';
import { MONTH_NAMES } from '../format/index.ts';

export const MAX_PREAMBLE_LINES = 10;
const DELIMITERS = [';', ',', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface HeaderFound {
  match: HeaderMatch;
  delimiter: Delimiter;
  /** 1-based physical line of the header. */
  line: number;
  /**
   * Physical lines the header runs over: 1, or more when a quoted cell holds a line break (Excel's
   * Alt+Enter in a header cell). The first data line is `line + span`.
   */
  span: number;
  cells: string[];
  /** Preamble lines above the header (report title, "Utskriftsdato: …", selection criteria). */
  preamble: string[];
  /** A few data rows after the header, split into cells: hints for fast parsing, nothing more. */
  sample: string[][];
}

/**
 * The header of a profile column as the file wrote it («Utskrevet», or an alias such as «Utdato»),
 * for warnings and rejects that name a column: the user looks for it in their own file. The
 * profile's own header when the file has no such column.
 */
export function headerAsWritten(header: HeaderFound, key: string): string {
  const idx = header.match.columns.get(key);
  return (idx !== undefined ? header.cells[idx] : undefined) ?? header.match.profile.columns.find((c) => c.key === key)?.header ?? key;
}

export function splitCells(line: string, delimiter: string): string[] {
  const parsed = Papa.parse<string[]>(line, { delimiter, quoteChar: '"' });
  return (parsed.data[0] ?? []).map((c) => c.trim());
}

/**
 * Physical lines a header record may run over. Alt+Enter in a few header cells makes a few; the
 * same bound as a quoted data record (quoted-records.ts MAX_QUOTED_LINES, not imported: this module
 * is also bundled for the browser), so a stray quote does not take the rest of the sample.
 */
export const MAX_HEADER_LINES = 20;

/**
 * Whether a quoted field is still open at the end of `text`, by the quote rules of DuckDB's reader
 * that the reading pass follows too (csv-bytes.ts walkQuotes, on bytes there): a quote opens a field
 * only where a field starts, "" inside one is a quote, a lone quote closes it. `field`: the 0-based
 * field where the open quote was opened.
 */
function openQuote(text: string, delimiter: string): { open: boolean; field: number; at: number } {
  let inQ = false;
  let fieldStart = true;
  let fields = 0;
  let openedIn = 0;
  let openedAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQ) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQ = false;
      }
    } else if (c === '"') {
      if (fieldStart) {
        inQ = true;
        openedIn = fields;
        openedAt = i;
      }
      fieldStart = false;
    } else {
      fieldStart = c === delimiter;
      if (fieldStart) fields++;
    }
  }
  return { open: inQ, field: openedIn, at: openedAt };
}

/**
 * The header record that starts at lines[i], read with `delimiter`: the line itself, or, when it
 * leaves a quote open (a header cell with a line break), it and the lines after it up to the one
 * that closes the quote, joined by line breaks, as a CSV reader reads a quoted field. Undefined
 * when the quote is still open after MAX_HEADER_LINES lines or at the end of `lines`.
 */
function headerRecord(lines: readonly string[], i: number, delimiter: string): { text: string; span: number } | undefined {
  const first = lines[i]!.replace(/\r$/, '');
  const start = openQuote(first, delimiter);
  if (!start.open) return { text: first, span: 1 };
  let text = first;
  for (let k = i + 1; k < lines.length && k - i < MAX_HEADER_LINES; k++) {
    const next = lines[k]!.replace(/\r$/, '');
    text += `\n${next}`;
    // Read whole again: after the closing quote the line may open another cell with a break.
    if (!openQuote(text, delimiter).open) return { text, span: k - i + 1 };
  }
  return undefined;
}

/**
 * A header's cells: a line break inside a cell (Excel's Alt+Enter) read as a space, as the xlsx
 * reader does (xlsx.ts), so «Antall USK-⏎døgn» is «Antall USK- døgn» and matches as the aliases do
 * (profiles/index.ts normalizeHeader drops spaces and hyphens), and is shown on one line.
 */
function headerCells(text: string, delimiter: string): string[] {
  return withoutTrailingEmpty(splitCells(text, delimiter).map((c) => c.replace(/\s*\n\s*/g, ' ').trim()));
}

export interface HeaderReading {
  match: HeaderMatch;
  delimiter: Delimiter;
  cells: string[];
  /** Physical lines the record runs over (HeaderFound.span). */
  span: number;
  /** Its quote is never closed (headerRecord): the field where it opened. */
  unclosed?: { field: number };
}

/**
 * The record at lines[i] read as a header with each delimiter it holds, over as many lines as an
 * open quote makes it (headerRecord): the closest reading (compareMatches). Undefined when the record
 * holds no delimiter.
 */
export function headerAt(lines: readonly string[], i: number, only?: Profile): HeaderReading | undefined {
  const text = lines[i]!.replace(/\r$/, '');
  let best: HeaderReading | undefined;
  for (const delimiter of DELIMITERS) {
    // Of the whole record: a first cell with a line break leaves its first line without one.
    const record = headerRecord(lines, i, delimiter);
    if (!(record?.text ?? text).includes(delimiter)) continue;
    let reading: HeaderReading | undefined;
    if (record) {
      const cells = headerCells(record.text, delimiter);
      reading = { match: bestProfile(cells, only), delimiter, cells, span: record.span };
    }
    if (!record || (record.span > 1 && reading!.match.missing.length > 0)) {
      // The quote is never closed, or closed only in a line that makes the header no header (a row
      // with a quoted cell): a stray quote. The line is read with it left out, so that a header
      // with a stray quote is known as one (and refused, findHeader), its cells not run together.
      const quote = openQuote(text, delimiter);
      const cells = headerCells(text.slice(0, quote.at) + text.slice(quote.at + 1), delimiter);
      const match = bestProfile(cells, only);
      if (!reading || match.missing.length === 0) reading = { match, delimiter, cells, span: 1, unclosed: { field: quote.field } };
    }
    if (!best || compareMatches(reading!.match, best.match) < 0) best = reading;
  }
  return best;
}

/**
 * How far past the allowed preamble a header is looked for, only to say where it is when the
 * file is refused: a report with a longer preamble than exports.md allows.
 */
const LATE_HEADER_LINES = 50;

/**
 * Finds the header: the first of up to 11 non-blank lines that matches a profile completely, with
 * the delimiter that gives the best match. If none does, the file is refused: when a line further
 * down would have matched, saying so; else naming the closest profile on the closest line (the
 * most of its columns found) and the required columns it lacks, with the cells of that line the
 * profile does not know and which of them is named almost like a column it lacks (lackingText);
 * when no line holds a single known column, naming the columns each profile requires.
 */
export function findHeader(file: string, lines: readonly string[], only?: Profile): HeaderFound {
  let closest: { match: HeaderMatch; line: number; cells: readonly string[] } | undefined;
  let seen = 0;
  let i = 0;
  for (; i < lines.length && seen <= MAX_PREAMBLE_LINES; i++) {
    const text = lines[i]!.replace(/\r$/, '');
    if (text.trim() === '') continue;
    seen++;
    const best = headerAt(lines, i, only);
    if (best && best.match.missing.length === 0) {
      if (best.unclosed) throw unclosedHeader(file, best, i + 1);
      const preamble = lines.slice(0, i).map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
      const sample = lines
        .slice(i + best.span, i + best.span + 40)
        .filter((l) => l.trim() !== '' && !l.includes('"'))
        .map((l) => splitCells(l.replace(/\r$/, ''), best.delimiter));
      return { match: best.match, delimiter: best.delimiter, line: i + 1, span: best.span, cells: best.cells, preamble, sample };
    }
    // A line without a delimiter is one cell: a file of one column is near a profile too.
    const cells = best?.cells ?? splitCells(text, ';');
    const match = best?.match ?? bestProfile(cells, only);
    if (!closest || compareMatches(match, closest.match) < 0) closest = { match, line: i + 1, cells };
  }
  if (seen === 0) throw new RefusedFileError(file, 'filen er tom (forventet en overskriftsrad og datarader)');
  const late = lateHeader(lines, i, only);
  if (late) {
    throw new RefusedFileError(
      file,
      `overskriftsraden for «${late.profile}» står først på linje ${late.line}, etter ${late.before} linjer som ikke er tomme: forventet høyst ${MAX_PREAMBLE_LINES} linjer over overskriftsraden (rapporttittel, utskriftsdato, utvalg); fjern linjene over den som ikke trengs, og prøv igjen`,
      { line: late.line },
    );
  }
  // A line with a known column is near enough to name what it lacks.
  const near = closest && closest.match.columns.size >= 1 ? closest : undefined;
  if (only) {
    // The user chose the profile (--profile): say the file does not fit it, not which one is "nearest".
    const missing = near
      ? `: disse kolonnene mangler: ${lackingText(near.match, near.cells)}`
      : `: fant ingen overskriftsrad for den blant de første ${MAX_PREAMBLE_LINES + 1} linjene (forventet kolonnene ${requiredColumns(only)})`;
    throw new RefusedFileError(file, `filen passer ikke profilen «${only.name}» som er valgt${missing}`, near ? { line: near.line } : {});
  }
  if (near) {
    throw new RefusedFileError(
      file,
      `ingen profil passer. Nærmest er «${near.match.profile.name}», men disse kolonnene mangler: ${lackingText(near.match, near.cells)}`,
      { line: near.line },
    );
  }
  // No known column anywhere: any profile named "nearest" would be a guess, so each says what it needs.
  throw new RefusedFileError(
    file,
    `fant ingen overskriftsrad som passer en kjent profil blant de første ${MAX_PREAMBLE_LINES + 1} linjene: ingen av kolonnenavnene er kjent (forventet ${PROFILES.map((p) => `for ${p.name}: ${requiredColumns(p)}`).join('; ')})`,
  );
}

/**
 * A header whose quote is never closed: read on, every line after it would be part of its last
 * cell (DuckDB reads it so), so the file is refused, naming the cell, rather than loaded wrong.
 */
function unclosedHeader(file: string, header: HeaderReading, line: number): RefusedFileError {
  const field = header.unclosed!.field;
  const cell = header.cells[field]?.trim() ?? '';
  return new RefusedFileError(
    file,
    `overskriftsraden har et anførselstegn (") foran ${cell ? `«${cell}» ` : ''}(kolonne ${field + 1}) som aldri lukkes, så resten av filen ville blitt lest som en del av overskriften: lukk anførselstegnet i overskriften (eller fjern det) og prøv igjen`,
    { line },
  );
}

/** At most this many unrecognised header cells are named in a refusal: a wide export may have dozens. */
const UNRECOGNISED_SHOWN = 10;

/**
 * The required columns a header lacks, each with the header cell named almost like it
 * (profiles/near-match.ts), and then the cells the profile does not know: what the user has to
 * rename is among them. «Tidspunkt (kolonnen «Tidspkt» ligner). Kolonnen «Merknad» er ikke gjenkjent».
 * A cell may hold anything a line above the data holds, so it is masked as every message is.
 */
export function lackingText(match: HeaderMatch, cells: readonly string[]): string {
  const quote = (i: number) => `«${maskIdentifiers(cells[i]!.trim())}»`;
  const lacking = lackingColumns(match);
  const near = nearColumns(match, cells, lacking.flatMap((l) => l.columns));
  const missing = lacking.map((l) => {
    const like = near.filter((n) => l.columns.includes(n.column)).map((n) => quote(n.cell));
    return like.length ? `${l.name} (${like.length === 1 ? 'kolonnen' : 'kolonnene'} ${like.join(' og ')} ligner)` : l.name;
  });
  const named = new Set(near.map((n) => n.cell));
  const others = unreadCells(match, cells).filter((i) => !named.has(i)).map(quote);
  if (!others.length) return missing.join(', ');
  const shown = others.length > UNRECOGNISED_SHOWN ? `${others.slice(0, UNRECOGNISED_SHOWN).join(', ')} og ${others.length - UNRECOGNISED_SHOWN} til` : others.join(', ');
  return `${missing.join(', ')}. ${others.length === 1 ? 'Kolonnen' : 'Kolonnene'} ${shown} er ikke gjenkjent`;
}

/** The columns a profile requires, as a refusal names them ("Hendelseskode eller Hendelse" for a choice). */
const requiredColumns = (profile: Profile): string => matchProfile(profile, []).missing.join(', ');

/**
 * A complete header among the lines after the allowed preamble (from index `from`, at most
 * LATE_HEADER_LINES non-blank ones): its 1-based line, profile, and how many non-blank lines stand
 * above it. Read only for a file that is refused.
 */
function lateHeader(lines: readonly string[], from: number, only?: Profile): { line: number; profile: string; before: number } | undefined {
  let before = lines.slice(0, from).filter((l) => l.replace(/\r$/, '').trim() !== '').length;
  for (let i = from, looked = 0; i < lines.length && looked < LATE_HEADER_LINES; i++) {
    const text = lines[i]!.replace(/\r$/, '');
    if (text.trim() === '') continue;
    looked++;
    const best = headerAt(lines, i, only);
    if (best && best.match.missing.length === 0) return { line: i + 1, profile: best.match.profile.name, before };
    before++;
  }
  return undefined;
}

/**
 * A header that ends in a delimiter (Excel writes "…;USK-døgn;") has no column after it: the rows
 * under it are read with or without that trailing delimiter, as DuckDB reads them.
 */
function withoutTrailingEmpty(cells: string[]): string[] {
  let n = cells.length;
  while (n > 1 && cells[n - 1]!.trim() === '') n--;
  return n === cells.length ? cells : cells.slice(0, n);
}

/**
 * Preamble labels of the export's as-of time, strongest first: when the report was printed or the
 * extract run. "Uttrekk" alone comes last, since reports also use it for the selection period.
 */
const AS_OF_LABELS = ['utskriftsdato', 'uttrekkstidspunkt', 'uttrekksdato', 'rapportdato', 'kjøretidspunkt', 'kjørt', 'generert', 'uttrekk'];
const DATE = String.raw`(\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\s*(?:${MONTH_NAMES.join('|')})\s+\d{4})`;
/** A time after the date; not the start of another date ("01.03.2022 31.03.2022"), and hours 0–23. */
const TIME = String.raw`(?:(?:[ T]|,?\s+kl\.?\s*)([01]?\d|2[0-3])[:.]([0-5]\d)(?::([0-5]\d))?(?![.:]?\d))?`;
/**
 * Another date shortly after it makes a period ("01.03.2022 - 31.03.2022", "01.03.2022 t.o.m.
 * 31.03.2022", or the cells of a report Excel saved again: "01.03.2022;-;31.03.2022"): a selection,
 * not an as-of.
 */
const RANGE_AFTER = new RegExp(String.raw`^[\s;,\t"]*(?:(?:-|–|—|til|t\.?\s?o\.?\s?m\.?)[\s;,\t"]*)?(?:\d{1,2}\.|\d{4}-|\d{1,2}\.\s*(?:${MONTH_NAMES.join('|')}))`, 'i');

/**
 * "Utskriftsdato: 05.01.2023" and similar in a preamble: the export's as-of time, as written
 * ("05.01.2023 kl. 14:30" as "05.01.2023 14:30", so the time is not lost; "5. april 2022" as
 * "05.04.2022"). The label may be followed by the cells of a report Excel saved again
 * ("Utskriftsdato:;05.04.2022;;;"). A period ("Uttrekk: 01.03.2022 - 31.03.2022") is the
 * report's selection and is passed over; of several labels, the strongest wins (AS_OF_LABELS).
 */
export function asOfFromPreamble(preamble: readonly string[]): string | undefined {
  for (const label of AS_OF_LABELS) {
    // The label may end a longer word ("Datauttrekk", "Rapportens utskriftsdato").
    const pattern = new RegExp(String.raw`${label}\s*[:=]?[\s;,\t"]*${DATE}${TIME}`, 'iu');
    for (const line of preamble) {
      const m = pattern.exec(line);
      if (!m || RANGE_AFTER.test(line.slice(m.index + m[0].length))) continue;
      const date = numericDate(m[1]!);
      return m[2] === undefined ? date : `${date} ${m[2]}:${m[3]}${m[4] ? `:${m[4]}` : ''}`;
    }
  }
  return undefined;
}

/** "5. april 2022" as "05.04.2022"; other forms as written. */
const WORDED_DATE = new RegExp(String.raw`^(\d{1,2})\.\s*(${MONTH_NAMES.join('|')})\s+(\d{4})$`, 'i');
function numericDate(text: string): string {
  const m = WORDED_DATE.exec(text);
  if (!m) return text;
  return `${m[1]!.padStart(2, '0')}.${String(MONTH_NAMES.indexOf(m[2]!.toLowerCase() as (typeof MONTH_NAMES)[number]) + 1).padStart(2, '0')}.${m[3]}`;
}

/**
 * The first words of a totals row (exports.md: Sum, Totalt, Total), matched as a whole word; the
 * row may go on ("Sum totalt", "Totalt sum", "Sum mars"). Totalsum and Summer are words of their
 * own, which Sum and Total as whole words do not reach. line-prefixer.ts knows them in the patient
 * column too.
 */
export const TOTALS_LABELS = ['sum', 'totalt', 'total', 'totalsum', 'summer'] as const;
/** A cell that starts a totals row, case-insensitive: the same pattern in JS here and in RE2 (validate/typed.ts). */
export const TOTALS_PATTERN = `^(${TOTALS_LABELS.join('|')})\\b`;
const TOTALS = new RegExp(TOTALS_PATTERN, 'i');

/** A trailing totals row: its first non-empty cell starts with one of TOTALS_LABELS. */
export function isTotalsRow(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim() !== '');
  return first !== undefined && TOTALS.test(first.trim());
}
