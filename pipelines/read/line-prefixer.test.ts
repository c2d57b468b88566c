import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fillPseudonyms } from '../pseudonym/batch.ts';
import { pseudonymizer, pseudonymWriter } from '../pseudonym/key.ts';
import { LinePrefixer } from './line-prefixer.ts';

const FNR = '01017012345';
const key = randomBytes(32);
const pseudonym = pseudonymizer(key);
const P = pseudonym(Buffer.from(FNR))!;
const write = pseudonymWriter(key);

/** Runs lines (header on line 1, three fields, the patient second) through a prefixer in pieces. */
function run(lines: string[], pieces = 1): string {
  const prefixer = new LinePrefixer(';'.charCodeAt(0), 1, { indexes: [1], fields: 3 });
  const push = (piece: Buffer) => {
    const { out, batch } = prefixer.push(piece);
    fillPseudonyms(write, out, batch);
    return out;
  };
  const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const out: Buffer[] = [];
  // Cut at line breaks, as the reader does.
  const cuts = [0];
  for (let k = 1; k < pieces; k++) cuts.push(bytes.indexOf(0x0a, Math.floor((bytes.length * k) / pieces)) + 1);
  cuts.push(bytes.length);
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1]! > cuts[k]!) out.push(push(bytes.subarray(cuts[k], cuts[k + 1])));
  out.push(prefixer.finish());
  return Buffer.concat(out).toString('utf8');
}

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
      '5;?;A4;***********;"open',
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
});
