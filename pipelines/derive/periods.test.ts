/**
 * Period building (exports.md "hnlis-hendelser") and the data-quality findings it leaves behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { findings, stayDays } from '../query/index.ts';
import { loadSources, type TestEvent } from './test-support.ts';

let db: UskDb;
const ev = (stay: string, code: TestEvent['code'], at: string, kommunenr = '5501'): TestEvent => ({ stay, code, at, kommunenr });

beforeAll(async () => {
  db = await openDatabase(':memory:');
  await loadSources(db, {
    asOf: '2023-12-01 00:00',
    events: [
      // Duplicate 2 inside an open period; UT after it closes the one period.
      ev('DUP', '2', '2023-02-01 10:00'), ev('DUP', '3', '2023-02-01 10:00'), ev('DUP', '2', '2023-02-02 09:00'), ev('DUP', 'UT', '2023-02-03 10:00'),
      // Notification before the period on the same date: counts as given at t_ready.
      ev('EARLY', '3', '2023-02-01 08:00'), ev('EARLY', '2', '2023-02-01 10:00'), ev('EARLY', 'UT', '2023-02-02 10:00'),
      // Notification on an earlier date outside any period: left out, the period is not notified.
      ev('STRAY', '3', '2023-01-30 08:00'), ev('STRAY', '2', '2023-02-01 10:00'), ev('STRAY', 'UT', '2023-02-02 10:00'),
      // Revocation without an open period; a discharge after a revocation is normal.
      ev('REV', '4', '2023-02-01 08:00'), ev('REV', '2', '2023-02-01 10:00'), ev('REV', '3', '2023-02-01 10:00'),
      ev('REV', '4', '2023-02-02 10:00'), ev('REV', 'UT', '2023-02-03 10:00'),
      // Zero-length period.
      ev('ZERO', '2', '2023-02-01 10:00'), ev('ZERO', 'UT', '2023-02-01 10:00'),
      // Events but no code 2, and a DIPS row: days stay uten_tidspunkt.
      ev('NOP', '3', '2023-02-01 10:00'), ev('NOP', 'UT', '2023-02-02 10:00'),
      // Same minute: 3 sorts before 4, so a notification at the revocation minute is inside.
      ev('TIE', '4', '2023-02-02 10:00'), ev('TIE', '2', '2023-02-01 10:00'), ev('TIE', '3', '2023-02-02 10:00'),
      // Revoked and declared again in the same minute, with a period open: two periods.
      ev('REDECL', '2', '2022-09-01 10:00'), ev('REDECL', '3', '2022-09-01 10:00'),
      ev('REDECL', '4', '2022-09-03 09:00'), ev('REDECL', '2', '2022-09-03 09:00'), ev('REDECL', '3', '2022-09-03 09:00'),
      ev('REDECL', 'UT', '2022-09-06 10:00'),
      // Autumn overlap: 02:30 on 29 October is the earlier (summer-time) instant.
      ev('DST', '2', '2023-10-29 02:30'), ev('DST', '3', '2023-10-29 02:30'), ev('DST', 'UT', '2023-10-29 04:30'),
      // Tromsø's 2020–2023 number on the events, today's on the DIPS row: the same municipality.
      ev('RENUM', '2', '2023-02-01 10:00', '5401'), ev('RENUM', '3', '2023-02-01 10:00', '5401'), ev('RENUM', 'UT', '2023-02-02 10:00', '5401'),
      // Ready again after the discharge.
      ev('AFTER', '2', '2023-03-01 10:00'), ev('AFTER', 'UT', '2023-03-04 10:00'), ev('AFTER', '2', '2023-03-05 10:00'),
      // HN-LIS says 5401, DIPS says 5402.
      ev('MIX', '2', '2023-02-01 10:00', '5401'), ev('MIX', '3', '2023-02-01 10:00', '5401'), ev('MIX', 'UT', '2023-02-02 10:00', '5401'),
      // NPR codes no rule uses: 1 at admission (in another municipality), 12 inside the period and
      // after the discharge; and a stay with nothing but a code 1.
      ev('NPR', '1', '2023-01-20 08:00', '5401'), ev('NPR', '2', '2023-02-01 10:00'), ev('NPR', '3', '2023-02-01 10:00'),
      ev('NPR', '12', '2023-02-02 07:00'), ev('NPR', 'UT', '2023-02-03 10:00'), ev('NPR', '12', '2023-02-04 07:00', '5401'),
      ev('ADMITTED', '1', '2023-02-01 08:00'),
    ],
    periods: [
      { stay: 'NOP', ready: '2023-02-01', uskDays: 2 },
      { stay: 'MIX', ready: '2023-02-01 10:00', uskDays: 3, kommunenr: '5402' },
      { stay: 'RENUM', ready: '2023-02-01 10:00', uskDays: 2, kommunenr: '5501' },
      // A corrected Utskrivningsklar beside the row it corrects; OK re-declared the day it was revoked.
      { stay: 'FIXED', ready: '2023-04-01 10:00', discharged: '2023-04-05 12:00', uskDays: 5 },
      { stay: 'FIXED', ready: '2023-04-02 10:00', discharged: '2023-04-05 12:00', uskDays: 4 },
      { stay: 'OK', ready: '2023-04-01 10:00', discharged: '2023-04-06 12:00', uskDays: 2 },
      { stay: 'OK', ready: '2023-04-02 15:00', discharged: '2023-04-06 12:00', uskDays: 5 },
      // A long row, a one-day row inside it, and a row after the short one that still overlaps the long one.
      { stay: 'SKIP', ready: '2023-05-01 10:00', uskDays: 10 },
      { stay: 'SKIP', ready: '2023-05-03 10:00', uskDays: 1 },
      { stay: 'SKIP', ready: '2023-05-05 10:00', uskDays: 2 },
    ],
    invoices: [
      { invoiceNo: 'A', stay: 'MIX', kommunenr: '5402', from: '2023-02-02', to: '2023-02-02', days: 1, rate: 5508, amount: 5000 },
      { invoiceNo: 'B', stay: 'DUP', kommunenr: '5501', from: '2023-02-02', to: '2023-02-03', days: 2, rate: 5000, amount: 10000 },
      { invoiceNo: 'C', stay: 'DUP', kommunenr: '5503', from: '2023-02-03', to: '2023-02-03', days: 1, rate: 5508, amount: 5508 },
      { invoiceNo: 'E', stay: 'RENUM', kommunenr: '5501', fagomrade: 'psykisk-helsevern', from: '2023-02-02', to: '2023-02-02', days: 1, rate: 5508, amount: 5508 },
      { invoiceNo: 'K', stay: 'DUP', kommunenr: '5501', from: '2023-02-03', to: '2023-02-03', days: 1, rate: 5508, amount: 5508, lineType: 'kreditnota' },
      { invoiceNo: 'D', stay: null, kommunenr: '5501', from: '2013-02-03', to: '2013-02-03', days: 1, rate: null, amount: 4100 },
      // Lines over a month's end and over a year's end: booked in the Fra dato month (domain.md).
      { invoiceNo: 'O1', stay: 'OK', kommunenr: '5501', from: '2023-04-30', to: '2023-05-02', days: 3, rate: 5508, amount: 16524 },
      { invoiceNo: 'O2', stay: 'OK', kommunenr: '5501', from: '2023-12-31', to: '2024-01-01', days: 2, rate: 5508, amount: 11016 },
    ],
  });
});
afterAll(() => db.close());

const periods = (stay: string) => db.json<{ period_no: number; t_notified: string | null; end_code: string | null; registered_days: number; hours: number }>(
  `SELECT period_no, strftime(t_notified_local, '%Y-%m-%d %H:%M') AS t_notified, end_code, registered_days, hours
   FROM usk_period WHERE stay_id = $s ORDER BY period_no`, { s: stay });
const codes = async (stay: string | null) =>
  (await findings(db)).filter((f) => f.stay_id === stay).map((f) => `${f.code}/${f.severity}`).sort();

describe('periods from events', () => {
  it('a code 2 in an open period is a duplicate: one period, and a finding', async () => {
    expect(await periods('DUP')).toMatchObject([{ period_no: 1, end_code: 'UT', registered_days: 3 }]);
    expect(await codes('DUP')).toContain('duplikat-utskrivningsklar/advarsel');
  });
  it('a notification earlier the same date belongs to the period and counts from t_ready', async () => {
    expect(await periods('EARLY')).toMatchObject([{ t_notified: '2023-02-01 10:00' }]);
    expect((await stayDays(db, 'EARLY', {})).map((d) => d.category)).toEqual(['forste_dogn', 'betalbar']);
  });
  it('a notification on another date outside any period is left out and reported', async () => {
    expect(await periods('STRAY')).toMatchObject([{ t_notified: null }]);
    expect((await stayDays(db, 'STRAY', {})).map((d) => d.category)).toEqual(['ikke_varslet', 'ikke_varslet']);
    expect(await codes('STRAY')).toContain('hendelse-utenfor-periode/advarsel');
  });
  it('a revocation without an open period is reported; a discharge after a revocation is not', async () => {
    expect(await periods('REV')).toMatchObject([{ end_code: '4', registered_days: 2 }]);
    expect(await codes('REV')).toEqual(['avmelding-utenfor-periode/info', 'kun-i-hnlis/info']);
  });
  it('a zero-length period has no registered days and is a warning', async () => {
    expect(await periods('ZERO')).toMatchObject([{ registered_days: 0, hours: 0 }]);
    expect(await codes('ZERO')).toContain('null-lengde/advarsel');
  });
  it('events without a code 2: the DIPS days are uten_tidspunkt', async () => {
    expect(await periods('NOP')).toEqual([]);
    expect((await stayDays(db, 'NOP', {})).map((d) => [d.dato, d.category])).toEqual([
      ['2023-02-01', 'uten_tidspunkt'], ['2023-02-02', 'uten_tidspunkt']]);
    expect(await codes('NOP')).toEqual(['hendelse-utenfor-periode/advarsel', 'kun-i-dips/advarsel', 'uten-periode/advarsel']);
  });
  it('events at the same minute sort 2, 3, 6, 7, 4, UT', async () => {
    expect(await periods('TIE')).toMatchObject([{ end_code: '4', t_notified: '2023-02-02 10:00' }]);
  });
  it('a revocation and a new readiness in the same minute, with a period open, close it and start the next', async () => {
    expect(await periods('REDECL')).toMatchObject([
      { period_no: 1, end_code: '4', hours: 47, registered_days: 3 },
      { period_no: 2, t_notified: '2022-09-03 09:00', end_code: 'UT', hours: 73, registered_days: 4 },
    ]);
    expect(await codes('REDECL')).toEqual(['kun-i-hnlis/info']);
  });
  it('codes 1 and 12 load but neither start, end nor mark a period, nor make a stay or a finding', async () => {
    expect(await periods('NPR')).toMatchObject([{ period_no: 1, t_notified: '2023-02-01 10:00', end_code: 'UT', registered_days: 3, hours: 48 }]);
    expect(await codes('NPR')).toEqual(['kun-i-hnlis/info']);
    expect(await db.json(`SELECT kommunenr FROM usk_stay WHERE stay_id = 'NPR'`)).toEqual([{ kommunenr: '5501' }]);
    expect(await db.json(`SELECT count(*)::INTEGER AS n FROM src_event WHERE stay_id IN ('NPR', 'ADMITTED') AND code IN ('1', '12')`)).toEqual([{ n: 4 }]);
    expect(await db.json(`SELECT count(*)::INTEGER AS n FROM usk_stay WHERE stay_id = 'ADMITTED'`)).toEqual([{ n: 0 }]);
    expect(await codes('ADMITTED')).toEqual([]);
  });
  it('a time in the autumn overlap is the earlier instant: 02:30 → 04:30 is 3 hours', async () => {
    expect(await periods('DST')).toMatchObject([{ hours: 3, registered_days: 1 }]);
  });
});

describe('findings across sources', () => {
  it('DIPS count ≠ recomputed, and HN-LIS municipality ≠ DIPS municipality', async () => {
    expect(await codes('MIX')).toEqual(['dips-avvik/advarsel', 'faktura-belop/advarsel', 'kilde-avvik/advarsel']);
    const [belop] = await findings(db, { stayId: 'MIX', code: 'faktura-belop' });
    expect(belop!.message).toBe('Faktura A: beløp 5\u00a0000,00\u00a0kr ≠ 1 døgn × 5\u00a0508,00\u00a0kr');
  });
  it('a municipality renumbered between the sources is no disagreement; an invoice in another care area than its stay is', async () => {
    expect(await codes('RENUM')).toEqual(['faktura-fagomrade-avvik/advarsel']);
    const [f] = await findings(db, { stayId: 'RENUM' });
    expect(f!.message).toBe('Faktura E er ført på psykisk helsevern, men oppholdet er registrert på somatikk');
  });
  it('readiness after the discharge is counted, and a warning', async () => {
    expect(await periods('AFTER')).toMatchObject([{ end_code: 'UT' }, { end_code: null }]);
    expect(await codes('AFTER')).toEqual(['klar-etter-utskrevet/advarsel', 'kun-i-hnlis/info']);
  });
  it('DIPS rows of one stay whose counted dates overlap by more than a day', async () => {
    expect(await codes('FIXED')).toEqual(['dips-overlapp/advarsel', 'kun-i-dips/advarsel']);
    const [f] = await findings(db, { stayId: 'FIXED', code: 'dips-overlapp' });
    expect(f!.message).toMatch(/^DIPS-radene med Utskrivningsklar 01\.04\.2023 \(5 døgn, batch \d+\) og 02\.04\.2023 \(4 døgn, batch \d+\) dekker de samme datoene/);
    expect(await codes('OK')).toEqual(['faktura-over-maneder/advarsel', 'faktura-over-maneder/info', 'kun-i-dips/advarsel']);
    // Each row against the earlier row that reaches furthest, not only the one just before it.
    const skip = await findings(db, { stayId: 'SKIP', code: 'dips-overlapp' });
    expect(skip.map((x) => x.message.replace(/batch \d+/g, 'batch n').split(' dekker')[0]).sort()).toEqual([
      'DIPS-radene med Utskrivningsklar 01.05.2023 (10 døgn, batch n) og 03.05.2023 (1 døgn, batch n)',
      'DIPS-radene med Utskrivningsklar 01.05.2023 (10 døgn, batch n) og 05.05.2023 (2 døgn, batch n)',
    ]);
  });
  it('an invoice line over a month\'s end is said; over a year\'s end it is a warning', async () => {
    expect((await findings(db, { stayId: 'OK', code: 'faktura-over-maneder' })).map((f) => [f.severity, f.periode, f.message])).toEqual([
      ['advarsel', '2023-12', 'Fakturalinje O2 (31.12.2023–01.01.2024, 2 døgn) går over et årsskifte: hele linjen er ført i desember 2023 (Fra dato), så differansen i de to periodene flytter seg tilsvarende'],
      ['info', '2023-04', 'Fakturalinje O1 (30.04.2023–02.05.2023, 3 døgn) går over et månedsskifte: hele linjen er ført i april 2023 (Fra dato), så differansen i de to periodene flytter seg tilsvarende'],
    ]);
  });
  it('invoice amount ≠ days × rate, a rate that is not the national one, the wrong municipality', async () => {
    expect(await codes('DUP')).toEqual(['duplikat-utskrivningsklar/advarsel', 'faktura-kommune-avvik/advarsel', 'faktura-sats/advarsel', 'kun-i-hnlis/info']);
  });
  it('a Kreditnota written without a minus is subtracted', async () => {
    expect(await db.json(`SELECT invoice_no, days, amount FROM usk_invoice WHERE stay_id = 'DUP' ORDER BY invoice_no`)).toEqual([
      { invoice_no: 'B', days: 2, amount: 10000 }, { invoice_no: 'C', days: 1, amount: 5508 }, { invoice_no: 'K', days: -1, amount: -5508 },
    ]);
  });
  it('an invoice line without a stay, and a year without a rate', async () => {
    expect(await codes(null)).toEqual(['mangler-sats/advarsel', 'ukjent-opphold/advarsel']);
    const [missing] = (await findings(db, { code: 'mangler-sats' }));
    expect(missing).toMatchObject({ periode: '2013', message: expect.stringContaining('2013') });
  });
  it('filters by severity, municipality and stay', async () => {
    expect((await findings(db, { severity: 'info' })).every((f) => f.severity === 'info')).toBe(true);
    expect((await findings(db, { stayId: 'ZERO' })).map((f) => f.code)).toEqual(['null-lengde', 'kun-i-hnlis']);
    // 5402 is Harstad 2020–2023, today 5503: DUP's invoice sent to 5503 is Harstad's too.
    expect((await findings(db, { kommune: '5402' })).map((f) => f.stay_id).sort()).toEqual(['DUP', 'MIX', 'MIX', 'MIX']);
    expect((await findings(db, { kommune: '5402', code: 'kilde-avvik' })).map((f) => f.stay_id)).toEqual(['MIX']);
  });
});

describe('a USK period over a year', () => {
  it('is said, from HN-LIS and from a DIPS row, ended or still open; a year exactly is not', async () => {
    const db2 = await openDatabase(':memory:');
    try {
      await loadSources(db2, {
        asOf: '2024-03-01 06:00',
        events: [
          // 2022 typed for 2023 in the readiness: 10.01.2022–01.02.2023, 388 days.
          ev('L1', '2', '2022-01-10 10:00'), ev('L1', 'UT', '2023-02-01 10:00'),
          // No discharge: open since 01.02.2023, it runs to the as-of.
          ev('L2', '2', '2023-02-01 10:00'),
          // 365 days exactly (01.03.2023–28.02.2024).
          ev('L3', '2', '2023-03-01 10:00'), ev('L3', 'UT', '2024-02-28 10:00'),
        ],
        periods: [{ stay: 'L4', ready: '2022-05-02', discharged: '2023-06-30', uskDays: 425 }],
      });
      const found = await findings(db2, { code: 'lang-periode' });
      expect(found.map((f) => [f.stay_id, f.periode, f.message])).toEqual([
        ['L1', '2022-01', 'USK-periode 1 har 388 registrerte døgn (utskrivningsklar 10.01.2022 10:00, slutt 01.02.2023 10:00): mer enn 365 døgn. Stemmer årstallene, og mangler en utskrivning?'],
        ['L4', '2022-05', 'DIPS-rad med 425 USK-døgn (utskrivningsklar 02.05.2022): mer enn 365 døgn. Stemmer årstallene?'],
        ['L2', '2023-02', 'USK-periode 1 har 395 registrerte døgn (utskrivningsklar 01.02.2023 10:00, ikke avsluttet ved uttrekket): mer enn 365 døgn. Stemmer årstallene, og mangler en utskrivning?'],
      ]);
    } finally {
      db2.close();
    }
  });
});

describe('a DIPS row with more USK-døgn than dates to its discharge', () => {
  it('is said (a date or the count is wrong); as many or fewer (a period ended before the discharge) is not', async () => {
    const db2 = await openDatabase(':memory:');
    try {
      await loadSources(db2, {
        periods: [
          { stay: 'OVER', ready: '2024-01-10', discharged: '2024-01-12', uskDays: 5 },
          { stay: 'SAMEDAY', ready: '2024-01-10 14:00', discharged: '2024-01-10 18:00', uskDays: 2 },
          { stay: 'EXACT', ready: '2024-01-10', discharged: '2024-01-12', uskDays: 3 },
          { stay: 'FEWER', ready: '2024-01-10', discharged: '2024-01-20', uskDays: 3 },
          { stay: 'OPEN', ready: '2024-01-10', uskDays: 40 },
        ],
      });
      const found = await findings(db2, { code: 'dips-dogn-over-datoene' });
      expect(found.map((f) => [f.stay_id, f.severity, f.periode, f.message]).sort()).toEqual([
        ['OVER', 'advarsel', '2024-01', 'DIPS-rad med 5 USK-døgn, men Utskrivningsklar 10.01.2024 til Utskrevet 12.01.2024 er bare 3 datoer: er en dato eller antallet feil? Alle 5 telles, også døgn etter utskrivningen'],
        ['SAMEDAY', 'advarsel', '2024-01', 'DIPS-rad med 2 USK-døgn, men Utskrivningsklar 10.01.2024 til Utskrevet 10.01.2024 er bare 1 dato: er en dato eller antallet feil? Alle 2 telles, også døgn etter utskrivningen'],
      ]);
    } finally {
      db2.close();
    }
  });
});

describe('versions of an event (rolling extracts)', () => {
  it('the newest version of an event is used; the latest as-of of any version ends an open period', async () => {
    const db2 = await openDatabase(':memory:');
    try {
      await loadSources(db2, { asOf: '2023-03-01 06:00', events: [ev('V', '2', '2023-02-27 10:00', '5401'), ev('V', '3', '2023-02-27 10:00', '5401')] });
      // A newer extract states the same events with another municipality, and a later as-of.
      await loadSources(db2, { asOf: '2023-03-02 06:00', events: [ev('V', '2', '2023-02-27 10:00', '5501')] });
      const [p] = await db2.json<{ kommunenr: string; registered_days: number; pagaende: boolean }>(
        `SELECT kommunenr, registered_days, pagaende FROM usk_period WHERE stay_id = 'V'`);
      expect(p).toEqual({ kommunenr: '5501', registered_days: 4, pagaende: true });
      expect((await stayDays(db2, 'V', {})).map((d) => d.category)).toEqual(['forste_dogn', 'betalbar', 'betalbar', 'betalbar']);
    } finally {
      db2.close();
    }
  });
  it('a discharge time corrected in a newer extract leaves the older one ending the period, and says so', async () => {
    const db2 = await openDatabase(':memory:');
    try {
      const start = [ev('C', '2', '2024-02-01 10:00'), ev('C', '3', '2024-02-01 10:00')];
      await loadSources(db2, { asOf: '2024-02-06 06:00', events: [...start, ev('C', 'UT', '2024-02-05 10:00')] });
      await loadSources(db2, { asOf: '2024-02-09 06:00', events: [...start, ev('C', 'UT', '2024-02-08 10:00')] });
      const [p] = await db2.json<{ registered_days: number }>(`SELECT registered_days FROM usk_period WHERE stay_id = 'C'`);
      expect(p).toEqual({ registered_days: 5 }); // 01–05.02: the first UT still ends it
      const found = await findings(db2, { stayId: 'C', code: 'flere-utskrevet' });
      expect(found.map((f) => [f.severity, f.periode, f.message.replace(/batch \d+/g, 'batch n')])).toEqual([[
        'advarsel', '2024-02',
        'Oppholdet har 2 utskrivningstidspunkter (UT): 05.02.2024 10:00 (batch n), 08.02.2024 10:00 (batch n). Perioden slutter ved det første; er tidspunktet rettet i et nyere uttrekk, står det gamle fortsatt',
      ]]);
      // A second period of the same stay, ended by its own discharge, is no correction.
      await loadSources(db2, { asOf: '2024-03-10 06:00', events: [ev('R', '2', '2024-03-01 10:00'), ev('R', 'UT', '2024-03-02 10:00'), ev('R', '2', '2024-03-05 10:00'), ev('R', 'UT', '2024-03-06 10:00')] });
      expect(await findings(db2, { stayId: 'R', code: 'flere-utskrevet' })).toEqual([]);
    } finally {
      db2.close();
    }
  });
  it('an event a newer extract leaves out between events it has of the stay is said (still counted); one outside them is not', async () => {
    const db2 = await openDatabase(':memory:');
    try {
      // The revocation (4) of 02.02 is in the first extract only; the second has the stay's 2 before it and 2 and UT after it.
      const kept = [ev('D', '2', '2024-02-01 10:00'), ev('D', '2', '2024-02-03 10:00'), ev('D', 'UT', '2024-02-05 10:00')];
      await loadSources(db2, { asOf: '2024-02-06 06:00', events: [...kept, ev('D', '4', '2024-02-02 10:00')] });
      // Stay E: its events in the newer extract begin after the older extract's 2 and 3 of 01.02 (and
      // its last event there, UT, ends them): that extract's window may not have reached those two.
      await loadSources(db2, { asOf: '2024-02-06 07:00', events: [ev('E', '2', '2024-02-01 09:00'), ev('E', '3', '2024-02-01 11:00')] });
      await loadSources(db2, { asOf: '2024-02-09 06:00', events: [...kept, ev('E', '3', '2024-02-04 09:00'), ev('E', 'UT', '2024-02-08 10:00')] });
      const batches = await db2.json<{ id: number }>('SELECT batch_id AS id FROM batch ORDER BY batch_id');
      const found = await findings(db2, { code: 'hendelse-mangler-i-nyere' });
      expect(found.map((f) => [f.stay_id, f.severity, f.periode, f.message])).toEqual([[
        'D', 'advarsel', '2024-02',
        `Hendelse 4 02.02.2024 10:00 (batch ${batches[0]!.id}) er ikke med i et nyere uttrekk (batch ${batches[2]!.id}) som har oppholdets hendelser både før og etter den: er den slettet eller rettet i HN-LIS? Den telles fortsatt`,
      ]]);
      // Still counted: the revocation ends the first period (01.02–02.02), the 2 of 03.02 opens the next.
      const periods = await db2.json<{ n: number }>(`SELECT count(*)::INT AS n FROM usk_period WHERE stay_id = 'D'`);
      expect(periods).toEqual([{ n: 2 }]);
    } finally {
      db2.close();
    }
  });
});
