/**
 * The worked examples of examples.md, from export file text (hnlis-hendelser, dips-usk, faktura,
 * written the way the source systems write them) through ingestFiles() to the reconciliation
 * figures, the per-stay detail and the day-by-day strip, under each rule variant named there.
 *
 * Each case gets its own municipality so that its reconciliation row is its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from '../load/fixtures.ts';
import { formatDecimal } from '../format/index.ts';
import { bridgeSum, reconcile, stayDays, stays, type ReconcileQuery, type ReconciliationRow } from './index.ts';

type Code = '2' | '3' | '4' | '7' | 'UT';
interface Case {
  stay: string;
  kommunenr: string;
  events: Array<[Code, string]>; // local 'dd.mm.yyyy HH:MM'
  asOf?: string;
  dips: Array<{ ready: string; discharged: string; days: number }>;
  /** examples.md "dates: hours → category" */
  days: Array<[string, number, string]>;
  registrert: number;
  betalbar: number;
  timer: number;
  timebasert: string; // as displayed, one decimal
}

const CASES: Record<string, Case> = {
  A: { stay: 'A', kommunenr: '5401', events: [['2', '01.03.2022 10:00'], ['3', '01.03.2022 10:00'], ['UT', '04.03.2022 11:00']],
    dips: [{ ready: '01.03.2022 10:00', discharged: '04.03.2022 11:00', days: 4 }],
    days: [['2022-03-01', 14, 'forste_dogn'], ['2022-03-02', 24, 'betalbar'], ['2022-03-03', 24, 'betalbar'], ['2022-03-04', 11, 'betalbar']],
    registrert: 4, betalbar: 3, timer: 73, timebasert: '3,0' },
  B: { stay: 'B', kommunenr: '5402', events: [['2', '10.05.2022 09:00'], ['3', '10.05.2022 09:00'], ['7', '13.05.2022 08:00'], ['UT', '14.05.2022 12:00']],
    dips: [{ ready: '10.05.2022 09:00', discharged: '14.05.2022 12:00', days: 5 }],
    days: [['2022-05-10', 15, 'forste_dogn'], ['2022-05-11', 24, 'betalbar'], ['2022-05-12', 24, 'betalbar'], ['2022-05-13', 24, 'kommune_klar'], ['2022-05-14', 12, 'kommune_klar']],
    registrert: 5, betalbar: 2, timer: 71, timebasert: '3,0' },
  C: { stay: 'C', kommunenr: '5403', events: [['2', '01.06.2022 08:00'], ['3', '03.06.2022 14:00'], ['UT', '05.06.2022 10:00']],
    dips: [{ ready: '01.06.2022 08:00', discharged: '05.06.2022 10:00', days: 5 }],
    days: [['2022-06-01', 16, 'ikke_varslet'], ['2022-06-02', 24, 'ikke_varslet'], ['2022-06-03', 24, 'forste_dogn'], ['2022-06-04', 24, 'betalbar'], ['2022-06-05', 10, 'betalbar']],
    registrert: 5, betalbar: 2, timer: 44, timebasert: '1,8' },
  D: { stay: 'D', kommunenr: '5405', events: [['2', '01.07.2022 12:00'], ['UT', '03.07.2022 12:00']],
    dips: [{ ready: '01.07.2022 12:00', discharged: '03.07.2022 12:00', days: 3 }],
    days: [['2022-07-01', 12, 'ikke_varslet'], ['2022-07-02', 24, 'ikke_varslet'], ['2022-07-03', 12, 'ikke_varslet']],
    registrert: 3, betalbar: 0, timer: 0, timebasert: '0,0' },
  E: { stay: 'E', kommunenr: '5406', events: [['2', '25.03.2023 20:00'], ['3', '25.03.2023 20:00'], ['UT', '27.03.2023 08:00']],
    dips: [{ ready: '25.03.2023 20:00', discharged: '27.03.2023 08:00', days: 3 }],
    days: [['2023-03-25', 4, 'forste_dogn'], ['2023-03-26', 23, 'betalbar'], ['2023-03-27', 8, 'betalbar']],
    registrert: 3, betalbar: 2, timer: 35, timebasert: '1,5' },
  F: { stay: 'F', kommunenr: '5411', events: [['2', '28.10.2023 22:00'], ['3', '28.10.2023 22:00'], ['UT', '30.10.2023 01:00']],
    dips: [{ ready: '28.10.2023 22:00', discharged: '30.10.2023 01:00', days: 3 }],
    days: [['2023-10-28', 2, 'forste_dogn'], ['2023-10-29', 25, 'betalbar'], ['2023-10-30', 1, 'betalbar']],
    registrert: 3, betalbar: 2, timer: 28, timebasert: '1,2' },
  G: { stay: 'G', kommunenr: '5412', events: [['2', '30.12.2022 15:00'], ['3', '30.12.2022 15:00'], ['UT', '02.01.2023 09:00']],
    dips: [{ ready: '30.12.2022 15:00', discharged: '02.01.2023 09:00', days: 4 }],
    days: [['2022-12-30', 9, 'forste_dogn'], ['2022-12-31', 24, 'betalbar'], ['2023-01-01', 24, 'betalbar'], ['2023-01-02', 9, 'betalbar']],
    registrert: 4, betalbar: 3, timer: 66, timebasert: '2,8' },
  H: { stay: 'H', kommunenr: '5413',
    events: [['2', '01.09.2022 10:00'], ['3', '01.09.2022 10:00'], ['4', '03.09.2022 09:00'], ['2', '05.09.2022 11:00'], ['3', '05.09.2022 12:00'], ['UT', '06.09.2022 10:00']],
    dips: [{ ready: '01.09.2022 10:00', discharged: '', days: 3 }, { ready: '05.09.2022 11:00', discharged: '06.09.2022 10:00', days: 2 }],
    days: [['2022-09-01', 14, 'forste_dogn'], ['2022-09-02', 24, 'betalbar'], ['2022-09-03', 9, 'betalbar'], ['2022-09-05', 13, 'forste_dogn'], ['2022-09-06', 10, 'betalbar']],
    registrert: 5, betalbar: 3, timer: 69, timebasert: '2,9' },
  I: { stay: 'I', kommunenr: '5414', events: [['2', '10.02.2022 08:00'], ['3', '10.02.2022 08:00'], ['UT', '12.02.2022 00:00']],
    dips: [{ ready: '10.02.2022 08:00', discharged: '12.02.2022 00:00', days: 2 }],
    days: [['2022-02-10', 16, 'forste_dogn'], ['2022-02-11', 24, 'betalbar']],
    registrert: 2, betalbar: 1, timer: 40, timebasert: '1,7' },
  J: { stay: 'J', kommunenr: '5415', events: [['2', '28.11.2022 10:00'], ['3', '28.11.2022 10:00']], asOf: '01.12.2022 06:00',
    dips: [{ ready: '28.11.2022 10:00', discharged: '', days: 4 }],
    days: [['2022-11-28', 14, 'forste_dogn'], ['2022-11-29', 24, 'betalbar'], ['2022-11-30', 24, 'betalbar'], ['2022-12-01', 6, 'betalbar']],
    registrert: 4, betalbar: 3, timer: 68, timebasert: '2,8' },
};

const CODE_TEXT: Record<Code, string> = { '2': 'Utskrivningsklar', '3': 'Varslet kommune', '4': 'Avmeldt', '7': 'Kommunen kan ta imot', UT: 'Utskrevet' };
const iso = (d: string) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}${d.slice(10).replace(' ', 'T')}`;

let db: UskDb;
const eventLine = (c: Case, [code, at]: [Code, string], asOf: string) =>
  `${c.stay},${c.kommunenr},Somatikk,${code},${CODE_TEXT[code]},${iso(at)},${iso(asOf)}`;
const closedEvents = () => Object.values(CASES).filter((c) => !c.asOf)
  .flatMap((c) => c.events.map((e) => eventLine(c, e, '01.01.2024 06:00')));

beforeAll(async () => {
  const dir = tempDir('usk-examples-');
  db = await openDatabase(join(dir, 'usk.duckdb'));
  // HN-LIS: UTF-8 with BOM, ISO times, events in reverse order; J comes in an earlier extract.
  const hnlis = writeUtf8(dir, 'hnlis-2024-01.csv', [EVENTS_HEADER, ...closedEvents().reverse()], { bom: true });
  const j = CASES.J!;
  const hnlisJ = writeUtf8(dir, 'hnlis-2022-11.csv', [EVENTS_HEADER, ...j.events.map((e) => eventLine(j, e, j.asOf!))]);
  // DIPS: Windows-1252, ;, CRLF.
  const dips = writeCp1252(dir, 'dips.csv', [DIPS_HEADER, ...Object.values(CASES).flatMap((c, i) =>
    c.dips.map((d) => `${c.stay};${FNR[i % FNR.length]};${c.kommunenr};;Somatikk;Med;;${d.ready};${d.discharged};${d.days}`))]);
  // Invoices for case G (examples.md "Invoice example").
  const invoices = writeUtf8(dir, 'faktura.csv', [INVOICE_HEADER,
    'F1;31.01.2023;5412;Tjeldsund;G;Somatikk;30.12.2022;31.12.2022;1;5\u00a0306;5\u00a0306,00 kr;Faktura',
    'F2;31.01.2023;5412;Tjeldsund;G;Somatikk;01.01.2023;02.01.2023;2;5\u00a0508;11\u00a0016,00 kr;Faktura']);
  const results = await ingestFiles(db, [hnlis, hnlisJ, dips, invoices]);
  expect(results.map((r) => [r.status, r.rowsRejected])).toEqual(results.map(() => ['loaded', 0]));
});
afterAll(() => db.close());

/** The case's figures over its whole span: one row (its own municipality, all care areas). */
async function total(c: Case, q: ReconcileQuery = {}): Promise<ReconciliationRow> {
  const rows = await reconcile(db, { ...q, kommune: c.kommunenr, by: 'period', fagomrade: 'alle' });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('examples.md under "Fakturagrunnlag (UNN-praksis)"', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`case ${name}: registrert ${c.registrert}, betalbar ${c.betalbar}, timebasert ${c.timebasert}`, async () => {
      const r = await total(c);
      expect(r).toMatchObject({ registrert: c.registrert, betalbar: c.betalbar, avvik_dips: 0, uten_tidspunkt: 0 });
      expect(r.timer).toBeCloseTo(c.timer, 9);
      expect(r.timebasert).toBeCloseTo(c.timer / 24, 12); // unrounded in the row
      expect(formatDecimal(r.timebasert, 1)).toBe(c.timebasert); // rounded only for display
      expect(bridgeSum(r)).toBe(r.registrert);
    });

    it(`case ${name}: every date's hours and category`, async () => {
      const days = await stayDays(db, c.stay, {});
      expect(days.map((d) => [d.dato, d.timer, d.category])).toEqual(c.days);
      const categories = days.map((d) => d.category);
      const r = await total(c);
      for (const cat of ['ikke_varslet', 'kommune_klar', 'forste_dogn', 'betalbar'] as const) {
        expect(r[cat], cat).toBe(categories.filter((x) => x === cat).length);
      }
    });
  }
});

describe('examples.md rule variants', () => {
  it('B with firstDayFree off: 3 payable days', async () => {
    expect((await total(CASES.B!, { firstDayFree: false })).betalbar).toBe(3);
  });
  it('E with minHoursPerDay 10: 1 payable, 27 March (8 h) under the threshold', async () => {
    const r = await total(CASES.E!, { minHours: 10 });
    expect(r).toMatchObject({ betalbar: 1, under_terskel: 1, forste_dogn: 1, registrert: 3 });
    const days = await stayDays(db, 'E', { minHours: 10 });
    expect(days.find((d) => d.dato === '2023-03-27')?.category).toBe('under_terskel');
    expect(r.timer).toBe(35); // the threshold does not change the hour-based figure
  });
  it('F with minHoursPerDay 2: 1 payable (30 October, 1 h, under the threshold)', async () => {
    const r = await total(CASES.F!, { minHours: 2 });
    expect(r).toMatchObject({ betalbar: 1, under_terskel: 1 });
  });
  it('the DIPS preset counts every started day as payable', async () => {
    for (const c of Object.values(CASES)) {
      const r = await total(c, { rules: 'dips' });
      expect(r.betalbar, c.stay).toBe(c.registrert);
      expect(r.timer, c.stay).toBeCloseTo(Object.values(c.days).reduce((s, d) => s + d[1], 0), 9);
    }
  });
  it('the Timebasert preset: same gates, no free first day, hour-based figure unchanged', async () => {
    const b = await total(CASES.B!, { rules: 'timebasert' });
    expect(b).toMatchObject({ betalbar: 3, forste_dogn: 0, kommune_klar: 2, timer: 71 });
    const c = await total(CASES.C!, { rules: 'timebasert' });
    expect(c).toMatchObject({ betalbar: 3, ikke_varslet: 2, timer: 44 });
  });
});

describe('attribution by month', () => {
  it('G: December 2 registered / 1 payable, January 2 / 2', async () => {
    const rows = await reconcile(db, { kommune: '5412', fagomrade: 'somatikk' });
    expect(rows.map((r) => [r.periode, r.registrert, r.forste_dogn, r.betalbar])).toEqual([
      ['2022-12', 2, 1, 1], ['2023-01', 2, 0, 2]]);
  });
  it('J: November 3, December 1, and the stay is marked pågående', async () => {
    const rows = await reconcile(db, { kommune: '5415' });
    expect(rows.map((r) => [r.periode, r.registrert, r.betalbar])).toEqual([['2022-11', 3, 2], ['2022-12', 1, 1]]);
    const detail = await stays(db, { kommune: '5415', by: 'year' });
    expect(detail).toMatchObject([{ stay_id: 'J', pagaende: true, registrert: 4, betalbar: 3, status: 'ikke-fakturert', usk_fra: '2022-11-28', usk_til: '2022-12-01' }]);
  });
  it('I: the stay\'s USK dates end on 11 February, since a period ending at 00:00 does not touch 12 February', async () => {
    const [detail] = await stays(db, { kommune: '5414', by: 'year' });
    expect(detail).toMatchObject({ stay_id: 'I', usk_fra: '2022-02-10', usk_til: '2022-02-11', registrert: 2 });
  });
  it('by year and the "as registered" grouping keep the registered number and name', async () => {
    const rows = await reconcile(db, { kommune: '5412', by: 'year', group: 'registered' });
    expect(rows.map((r) => [r.kommunenr, r.kommune, r.periode, r.registrert])).toEqual([
      ['5412', 'Tjeldsund', '2022', 2], ['5412', 'Tjeldsund', '2023', 2]]);
    const current = await reconcile(db, { kommune: '5412', by: 'year' });
    expect(current.map((r) => r.kommunenr)).toEqual(['5512', '5512']);
  });
});

describe('the same events through ingestion in other shapes', () => {
  it('in file order, split over two files, and loaded again as a rolling extract: same figures', async () => {
    const dir = tempDir('usk-examples-split-');
    const other = await openDatabase(join(dir, 'usk.duckdb'));
    try {
      const lines = closedEvents();
      const half = Math.floor(lines.length / 2);
      const a = writeUtf8(dir, 'del-1.csv', [EVENTS_HEADER, ...lines.slice(0, half)]);
      const b = writeUtf8(dir, 'del-2.csv', [EVENTS_HEADER, ...lines.slice(half)], { eol: '\r\n' });
      const whole = writeUtf8(dir, 'hele.csv', [EVENTS_HEADER, ...lines]);
      expect((await ingestFiles(other, [a])).map((r) => r.status)).toEqual(['loaded']);
      expect((await ingestFiles(other, [b, whole])).map((r) => r.status)).toEqual(['loaded', 'loaded']);
      const q = { rules: 'fakturagrunnlag', by: 'month', group: 'registered', minHours: 2 } as const;
      // The main database also has DIPS rows and invoices; compare the event-derived figures only.
      const strip = (rows: ReconciliationRow[]) => rows.filter((r) => r.kommunenr !== '5415')
        .map(({ registrert: _r, avvik_dips: _a, fakturert: _f, differanse: _d, belop: _b, forventet_belop: _e, ...rest }) => rest);
      expect(strip(await reconcile(other, q))).toEqual(strip(await reconcile(db, q)));
    } finally {
      other.close();
    }
  });
});

describe('examples.md invoice example (case G)', () => {
  it('reconciles to differanse 0 in both months, expected 1 × 5 306 + 2 × 5 508 = 16 322 kr', async () => {
    const rows = await reconcile(db, { kommune: '5412' });
    expect(rows.map((r) => [r.periode, r.fakturert, r.differanse, r.belop, r.forventet_belop])).toEqual([
      ['2022-12', 1, 0, 5306, 5306], ['2023-01', 2, 0, 11016, 11016]]);
    expect((await total(CASES.G!)).forventet_belop).toBe(16322);
  });

  it('a credit line of −1 døgn makes January differanse −1 and is listed', async () => {
    const dir = tempDir('usk-credit-');
    const credit = writeUtf8(dir, 'kreditnota.csv', [INVOICE_HEADER,
      'K1;28.02.2023;5412;Tjeldsund;G;Somatikk;01.01.2023;02.01.2023;\u22121;5508;\u22125\u00a0508,00;Kreditnota']);
    expect((await ingestFiles(db, [credit]))[0]).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    const rows = await reconcile(db, { kommune: '5412' });
    expect(rows.map((r) => [r.periode, r.fakturert, r.differanse, r.belop])).toEqual([
      ['2022-12', 1, 0, 5306], ['2023-01', 1, -1, 5508]]);
    const detail = await stays(db, { kommune: '5412' });
    expect(detail.map((s) => [s.stay_id, s.periode, s.fakturert, s.differanse, s.status])).toEqual([
      ['G', '2022-12', 1, 0, 'ok'], ['G', '2023-01', 1, -1, 'differanse']]);
  });
});
