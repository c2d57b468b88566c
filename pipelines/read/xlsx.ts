import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import type { Profile } from '../profiles/index.ts';
import { keptAsWritten } from '../profiles/types.ts';
import { RefusedFileError } from './errors.ts';
import { findHeader } from './header.ts';
import { UNSAVED_FORMULA_MARK } from './unsaved-formula.ts';
import { assertUnpackedSize, DAMAGED, NOT_XLSX } from './xlsx-size.ts';

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Day 0 of the 1904 date system (old Mac Excel): 1904-01-01, day 1462 of the 1900 system. */
const EXCEL_1904_EPOCH_MS = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** exceljs hands dates back as UTC instants that carry the sheet's wall-clock time. */
function wallClock(d: Date, withTime: boolean): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Whether a number format shows a time: an h or s outside its quoted text ("kl."), escaped
 * characters and bracketed sections ([Red], [$-414]), elapsed [h] and [ss] counted. A date shown
 * without one is a date only, and is written so: dips-usk compares a date-only Utskrevet by the day,
 * and «2022-03-01 00:00:00» would put a discharge that day before a ready time of 10:00.
 */
export function formatShowsTime(numFmt: string | undefined): boolean {
  return /[hs]/i.test((numFmt ?? '').replace(/"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi, ''));
}

/** How the workbook counts its dates (openWorkbook). */
interface DateSystem {
  date1904: boolean;
  /** What to add to exceljs's Date cells: it knows the 1904 system only by one spelling of it. */
  shiftMs: number;
}

function fromSerial(serial: number, dates: DateSystem): string {
  const d = new Date((dates.date1904 ? EXCEL_1904_EPOCH_MS : EXCEL_EPOCH_MS) + Math.round(serial * DAY_MS));
  return wallClock(d, serial % 1 !== 0);
}

/**
 * A number cell as text with a decimal comma, as our parsers expect. A fraction is cut to the 15
 * significant digits Excel itself shows and computes with: a sum such as 0.1 + 0.2 is stored as
 * 0.30000000000000004, which would be rejected as an amount with more than two decimals (and its
 * long run of digits masked in messages as if it were a fødselsnummer). Whole numbers are kept
 * exactly as stored: ids and serial dates must not change.
 *
 * Noise that survives the cut (2.0000000001 in USK-døgn: 11 significant digits, so Excel holds and
 * computes with it too) is kept and rejected: it is not a whole number, and rounding it here would
 * load a value the cell does not hold. Its reject shows «2,***********»: that is the mask every
 * rejected value gets on a run of 10 digits (db/errors.ts), which a fraction cannot be told apart
 * from, and the decimal comma before it still shows that the value was a fraction.
 */
export function numberText(value: number): string {
  const shown = Number.isInteger(value) ? value : Number(value.toPrecision(15));
  return String(shown).replace('.', ',');
}

/**
 * A cell's value, or its formula's result: a formula is read as a cell holding its result typed in
 * would be (a =DATE(2022;3;1) formatted dd.mm.yyyy is the date 2022-03-01, without a time).
 */
function plainValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  return v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
}

/**
 * A formula saved without its result (unsaved-formula.ts): exceljs gives such a cell as the formula
 * alone, with no `result`, which cellText would read as empty.
 */
function unsavedFormula(v: ExcelJS.CellValue): boolean {
  return v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) && v.result === undefined;
}

function cellText(cell: ExcelJS.Cell, dates: DateSystem): string {
  const v = plainValue(cell.value);
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const d = new Date(v.getTime() + dates.shiftMs);
    return wallClock(d, formatShowsTime(cell.numFmt) || d.getUTCHours() + d.getUTCMinutes() > 0);
  }
  // A formula's sum carries the same float noise as a typed-in value (numberText).
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // An error (#N/A, #VALUE!, also a formula's) as Excel shows it and writes it to a CSV: read as
  // empty, a required cell was rejected as missing, without a word of what it held.
  if ('error' in v) return String(v.error);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return String(v.text);
  return '';
}

/**
 * A patient identifier Excel stored as a number. A fødselsnummer starting with 0 comes back with
 * 10 digits (01017012345 → 1017012345) and gets its zero back, so it is the same identifier as the
 * same patient's in a text cell or a CSV; see pseudonym/identifier.ts. Shorter numbers (DIPS patient
 * numbers) are left as they are.
 */
function patientText(value: number): string {
  const digits = String(value);
  return digits.length === 10 ? `0${digits}` : digits;
}

/** The first bytes of an OLE2 compound file: Excel 97–2003's .xls (and other old Office files). */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes start as an old binary Excel file (.xls), whatever the file is called. */
export function isOldExcel(head: Uint8Array): boolean {
  return OLE2_MAGIC.every((b, i) => head[i] === b);
}

/** An .xlsx is a ZIP archive, and every ZIP archive starts with "PK". */
const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b;

/**
 * Reads the workbook, or refuses the file in words a user can act on: one too large once unpacked
 * (xlsx-size.ts) before it is unpacked, and the rest after trying, since exceljs passes on jszip's
 * English ("Can't find end of central directory"), and reads a ZIP archive without a workbook as
 * a workbook without sheets, which Excel never saves.
 */
async function openWorkbook(file: string): Promise<{ workbook: ExcelJS.Workbook; dates: DateSystem }> {
  const bytes = await readFile(file);
  if (!isZip(bytes)) {
    throw new RefusedFileError(file, `${NOT_XLSX}: filen er ikke et ZIP-arkiv, slik en .xlsx-fil er (forventet en arbeidsbok lagret fra Excel som .xlsx; er det en annen filtype med feil filendelse?)`);
  }
  await assertUnpackedSize(file, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // The cast: exceljs's types predate Node's generic Buffer (as in export.test.ts).
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new RefusedFileError(file, DAMAGED);
  }
  if (workbook.worksheets.length === 0) {
    throw new RefusedFileError(file, `${NOT_XLSX}: ZIP-arkivet har ingen arbeidsbok med ark (forventet en arbeidsbok lagret fra Excel som .xlsx)`);
  }
  const read1904 = workbook.properties?.date1904 === true;
  const date1904 = read1904 || (await declaresDate1904(bytes));
  return { workbook, dates: { date1904, shiftMs: date1904 && !read1904 ? (EXCEL_1904_EPOCH_MS - EXCEL_EPOCH_MS) : 0 } };
}

/**
 * Whether the workbook says it counts dates from 1904 (workbookPr date1904: old Mac Excel's date
 * system, kept by every program that saves the workbook again), in any spelling of a boolean.
 * exceljs takes only "1", as Excel writes it; "true", as LibreOffice writes it, would leave every
 * date 4 years and 1 day early. The archive was read whole by assertUnpackedSize: this part is small.
 */
async function declaresDate1904(bytes: Buffer): Promise<boolean> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== 'xl/workbook.xml') continue;
      const parts: Buffer[] = [];
      for await (const piece of await zip.openReadStreamPromise(entry)) parts.push(piece as Buffer);
      const props = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(Buffer.concat(parts).toString('utf8'))?.[0] ?? '';
      return /\sdate1904\s*=\s*["'](?:1|true)["']/.test(props);
    }
    return false;
  } finally {
    zip.close();
  }
}

/**
 * The sheet the user named (--sheet, or the upload's sheet field): by its exact name, else without
 * regard to case or surrounding spaces («data» for «Data»), as Excel itself treats sheet names,
 * when exactly one sheet is called so. Excel and exceljs refuse two names that differ only in
 * case; should another tool have written them, neither is guessed, and the refusal lists the names.
 */
function chooseSheet(file: string, workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const exact = workbook.getWorksheet(name);
  if (exact) return exact;
  const fold = (n: string) => n.normalize('NFC').trim().toLowerCase();
  const alike = workbook.worksheets.filter((w) => fold(w.name) === fold(name));
  if (alike.length === 1) return alike[0]!;
  const names = workbook.worksheets.map((w) => `«${w.name}»`).join(', ');
  throw new RefusedFileError(file, `fant ikke arket «${name}» (arkene heter: ${names})`);
}

export interface XlsxConversion {
  sheet: string;
  /** The sheet as UTF-8 CSV, kept in memory: it holds raw identifiers, so it is never written. */
  csv: Buffer;
  /** Formulas without a saved value in columns read but not required, read as empty (unsaved-formula.ts). */
  emptyFormulas?: EmptyFormulas;
}

/** How many such cells, and the first (sheet row, header as written). */
export interface EmptyFormulas { cells: number; line: number; column: string }

/**
 * Converts one sheet to a `;` CSV whose line n is sheet row n, so every later message names the
 * row the user sees in Excel. Numbers in date columns are Excel serial dates; numeric patient ids
 * that lost their leading zero get it back.
 */
export async function xlsxToCsv(file: string, sheetName: string | undefined, only?: Profile): Promise<XlsxConversion> {
  const { workbook, dates } = await openWorkbook(file);
  const sheet = sheetName === undefined ? workbook.worksheets[0]! : chooseSheet(file, workbook, sheetName);
  // Only the rows and cells the sheet holds: its dimensions reach the last cell ever used, and one
  // stray value in XFD1048576 would otherwise make 17 billion cells to read. Each row runs to its own
  // last cell; rows shorter than the header are padded below, so the CSV has the header's width.
  const rows: string[][] = [];
  const raw: Array<ExcelJS.Row | undefined> = [];
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    raw[r - 1] = row;
    const cells: string[] = [];
    // A line break in a cell (Alt+Enter) becomes a space, where a CSV keeps it: the reader numbers
    // records by the physical line they start on (line-prefixer.ts), so a quoted line break here
    // would number every later row one past the row Excel shows, and more than MAX_QUOTED_LINES
    // breaks in one cell would be taken for an unclosed quote.
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c), dates).replace(/\r\n?|\n/g, ' '));
    rows[r - 1] = cells;
  });
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  const asLines = rows.map((cells) => (cells.every((c) => c === '') ? '' : Papa.unparse([cells], { delimiter: ';' })));
  let header: ReturnType<typeof findHeader>;
  try {
    header = findHeader(file, asLines, only);
  } catch (e) {
    // The first sheet is often a cover page: name the sheet read and the others to choose from.
    const others = workbook.worksheets.map((w) => w.name).filter((n) => n !== sheet.name);
    if (!(e instanceof RefusedFileError) || others.length === 0) throw e;
    throw new RefusedFileError(e.file, `${e.reason} (i arket «${sheet.name}»; arbeidsboken har også ${others.map((n) => `«${n}»`).join(', ')}: velg arket med usk ingest --sheet, eller feltet sheet ved opplasting)`, e.where);
  }
  const width = header.cells.length;
  for (let r = header.line - 1; r < rows.length; r++) {
    const cells = rows[r]!;
    if (cells.length < width && cells.some((c) => c !== '')) while (cells.length < width) cells.push('');
  }
  let emptyFormulas: EmptyFormulas | undefined;
  for (const col of header.match.profile.columns) {
    const idx = header.match.columns.get(col.key);
    if (idx === undefined) continue;
    for (let r = header.line; r < rows.length; r++) {
      const cell = raw[r]?.getCell(idx + 1).value ?? null;
      if (unsavedFormula(cell)) {
        if (!col.required) {
          // Excel saves a formula whose result is "" (=HVIS(…;"";…)) with an empty value, which exceljs
          // gives as no result at all: in a column that may be empty it is read as empty, and said.
          if (!emptyFormulas) emptyFormulas = { cells: 0, line: r + 1, column: header.cells[idx] ?? col.header };
          emptyFormulas.cells++;
          continue;
        }
        // In the columns read only: elsewhere nothing is read from it, and a preamble or header
        // line with the mark would no longer be what it is.
        const cells = rows[r]!;
        while (cells.length < width) cells.push('');
        cells[idx] = UNSAVED_FORMULA_MARK;
        continue;
      }
      const value = plainValue(cell);
      if (typeof value !== 'number') continue;
      if (col.type === 'date' || col.type === 'timestamp') rows[r]![idx] = fromSerial(value, dates);
      else if (col.type === 'patient' && Number.isInteger(value)) rows[r]![idx] = patientText(value);
      else if (keptAsWritten(col.type) && Number.isInteger(value)) rows[r]![idx] = String(value);
    }
  }
  const text = rows.map((cells) => (cells.every((c) => c === '') ? '' : Papa.unparse([cells], { delimiter: ';' }))).join('\n');
  return { sheet: sheet.name, csv: Buffer.from(`${text}\n`, 'utf8'), ...(emptyFormulas ? { emptyFormulas } : {}) };
}
