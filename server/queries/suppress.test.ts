/** The suppression SQL on hand-made rows: primary, secondary and derived cells. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../../pipelines/db/open.ts';
import { effectiveMinCount, suppressSql } from './suppress.ts';
import { suppressedInSql } from './figures.ts';
import { BRIDGE_CATEGORIES, type ReconciliationRow } from '../../pipelines/query/contract.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
});
afterAll(() => db.close());

const COLS = ['registrert', ...BRIDGE_CATEGORIES, 'fakturert', 'differanse'] as const;
type Counts = Record<(typeof COLS)[number], number>;

async function run(rows: Partial<Counts>[], minCount: number, forced?: string) {
  const values = rows.map((r) => `('5501', 'Tromsø', 'somatikk', '2022', ${COLS.map((c) => r[c] ?? 0).join(', ')}, 10.5, 252.0, 1000.0, 5000.0)`).join(', ');
  const inner = `SELECT * FROM (VALUES ${values}) t(kommunenr, kommune, fagomrade, periode, ${COLS.join(', ')}, timebasert, timer, belop, forventet_belop)`;
  const { sql, params } = suppressSql(inner, {}, minCount, forced);
  return db.all<Record<string, number | null> & { prikket: string[] }>(sql, params);
}

describe('suppressSql', () => {
  it('leaves everything when minCount is 0', async () => {
    const [r] = await run([{ registrert: 3, forste_dogn: 1, betalbar: 2, fakturert: 2 }], 0);
    expect(r).toMatchObject({ registrert: 3, forste_dogn: 1, betalbar: 2, prikket: [] });
  });

  it('suppresses a small category and, so the bridge cannot give it away, the smallest other one', async () => {
    const [r] = await run([{ registrert: 40, forste_dogn: 3, ikke_varslet: 12, kommune_klar: 7, betalbar: 18, fakturert: 18 }], 5);
    expect(r?.forste_dogn).toBeNull();
    expect(r?.kommune_klar).toBeNull(); // the smallest remaining non-zero category
    expect(r?.ikke_varslet).toBe(12);
    expect(r?.registrert).toBe(40);
    expect(r?.prikket).toEqual(['forste_dogn', 'kommune_klar']);
  });

  it('suppresses derived cells with payable and invoiced days', async () => {
    const [r] = await run([{ registrert: 20, ikke_varslet: 17, betalbar: 3, fakturert: 2, differanse: -1 }], 5);
    expect(r).toMatchObject({ betalbar: null, fakturert: null, differanse: null, belop: null, timebasert: null, timer: null, forventet_belop: null });
    expect(r?.ikke_varslet).toBeNull(); // secondary: the only other non-zero category
  });

  it('suppresses registered days when a small row has nothing else to hide behind', async () => {
    const [r] = await run([{ registrert: 4, betalbar: 4, fakturert: 4 }], 5);
    expect(r?.registrert).toBeNull();
    expect(r?.betalbar).toBeNull();
  });

  it('suppresses forced columns whatever their size, and then the smallest other category too', async () => {
    const [r] = await run([{ registrert: 60, ikke_varslet: 20, kommune_klar: 12, forste_dogn: 8, betalbar: 20, fakturert: 20 }], 5, "['kommune_klar']");
    expect(r?.kommune_klar).toBeNull();
    expect(r?.forste_dogn).toBeNull(); // registrert − the rest would give kommune_klar back
    expect(r).toMatchObject({ registrert: 60, ikke_varslet: 20, betalbar: 20, fakturert: 20 });
    expect(r?.prikket).toEqual(['forste_dogn', 'kommune_klar']);
  });

  it('hides more than two small categories whose sum would give each back (1 + 1 = 2)', async () => {
    // registrert − the categories shown = 2 over two hidden cells, neither 0: each would be 1.
    const [r] = await run([{ registrert: 40, ikke_varslet: 1, forste_dogn: 1, kommune_klar: 8, betalbar: 30, fakturert: 30 }], 5);
    expect(r?.prikket).toEqual(['forste_dogn', 'ikke_varslet', 'kommune_klar']);
    expect(r).toMatchObject({ registrert: 40, betalbar: 30 });
  });

  it('goes on past a secondary cell that is small itself, until the hidden cells sum to the minimum', async () => {
    const [r] = await run([{ registrert: 34, ikke_varslet: 1, forste_dogn: 1, kommune_klar: 2, betalbar: 30, fakturert: 30 }], 5);
    // 1 + 1 + 2 = 4 < 5: betalbar (and what is derived from it) too.
    expect(r?.prikket).toEqual(['betalbar', 'differanse', 'forste_dogn', 'forventet_belop', 'ikke_varslet', 'kommune_klar', 'timebasert', 'timer']);
    expect(r?.registrert).toBe(34);
  });

  it('never leaves a hidden category that registrert minus the categories shown gives back', async () => {
    // Many rows of small counts: in each, the hidden categories are none, or at least two whose sum
    // (registrert − the shown ones) reaches the minimum and exceeds their number; else registrert is hidden.
    let seed = 7; // mulberry32: the same rows on every run
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const cats = BRIDGE_CATEGORIES;
    const rows = Array.from({ length: 400 }, () => {
      const c = Object.fromEntries(cats.map((k) => [k, rand(3) === 0 ? 0 : rand(rand(2) ? 4 : 12)])) as Record<(typeof cats)[number], number>;
      const registrert = cats.reduce((s, k) => s + c[k], 0);
      return { ...c, registrert, fakturert: c.betalbar };
    });
    let checked = 0;
    for (const minCount of [2, 3, 5, 10]) {
      const out = await run(rows, minCount);
      expect(out).toHaveLength(rows.length);
      for (const r of out) {
        const hidden = cats.filter((k) => r[k] === null);
        const registrert = r.registrert;
        if (registrert === null || registrert === undefined || hidden.length === 0) continue;
        const sum = registrert - cats.filter((k) => r[k] !== null).reduce((s, k) => s + (r[k] as number), 0);
        expect(hidden.length, JSON.stringify(r)).toBeGreaterThanOrEqual(2);
        expect(sum, JSON.stringify(r)).toBeGreaterThanOrEqual(minCount);
        expect(sum, JSON.stringify(r)).toBeGreaterThan(hidden.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200); // rows with something hidden behind a registrert shown
  });

  it('never goes below the configured minimum; publication raises it', () => {
    expect(effectiveMinCount(3, 0)).toBe(3);
    expect(effectiveMinCount(0, 7)).toBe(7);
    expect(effectiveMinCount(0, 2, 5)).toBe(5);
  });
});

describe('the total beside the rows', () => {
  const row = (kommunenr: string, c: Partial<ReconciliationRow>): ReconciliationRow => ({
    kommunenr, kommune: kommunenr, fagomrade: 'somatikk', periode: '2022', registrert: 0, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0,
    kommune_klar: 0, forste_dogn: 0, under_terskel: 0, betalbar: 0, timebasert: 0, timer: 0, fakturert: 0, differanse: 0, belop: 0, forventet_belop: 0, ...c,
  });

  it('hides in the total every column hidden in a row, so the total minus the rows shown gives nothing back', async () => {
    const rows = [
      row('5501', { registrert: 50, ikke_varslet: 2, kommune_klar: 10, forste_dogn: 8, betalbar: 30, fakturert: 30 }),
      row('5401', { registrert: 60, ikke_varslet: 20, kommune_klar: 12, forste_dogn: 8, betalbar: 20, fakturert: 20 }),
    ];
    const { rows: shown, total } = await suppressedInSql(db, rows, 5);
    expect(shown.find((r) => r.kommunenr === '5501')?.prikket).toEqual(['forste_dogn', 'ikke_varslet']);
    expect(shown.find((r) => r.kommunenr === '5401')?.prikket).toEqual([]);
    // Without the rule the total's ikke_varslet (22) minus 5401's (20) would be 5501's 2.
    expect(total?.ikke_varslet).toBeNull();
    expect(total?.forste_dogn).toBeNull();
    expect(total).toMatchObject({ registrert: 110, kommune_klar: 22, betalbar: 50, fakturert: 50 });
  });

  it('leaves the total whole when no row hides anything', async () => {
    const rows = [row('5501', { registrert: 50, kommune_klar: 20, betalbar: 30, fakturert: 30 }), row('5401', { registrert: 60, kommune_klar: 40, betalbar: 20, fakturert: 20 })];
    const { total } = await suppressedInSql(db, rows, 5);
    expect(total?.prikket).toEqual([]);
    expect(total).toMatchObject({ registrert: 110, kommune_klar: 60, betalbar: 50, fakturert: 50 });
  });
});
