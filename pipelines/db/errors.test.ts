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
