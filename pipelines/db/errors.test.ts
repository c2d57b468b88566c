import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { IDENTIFIER_MASK, IDENTIFIER_SQL_PATTERN, containsFodselsnummer, isFodselsnummer, maskIdentifiers } from './errors.ts';

const FORMS = ['07905049806', '079050 49806', '079050-49806', '079050\u201349806', '079050.49806', '079050/49806', '07 90 50 49806', '07.90.50 49806', '07.90.50-49806', '079050\u00a049806', '079050\u202f49806', '079050_49806'];

describe('masking what may be a fødselsnummer', () => {
  it('in messages: every written form of 6 + 5 digits, and 10 digits with the control digits of one, but not a longer run or another 10-digit id', () => {
    for (const f of FORMS) expect(maskIdentifiers(`verdi «${f}» ugyldig`)).toBe(`verdi «${IDENTIFIER_MASK}» ugyldig`);
    expect(maskIdentifiers('time 1733500000000, opphold 1234567890, ark 7905049806')).toBe(`time 1733500000000, opphold 1234567890, ark ${IDENTIFIER_MASK}`);
  });

  it('in a log line as JSON writes it: a tab or line break between the parts is two characters there', () => {
    const line = JSON.stringify({ msg: 'ukjent ark', sheet: '079050\t49806', note: '07.90.50\n49806' });
    expect(line).toContain('079050\\t49806');
    expect(maskIdentifiers(line)).toBe(JSON.stringify({ msg: 'ukjent ark', sheet: IDENTIFIER_MASK, note: IDENTIFIER_MASK }));
  });

  it('in rejected values (DuckDB): the same forms, inside longer runs, and 10 digits in a row', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const values = [...FORMS, '7905049806', '123', '01.03.2022'];
    const rows = (await conn.runAndReadAll(
      `SELECT regexp_replace(v, '${IDENTIFIER_SQL_PATTERN}', '${IDENTIFIER_MASK}', 'g') AS m
       FROM (VALUES ${values.map((v, i) => `(${i}, '${v}')`).join(', ')}) t(i, v) ORDER BY i`,
    )).getRowObjectsJson().map((r) => r.m);
    expect(rows).toEqual([...FORMS.map(() => IDENTIFIER_MASK), IDENTIFIER_MASK, '123', '01.03.2022']);
  });

  it('tells a fødselsnummer in free text by its control digits, however it is written', () => {
    expect(isFodselsnummer('07905049806')).toBe(true);
    expect(isFodselsnummer('07905049807')).toBe(false);
    for (const t of ['Pasient 07905049806', 'pas 079050 49806.', '079050-49806', '079050/49806', '07 90 50 49806', 'pas. f. 07.90.50 49806', 'x 7905049806 y']) {
      expect(containsFodselsnummer(t), t).toBe(true);
    }
    for (const t of ['Oppholds-ID 41200026', 'tlf 07905049807', '12345678901', '2022-03-01 10:00', '01.03.2022 10403', '01.03.22 12:00', '1733500000000']) {
      expect(containsFodselsnummer(t), t).toBe(false);
    }
  });
});

describe('the broader ways of writing one an audit found', () => {
  // All valid (date and both control digits right), from the audit's list.
  const GROUPED = [
    '17-04-76 30843', '10-11-92-28145', '25/01/71 96467', // date part with hyphens or slashes
    '171074  78450', '221235 - 38726', // more than one separator character
    '160663:19877', '251174,63403', '171012+34487', // other separators
    '2608 3857 616', '22 10 31 421 17', // other groupings
    '17\u00a010\u00a074 78450', '21-07-28_02893', // no-break spaces; a file name
  ];

  it('masks and flags every one, in running text and in a JSON log line', () => {
    for (const f of GROUPED) {
      expect(maskIdentifiers(`pasient «${f}» ukjent`), f).toBe(`pasient «${IDENTIFIER_MASK}» ukjent`);
      expect(containsFodselsnummer(`pasient ${f}`), f).toBe(true);
    }
    const line = JSON.stringify({ msg: 'ukjent ark', sheet: '17-04-76\t30843', note: '2608\r\n3857 616' });
    expect(maskIdentifiers(line)).toBe(JSON.stringify({ msg: 'ukjent ark', sheet: IDENTIFIER_MASK, note: IDENTIFIER_MASK }));
  });

  it('finds one among the groups of a longer run, and masks only its groups', () => {
    // 2022-03-01 before it and 12 after it are groups of the same run: the window of groups that makes 11 digits is masked.
    expect(maskIdentifiers('2022-03-01 17-04-76 30843 12')).toBe(`2022-03-01 ${IDENTIFIER_MASK} 12`);
    expect(maskIdentifiers('rad 4: 12, 2608 3857 616, 7')).toBe(`rad 4: 12, ${IDENTIFIER_MASK}, 7`);
    // Never part of a group: the digits of a longer number are not taken apart.
    expect(maskIdentifiers('id 917047630843')).toBe('id 917047630843');
  });

  it('a birth date with a four-digit year and then the personnummer', () => {
    expect(maskIdentifiers('f. 17.10.1974 pnr 78450, innlagt')).toBe(`f. ${IDENTIFIER_MASK}, innlagt`);
    expect(containsFodselsnummer('født 17.10.1974, personnummer: 78450')).toBe(true);
    expect(containsFodselsnummer('17.10.1974 78450')).toBe(true);
    expect(containsFodselsnummer('17.10.1974 pnr 78451')).toBe(false);
  });

  it('leaves ordinary numbers: amounts, dates, times, phone numbers, counts', () => {
    for (const t of ['beløp 1 234 567,89 kr', 'kl. 10:00:00, 01.03.2022', '2022-03-01T10:00:00.000Z', 'tlf 77 62 60 00, 01.03.2022', '12 345 678 901', '1,2,3,4,5,6,7,8,9,10,11', 'opphold 41200026: 3 døgn, 12,5 timer',
      // 10 digits across groups are never a lost leading zero: 0 + 2012062012 and 0 + 1904202009 would pass.
      'usk-avstemming-2012-06-2012-01.csv', '19.04.2020 09:00']) {
      expect(maskIdentifiers(t), t).toBe(t);
      expect(containsFodselsnummer(t), t).toBe(false);
    }
  });

  it('passes few ordinary numbers by chance (the control digits are the test): about 2 in 1000 random 11-digit groupings', () => {
    // A fixed pseudo-random sequence so the count is the same every run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let flagged = 0;
    const n = 20_000;
    for (let k = 0; k < n; k++) {
      const digits = Array.from({ length: 11 }, () => Math.floor(next() * 10)).join('');
      if (containsFodselsnummer(`${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`)) flagged++;
    }
    expect(flagged / n).toBeLessThan(0.004);
  });
});
