import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { PARSERS_SQL } from './parsers.ts';

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
