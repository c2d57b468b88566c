/**
 * Last opp's preview of a file before it is sent: its text decoded as the server would (UTF-8, else
 * Windows-1252), its header found by the server's own rule (pipelines/read/header.ts), the first
 * rows with every patient identifier masked, and why the server would refuse it, said beforehand.
 */
import Papa from 'papaparse';
import { bestProfile, PROFILES, type HeaderMatch } from '../../pipelines/profiles/index.ts';
import { RefusedFileError } from '../../pipelines/read/errors.ts';
import { findHeader, headerAt as headerRecordAt, lackingText, MAX_PREAMBLE_LINES, type HeaderFound } from '../../pipelines/read/header.ts';
import { IDENTIFIER_MASK, maskIdentifiers } from '../../pipelines/db/errors.ts';
import { h } from '../ui/dom.ts';

/** UTF-8 if it decodes strictly, else Windows-1252 (what Excel writes as "ANSI"). */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** What the preview shows of a text file: its header row and first rows, and the profile (or why none). */
export interface Recognised {
  /** The server's own finding (pipelines/read/header.ts), when a profile matches completely. */
  header?: HeaderFound;
  /** The header row shown: the one found, else the first row with more than two cells. */
  cells: string[];
  rows: string[][];
  delimiter: string;
  /** The match behind the columns marked as read (and the patient columns masked). */
  match: HeaderMatch;
  /** Why no profile matches: what the server would refuse the file for, said before sending. */
  problem?: string;
}

/**
 * Finds the header as the server does (findHeader: the first of up to 11 non-blank lines that
 * matches a profile completely), so the preview refuses exactly the files the server would.
 */
export function recognise(lines: readonly string[], rowsShown = 5): Recognised {
  try {
    const header = findHeader('', lines);
    // After the header's last line: a header cell with a line break runs it over more than one.
    const rest = lines.slice(header.line - 1 + header.span).join('\n');
    const rows = Papa.parse<string[]>(rest, { delimiter: header.delimiter, preview: rowsShown, skipEmptyLines: 'greedy' }).data;
    return { header, cells: header.cells, rows, delimiter: header.delimiter, match: header.match };
  } catch (e) {
    if (!(e instanceof RefusedFileError)) throw e;
    // The server names the closest header line when it has a known column: the same line here.
    const reading = e.where.line === undefined || lines[e.where.line - 1] === undefined ? undefined : headerRecordAt(lines, e.where.line - 1);
    const closest = reading?.match;
    const parsed = Papa.parse<string[]>(lines.join('\n'), { preview: 20, skipEmptyLines: 'greedy' });
    const headerAt = Math.max(0, parsed.data.findIndex((r) => r.length > 2));
    const cells = parsed.data[headerAt] ?? [];
    return {
      cells, rows: parsed.data.slice(headerAt + 1, headerAt + 1 + rowsShown), delimiter: parsed.meta.delimiter,
      match: bestProfile(cells),
      // A header with a quote never closed is a known one, badly written: the server's own words say which cell.
      problem: reading?.unclosed && !closest?.missing.length ? `Overskriftsraden kan ikke leses (linje ${e.where.line}): ${e.reason}` : unknownFileText(closest, reading?.cells ?? []),
    };
  }
}

/**
 * The preview's refusal, in the server's terms (findHeader's «ingen profil passer. Nærmest er …»):
 * the closest profile and the columns it lacks, or, when no line comes near one, the known profiles.
 */
export function unknownFileText(closest: HeaderMatch | undefined, cells: readonly string[]): string {
  if (!closest || !closest.missing.length) {
    return `Fant ingen kjent eksport i filen: ingen av de første ${MAX_PREAMBLE_LINES + 1} linjene er en overskriftsrad for en kjent profil (${PROFILES.map((p) => p.name).join(', ')}).`;
  }
  const cols = closest.missing.length === 1 ? 'kolonnen' : 'kolonnene';
  // lackingText, as the server's refusal: a cell named almost like a lacking column, and the cells no column knows.
  return `Fant ingen kjent eksport i filen: nærmest er «${closest.profile.name}», som mangler ${cols} ${lackingText(closest, cells)}.`;
}

/**
 * The preview's lines: a CR without an LF after it ends a line too, as the server reads it
 * (read/csv-bytes.ts loneCrToLf), so a file Excel saved as «CSV (Macintosh)» is previewed whole.
 */
export const previewLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** What a masked identifier shows in the preview. */
export const MASK = IDENTIFIER_MASK;
/** A header that names a patient identifier, whatever the profile (a fallback to the profiles' aliases). */
const PATIENT_HEADER = /f(ø|o|oe)dselsn|fnr|pasient|personn/i;

/**
 * The preview's rows with patient identifiers hidden: every cell of a patient column (the profile's
 * and any other header named like one) and any 11-digit or 6+5-digit number in any other cell.
 * The preview is shown before anything is pseudonymised; it must not show a fødselsnummer.
 */
export function maskPreviewRows(header: readonly string[], rows: readonly string[][], patientColumns: readonly number[] = []): string[][] {
  const masked = new Set(patientColumns);
  header.forEach((c, i) => { if (PATIENT_HEADER.test(c)) masked.add(i); });
  return rows.map((r) => r.map((c, i) => (masked.has(i) ? (c.trim() ? MASK : c) : maskIdentifiers(c))));
}

export function previewTable(header: string[], rows: string[][], found: Set<number>): HTMLElement {
  const head = h('tr', {}, ...header.map((c, i) => h('th', { scope: 'col', class: found.has(i) ? undefined : 'unknown' }, c)));
  const body = rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('caption', {}, 'De første radene'), h('thead', {}, head), h('tbody', {}, ...body)));
}
