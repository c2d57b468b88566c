/**
 * Properties of the derivation and the classification, over random event histories that cross
 * DST changes, month ends, midnights and, in psykisk helsevern and TSB, the start of the payment
 * obligation on 1 January 2019 (fast-check):
 *  - categories always add up to registered days, for any rule set, per reconciliation row and per stay;
 *  - the hours of a period's dates add up to its duration;
 *  - the result does not depend on the order of events in a file, on splitting a file in two, or
 *    on loading the same events twice;
 *  - the spring DST day has 23 hours and the autumn one 25.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type UskDb } from '../db/open.ts';
import { BRIDGE_CATEGORIES, bridgeSum, reconcile, stays } from '../query/index.ts';
import { refreshDerived } from './index.ts';
import { insertEvents, insertPeriods, type TestEvent, type TestPeriod } from './test-support.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
});
afterAll(() => db.close());

async function reset(): Promise<void> {
  for (const t of ['src_event', 'src_period', 'src_invoice', 'batch_warning', 'reject', 'batch']) await db.run(`DELETE FROM ${t}`);
}

// Local wall-clock arithmetic on naive times: a generated time may fall in the spring gap or the
// autumn overlap, which is exactly what the conversion must handle.
const BASES = [Date.UTC(2023, 2, 24, 6), Date.UTC(2023, 9, 27, 6), Date.UTC(2022, 11, 29, 6), Date.UTC(2022, 1, 26, 6),
  // Before and over the payment start of psykisk helsevern and TSB (2019-01-01), one of them over a DST change.
  Date.UTC(2018, 11, 29, 6), Date.UTC(2018, 9, 26, 6)];
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const codeArb = fc.constantFrom<TestEvent['code']>('2', '2', '3', '3', '7', '4', 'UT', '6');
const stayArb = (stay: string) =>
  fc.record({
    base: fc.constantFrom(...BASES),
    // Offsets in 15-minute steps over up to ~6 days; duplicates of the same (code, time) happen.
    events: fc.array(fc.tuple(codeArb, fc.integer({ min: 0, max: 600 })), { minLength: 1, maxLength: 9 }),
    dipsDays: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
    kommunenr: fc.constantFrom('5401', '1931', '5501', '1806'),
    fagomrade: fc.constantFrom('somatikk', 'psykisk-helsevern', 'tsb'),
  }).map(({ base, events, dipsDays, kommunenr, fagomrade }) => ({
    events: events.map(([code, q]): TestEvent => ({ stay, code, at: local(base + q * 15 * 60_000), kommunenr, fagomrade })),
    dips: dipsDays === undefined ? undefined : ({ stay, ready: local(base + events[0]![1] * 15 * 60_000), uskDays: dipsDays, kommunenr, fagomrade } satisfies TestPeriod),
  }));
const historyArb = fc.integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => stayArb(`S${i}`))));
const rulesArb = fc.record({
  rules: fc.constantFrom('fakturagrunnlag', 'dips', 'timebasert'),
  firstDayFree: fc.option(fc.boolean(), { nil: undefined }),
  minHours: fc.option(fc.constantFrom(0, 1, 2, 8, 10, 23.5), { nil: undefined }),
});
const AS_OF = '2023-11-05 12:00';


async function snapshot(): Promise<unknown> {
  return {
    days: await db.json(`SELECT * FROM usk_day ORDER BY stay_id, period_no, dato`),
    periods: await db.json(`SELECT * FROM usk_period ORDER BY stay_id, period_no`),
    rows: await reconcile(db, { group: 'registered' }),
  };
}

describe('classification', () => {
  it('categories always add up to registered days, per row and per stay, and the two agree, under any rule set', async () => {
    await fc.assert(fc.asyncProperty(historyArb, rulesArb, async (history, rules) => {
      await reset();
      await insertEvents(db, history.flatMap((s) => s.events), AS_OF);
      await insertPeriods(db, history.flatMap((s) => (s.dips ? [s.dips] : [])));
      await refreshDerived(db, { full: true });
      for (const group of ['current', 'registered'] as const) {
        for (const row of await reconcile(db, { ...rules, group })) expect(bridgeSum(row)).toBe(row.registrert);
      }
      const detail = await stays(db, { ...rules, by: 'year' });
      for (const row of detail) expect(bridgeSum(row)).toBe(row.registrert);
      // The cube arithmetic (reconcile) and the per-day CASE (stays) are one rule: they must agree.
      const rows = await reconcile(db, { ...rules, group: 'registered' });
      const byMonth = await stays(db, { ...rules, group: 'registered' });
      const keys = ['registrert', ...BRIDGE_CATEGORIES, 'fakturert'] as const;
      for (const row of rows) {
        const mine = byMonth.filter((s) => s.kommunenr === row.kommunenr && s.fagomrade === row.fagomrade && s.periode === row.periode);
        for (const k of keys) expect(mine.reduce((sum, s) => sum + s[k], 0), k).toBe(row[k]);
        expect(mine.reduce((sum, s) => sum + s.timebasert, 0)).toBeCloseTo(row.timebasert, 9);
      }
      expect(byMonth.reduce((n, s) => n + s.registrert, 0)).toBe(rows.reduce((n, r) => n + r.registrert, 0));
      const [days] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM usk_day`);
      // Every HN-LIS day gets one classified category (all but the two source-level ones).
      const classified = detail.reduce((s, r) => s + bridgeSum(r) - r.avvik_dips - r.uten_tidspunkt, 0);
      expect(classified).toBe(days!.n);
    }), { numRuns: 40 });
  });
});

describe('hours', () => {
  it("the hours of a period's dates add up to its duration", async () => {
    await fc.assert(fc.asyncProperty(historyArb, async (history) => {
      await reset();
      await insertEvents(db, history.flatMap((s) => s.events), AS_OF);
      await refreshDerived(db, { full: true });
      const rows = await db.all<{ duration: number; summed: number | null; days: number; n: number }>(`
        SELECT (p.t_end_us - p.t_ready_us) / 3600e6 AS duration, sum(d.hours) AS summed,
          p.registered_days AS days, count(d.dato)::INTEGER AS n
        FROM usk_period p LEFT JOIN usk_day d USING (stay_id, period_no)
        GROUP BY p.stay_id, p.period_no, p.t_end_us, p.t_ready_us, p.registered_days`);
      for (const r of rows) {
        expect(r.summed ?? 0).toBeCloseTo(r.duration, 9);
        expect(r.n).toBe(r.days);
      }
    }), { numRuns: 40 });
  });

  it('DST days have 23 and 25 hours (2015–2030)', async () => {
    await reset();
    const events: TestEvent[] = [];
    for (let y = 2015; y <= 2030; y++) {
      events.push({ stay: `Y${y}`, code: '2', at: `${y}-03-01 00:00` }, { stay: `Y${y}`, code: 'UT', at: `${y}-11-30 00:00` });
    }
    await insertEvents(db, events, '2031-01-01 00:00');
    await refreshDerived(db, { full: true });
    const odd = await db.all<{ dato: string; hours: number }>(`
      SELECT strftime(dato, '%Y-%m-%d') AS dato, hours FROM usk_day WHERE hours <> 24 ORDER BY dato`);
    const lastSunday = (y: number, m: number) => {
      const d = new Date(Date.UTC(y, m + 1, 0));
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return d.toISOString().slice(0, 10);
    };
    const expected = [];
    for (let y = 2015; y <= 2030; y++) expected.push({ dato: lastSunday(y, 2), hours: 23 }, { dato: lastSunday(y, 9), hours: 25 });
    expect(odd).toEqual(expected);
  });
});

describe('independence of how the events arrive', () => {
  it('order in the file, splitting the file in two and loading it twice give the same result', async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.nat(), fc.nat(), async (history, seed, cut) => {
      const events = history.flatMap((s) => s.events);
      await reset();
      await insertEvents(db, events, AS_OF);
      await refreshDerived(db, { full: true });
      const reference = await snapshot();

      // Shuffled (a deterministic permutation from the seed).
      const shuffled = [...events].sort((a, b) => hash(a, seed) - hash(b, seed));
      await reset();
      await insertEvents(db, shuffled, AS_OF);
      await refreshDerived(db, { full: true });
      expect(await snapshot()).toEqual(reference);

      // Split in two files of the same extract, refreshed incrementally after each.
      const k = cut % (events.length + 1);
      await reset();
      await refreshDerived(db, { full: true });
      await insertEvents(db, shuffled.slice(0, k), AS_OF);
      await refreshDerived(db);
      await insertEvents(db, shuffled.slice(k), AS_OF);
      await refreshDerived(db);
      expect(await snapshot()).toEqual(reference);

      // The same events loaded again (an overlapping rolling extract).
      await insertEvents(db, events, AS_OF);
      await refreshDerived(db);
      expect(await snapshot()).toEqual(reference);
    }), { numRuns: 30 });
    // 30 histories × four loads and six refreshes: about 30 s alone, past the default minute on two
    // shared cores under a full run. A time limit, not a performance target (bench:rules has those).
  }, 180_000);
});

function hash(e: TestEvent, seed: number): number {
  let h = seed | 0;
  for (const ch of `${e.stay}|${e.code}|${e.at}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h;
}
