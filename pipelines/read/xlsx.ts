import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Profile } from '../profiles/index.ts';
import { RefusedFileError } from './errors.ts';
import { findHeader } from './header.ts';

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (n: number) => String(n).padStart(2, '0');

/** exceljs hands dates back as UTC instants that carry the sheet's wall-clock time. */
function wallClock(d: Date, withTime: boolean): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function fromSerial(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));
  return wallClock(d, serial % 1 !== 0);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return wallClock(v, /[hHs]/.test(cell.numFmt ?? '') || v.getUTCHours() + v.getUTCMinutes() > 0);
  if (typeof v === 'number') return String(v).replace('.', ','); // decimal comma, as our parsers expect
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) {
    const r = v.result;
    if (r instanceof Date) return wallClock(r, true);
    return r === undefined || r === null || typeof r === 'object' ? '' : String(r);
  }
  if ('text' in v) return String(v.text);
  return '';
}

export interface XlsxConversion {
  sheet: string;
  /** The sheet as UTF-8 CSV, kept in memory: it holds raw identifiers, so it is never written. */
  csv: Buffer;
}

/**
 * Converts one sheet to a `;` CSV whose line n is sheet row n, so every later message names the
 * row the user sees in Excel. Numbers in date columns are Excel serial dates; numeric patient ids
 * that lost their leading zero get it back.
 */
export async function xlsxToCsv(file: string, sheetName: string | undefined, only?: Profile): Promise<XlsxConversion> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw new RefusedFileError(file, `kan ikke lese filen som Excel-arbeidsbok (.xlsx): ${(e as Error).message}`);
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    throw new RefusedFileError(file, sheetName ? `fant ikke arket «${sheetName}» (arkene heter: ${names})` : 'arbeidsboken har ingen ark');
  }
  const rows: string[][] = [];
  const raw: ExcelJS.Row[] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    raw.push(row);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)).replace(/\r?\n/g, ' '));
    rows.push(cells);
  }
  const asLines = rows.map((cells) => (cells.every((c) => c === '') ? '' : Papa.unparse([cells], { delimiter: ';' })));
  const header = findHeader(file, asLines, only);
  for (const col of header.match.profile.columns) {
    const idx = header.match.columns.get(col.key);
    if (idx === undefined) continue;
    for (let r = header.line; r < rows.length; r++) {
      const value = raw[r]!.getCell(idx + 1).value;
      if (typeof value !== 'number') continue;
      if (col.type === 'date' || col.type === 'timestamp') rows[r]![idx] = fromSerial(value);
      if (col.type === 'patient' && Number.isInteger(value) && String(value).length === 10) rows[r]![idx] = `0${value}`;
      if (col.type === 'patient' || col.type === 'text') rows[r]![idx] = Number.isInteger(value) ? String(value) : rows[r]![idx]!;
    }
  }
  const text = rows.map((cells) => (cells.every((c) => c === '') ? '' : Papa.unparse([cells], { delimiter: ';' }))).join('\n');
  return { sheet: sheet.name, csv: Buffer.from(`${text}\n`, 'utf8') };
}
