/**
 * Invoice lines as UNN's economy system writes them: monthly in arrears, one invoice per
 * municipality, care area and month, one line per stay and period within the month, covering the
 * payable dates (default rules: classify.ts). The sum per municipality and year is therefore the
 * cell's planned invoiced figure; faults.ts adds the deliberate deviations on top.
 */
import { dayOf, monthKey, type Day, ymd } from './calendar.ts';
import { classifyPeriod } from './classify.ts';
import type { KommuneRef } from './kommuner.ts';
import type { InvoiceLine, Stay } from './model.ts';
import type { Rng } from './rng.ts';

export interface Span {
  stay: Stay;
  from: Day;
  to: Day;
  days: number;
}

/** The payable dates of each period, cut at month ends (a line never spans two months); none before the care area's payment start. */
export function payableSpans(ref: Pick<KommuneRef, 'paymentStart'>, stay: Stay): Span[] {
  const spans: Span[] = [];
  for (const p of stay.periods) {
    const payable = classifyPeriod({ ...p.times, paymentStart: ref.paymentStart(stay.fag) }).filter((d) => d.category === 'betalbar').map((d) => d.day);
    for (const day of payable) {
      const last = spans[spans.length - 1];
      if (last && last.stay === stay && last.to === day - 1 && monthKey(last.to) === monthKey(day)) {
        last.to = day;
        last.days += 1;
      } else spans.push({ stay, from: day, to: day, days: 1 });
    }
  }
  return spans;
}

export function rateOf(ref: KommuneRef, day: Day): number {
  const rate = ref.rate(ymd(day).year);
  if (rate === undefined) throw new Error(`no døgnpris for ${ymd(day).year}`);
  return rate;
}

export function buildInvoices(ref: KommuneRef, stays: Stay[], rng: Rng): InvoiceLine[] {
  const groups = new Map<string, Span[]>();
  for (const stay of stays) {
    if (stay.open) continue; // invoiced monthly in arrears, once discharged
    for (const span of payableSpans(ref, stay)) {
      const key = `${monthKey(span.from)}|${stay.writtenNr ?? stay.nr}|${stay.fag}`;
      const list = groups.get(key);
      if (list) list.push(span);
      else groups.set(key, [span]);
    }
  }
  const lines: InvoiceLine[] = [];
  let seq = 0;
  for (const key of [...groups.keys()].sort()) {
    const spans = groups.get(key) ?? [];
    const first = spans[0];
    if (!first) continue;
    const { year, month } = ymd(first.from);
    seq += 1;
    const invoiceNo = `${year}${String(seq).padStart(5, '0')}`;
    const invoiceDate = dayOf(year, month + 1, 1) + rng.int(3, 12);
    for (const s of spans) {
      const rate = rateOf(ref, s.from);
      lines.push({
        invoiceNo, invoiceDate, nr: s.stay.nr, stayId: s.stay.id, fag: s.stay.fag, from: s.from, to: s.to,
        days: s.days, rate, amount: s.days * rate, type: 'Faktura',
      });
    }
  }
  return lines;
}
