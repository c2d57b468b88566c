import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { PARSERS_SQL } from './parsers.ts';
import { containsFodselsnummer } from '../db/errors.ts';
import { sqlString } from '../db/sql.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await db.run(PARSERS_SQL);
});
afterAll(() => db.close());

const one = async (expr: string, s: string | null) =>
  (await db.json<{ v: string | null }>(`SELECT (${expr})::VARCHAR AS v`, { s }))[0]!.v;

describe('Norwegian numbers', () => {
  it.each([
    ['5306', '5306.0000'],
    ['kr 5 306,00', '5306.0000'],
    ['kr\u00a05\u00a0306,00', '5306.0000'],
    ['5\u202f306,50 kr', '5306.5000'],
    ['5.306,00', '5306.0000'],
    ['1.234.567', '1234567.0000'],
    ['\u22125\u00a0508,00', '-5508.0000'],
    ['-1', '-1.0000'],
    ['5306,-', '5306.0000'],
    ['21 224,00-', '-21224.0000'],
    ['5,-', '5.0000'],
    ['2.5', '2.5000'],
    // NOK as kr, and the minus before the currency as well as after it.
    ['kr -5 745,00', '-5745.0000'],
    ['NOK 5 745,00', '5745.0000'],
    ['5 745,00 NOK', '5745.0000'],
    ['nok\u00a05\u00a0745', '5745.0000'],
    ['-kr 5 745,00', '-5745.0000'],
    ['\u2212kr 5 745,00', '-5745.0000'],
    ['-NOK 5 745,00', '-5745.0000'],
    ['NOK -5 745,00', '-5745.0000'],
    ['-5 745,00 NOK', '-5745.0000'],
    ['kr.5 745,00', '5745.0000'],
    ['--kr 5', null],
    ['NOK', null],
    ['kr NOK 5', null],
    ['5 NOK kr', null],
    // More decimals than the four kept are not rounded away: the value is no number read (typed.ts says why).
    ['5745,125', '5745.1250'],
    ['5745,1234', '5745.1234'],
    ['5745,00001', null],
    ['5.745,00001', null],
    ['5745.00001', null],
    // Excel and LIS exports write six decimals: zeros after the fourth are no precision lost.
    ['2,000000', '2.0000'],
    ['5508,000000', '5508.0000'],
    ['5.508,000000', '5508.0000'],
    ['5508.000000', '5508.0000'],
    ['kr 5 306,500000', '5306.5000'],
    ['2,123400', '2.1234'],
    ['2,123456', null],
    ['2.123456', null],
    ['2,000010', null],
    ['1-2', null],
    ['abc', null],
    ['1,2,3', null],
    ['', null],
  ])('%j → %j', async (input, expected) => {
    expect(await one('usk_number($s)', input)).toBe(expected);
  });

  it('integers must be whole', async () => {
    expect(await one('usk_integer($s)', '12')).toBe('12');
    expect(await one('usk_integer($s)', '\u22121')).toBe('-1');
    expect(await one('usk_integer($s)', '1,5')).toBe(null);
    expect(await one('usk_integer($s)', '2,00001')).toBe(null);
    expect(await one('usk_integer($s)', '2,000000')).toBe('2');
  });
});

describe('Norwegian dates and times', () => {
  it.each([
    ['05.01.2023', '2023-01-05 00:00:00', false],
    ['5.1.2023', '2023-01-05 00:00:00', false],
    ['05.01.23', '2023-01-05 00:00:00', false],
    ['05.01.23 7:15', '2023-01-05 07:15:00', true],
    ['05.01.2023 07:15', '2023-01-05 07:15:00', true],
    ['05.01.2023 07:15:30', '2023-01-05 07:15:30', true],
    ['2023-01-05', '2023-01-05 00:00:00', false],
    ['2023-01-05T07:15', '2023-01-05 07:15:00', true],
    ['2023-01-05 07:15:30', '2023-01-05 07:15:30', true],
    ['2023-01-05 07:15:30.000', '2023-01-05 07:15:30', true],
    ['05.01.2023 07:15:30,5', '2023-01-05 07:15:30', true],
    ['2023-01-05 07:15:30.1234567', '2023-01-05 07:15:30', true],
    // The time with a dot, as Norwegian writes it, and after «kl.»; with dd.mm.åå and ISO dates too.
    ['01.02.2024 10.30', '2024-02-01 10:30:00', true],
    ['01.02.2024 kl. 10.30', '2024-02-01 10:30:00', true],
    ['01.02.2024 kl 10:30', '2024-02-01 10:30:00', true],
    ['01.02.2024, kl. 10:30', '2024-02-01 10:30:00', true],
    ['1.2.2024 Kl.9.05', '2024-02-01 09:05:00', true],
    ['01.02.2024 kl. 10:30:15', '2024-02-01 10:30:15', true],
    ['01.02.24 10.30', '2024-02-01 10:30:00', true],
    ['01.02.24 kl. 7.15', '2024-02-01 07:15:00', true],
    ['2024-02-01 kl. 10.30', '2024-02-01 10:30:00', true],
    ['2024-02-01 10.30', '2024-02-01 10:30:00', true],
    // Not times: seconds after a dot would make «01.03.22 10.03.22» (two dates) 10:03:22.
    ['01.02.2024 10.30.15', null, false],
    ['01.03.22 10.03.22', null, false],
    ['01.02.2024 25.30', null, false],
    ['01.02.2024 10.60', null, false],
    ['01.02.2024 10.3', null, false],
    ['01.02.2024 10,30', null, false],
    ['01.02.2024 kl.', null, false],
    ['kl. 10.30', null, false],
    ['01.02.2024 24.00', null, false],
    ['31.02.2022', null, false],
    ['2022-13-01', null, false],
    ['i går', null, false],
  ])('%j → %j', async (input, expected, hasTime) => {
    expect(await one('usk_timestamp($s)', input)).toBe(expected);
    if (expected) expect(await one('usk_has_time($s)', input)).toBe(String(hasTime));
  });

  it('a date alone stays a date alone: no time is read into it', async () => {
    for (const date of ['01.02.2024', '1.2.2024', '01.02.24', '2024-02-01']) {
      expect(await one('usk_has_time($s)', date), date).toBe('false');
      expect(await one('usk_timestamp($s)', date), date).toBe('2024-02-01 00:00:00');
    }
  });
});

describe('municipality numbers and vocabularies', () => {
  it.each([
    ['5401', '5401'],
    ['901', '0901'],
    [' 0301 ', '0301'],
    ['5401.0', '5401'],
    ['301,00', '0301'],
    ['5401.5', null],
    ['54011', null],
    ['Tromsø', null],
  ])('Kommunenr %j → %j', async (input, expected) => {
    expect(await one('usk_kommunenr($s)', input)).toBe(expected);
  });

  it.each([
    ['Somatikk', 'somatikk'],
    ['PHV', 'psykisk-helsevern'],
    ['Psykiatri', 'psykisk-helsevern'],
    ['psykisk helsevern', 'psykisk-helsevern'],
    ['Rus', 'tsb'],
    ['TSB', 'tsb'],
    ['Kirurgi', null],
  ])('Fagområde %j → %j', async (input, expected) => {
    expect(await one('usk_fagomrade($s)', input)).toBe(expected);
  });

  it('event codes and texts', async () => {
    expect(await one('usk_event_code($s)', '02')).toBe('2');
    expect(await one('usk_event_code($s)', 'ut')).toBe('UT');
    expect(await one('usk_event_code($s)', '5')).toBe(null);
    expect(await one('usk_event_code($s)', '01')).toBe('1');
    expect(await one('usk_event_code($s)', '12')).toBe('12');
    expect(await one('usk_event_code($s)', '120')).toBe(null);
    expect(await one('usk_event_text($s)', 'OVERFØRINGSKLAR')).toBe('12');
    expect(await one('usk_event_text($s)', 'Kommunen kan ta imot')).toBe('7');
    expect(await one('usk_event_text($s)', 'Kommunen kan ta i mot')).toBe('7');
    expect(await one('usk_invoice_type($s)', 'K')).toBe('kreditnota');
  });
});

describe('Oslo wall-clock time to an instant (compatible rule)', () => {
  it.each([
    ['2023-03-26 02:30:00', '2023-03-26 01:30:00'], // spring gap → 03:30+02
    ['2023-10-29 02:30:00', '2023-10-29 00:30:00'], // autumn overlap → earlier, 02:30+02
    ['2023-10-29 03:00:00', '2023-10-29 02:00:00'],
    ['2023-07-01 12:00:00', '2023-07-01 10:00:00'],
    ['2023-01-01 00:00:00', '2022-12-31 23:00:00'],
  ])('%s → %s UTC', async (local, utc) => {
    expect(await one(`strftime(usk_oslo_instant($s::TIMESTAMP) AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S')`, local)).toBe(utc);
  });
});

describe('a fødselsnummer in free text (usk_looks_like_fnr)', () => {
  // 17047630843 and the others: date part and both control digits right (db/errors.ts isFodselsnummer).
  it.each([
    ['18049306810', true], ['x 180493 06810 y', true], ['18.04.93 06810', true],
    // Groupings people use that the patterns of 6 + 5 and 2+2+2 + 5 did not find.
    ['17-04-76 30843', true], ['10-11-92-28145', true], ['25/01/71 96467', true], ['171074  78450', true], ['221235 - 38726', true],
    ['160663:19877', true], ['251174,63403', true], ['171012+34487', true], ['2608 3857 616', true], ['22 10 31 421 17', true],
    ['Pas 28-06-37 16768', true],
    // Not: words, a date with a time, a run longer than 11, control digits wrong, a number of ten without the zero making one.
    ['Med. sengepost 5B', false], ['19.04.2020 09:00', false], ['123418049306810', false], ['17-04-76 30844', false], ['1804930681', false],
  ])('%s → %s', async (s, hit) => {
    expect(await one('usk_looks_like_fnr($s)', s)).toBe(String(hit));
  });
});

describe('a fødselsnummer written with any separator or full-width digits (db/errors.ts FNR_SEPARATOR, FNR_DIGIT)', () => {
  const WIDE = (d: string) => [...d].map((c) => String.fromCharCode(0xff10 + Number(c))).join('');
  /** Each value through the macro: the hits true, the rest false (not NULL: callers negate it). */
  const check = async (macro: string, hits: string[], misses: (string | null)[]) => {
    for (const s of hits) expect(await one(`${macro}($s)`, s), s).toBe('true');
    for (const s of misses) expect(await one(`${macro}($s)`, s), String(s)).toBe('false');
  };

  it('in an id (usk_id_has_fnr): every form the audit got past it, and not an ordinary id', async () => {
    // All valid (date and both control digits right).
    await check('usk_id_has_fnr', [
      'ST110351:10005', '21-11-44-14171', 'S010548\u201436070', 'S100936\u201121153', 'S141039|22055', 'S(150337)15673',
      'S110351\u221210005', WIDE('18114535822'), 'ST 221235 - 38726', '21/11/44 14171',
      'X\u0660\u0667\u0669\u0660\u0665\u0660\u0664\u0669\u0668\u0660\u0666', // 07905049806 in Arabic-Indic digits
    ], [
      // Separated digits that are no fødselsnummer, a run of 7 and one of 5, runs of the id's own.
      'ST110351:10006', 'S(150337)15674', '2023-01-05-12345', '1234567 89012', 'ST0010000004', 'HF-2024|000123',
      '1733500000000', '16725718', null,
    ]);
  });

  it('in free text (usk_looks_like_fnr): every form the audit got past it, and not amounts, dates or names', async () => {
    await check('usk_looks_like_fnr', [
      'P (260536) 08484', 'P 100550\u201444479', 'P 240632\u201143244', `P ${WIDE('20065119863')}`, 'P 170435|12633',
      'P 270956\u221215355', 'Pas [011155] 13385', 'Pas 011155\u200b13385', 'P \u0660\u0667\u0669\u0660\u0665\u0660 \u0664\u0669\u0668\u0660\u0666',
    ], [
      '1 234 567,89', '10 612,00 kr | 5 306,00 kr', '01.03.2022 10:00\u201412:00', '1733500000000', 'Post (12) 34, rom 5',
      'Namsos - Nåavmesjenjaelmie', `kr ${WIDE('1')} ${WIDE('234')} ${WIDE('567')}`, null,
    ]);
  });

  it('as a whole invoice number (usk_whole_is_fnr): 11 digits or 6 + 5, apart by any separator', async () => {
    await check('usk_whole_is_fnr', [WIDE('18114535822'), '110351\u201410005', '110351 | 10005', '110351)10005'],
      ['F110351:10005', '110351\u201410006', '2023\u20131234567', null]);
    // Full-width digits are read a character for a character.
    expect(await one('usk_read_digits($s)', `a${WIDE('0123456789')}b`)).toBe('a0123456789b');
  });
});

/** Each value through the free-text check and the rejected-value mask, and the JS's check, in one query: planning these macros is most of a query's time. */
const freeText = async (values: string[]) => {
  const rows = await db.json<{ s: string; sql: boolean; hides: boolean }>(
    `SELECT s, usk_looks_like_fnr(s) AS sql, usk_hides_fnr(s) AS hides FROM (VALUES ${values.map((v) => `(${sqlString(v)})`).join(', ')}) v(s)`);
  return Object.fromEntries(rows.map((r) => [r.s, { js: containsFodselsnummer(r.s), sql: r.sql, hides: r.hides }]));
};
const all = (values: string[], found: boolean, hides = found) => Object.fromEntries(values.map((v) => [v, { js: found, sql: found, hides }]));

describe('a birth date with a four-digit year, then the personnummer (db/errors.ts dateBeforePnrPattern)', () => {
  const WIDE = (d: string) => [...d].map((c) => String.fromCharCode(0xff10 + Number(c))).join('');

  it('is found in free text as the JS finds it, and masks a rejected value whole; a date with a time or an amount is not', async () => {
    // 17107478450, 01027412307, 05030151218 and 09085540049 are valid (date and both control digits).
    const hits = [
      'f. 17.10.1974 pnr 78450', '17.10.1974 78450', 'født 17/10/1974, personnr. 78450', 'F. 17.10.1974 PNR: 78450', 'Pas. 17.10.1974 (p.nr 78450)',
      '17-10-1974 \u2013 78450', `f. ${WIDE('17')}.${WIDE('10')}.${WIDE('1974')} pnr ${WIDE('78450')}`, '1.2.1974 pers.nr. 12307',
      '5/3/2001 personnummer 51218', '09.08.1855 40049', 'f. 1.2.1974, 17.10.1974 78450',
    ];
    // A date alone, with a time, with an amount (a word that is no label, or the thousands apart:
    // money, not a personnummer), control digits wrong, a digit more before the day or after the
    // number, none between year and number.
    const misses = [
      '17.10.1974', 'f. 17.10.1974', '17.10.1974 10:45', '17.10.1974 kl. 10.45', '17.10.1974 kr 78 450', '17.10.1974 kr 78450', '17.10.1974 78 450',
      '17.10.1974 78451', 'f. 17.10.1974 pnr 78451', '117.10.1974 78450', '17.10.1974 784501', '17.10.197478450',
    ];
    expect(await freeText(hits)).toEqual(all(hits, true));
    expect(await freeText(misses)).toEqual(all(misses, false));
    // A two-digit year before a label is no form either check knows; a rejected value's digits, read
    // together, still hide it.
    expect(await freeText(['17.10.74 pnr 78450'])).toEqual(all(['17.10.74 pnr 78450'], false, true));
  });
});

describe('usk_looks_like_fnr looks at every value with ten digits, however far apart its groups', () => {
  it('finds groups of four digits or fewer two or three separators apart, as the JS does', async () => {
    // 26083857616 and 07905049806 are valid; no five of their digits are 2, 2 and 1 at most one separator apart.
    const hits = ['2608 - 3857 - 616', 'Ring 260 / 838 / 576 / 16', '0 7 9 0 5 0 4 9 8 0 6', '07 / 90 / 50 / 49 / 806'];
    const misses = ['2608 - 3857 - 617', '1 2 3 4 5 6 7 8 9 0 1', '10 612,00 kr | 5 306,00 kr', 'Sengepost 5B, rom 12'];
    expect(await freeText(hits)).toEqual(all(hits, true));
    expect(await freeText(misses)).toEqual(all(misses, false));
  });
});
