/**
 * XLSX workbook (exceljs): a summary sheet with the reconciliation rows and a computed totals row,
 * a sheet with the per-stay detail, a sheet naming the rule set, the filters and how fresh the
 * data is, and one explaining every column. Cells hold real numbers with number formats; rounding is only the format's. Text that
 * Excel would run as a formula once the cell is edited, or the sheet saved as CSV, is neutralised
 * here as in csv.ts, so every door (CLI, HTTP) writes the same safe workbook.
 */
import ExcelJS from 'exceljs';
import type { ReconciliationRow, RuleParams, StayRow } from '../query/contract.ts';
import type { InvoiceLine } from '../query/invoice-lines.ts';
import type { RejectedRow } from '../query/rejected.ts';
import { QueryInputError } from '../query/errors.ts';
import { columnsFor, INVOICE_LINE_COLUMNS, RECONCILIATION_COLUMNS, REJECTED_ROW_COLUMNS, STAY_COLUMNS, type Column, type ColumnKind } from './columns.ts';
import { neutralise } from './csv-safety.ts';

/** The data rows an XLSX sheet holds: Excel's 1 048 576 rows, the header row taken. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

/** Refuses, before anything is written, a selection of more rows (`what`: «opphold», «døgn») than one sheet holds. */
export function assertFitsSheet(rows: number, what: string): void {
  if (rows <= XLSX_MAX_DATA_ROWS) return;
  throw new QueryInputError(`${rows} ${what} er flere enn et XLSX-ark rommer (${XLSX_MAX_DATA_ROWS}): `
    + 'avgrens med --kommune, --fagomrade eller --from/--to, eller bruk CSV');
}

/** Each column kind's cell format (the day export's streamed sheet uses them too: days.ts). */
export const NUMBER_FORMAT: Partial<Record<ColumnKind, string>> = {
  int: '#,##0;-#,##0;0',
  days1: '#,##0.0',
  hours: '#,##0.0',
  kr: '#,##0;-#,##0;0',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
};

/**
 * A row's value as its cell holds it: missing stays missing (e.g. no rate), never 0; a date or a
 * local time a real date cell (Excel has no time zones, so a wall-clock time is stored as if UTC);
 * text as the reader sees it (columns.ts `text`), neutralised.
 */
export function cellValue(c: Column<string>, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (c.kind === 'bool') return v ? 'Ja' : 'Nei';
  if (c.kind === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (c.kind === 'datetime') return new Date(`${String(v)}:00Z`);
  return typeof v === 'string' ? neutralise(c.text?.[v] ?? v) : (v as ExcelJS.CellValue);
}

export interface AboutLine {
  label: string;
  value: string | number;
}

/** A reconciliation row as a publication has it: a suppressed figure is null (prikket). */
export type SummaryRow = { [K in keyof ReconciliationRow]: ReconciliationRow[K] | null };

export interface WorkbookInput {
  summary: readonly SummaryRow[];
  stays: readonly StayRow[];
  about: readonly AboutLine[];
  /** The rule set's parameters the figures were computed with: they name the whole-day columns (columns.ts columnsFor). */
  params: RuleParams;
  /** Per-line sheets for the municipality's controller; left out of a publication (per stay, and rejected values). */
  invoices?: readonly InvoiceLine[];
  rejected?: readonly RejectedRow[];
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addTable<R extends object>(ws: ExcelJS.Worksheet, rows: readonly R[], columns: readonly Column<Extract<keyof R, string>>[], totals: boolean): void {
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length + 2) }));
  columns.forEach((c, i) => {
    const fmt = NUMBER_FORMAT[c.kind];
    if (fmt) ws.getColumn(i + 1).numFmt = fmt;
  });
  for (const r of rows) ws.addRow(columns.map((c) => cellValue(c, r[c.key])));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'bottom', wrapText: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (!totals || rows.length === 0) return;
  // Totals are computed (a formula with its cached result), never typed.
  const last = rows.length + 1;
  const total = ws.addRow(columns.map((c, i) => {
    if (i === 0) return 'Totalt';
    if (c.kind === 'text' || c.kind === 'bool' || c.kind === 'date' || c.summed === false) return null;
    const values = rows.map((r) => r[c.key]);
    if (values.some((v) => v === null)) return null; // a sum with a missing part is missing
    const result = values.reduce<number>((s, v) => s + Number(v), 0);
    const col = columnLetter(i + 1);
    return { formula: `SUM(${col}2:${col}${last})`, result };
  }));
  total.font = { bold: true };
  total.border = { top: { style: 'thin' } };
}

/**
 * The «Regelsett og data» sheet: the rule set, the filters and how fresh the data is. Rows are
 * committed for a streaming workbook (days.ts); on a plain one commit does nothing.
 */
export function addAboutSheet(ws: ExcelJS.Worksheet, lines: readonly AboutLine[]): void {
  ws.columns = [{ header: 'Hva', key: 'label', width: 34 }, { header: 'Verdi', key: 'value', width: 60 }];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const line of lines) ws.addRow([line.label, typeof line.value === 'string' ? neutralise(line.value) : line.value]).commit();
}

/**
 * The «Kolonner» sheet: each sheet's columns with what they hold (columns.ts `about`), so a workbook
 * sent to a municipality explains itself without this repository's documentation. Rows are
 * committed when the sheet belongs to a streaming workbook (days.ts); on a plain one commit does nothing.
 */
export function addColumnSheet(ws: ExcelJS.Worksheet, sheets: ReadonlyArray<{ sheet: string; columns: readonly Column<string>[] }>): void {
  ws.columns = [{ header: 'Ark', key: 'sheet', width: 14 }, { header: 'Kolonne', key: 'header', width: 34 }, { header: 'Forklaring', key: 'about', width: 110 }];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const { sheet, columns } of sheets) {
    for (const c of columns) ws.addRow([sheet, c.header, c.about]).commit();
  }
}

export async function reconciliationWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'USK-analyse';
  wb.lastModifiedBy = 'USK-analyse';
  wb.created = new Date();
  const summaryColumns = columnsFor(RECONCILIATION_COLUMNS, input.params);
  const stayColumns = columnsFor(STAY_COLUMNS, input.params);
  addTable(wb.addWorksheet('Sammendrag'), input.summary, summaryColumns, true);
  addTable(wb.addWorksheet('Opphold'), input.stays, stayColumns, false);
  if (input.invoices) addTable(wb.addWorksheet('Fakturalinjer'), input.invoices, INVOICE_LINE_COLUMNS, true);
  if (input.rejected) addTable(wb.addWorksheet('Avviste rader'), input.rejected, REJECTED_ROW_COLUMNS, false);
  addAboutSheet(wb.addWorksheet('Regelsett og data'), input.about);
  addColumnSheet(wb.addWorksheet('Kolonner'), [
    { sheet: 'Sammendrag', columns: summaryColumns }, { sheet: 'Opphold', columns: stayColumns },
    ...(input.invoices ? [{ sheet: 'Fakturalinjer', columns: INVOICE_LINE_COLUMNS }] : []),
    ...(input.rejected ? [{ sheet: 'Avviste rader', columns: REJECTED_ROW_COLUMNS }] : []),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
