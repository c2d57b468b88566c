/**
 * The payment obligation's start (domain.md glossary: payment for psykisk helsevern and TSB began
 * 1 January 2019; data/reference/betalingsplikt.csv): days before it are ikke_betalingsplikt, first
 * in the classification and in every rule set, priced at nothing, with no payable hours. From export
 * file text through ingestFiles() to the reconciliation, the per-stay detail and the strip.
 *
 * Each case has its own municipality (numbers valid in 2018), so its reconciliation rows are its own.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, tempDir, writeCp1252, writeUtf8 } from '../load/fixtures.ts';
import { DEFAULT_REFERENCE_DIR } from '../reference/load.ts';
import { formatDecimal } from '../format/index.ts';
import { bridgeSum, ensureDerivedFresh, findings, reconcile, stayDays, stays, type ReconcileQuery, type ReconciliationRow } from './index.ts';

type Code = '2' | '3' | '7' | 'UT';
interface Case {
  stay: string;
  kommunenr: string;
  fagomrade: string; // as the exports write it
  events: Array<[Code, string]>; // local 'dd.mm.yyyy HH:MM'
  dips: { ready: string; discharged: string; days: number };
}

const CASES = {
  // The case that was priced: psykisk helsevern in June 2018, notified at ready.
  P: { stay: 'P', kommunenr: '1902', fagomrade: 'Psykisk helsevern',
    events: [['2', '10.06.2018 10:00'], ['3', '10.06.2018 10:00'], ['UT', '13.06.2018 10:00']],
    dips: { ready: '10.06.2018 10:00', discharged: '13.06.2018 10:00', days: 4 } },
  // TSB over the turn of 2019, notified at ready: the first free day is the first date with an obligation.
  T: { stay: 'T', kommunenr: '1903', fagomrade: 'TSB',
    events: [['2', '30.12.2018 10:00'], ['3', '30.12.2018 10:00'], ['UT', '02.01.2019 10:00']],
    dips: { ready: '30.12.2018 10:00', discharged: '02.01.2019 10:00', days: 4 } },
  // TSB over the turn of 2019, notified after it: the obligation comes before the notification gate.
  N: { stay: 'N', kommunenr: '1917', fagomrade: 'TSB',
    events: [['2', '30.12.2018 10:00'], ['3', '02.01.2019 09:00'], ['UT', '03.01.2019 10:00']],
    dips: { ready: '30.12.2018 10:00', discharged: '03.01.2019 10:00', days: 5 } },
  // The same dates as P in somatikk, paid for since 2012: unchanged.
  S: { stay: 'S', kommunenr: '1911', fagomrade: 'Somatikk',
    events: [['2', '10.06.2018 10:00'], ['3', '10.06.2018 10:00'], ['UT', '13.06.2018 10:00']],
    dips: { ready: '10.06.2018 10:00', discharged: '13.06.2018 10:00', days: 4 } },
} satisfies Record<string, Case>;

const CODE_TEXT: Record<Code, string> = { '2': 'Utskrivningsklar', '3': 'Varslet kommune', '7': 'Kommunen kan ta imot', UT: 'Utskrevet' };
const iso = (d: string) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}${d.slice(10).replace(' ', 'T')}`;

let dir: string;
let dbPath: string;
let db: UskDb;

beforeAll(async () => {
  dir = tempDir('usk-betalingsplikt-');
  dbPath = join(dir, 'usk.duckdb');
  db = await openDatabase(dbPath);
  const cases: Case[] = Object.values(CASES);
  const hnlis = writeUtf8(dir, 'hnlis-2019-01.csv', [EVENTS_HEADER, ...cases.flatMap((c) =>
    c.events.map(([code, at]) => `${c.stay},${c.kommunenr},${c.fagomrade},${code},${CODE_TEXT[code]},${iso(at)},2019-02-01T06:00`))]);
  const dips = writeCp1252(dir, 'dips.csv', [DIPS_HEADER, ...cases.map((c, i) =>
    `${c.stay};${FNR[i % FNR.length]};${c.kommunenr};;${c.fagomrade};Med;;${c.dips.ready};${c.dips.discharged};${c.dips.days}`)]);
  const results = await ingestFiles(db, [hnlis, dips]);
  expect(results.map((r) => [r.status, r.rowsRejected])).toEqual(results.map(() => ['loaded', 0]));
});
afterAll(() => db?.close());

async function total(c: Case, q: ReconcileQuery = {}): Promise<ReconciliationRow> {
  const rows = await reconcile(db, { ...q, kommune: c.kommunenr, group: 'registered', by: 'period', fagomrade: 'alle' });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}
const strip = async (c: Case, q: ReconcileQuery = {}) =>
  (await stayDays(db, c.stay, q)).map((d) => [d.dato, d.timer, d.betalbare_timer, d.category]);

describe('psykisk helsevern and TSB before 1 January 2019', () => {
  it('P (psykisk helsevern 10.–13.06.2018): every day før betalingsplikt, nothing payable, no hours, expected 0 kr', async () => {
    const r = await total(CASES.P);
    expect(r).toMatchObject({ registrert: 4, ikke_betalingsplikt: 4, ikke_varslet: 0, forste_dogn: 0, betalbar: 0, timer: 0, timebasert: 0, forventet_belop: 0 });
    expect(bridgeSum(r)).toBe(r.registrert);
    expect(await strip(CASES.P)).toEqual([
      ['2018-06-10', 14, 0, 'ikke_betalingsplikt'], ['2018-06-11', 24, 0, 'ikke_betalingsplikt'],
      ['2018-06-12', 24, 0, 'ikke_betalingsplikt'], ['2018-06-13', 10, 0, 'ikke_betalingsplikt']]);
  });

  it('P in the per-stay detail: payable 0, so not «ikke fakturert»', async () => {
    const detail = await stays(db, { kommune: CASES.P.kommunenr, group: 'registered', by: 'year' });
    expect(detail).toMatchObject([{ stay_id: 'P', fagomrade: 'psykisk-helsevern', periode: '2018', registrert: 4, ikke_betalingsplikt: 4, betalbar: 0, timebasert: 0, status: 'ok' }]);
  });

  it('T (TSB 30.12.2018–02.01.2019): 30 and 31 December før betalingsplikt, 1 January the first free day, 2 January payable', async () => {
    expect(await strip(CASES.T)).toEqual([
      ['2018-12-30', 14, 0, 'ikke_betalingsplikt'], ['2018-12-31', 24, 0, 'ikke_betalingsplikt'],
      ['2019-01-01', 24, 24, 'forste_dogn'], ['2019-01-02', 10, 10, 'betalbar']]);
    const months = await reconcile(db, { kommune: CASES.T.kommunenr, group: 'registered', by: 'month' });
    expect(months.map((r) => [r.periode, r.fagomrade, r.registrert, r.ikke_betalingsplikt, r.ikke_varslet, r.forste_dogn, r.betalbar, r.timer, r.forventet_belop]))
      .toEqual([
        ['2018-12', 'tsb', 2, 2, 0, 0, 0, 0, 0],
        ['2019-01', 'tsb', 2, 0, 0, 1, 1, 34, 4885],
      ]);
    for (const r of months) expect(bridgeSum(r)).toBe(r.registrert);
    expect(formatDecimal((await total(CASES.T)).timebasert, 1)).toBe('1,4'); // 34 h, none of them from 2018
  });

  it('N (TSB, notified 02.01.2019): før betalingsplikt comes before ikke varslet; the notification date is the first free day', async () => {
    expect((await strip(CASES.N)).map(([d, , , c]) => [d, c])).toEqual([
      ['2018-12-30', 'ikke_betalingsplikt'], ['2018-12-31', 'ikke_betalingsplikt'],
      ['2019-01-01', 'ikke_varslet'], ['2019-01-02', 'forste_dogn'], ['2019-01-03', 'betalbar']]);
    expect(await total(CASES.N)).toMatchObject({ registrert: 5, ikke_betalingsplikt: 2, ikke_varslet: 1, forste_dogn: 1, betalbar: 1, timer: 25 });
  });
});

describe('the obligation holds in every rule set', () => {
  it('DIPS (no gates): before 2019 nothing is payable; from 1 January every started day is', async () => {
    expect(await total(CASES.P, { rules: 'dips' })).toMatchObject({ ikke_betalingsplikt: 4, betalbar: 0, timer: 0, forventet_belop: 0 });
    expect(await total(CASES.T, { rules: 'dips' })).toMatchObject({ ikke_betalingsplikt: 2, forste_dogn: 0, betalbar: 2, timer: 34 });
    // With the first day free (the notebooks' «midnatter»), the free day is again the first with an obligation.
    expect(await total(CASES.T, { rules: 'dips', firstDayFree: true })).toMatchObject({ ikke_betalingsplikt: 2, forste_dogn: 1, betalbar: 1 });
    expect((await strip(CASES.T, { rules: 'dips', firstDayFree: true })).map(([d, , , c]) => [d, c])).toEqual([
      ['2018-12-30', 'ikke_betalingsplikt'], ['2018-12-31', 'ikke_betalingsplikt'], ['2019-01-01', 'forste_dogn'], ['2019-01-02', 'betalbar']]);
  });

  it('Timebasert and an hour threshold: the days before are neither payable nor under the threshold', async () => {
    expect(await total(CASES.T, { rules: 'timebasert' })).toMatchObject({ ikke_betalingsplikt: 2, betalbar: 2, timer: 34 });
    expect(await total(CASES.P, { minHours: 20 })).toMatchObject({ ikke_betalingsplikt: 4, under_terskel: 0, betalbar: 0 });
    expect(await total(CASES.T, { minHours: 20 })).toMatchObject({ ikke_betalingsplikt: 2, forste_dogn: 1, under_terskel: 1, betalbar: 0 });
  });

  it('the cube (reconcile) and the per-day classification (stays) agree under every preset', async () => {
    for (const rules of ['fakturagrunnlag', 'dips', 'timebasert']) {
      for (const c of Object.values(CASES)) {
        const [detail] = await stays(db, { rules, kommune: c.kommunenr, group: 'registered', by: 'period', fagomrade: 'alle' });
        const row = await total(c, { rules });
        expect(detail, `${rules} ${c.stay}`).toMatchObject({
          registrert: row.registrert, ikke_betalingsplikt: row.ikke_betalingsplikt, ikke_varslet: row.ikke_varslet,
          kommune_klar: row.kommune_klar, forste_dogn: row.forste_dogn, under_terskel: row.under_terskel, betalbar: row.betalbar,
        });
        expect(detail!.timebasert).toBeCloseTo(row.timebasert, 12);
      }
    }
  });
});

describe('somatikk, paid for since 2012', () => {
  it('S (somatikk 10.–13.06.2018): unchanged, 1 first day and 3 payable at the 2018 rate', async () => {
    const r = await total(CASES.S);
    expect(r).toMatchObject({ registrert: 4, ikke_betalingsplikt: 0, forste_dogn: 1, betalbar: 3, timer: 72, forventet_belop: 3 * 4747 });
    expect((await strip(CASES.S)).map(([, , , c]) => c)).toEqual(['forste_dogn', 'betalbar', 'betalbar', 'betalbar']);
  });
});

describe('the payment start is reference data', () => {
  it('an edited betalingsplikt.csv rebuilds the days on the next refresh', async () => {
    const refDir = join(dir, 'reference');
    cpSync(DEFAULT_REFERENCE_DIR, refDir, { recursive: true });
    const file = join(refDir, 'betalingsplikt.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('psykisk-helsevern;2019-01-01', 'psykisk-helsevern;2018-06-12'));
    db.close();
    db = await openDatabase(dbPath, { referenceDir: refDir });
    await ensureDerivedFresh(db);
    // From 12 June: the 12th is the first date with an obligation, so the first free day; the 13th payable.
    expect((await strip(CASES.P)).map(([d, , , c]) => [d, c])).toEqual([
      ['2018-06-10', 'ikke_betalingsplikt'], ['2018-06-11', 'ikke_betalingsplikt'], ['2018-06-12', 'forste_dogn'], ['2018-06-13', 'betalbar']]);
    expect(await total(CASES.P)).toMatchObject({ ikke_betalingsplikt: 2, forste_dogn: 1, betalbar: 1, forventet_belop: 4747 });
    // Back to the repository's file: back to the law.
    db.close();
    db = await openDatabase(dbPath);
    await ensureDerivedFresh(db);
    expect(await total(CASES.P)).toMatchObject({ ikke_betalingsplikt: 4, betalbar: 0 });
  });

  it('a care area without a row never becomes payable, and the finding mangler-betalingsplikt says so', async () => {
    const refDir = join(dir, 'reference-uten-tsb');
    cpSync(DEFAULT_REFERENCE_DIR, refDir, { recursive: true });
    const file = join(refDir, 'betalingsplikt.csv');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith('tsb;')).join('\n'));
    db.close();
    db = await openDatabase(dbPath, { referenceDir: refDir });
    try {
      await ensureDerivedFresh(db);
      expect(await total(CASES.T)).toMatchObject({ registrert: 4, ikke_betalingsplikt: 4, forste_dogn: 0, betalbar: 0, timer: 0 });
      expect(await total(CASES.P)).toMatchObject({ ikke_betalingsplikt: 4, betalbar: 0 });
      expect(await total(CASES.S)).toMatchObject({ ikke_betalingsplikt: 0, betalbar: 3 });
      expect((await findings(db, { code: 'mangler-betalingsplikt' })).map((f) => [f.severity, f.title, f.message])).toEqual([[
        'advarsel', 'Ingen dato for betalingsplikt for fagområdet (døgnene er ikke betalbare)',
        'Ingen dato for betalingsplikt for tsb i referansedataene (betalingsplikt.csv): døgnene regnes som før betalingsplikt og er ikke betalbare']]);
    } finally {
      db.close();
      db = await openDatabase(dbPath);
      await ensureDerivedFresh(db);
    }
    expect(await findings(db, { code: 'mangler-betalingsplikt' })).toEqual([]);
  });
});
