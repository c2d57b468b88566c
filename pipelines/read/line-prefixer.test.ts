import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pseudonymFill } from '../pseudonym/batch.ts';
import { pseudonymizer } from '../pseudonym/pseudonym.ts';
import { LinePrefixer, MAX_QUOTED_LINES } from './line-prefixer.ts';

const FNR = '01017012345';
const key = randomBytes(32);
const pseudonym = pseudonymizer(key);
const P = pseudonym(Buffer.from(FNR))!;
const fill = pseudonymFill(key);

/**
 * Runs lines (header on line 1, three fields, the patient second unless `patient` is false)
 * through a prefixer in pieces. Checks on the way what the reader relies on: the records counted
 * are the records written, and finish() adds none to the count.
 */
function run(lines: string[], pieces = 1, patient = true): string {
  return runCounted(lines, pieces, patient).text;
}

function runCounted(lines: string[], pieces = 1, patient = true): { text: string; records: number } {
  const prefixer = new LinePrefixer(';'.charCodeAt(0), 1, patient ? { indexes: [1], fields: 3 } : undefined);
  const push = (piece: Buffer) => {
    const { out, batch } = prefixer.push(piece);
    fill(out, batch);
    return out;
  };
  const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const out: Buffer[] = [];
  // Cut at line breaks, as the reader does.
  const cuts = [0];
  for (let k = 1; k < pieces; k++) cuts.push(bytes.indexOf(0x0a, Math.floor((bytes.length * k) / pieces)) + 1);
  cuts.push(bytes.length);
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1]! > cuts[k]!) out.push(push(bytes.subarray(cuts[k], cuts[k + 1])));
  const records = prefixer.records;
  out.push(prefixer.finish());
  expect(prefixer.records).toBe(records);
  expect(prefixer.openQuote).toBe(false);
  const text = Buffer.concat(out).toString('utf8');
  // Every record starts with its line number; lines of a multi-line record are checked by the tests.
  const written = text.split('\n').slice(1, -1).filter((l) => /^\d+;/.test(l)).length;
  expect(written).toBe(records);
  return { text, records };
}

/** The marker the prefixer writes for a line cut off at an unclosed quote (field, text of the field). */
const unclosed = (line: number, field: number, value: string, pseudonym = '?;') =>
  `${line};${pseudonym}\x01uavsluttet\x01${field}\x01${Buffer.from(value).toString('base64')}`;

describe('LinePrefixer with a patient column', () => {
  it('puts the line and the pseudonym in front and blanks the identifier', () => {
    expect(run(['Opphold;Fødselsnummer;Kommunenr', `A1;${FNR};5401`, `A2; ${FNR} ;5401`, 'A3;;5401'])).toBe(
      [
        '__line;__pseudonym0;Opphold;Fødselsnummer;Kommunenr',
        `2;${P};A1;           ;5401`,
        `3;${P};A2;             ;5401`,
        '4;;A3;;5401',
        '',
      ].join('\n'),
    );
  });

  it('reads a quoted identifier and a record over two lines, also when it is cut between pieces', () => {
    const lines = ['Opphold;Fødselsnummer;Avdeling', `A1;"${FNR}";"Akutt-`, 'post; 2"', `A2;${FNR};x`];
    for (const pieces of [1, 2, 3]) {
      const out = run(lines, pieces);
      expect(out.split('\n').slice(1)).toEqual([`2;${P};A1;             ;"Akutt-`, 'post; 2"', `4;${P};A2;           ;x`, '']);
    }
  });

  it('masks digit runs of a record whose fields it cannot tell apart, and marks its pseudonym unreadable', () => {
    const out = run(['Opphold;Fødselsnummer;Kommunenr', `A1;5401;${FNR};x`, `A2;1${FNR}`, `A3;"${FNR}"x;5401`, `A4;${FNR};"open`]);
    expect(out).not.toContain(FNR);
    expect(out.split('\n').slice(1)).toEqual([
      '2;?;A1;5401;***********;x',
      '3;?;A2;************',
      '4;?;A3;"***********"x;5401',
      // A quote never closed: the line is replaced by a marker naming the field, never written itself.
      unclosed(5, 2, '"open'),
      '',
    ]);
  });

  it('reads a quote inside an unquoted field as part of it, as DuckDB does, so the next lines stay records of their own', () => {
    const out = run(['Opphold;Fødselsnummer;Avdeling', `A1;${FNR};Post 5"B`, `A2;${FNR};x`, `A3;${FNR};"a ""b"" c"`, `A4;${FNR};y`]);
    expect(out.split('\n').slice(1)).toEqual([
      `2;${P};A1;           ;Post 5"B`,
      `3;${P};A2;           ;x`,
      `4;${P};A3;           ;"a ""b"" c"`,
      `5;${P};A4;           ;y`,
      '',
    ]);
  });

  it('takes a patient field of only tabs and no-break spaces for blank, as the pseudonym does', () => {
    expect(run(['Opphold;Fødselsnummer;Kommunenr', 'A1;\t\u00a0;5401', `A2;\u00a0${FNR};5401`]).split('\n').slice(1)).toEqual([
      '2;;A1;   ;5401',
      `3;${P};A2;             ;5401`,
      '',
    ]);
  });

  it('does not count a quoted ; as a field boundary', () => {
    expect(run(['Opphold;Fødselsnummer;Avdeling', `"A;1";${FNR};"Med; 5B"`]).split('\n')[1]).toBe(`2;${P};"A;1";           ;"Med; 5B"`);
  });

  it('cuts a record back to its first line when a quote is never closed, and reads the lines after it as records, however the pieces fall', () => {
    const lines = ['Opphold;Fødselsnummer;Avdeling', `A1;${FNR};x`, `A2;${FNR};"Post 5`, `A3;${FNR};y`, `A4;${FNR};"Med; 5B"`, `A5;${FNR};z`];
    for (const pieces of [1, 2, 3, 6]) {
      const { text, records } = runCounted(lines, pieces);
      expect(text).not.toContain(FNR);
      expect(text.split('\n').slice(1)).toEqual([
        `2;${P};A1;           ;x`,
        unclosed(3, 2, '"Post 5'),
        `4;${P};A3;           ;y`,
        `5;${P};A4;           ;"Med; 5B"`,
        `6;${P};A5;           ;z`,
        '',
      ]);
      expect(records).toBe(5);
    }
  });

  it('takes "a"" for an open quote (the "" is an escaped quote), and names its field, not the patient\'s', () => {
    const out = run(['Opphold;Fødselsnummer;Avdeling', `A1;${FNR};"a""`, `A2;${FNR};b`, `A3;"${FNR}`, `A4;${FNR};c`]);
    expect(out).not.toContain(FNR);
    expect(out.split('\n').slice(1)).toEqual([
      unclosed(2, 2, '"a""'),
      `3;${P};A2;           ;b`,
      // In the patient column: the field is named, its value is not kept.
      unclosed(4, 1, ''),
      `5;${P};A4;           ;c`,
      '',
    ]);
  });

  it('keeps a quoted field over lines whose last line would pass for a record of its own (a multi-line first column)', () => {
    const lines = ['Avdeling;Fødselsnummer;Opphold', `"Akutt-`, `post";${FNR};A1`, `A2;${FNR};x`];
    for (const pieces of [1, 2, 3]) {
      expect(run(lines, pieces).split('\n').slice(1)).toEqual([`2;${P};"Akutt-`, `post";           ;A1`, `4;${P};A2;           ;x`, '']);
    }
  });

  it(`gives a quoted field at most ${MAX_QUOTED_LINES} lines: then its first line is rejected and the rest read again`, () => {
    // Lines that are no record by themselves (one field) would go on inside the quote for ever.
    const filler = Array.from({ length: MAX_QUOTED_LINES + 4 }, (_, k) => `note ${k}`);
    const lines = ['Opphold;Fødselsnummer;Avdeling', `A1;${FNR};"Post 5`, ...filler, `A2;${FNR};x`];
    for (const pieces of [1, 4, 30]) {
      const { text, records } = runCounted(lines, pieces);
      expect(text.split('\n').slice(1)).toEqual([unclosed(2, 2, '"Post 5'), ...filler.map((f, k) => `${k + 3};?;${f}`), `${filler.length + 3};${P};A2;           ;x`, '']);
      expect(records).toBe(filler.length + 2);
    }
  });

  it('at the end of the file cuts back every quote still open, with the lines after it, and counts them before finish()', () => {
    const lines = ['Opphold;Fødselsnummer;Avdeling', `A1;${FNR};x`, `A2;${FNR};"open`, 'a note', `A3;"x`, 'more'];
    for (const pieces of [1, 2, 5]) {
      const { text, records } = runCounted(lines, pieces);
      // finish() cannot give pseudonyms: the lines read again there are unreadable (they are no records anyway).
      expect(text.split('\n').slice(1)).toEqual([`2;${P};A1;           ;x`, unclosed(3, 2, '"open'), '4;?;a note', unclosed(5, 1, ''), '6;?;more', '']);
      expect(records).toBe(5);
    }
  });

  it('keeps a line break in a quoted field when it closes, over pieces', () => {
    const lines = ['Opphold;Fødselsnummer;Avdeling', `A1;${FNR};"Akutt-`, 'post', `etter midnatt"`, `A2;${FNR};x`];
    for (const pieces of [1, 2, 4]) {
      const { text, records } = runCounted(lines, pieces);
      expect(text.split('\n').slice(1)).toEqual([`2;${P};A1;           ;"Akutt-`, 'post', 'etter midnatt"', `5;${P};A2;           ;x`, '']);
      expect(records).toBe(2);
    }
  });
});

describe('LinePrefixer without a patient column', () => {
  it('counts the fields from the header and cuts back an unclosed quote the same way', () => {
    const lines = ['a;b;c;', '1;"x;3', '4;5;6', '7;"multi', 'line";9', '10;"""', '11;12;13'];
    for (const pieces of [1, 3, 7]) {
      expect(run(lines, pieces, false).split('\n').slice(1)).toEqual([
        unclosed(2, 1, '"x', ''),
        '3;4;5;6',
        '4;7;"multi',
        'line";9',
        unclosed(6, 1, '"""', ''),
        '7;11;12;13',
        '',
      ]);
    }
  });
});

describe('LinePrefixer with a header over several lines (a header cell with a line break, header.ts span)', () => {
  it('writes the header on one line, its break as a space, numbers the rows by their physical lines, and skips it repeated', () => {
    // Header on lines 2–3 under one preamble line; the pieces cut between its two lines.
    const prefixer = new LinePrefixer(';'.charCodeAt(0), 2, { indexes: [1], fields: 3 }, 2);
    const out = [
      'Rapport\r\nOpphold;Fødselsnummer;"Antall USK-\r\n',
      `døgn"\r\nA1;${FNR};4\r\nOpphold;Fødselsnummer;"Antall USK-\r\ndøgn"\r\nA2;${FNR};5\r\n`,
    ].map((piece) => {
      const { out: bytes, batch } = prefixer.push(Buffer.from(piece, 'utf8'));
      fill(bytes, batch);
      return bytes;
    });
    out.push(prefixer.finish());
    // DuckDB skips the one header line; the rows keep lines 4 and 7.
    expect(Buffer.concat(out).toString('utf8')).toBe([
      '__line;__pseudonym0;Opphold;Fødselsnummer;"Antall USK- døgn"',
      `4;${P};A1;           ;4`,
      `7;${P};A2;           ;5`,
      '',
    ].join('\n'));
    expect(prefixer.records).toBe(2);
    // The header again at line 5, after the record of line 4 (report text there is told by it, load/report-text.ts).
    expect(prefixer.repeatedHeader).toEqual({ lines: 1, firstLine: 5, at: [{ line: 5, before: [4] }] });
  });
});
