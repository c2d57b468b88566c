/**
 * The deliberate faults of the demo (data/demo/README.md lists them and what the user should see).
 * Each is either an extra row that the pipeline rejects, or a change the published figures absorb:
 * registered days always stay the DIPS count, and invoiced days keep their planned sums.
 */
import { monthKey, type Day, ymd } from './calendar.ts';
import type { FaultRecord } from './manifest.ts';
import type { InvoiceLine, Stay } from './model.ts';
import type { Rng } from './rng.ts';


const yearOfStay = (s: Stay) => ymd(s.periods[0]?.times.ready.day ?? 0).year;
const single = (s: Stay) => s.periods.length === 1 ? s.periods[0] : undefined;
const sameMonth = (a: Day, b: Day) => monthKey(a) === monthKey(b);

function pickStays(stays: Stay[], rng: Rng, count: number, test: (s: Stay) => boolean): Stay[] {
  const candidates = stays.filter(test);
  if (candidates.length < count) throw new Error(`faults: only ${candidates.length} candidates, need ${count}`);
  return rng.shuffle([...candidates]).slice(0, count);
}

/** Faults that change stays in the model; run before invoices are built. */
export function applyStayFaults(stays: Stay[], rng: Rng): FaultRecord[] {
  const out: FaultRecord[] = [];
  const plain = (current: string, fag: string, year: number, minDays: number) => (s: Stay) => {
    const p = single(s);
    return !!p && s.current === current && s.fag === fag && yearOfStay(s) === year && p.shape.days >= minDays
      && p.shape.days <= 9 && p.shape.notifyAt === 0 && p.shape.mrAt === null && s.inHnlis && !s.writtenNr
      && sameMonth(p.times.ready.day, p.times.end.day + 1) && sameMonth(p.times.ready.day, p.times.end.day - 1);
  };
  for (const s of pickStays(stays, rng, 1, plain('5501', 'somatikk', 2022, 4))) {
    s.inHnlis = false;
    out.push({ code: 'kun-i-dips', stayId: s.id, what: 'stay in DIPS, no HN-LIS events: all its days uten_tidspunkt, still registered; invoiced, so differanse > 0' });
  }
  const shorter: Array<[string, string, number]> = [['5501', 'somatikk', 2021], ['5503', 'somatikk', 2022], ['5501', 'psykisk-helsevern', 2022]];
  for (const [current, fag, year] of shorter) {
    for (const s of pickStays(stays, rng, 1, plain(current, fag, year, 4))) {
      const p = s.periods[0]!;
      p.eventEnd = { day: p.times.end.day - 1, minute: p.times.end.minute };
      out.push({ code: 'avvik-dips+1', stayId: s.id, what: 'DIPS counts one date more than HN-LIS events span: avvik_dips = 1' });
    }
  }
  for (const [current, fag, year] of [['5501', 'somatikk', 2022], ['5503', 'somatikk', 2021]] as const) {
    for (const s of pickStays(stays, rng, 1, plain(current, fag, year, 4))) {
      const p = s.periods[0]!;
      p.eventEnd = { day: p.times.end.day + 1, minute: 10 * 60 };
      out.push({ code: 'avvik-dips-1', stayId: s.id, what: 'HN-LIS discharge one date after DIPS: avvik_dips = -1' });
    }
  }
  const january2020 = (s: Stay) => s.nr === '5401' && s.fag === 'somatikk' && monthKey(s.periods[0]?.times.ready.day ?? 0) === '2020-01';
  for (const s of pickStays(stays, rng, 2, january2020)) {
    s.nr = '1902';
    out.push({ code: 'kommunenr-utenfor-gyldighet', stayId: s.id, what: "2020 stay written with Tromsø's old number 1902: loads with a warning, counted under Tromsø" });
  }
  for (const s of stays.filter((x) => x.nr === '0901')) {
    s.writtenNr = '901';
    out.push({ code: 'kommunenr-tre-siffer', stayId: s.id, what: "DIPS writes Risør's 0901 as 901: read as 0901, under today's 4201 (Andre kommuner)" });
  }
  return out;
}

function creditNo(line: InvoiceLine, n: number): string {
  return `${ymd(line.from).year}9${String(n).padStart(4, '0')}`;
}

/** Credit notes and wrong amounts; every change keeps each stay's net invoiced days. */
export function applyInvoiceFaults(lines: InvoiceLine[], rate: (year: number) => number, rng: Rng): FaultRecord[] {
  const out: FaultRecord[] = [];
  let n = 0;
  const regular = lines.filter((l) => l.days >= 2);
  for (const l of rng.shuffle([...regular]).slice(0, 12)) {
    l.days += 1;
    l.amount = l.days * l.rate;
    n += 1;
    lines.push({ ...l, invoiceNo: creditNo(l, n), invoiceDate: l.invoiceDate + rng.int(20, 70), days: -1, amount: -l.rate, type: 'Kreditnota' });
    out.push({ code: 'kreditnota-ett-dogn', stayId: l.stayId, what: `invoice ${l.invoiceNo} had one day too many; credited by ${creditNo(l, n)}` });
  }
  for (const l of rng.shuffle(lines.filter((x) => x.type === 'Faktura' && x.days >= 1 && !out.some((f) => f.stayId === x.stayId))).slice(0, 5)) {
    n += 1;
    const credit = creditNo(l, n);
    lines.push({ ...l, invoiceNo: credit, invoiceDate: l.invoiceDate + 30, days: -l.days, amount: -l.amount, type: 'Kreditnota' });
    n += 1;
    lines.push({ ...l, invoiceNo: creditNo(l, n), invoiceDate: l.invoiceDate + 31 });
    out.push({ code: 'kreditert-og-fakturert-pa-nytt', stayId: l.stayId, what: `invoice ${l.invoiceNo} credited in full (${credit}) and issued again (${creditNo(l, n)})` });
  }
  const january2022 = lines.filter((l) => l.type === 'Faktura' && monthKey(l.from) === '2022-01' && l.fag === 'somatikk');
  for (const l of rng.shuffle(january2022).slice(0, 3)) {
    l.rate = rate(2021);
    l.amount = l.days * l.rate;
    out.push({ code: 'feil-dognpris', stayId: l.stayId, what: `January 2022 line priced at the 2021 rate (${l.rate} kr): døgnpris warning, days unaffected` });
  }
  const typo = rng.pick(lines.filter((l) => l.type === 'Faktura' && ymd(l.from).year === 2023));
  typo.amount += 100;
  out.push({ code: 'belop-avviker', stayId: typo.stayId, what: 'Beløp is 100 kr more than days × døgnpris: amount warning' });
  return out;
}

