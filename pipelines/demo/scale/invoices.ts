/**
 * National-scale invoices: one invoice per municipality number, care area and month of the
 * payable dates, issued the 5th of the following month; lines go to the file of the period's year.
 */
import { join } from 'node:path';
import { monthKey, pad2 } from '../calendar.ts';
import { payableSpans, rateOf } from '../invoices.ts';
import type { KommuneRef } from '../kommuner.ts';
import type { Stay } from '../model.ts';
import { FAKTURA_HEADER } from '../rows.ts';
import { fakturaCells } from '../write/files.ts';
import { csvLine } from '../write/format.ts';
import { LineSink } from './sink.ts';

export class InvoiceFiles {
  private readonly sinks = new Map<number, LineSink>();
  private seq = 0;
  lines = 0;

  constructor(
    private readonly dir: string,
    private readonly ref: KommuneRef,
  ) {}

  private sink(year: number): LineSink {
    let s = this.sinks.get(year);
    if (!s) {
      s = new LineSink(join(this.dir, `faktura-${year}.csv`), 'utf8', '\r\n', true);
      s.write(csvLine(FAKTURA_HEADER, ';'));
      this.sinks.set(year, s);
    }
    return s;
  }

  /** Writes the invoice lines of one month's new stays. */
  add(stays: Stay[]): void {
    const groups = new Map<string, string[][]>();
    for (const stay of stays) {
      for (const s of payableSpans(this.ref, stay)) {
        const rate = rateOf(this.ref, s.from);
        const cells = fakturaCells(this.ref, { invoiceNo: '', invoiceDate: 0, nr: stay.nr, stayId: stay.id, fag: stay.fag,
          from: s.from, to: s.to, days: s.days, rate, amount: rate * s.days, type: 'Faktura' });
        const key = `${monthKey(s.from)}|${stay.nr}|${stay.fag}`;
        const list = groups.get(key);
        if (list) list.push(cells);
        else groups.set(key, [cells]);
      }
    }
    for (const key of [...groups.keys()].sort()) {
      const [y = 0, m = 0] = (key.split('|')[0] ?? '').split('-').map(Number);
      this.seq += 1;
      const sink = this.sink(y);
      for (const cells of groups.get(key) ?? []) {
        cells[0] = `${y}${String(this.seq).padStart(7, '0')}`;
        cells[1] = `05.${pad2(m === 12 ? 1 : m + 1)}.${m === 12 ? y + 1 : y}`;
        sink.write(csvLine(cells, ';'));
        this.lines += 1;
      }
    }
  }

  /** Closes every file; returns [files, bytes]. */
  close(): [number, number] {
    let bytes = 0;
    for (const s of this.sinks.values()) {
      s.close();
      bytes += s.bytes;
    }
    return [this.sinks.size, bytes];
  }
}
