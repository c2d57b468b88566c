/**
 * Writes the three export formats the way their source systems do (exports.md):
 *   dips-usk-YYYY.csv        Windows-1252, `;`, CRLF, report preamble, a "Sum" row; one per year
 *   hnlis-hendelser-YYYY-MM  UTF-8, `,`, LF, ISO timestamps, rows shuffled, each month's file also
 *                            repeating the previous month's events (a rolling extract), with Uttrekk
 *   faktura-YYYY.csv         UTF-8 with BOM, `;`, CRLF, decimal comma, "kr" amounts, NBSP thousands
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOf, noDate, pad2 } from '../calendar.ts';
import type { KommuneRef } from '../kommuner.ts';
import type { InvoiceLine } from '../model.ts';
import type { Rng } from '../rng.ts';
import { DIPS_FAG, DIPS_HEADER, type DipsRow, type EventRow, FAKTURA_HEADER, HNLIS_HEADER } from '../rows.ts';
import { encodeCp1252 } from './cp1252.ts';
import { csvLine, krAmount, noAmount } from './format.ts';

export function dipsFileName(year: number): string {
  return `dips-usk-${year}.csv`;
}

export function writeDips(dir: string, year: number, rows: DipsRow[]): string {
  const sorted = [...rows].sort((a, b) => dateKey(a.cells[7]) - dateKey(b.cells[7]) || (a.cells[0] ?? '').localeCompare(b.cells[0] ?? ''));
  const total = sorted.reduce((s, r) => s + r.days, 0);
  const lines = [
    'Utskrivningsklare pasienter – Universitetssykehuset Nord-Norge HF',
    `Utskriftsdato: ${noDate(dayOf(year + 1, 1, 5))}`,
    `Utvalg: Utskrivningsklar 01.01.${year}–31.12.${year} (alle fagområder og kommuner)`,
    '',
    csvLine(DIPS_HEADER, ';'),
    ...sorted.map((r) => csvLine(r.cells, ';')),
    csvLine(['Sum', '', '', '', '', '', '', '', '', String(total)], ';'),
  ];
  const name = dipsFileName(year);
  writeFileSync(join(dir, name), encodeCp1252(lines.join('\r\n') + '\r\n'));
  return name;
}

/** dd.mm.yyyy (possibly impossible, e.g. a fault's 31.02) → sortable number. */
function dateKey(text: string | undefined): number {
  const [d = '0', m = '0', y = '0'] = (text ?? '').split('.');
  return Number(y) * 10_000 + Number(m) * 100 + Number(d);
}

const nextMonth = (month: string): string => {
  const [y = 0, m = 0] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`;
};

/** Monthly rolling extracts from `first` to `last` (YYYY-MM, inclusive); `lastAsOf` for the last one if it was taken early. */
export function writeHnlis(dir: string, events: EventRow[], first: string, last: string, rng: Rng, lastAsOf?: string): string[] {
  const byMonth = new Map<string, EventRow[]>();
  for (const e of events) {
    const list = byMonth.get(e.month);
    if (list) list.push(e);
    else byMonth.set(e.month, [e]);
  }
  const names: string[] = [];
  let previous: string | null = null;
  for (let month = first; month <= last; month = nextMonth(month)) {
    // Each extract is taken the morning after its month; the last one early, days into its month.
    const asOf = month === last && lastAsOf ? lastAsOf : `${nextMonth(month)}-01T06:00:00`;
    const rows = [...(previous ? byMonth.get(previous) ?? [] : []), ...(byMonth.get(month) ?? [])];
    rng.shuffle(rows); // a warehouse extract has no useful order
    const text = [csvLine(HNLIS_HEADER, ','), ...rows.map((r) => csvLine([...r.cells, asOf], ','))].join('\n') + '\n';
    const name = `hnlis-hendelser-${month}.csv`;
    writeFileSync(join(dir, name), text, 'utf8');
    names.push(name);
    previous = month;
  }
  return names;
}

export function fakturaCells(ref: KommuneRef, l: InvoiceLine, nrAsWritten = l.nr): string[] {
  return [l.invoiceNo, noDate(l.invoiceDate), nrAsWritten, ref.name(l.nr), l.stayId ?? '', DIPS_FAG[l.fag], noDate(l.from),
    noDate(l.to), String(l.days), noAmount(l.rate), krAmount(l.amount), l.type];
}

/** One file per Fakturadato year; extra rows (faults) are written as given. */
export function writeFaktura(dir: string, year: number, rows: string[][]): string {
  const text = [csvLine(FAKTURA_HEADER, ';'), ...rows.map((r) => csvLine(r, ';'))].join('\r\n') + '\r\n';
  const name = `faktura-${year}.csv`;
  writeFileSync(join(dir, name), '\uFEFF' + text, 'utf8');
  return name;
}
