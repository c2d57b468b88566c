/**
 * Reconciliation beyond the worked examples: the crosswalk, the care-area filters, the two
 * source-level bridge categories, invoice attribution, missing rates, and the per-stay statuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { loadSources } from '../derive/test-support.ts';
import { reconcile, stays } from './index.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await loadSources(db, {
    asOf: '2025-01-01 00:00',
    events: [
      // 2019 Lenvik stay, psykisk helsevern: 3 registered, notified at once.
      { stay: 'L', code: '2', at: '2019-06-03 10:00', kommunenr: '1931', fagomrade: 'psykisk-helsevern' },
      { stay: 'L', code: '3', at: '2019-06-03 10:00', kommunenr: '1931', fagomrade: 'psykisk-helsevern' },
      { stay: 'L', code: 'UT', at: '2019-06-05 10:00', kommunenr: '1931', fagomrade: 'psykisk-helsevern' },
      // 2022 Senja (5421) TSB stay.
      { stay: 'S', code: '2', at: '2022-06-03 10:00', kommunenr: '5421', fagomrade: 'tsb' },
      { stay: 'S', code: '3', at: '2022-06-03 10:00', kommunenr: '5421', fagomrade: 'tsb' },
      { stay: 'S', code: 'UT', at: '2022-06-04 10:00', kommunenr: '5421', fagomrade: 'tsb' },
      // 2022 Senja somatic stay, DIPS says 4 where HN-LIS gives 3: avvik_dips 1.
      { stay: 'V', code: '2', at: '2022-06-10 10:00', kommunenr: '5421' },
      { stay: 'V', code: '3', at: '2022-06-10 10:00', kommunenr: '5421' },
      { stay: 'V', code: 'UT', at: '2022-06-12 10:00', kommunenr: '5421' },
      // A 2024 row with Risør's old number 0901 (examples.md): today 4201.
      { stay: 'RI', code: '2', at: '2024-02-01 10:00', kommunenr: '0901' },
      { stay: 'RI', code: 'UT', at: '2024-02-02 10:00', kommunenr: '0901' },
      // 2021 Tromsø stay, as V but invoiced 100 kr too much for the right days: beløpsavvik.
      { stay: 'W', code: '2', at: '2021-08-10 10:00', kommunenr: '5501' },
      { stay: 'W', code: '3', at: '2021-08-10 10:00', kommunenr: '5501' },
      { stay: 'W', code: 'UT', at: '2021-08-12 10:00', kommunenr: '5501' },
      // 2013 stay: no rate that year.
      { stay: 'R', code: '2', at: '2013-05-01 10:00', kommunenr: '1931' },
      { stay: 'R', code: '3', at: '2013-05-01 10:00', kommunenr: '1931' },
      { stay: 'R', code: 'UT', at: '2013-05-03 10:00', kommunenr: '1931' },
    ],
    periods: [
      { stay: 'V', ready: '2022-06-10 10:00', discharged: '2022-06-13 10:00', uskDays: 4, kommunenr: '5421' },
      // Only in DIPS: 2 days without clock times, crossing into July.
      { stay: 'U', ready: '2022-06-30', discharged: '2022-07-02', uskDays: 2, kommunenr: '5421' },
    ],
    invoices: [
      { invoiceNo: '10', stay: 'V', kommunenr: '5421', from: '2022-06-11', to: '2022-06-12', days: 2, rate: 5306, amount: 10612 },
      { invoiceNo: '12', stay: 'W', kommunenr: '5501', from: '2021-08-11', to: '2021-08-12', days: 2, rate: 5217, amount: 10434 },
      { invoiceNo: '11', stay: 'ZZ', kommunenr: '5421', from: '2022-06-20', to: '2022-06-20', days: 1, rate: 5306, amount: 5306 },
    ],
  });
});
afterAll(() => db.close());

describe('crosswalk (domain.md "Municipality numbers change")', () => {
  it('a 2019 Lenvik stay is Senja 5530 under current grouping, 1931 Lenvik as registered', async () => {
    const current = await reconcile(db, { from: '2019-01', to: '2019-12', by: 'year' });
    expect(current.map((r) => [r.kommunenr, r.kommune, r.fagomrade, r.periode, r.registrert])).toEqual([
      ['5530', 'Senja', 'psykisk-helsevern', '2019', 3]]);
    const registered = await reconcile(db, { from: '2019-01', to: '2019-12', by: 'year', group: 'registered' });
    expect(registered.map((r) => [r.kommunenr, r.kommune, r.registrert])).toEqual([['1931', 'Lenvik', 3]]);
  });

  it('an old number used after it ended (0901 in 2024) is Risør 4201 today, 0901 as registered', async () => {
    const q = { from: '2024-02', to: '2024-02' } as const;
    expect((await reconcile(db, q)).map((r) => [r.kommunenr, r.kommune, r.registrert])).toEqual([['4201', 'Risør', 2]]);
    expect((await reconcile(db, { ...q, group: 'registered' })).map((r) => [r.kommunenr, r.kommune])).toEqual([['0901', 'Risør']]);
  });

  it('--kommune with any historical number selects the whole successor under current grouping', async () => {
    for (const nr of ['1931', '5421', '5530']) {
      const rows = await reconcile(db, { kommune: nr, fagomrade: 'alle', by: 'period', from: '2019-01', to: '2022-12' });
      expect(rows.map((r) => [r.kommunenr, r.periode, r.registrert]), nr).toEqual([['5530', '2019-01–2022-12', 3 + 2 + 4 + 2]]);
    }
    const lenvik = await reconcile(db, { kommune: '1931', group: 'registered', fagomrade: 'alle', by: 'period' });
    expect(lenvik.map((r) => [r.kommunenr, r.periode, r.registrert])).toEqual([['1931', '2013-05–2019-06', 3 + 3]]);
  });
  it('a by-period label names the months asked for only as far as the data reach (2013-05 to 2024-02 here)', async () => {
    // «2010-01–2026-12» read as years without days where nothing is known.
    const q = { kommune: '5530', fagomrade: 'alle', by: 'period', from: '2010-01', to: '2026-12' } as const;
    expect((await reconcile(db, q)).map((r) => r.periode)).toEqual(['2013-05–2024-02']);
    expect(new Set((await stays(db, q)).map((r) => r.periode))).toEqual(new Set(['2013-05–2024-02']));
    // One end asked for: the other is the rows' own month, as without either.
    const lenvik = { kommune: '1931', group: 'registered', fagomrade: 'alle', by: 'period' } as const;
    expect((await reconcile(db, { ...lenvik, to: '2026-12' })).map((r) => r.periode)).toEqual(['2013-05–2024-02']);
    expect((await reconcile(db, { ...lenvik, from: '2010-01' })).map((r) => r.periode)).toEqual(['2013-05–2019-06']);
  });
  it('a number that never existed is an error, not an empty result; one that existed without data is empty', async () => {
    for (const f of [reconcile, stays]) {
      await expect(f(db, { kommune: '5806', fagomrade: 'alle' })).rejects.toThrow(/^kommunenummer 5806 finnes ikke i kommunelisten/);
    }
    expect(await reconcile(db, { kommune: '1806', fagomrade: 'alle' })).toEqual([]);
  });
});

describe('care areas', () => {
  const year2022 = { from: '2022-01', to: '2022-12', by: 'year' } as const;
  it('without a filter: one row per care area with data', async () => {
    const rows = await reconcile(db, year2022);
    expect(rows.map((r) => [r.fagomrade, r.registrert])).toEqual([['somatikk', 4 + 2], ['tsb', 2]]);
  });
  it('psykiatri = psykisk helsevern + TSB; alle = everything in one row', async () => {
    expect((await reconcile(db, { ...year2022, fagomrade: 'psykiatri' })).map((r) => [r.fagomrade, r.registrert])).toEqual([['psykiatri', 2]]);
    expect((await reconcile(db, { ...year2022, fagomrade: 'alle' })).map((r) => [r.fagomrade, r.registrert])).toEqual([['alle', 8]]);
    expect(await reconcile(db, { ...year2022, fagomrade: 'psykisk-helsevern' })).toEqual([]);
  });
});

describe('bridge, invoices and statuses', () => {
  it('avvik_dips, uten_tidspunkt and ukjent opphold land in their municipality and month', async () => {
    const rows = await reconcile(db, { kommune: '5530', fagomrade: 'somatikk', from: '2022-06', to: '2022-07' });
    expect(rows.map((r) => [r.periode, r.registrert, r.avvik_dips, r.uten_tidspunkt, r.forste_dogn, r.betalbar, r.fakturert, r.differanse])).toEqual([
      ['2022-06', 4 + 1, 1, 1, 1, 2, 2 + 1, 1],
      ['2022-07', 1, 0, 1, 0, 0, 0, 0],
    ]);
  });

  it('a year without a rate has a missing expected amount, never 0', async () => {
    const rows = await reconcile(db, { kommune: '1931', group: 'registered', by: 'year', fagomrade: 'alle' });
    expect(rows.map((r) => [r.periode, r.betalbar, r.forventet_belop])).toEqual([['2013', 2, null], ['2019', 2, 2 * 4885]]);
  });

  it('a month without days that an export fills in is missing its expected amount too in a year without a rate', async () => {
    const q = { kommune: '1931', group: 'registered', fagomrade: 'alle' } as const;
    const y2013 = await reconcile(db, { ...q, from: '2013-05', to: '2013-07' }, { everyMonth: true });
    expect(y2013.map((r) => [r.periode, r.betalbar, r.forventet_belop])).toEqual([['2013-05', 2, null], ['2013-06', 0, null], ['2013-07', 0, null]]);
    const y2019 = await reconcile(db, { ...q, from: '2019-05', to: '2019-07' }, { everyMonth: true });
    expect(y2019.map((r) => [r.periode, r.betalbar, r.forventet_belop])).toEqual([['2019-05', 0, 0], ['2019-06', 2, 2 * 4885], ['2019-07', 0, 0]]);
  });

  it('a year without a rate and without days adds nothing: the months of an export add up to its period row', async () => {
    // 5421 (Senja as registered) has days in 2022 only; the data begin in May 2013, a year without a rate.
    const q = { kommune: '5421', group: 'registered', fagomrade: 'alle', from: '2013-05', to: '2022-12' } as const;
    const [period] = await reconcile(db, { ...q, by: 'period' });
    const months = await reconcile(db, { ...q, by: 'month' }, { everyMonth: true });
    expect(period?.forventet_belop).toBe(3 * 5306);
    expect(months.filter((r) => r.periode.startsWith('2013')).map((r) => r.forventet_belop)).toEqual(Array(8).fill(0));
    expect(months.some((r) => r.forventet_belop === null)).toBe(false);
    expect(months.reduce((s, r) => s + r.forventet_belop!, 0)).toBe(period?.forventet_belop);
  });

  it('a stay listed under a grouped care area (alle, psykiatri) keeps its own care area', async () => {
    const q = { kommune: '5530', from: '2022-01', to: '2022-12', by: 'period' } as const;
    const all = await stays(db, { ...q, fagomrade: 'alle' });
    expect(all.map((s) => [s.stay_id, s.fagomrade, s.status])).toEqual([
      ['S', 'tsb', 'ikke-fakturert'], ['U', 'somatikk', 'kun-i-dips'], ['V', 'somatikk', 'ok'], ['ZZ', 'somatikk', 'ukjent-opphold'],
    ]);
    expect((await stays(db, { ...q, fagomrade: 'psykiatri' })).map((s) => [s.stay_id, s.fagomrade])).toEqual([['S', 'tsb']]);
    // The rows are still one per stay, and still sum to the reconciliation under that filter.
    const [row] = await reconcile(db, { ...q, fagomrade: 'alle' });
    expect(all.reduce((s, x) => s + x.registrert, 0)).toBe(row!.registrert);
  });

  it('marks a stay whose days agree but whose amount is off by more than 1 kr, with the amount expected', async () => {
    const [w] = await stays(db, { kommune: '5501', from: '2021-08', to: '2021-08' });
    expect(w).toMatchObject({ stay_id: 'W', betalbar: 2, fakturert: 2, differanse: 0, belop: 10434, forventet_belop: 2 * 5167, status: 'belopsavvik' });
  });

  it('lists every stay with its status, and the detail sums to the reconciliation rows', async () => {
    const q = { kommune: '5530', from: '2022-01', to: '2022-12', by: 'year' } as const;
    const detail = await stays(db, q);
    expect(detail.map((s) => [s.stay_id, s.fagomrade, s.dips_dogn, s.registrert, s.betalbar, s.fakturert, s.status])).toEqual([
      ['U', 'somatikk', 2, 2, 0, 0, 'kun-i-dips'],
      ['V', 'somatikk', 4, 4, 2, 2, 'ok'],
      ['ZZ', 'somatikk', null, 0, 0, 1, 'ukjent-opphold'],
      ['S', 'tsb', null, 2, 1, 0, 'ikke-fakturert'],
    ]);
    // What a controller holds against an invoice: the stay's USK dates (DIPS or HN-LIS, the wider) and its invoice numbers.
    expect(detail.map((s) => [s.stay_id, s.usk_fra, s.usk_til, s.fakturanr])).toEqual([
      ['U', '2022-06-30', '2022-07-01', ''],
      ['V', '2022-06-10', '2022-06-13', '10'],
      ['ZZ', null, null, '11'],
      ['S', '2022-06-03', '2022-06-04', ''],
    ]);
    // By month, a stay over a month's end has a row per month, each with that month's part of its dates.
    const monthly = await stays(db, { ...q, by: 'month' });
    expect(monthly.filter((s) => s.stay_id === 'U').map((s) => [s.periode, s.usk_fra, s.usk_til])).toEqual([
      ['2022-06', '2022-06-30', '2022-06-30'], ['2022-07', '2022-07-01', '2022-07-01'],
    ]);
    const rows = await reconcile(db, q);
    for (const row of rows) {
      const mine = detail.filter((s) => s.fagomrade === row.fagomrade);
      for (const k of ['registrert', 'avvik_dips', 'uten_tidspunkt', 'betalbar', 'fakturert', 'differanse', 'belop'] as const) {
        expect(mine.reduce((s, x) => s + x[k], 0), `${row.fagomrade} ${k}`).toBe(row[k]);
      }
    }
  });
});
