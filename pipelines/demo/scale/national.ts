/**
 * National-scale exports for benchmarks (`usk demo --scale national --out DIR`): every municipality
 * of kommuner-2026.csv, ten years, ~150 000 USK stays a year, in the same three formats as the demo.
 * Written month by month: a month's HN-LIS file and invoice lines are complete once the stays that
 * start in it are generated (events never precede their stay), so only open stays stay in memory.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dayOf, pad2 } from '../calendar.ts';
import { loadKommuneRef } from '../kommuner.ts';
import type { Stay } from '../model.ts';
import { PatientPool } from '../people.ts';
import { seasonalDay } from '../placement.ts';
import { Rng } from '../rng.ts';
import { DIPS_HEADER, dipsRows, type EventRow, eventRows, HNLIS_HEADER } from '../rows.ts';
import { csvLine } from '../write/format.ts';
import { buildTimeline } from '../timeline.ts';
import { InvoiceFiles } from './invoices.ts';
import { KommunePicker, pickFag, sampleShape } from './sampler.ts';
import { LineSink } from './sink.ts';

export const NATIONAL_DEFAULTS = { fromYear: 2015, toYear: 2024, staysPerYear: 150_000 } as const;
const SEASON = [1.25, 1.2, 1.1, 1.0, 0.95, 0.9, 1.05, 0.95, 0.95, 1.0, 1.05, 1.0];
const DEPARTMENTS = ['Medisinsk avdeling', 'Kirurgisk avdeling', 'Ortopedisk avdeling', 'Geriatrisk avdeling', 'Nevrologisk avdeling'];

export interface NationalOptions {
  outDir: string;
  fromYear?: number;
  toYear?: number;
  staysPerYear?: number;
  seed?: string;
  /** Each monthly HN-LIS file also repeats the previous month (doubles the event rows). */
  rolling?: boolean;
  log?: (line: string) => void;
}

export interface NationalSummary {
  outDir: string;
  years: string;
  stays: number;
  files: number;
  dipsRows: number;
  eventRows: number;
  invoiceLines: number;
  megabytes: number;
  seconds: number;
}

export async function generateNational(o: NationalOptions): Promise<NationalSummary> {
  const started = performance.now();
  const from = o.fromYear ?? NATIONAL_DEFAULTS.fromYear;
  const to = o.toYear ?? NATIONAL_DEFAULTS.toYear;
  const perYear = o.staysPerYear ?? NATIONAL_DEFAULTS.staysPerYear;
  mkdirSync(o.outDir, { recursive: true });
  const ref = loadKommuneRef();
  const rng = new Rng(o.seed ?? 'usk-national');
  const kommuner = new KommunePicker(ref, rng.fork('weights'));
  const people = new PatientPool(rng.fork('patients'), 400);
  const sum = { stays: 0, files: 0, dips: 0, events: 0, bytes: 0 };
  const close = (s: LineSink) => {
    s.close();
    sum.files += 1;
    sum.bytes += s.bytes;
  };
  const pending = new Map<string, EventRow[]>(); // events of months not yet written
  const invoices = new InvoiceFiles(o.outDir, ref);
  let previous: EventRow[] = [];
  let nextId = 10_000_000;
  for (let year = from; year <= to; year++) {
    const dips = new LineSink(join(o.outDir, `dips-usk-${year}.csv`), 'cp1252', '\r\n');
    dips.write(`Utskrivningsklare pasienter – nasjonalt testuttrekk ${year}`);
    dips.write(`Utskriftsdato: 05.01.${year + 1}`);
    dips.write('');
    dips.write(csvLine(DIPS_HEADER, ';'));
    let total = 0;
    for (let month = 1; month <= 12; month++) {
      const r = rng.fork(`${year}-${month}`);
      const first = dayOf(year, month, 1);
      const lastDay = dayOf(year, month + 1, 1) - 1;
      const count = Math.round((perYear / 12) * (SEASON[month - 1] ?? 1) / 1.0375);
      const stays: Stay[] = [];
      for (let i = 0; i < count; i++) {
        const current = kommuner.pick(r);
        const fag = pickFag(r);
        const shape = sampleShape(r, fag);
        const start = seasonalDay(r, first, lastDay);
        const periods = [{ shape, times: buildTimeline(shape, start, r, { gated: false }) }];
        const revoked = periods[0]!;
        if (r.chance(0.05)) {
          const again = sampleShape(r, fag);
          periods.push({ shape: again, times: buildTimeline(again, revoked.times.end.day + r.int(2, 6), r, { gated: false }) });
        }
        nextId += r.int(1, 9);
        stays.push({
          id: String(nextId), patient: people.patientFor(current, fag, year), nr: r.pick(ref.numbersIn(current, year)), current, fag,
          department: r.pick(DEPARTMENTS), admitted: start - r.int(0, 6), periods, inHnlis: true,
        });
      }
      sum.stays += stays.length;
      for (const stay of stays) {
        for (const row of dipsRows(ref, stay)) {
          dips.write(csvLine(row.cells, ';'));
          total += row.days;
          sum.dips += 1;
        }
        for (const e of eventRows(stay)) {
          const list = pending.get(e.month);
          if (list) list.push(e);
          else pending.set(e.month, [e]);
        }
      }
      invoices.add(stays);
      const ym = `${year}-${pad2(month)}`;
      const events = pending.get(ym) ?? [];
      pending.delete(ym);
      const hn = new LineSink(join(o.outDir, `hnlis-hendelser-${ym}.csv`), 'utf8', '\n');
      hn.write(csvLine(HNLIS_HEADER, ','));
      const asOf = `${month === 12 ? year + 1 : year}-${pad2(month === 12 ? 1 : month + 1)}-01T06:00:00`;
      for (const e of [...(o.rolling ? previous : []), ...r.shuffle(events)]) hn.write(csvLine([...e.cells, asOf], ','));
      sum.events += hn.lines - 1;
      close(hn);
      previous = events;
    }
    dips.write(csvLine(['Sum', '', '', '', '', '', '', '', '', String(total)], ';'));
    close(dips);
    o.log?.(`${year}: ${sum.stays} opphold så langt, ${(sum.bytes / 1e6).toFixed(0)} MB`);
  }
  const [invoiceFiles, invoiceBytes] = invoices.close();
  sum.files += invoiceFiles;
  sum.bytes += invoiceBytes;
  // Events after the last month (stays still open at the end) are left out, as an extract would.
  return {
    outDir: o.outDir, years: `${from}-${to}`, stays: sum.stays, files: sum.files, dipsRows: sum.dips, eventRows: sum.events,
    invoiceLines: invoices.lines, megabytes: Math.round(sum.bytes / 1e6), seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

