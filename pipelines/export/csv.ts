/**
 * CSV for Norwegian Excel: UTF-8 with BOM (so Excel reads æøå), ';' between fields, decimal comma,
 * CRLF. Numbers are written without grouping so Excel reads them as numbers. Hour-based days and
 * hours are written as good as unrounded (up to 9 decimals: the query layer rounds hours to 9,
 * cube-sql.ts reportedHours), so a column summed in Excel gives the dashboard's total at its one
 * decimal; rounded per row, a sum over a few thousand rows drifted by tenths. Amounts carry two
 * (øre, which is what they hold).
 * Text that Excel would run as a formula is neutralised here, so every door (CLI, HTTP) is safe.
 */
import { csvFraction, csvNumber } from '../format/index.ts';
import type { Column } from './columns.ts';
import { neutralise } from './csv-safety.ts';

const BOM = '\ufeff';

function quote(text: string): string {
  return /[;"\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(value: unknown, column: Column<string>): string {
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'int': return csvNumber(Number(value));
    // Up to 9 decimals: the error of a row is at most 5e-10, so a million rows still sum exactly to one decimal.
    case 'days1':
    case 'hours': return csvFraction(Number(value), 9);
    case 'kr': return csvNumber(Number(value), 2);
    case 'bool': return value ? 'Ja' : 'Nei';
    // dd.mm.yyyy: what Norwegian Excel reads as a date.
    case 'date': return String(value).split('-').reverse().join('.');
    // 'YYYY-MM-DDTHH:MM' local → dd.mm.yyyy hh:mm, what Norwegian Excel reads as a date and time.
    case 'datetime': {
      const [date = '', time = ''] = String(value).split('T');
      return `${date.split('-').reverse().join('.')} ${time}`;
    }
    default: return quote(neutralise(column.text?.[String(value)] ?? String(value)));
  }
}

/** The BOM and header line of a CSV (toCsv's first line), for a writer that adds the rows in chunks. */
export function csvHead(columns: readonly Column<string>[], extra: Record<string, string> = {}): string {
  return `${BOM}${[...columns.map((c) => quote(c.header)), ...Object.keys(extra).map(quote)].join(';')}\r\n`;
}

/** Rows as CSV lines, each ended by CRLF, with `extra`'s values as trailing columns (csvHead's). */
export function csvLines<R extends object>(rows: readonly R[], columns: readonly Column<Extract<keyof R, string>>[], extra: Record<string, string> = {}): string {
  const tail = Object.values(extra).map((v) => quote(neutralise(v)));
  return rows.map((r) => `${[...columns.map((c) => cell(r[c.key], c)), ...tail].join(';')}\r\n`).join('');
}

/** Rows → CSV text. `extra` adds constant trailing columns (e.g. the rule set every row used). */
export function toCsv<R extends object>(rows: readonly R[], columns: readonly Column<Extract<keyof R, string>>[], extra: Record<string, string> = {}): string {
  return csvHead(columns, extra) + csvLines(rows, columns, extra);
}
