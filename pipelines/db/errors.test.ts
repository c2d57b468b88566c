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

describe('any separator and any digit: one definition for every check (the s20c audit)', () => {
  // All valid (date and both control digits right), written as the audit got them past the checks:
  // an em dash, a non-breaking hyphen, a minus sign, | and #, brackets, a colon, a date part split
  // by hyphens, full-width digits; and a zero-width space, a soft hyphen, a full-width hyphen.
  const WRITTEN = [
    'Pasient (011155) 13385', '011155\u201413385', '011155\u201113385', '\uff10\uff11\uff11\uff11\uff15\uff15\uff11\uff13\uff13\uff18\uff15',
    '011155|13385', '011155#13385', 'ST110351:10005', '21-11-44-14171', 'S010548\u201436070', 'S100936\u201121153',
    'S141039|22055', 'S(150337)15673', 'S110351\u221210005', 'P (260536) 08484', 'P 100550\u201444479', 'P 240632\u201143244',
    'P \uff12\uff10\uff10\uff16\uff15\uff11\uff11\uff19\uff18\uff16\uff13', 'P 170435|12633', 'P 270956\u221215355', 'Pasient 080843\u201425172.csv',
    '011155\u200b13385', '011155\u00ad13385', '011155\uff0d13385', '[011155]13385', '０８０８４３ ２５１７２',
  ];

  it('flags and masks every one, leaving no digit of it', () => {
    for (const w of WRITTEN) {
      expect(containsFodselsnummer(w), w).toBe(true);
      const masked = maskIdentifiers(`merknad «${w}» slutt`);
      expect(masked, w).toContain(IDENTIFIER_MASK);
      expect(masked, w).not.toMatch(/[0-9\uff10-\uff19]/);
    }
  });

  it('masks full-width digits where they stand: the text around them keeps its place', () => {
    expect(maskIdentifiers('a \uff10\uff11\uff11\uff11\uff15\uff15\uff11\uff13\uff13\uff18\uff15 b 011155\u201413385 c 12'))
      .toBe(`a ${IDENTIFIER_MASK} b ${IDENTIFIER_MASK} c 12`);
    expect(maskIdentifiers('Pasient 080843\u201425172.csv')).toBe(`Pasient ${IDENTIFIER_MASK}.csv`);
    expect(maskIdentifiers('opphold S(150337)15673, avd 3')).toBe(`opphold S(${IDENTIFIER_MASK}, avd 3`);
  });

  it('in a log line as JSON writes it: the url, a user name, a control character written as \\u001f', () => {
    const line = JSON.stringify({ url: '/api/stays?x=080843\u201425172', user: 'local:\uff11\uff10\uff10\uff15\uff15\uff10\uff14\uff14\uff14\uff17\uff19', note: '011155\u001f13385' });
    expect(line).toContain('\\u001f');
    expect(maskIdentifiers(line)).toBe(JSON.stringify({ url: `/api/stays?x=${IDENTIFIER_MASK}`, user: `local:${IDENTIFIER_MASK}`, note: IDENTIFIER_MASK }));
  });

  it('takes six or more digits of another script for one, as usk_hides_fnr does; fewer stay', () => {
    // 07905049806 in Arabic-Indic digits, grouped 6 + 5 and whole.
    for (const w of ['\u0660\u0667\u0669\u0660\u0665\u0660 \u0664\u0669\u0668\u0660\u0666', 'X\u0660\u0667\u0669\u0660\u0665\u0660\u0664\u0669\u0668\u0660\u0666']) {
      expect(containsFodselsnummer(w), w).toBe(true);
      expect(maskIdentifiers(w), w).not.toMatch(/\p{Nd}/u);
    }
    expect(containsFodselsnummer('rom \u0661\u0662\u0663')).toBe(false);
    expect(maskIdentifiers('rom \u0661\u0662\u0663')).toBe('rom \u0661\u0662\u0663');
  });

  it('leaves what is no fødselsnummer, whatever stands between the digits', () => {
    for (const t of [
      'ST110351:10006', 'S(150337)15674', 'P 100550|44478', // control digits wrong
      '123456;12345', '16725718;5401;Tromsø', // fields, not a number: no date, no control digits
      'beløp 1 234 567,89 kr', '10 612,00 kr | 5 306,00 kr', 'kl. 10:00\u201412:00, 01.03.2022', '2022-03-01T10:00:00.000Z',
      '{"time":1733500000000,"pid":4242}', 'tlf (+47) 77 62 60 00', '\uff11 \uff12\uff13\uff14 \uff15\uff16\uff17,\uff18\uff19',
    ]) {
      expect(containsFodselsnummer(t), t).toBe(false);
      expect(maskIdentifiers(t), t).toBe(t);
    }
    // 6 + 5 with a dash is masked without the control-digit test, as with a hyphen, but not refused.
    expect(containsFodselsnummer('110351\u201410006')).toBe(false);
    expect(maskIdentifiers('110351\u201410006')).toBe(IDENTIFIER_MASK);
  });

  it('in rejected values (DuckDB, no control digits): dashes and spaces of every kind and full-width digits too, not ; , : | or brackets', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const values = ['079050\u201449806', '079050\u201149806', '079050\u221249806', '079050\uff0d49806', '\uff10\uff17\uff19\uff10\uff15\uff10\uff14\uff19\uff18\uff10\uff16',
      '123456;12345', 'A1,123456,12345', '123456:12345', '(123456)12345'];
    const rows = (await conn.runAndReadAll(
      `SELECT regexp_replace(v, '${IDENTIFIER_SQL_PATTERN}', '${IDENTIFIER_MASK}', 'g') AS m
       FROM (VALUES ${values.map((v, i) => `(${i}, '${v}')`).join(', ')}) t(i, v) ORDER BY i`,
    )).getRowObjectsJson().map((r) => r.m);
    expect(rows).toEqual([...Array(5).fill(IDENTIFIER_MASK), '123456;12345', 'A1,123456,12345', '123456:12345', '(123456)12345']);
  });
});
