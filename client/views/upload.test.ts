import { describe, expect, it } from 'vitest';
import { rowsText, uploadOutcome } from './upload.ts';
import { decode } from './upload-preview.ts';
import { IngestResult, rejectedCountWarning } from '../../pipelines/load/result.ts';

describe('Last opp', () => {
  it('says «1 rad», «2 rader»', () => {
    expect(rowsText(1)).toBe('1 rad');
    expect(rowsText(0)).toBe('0 rader');
    expect(rowsText(1234)).toBe('1\u00a0234 rader');
  });
  it('reads UTF-8 with a BOM, else Windows-1252', () => {
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'UTF-8' });
    expect(decode(new Uint8Array([0xf8]))).toEqual({ text: 'ø', encoding: 'Windows-1252' });
  });
});

describe('Last opp: forhåndsvisning', () => {
  it('masks the patient columns and any fødselsnummer in other cells', async () => {
    const { maskPreviewRows, MASK } = await import('./upload-preview.ts');
    const header = ['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Merknad', 'Pasientnr'];
    const rows = [
      ['41490052', '18883137384', '1806', 'se 188831 37384 og 18883137384.', 'P-17'],
      ['41490053', '', '1806', 'dato 2022-03-02', 'x'],
    ];
    expect(maskPreviewRows(header, rows, [1])).toEqual([
      ['41490052', MASK, '1806', `se ${MASK} og ${MASK}.`, MASK],
      ['41490053', '', '1806', 'dato 2022-03-02', MASK],
    ]);
    // A header named otherwise: the value itself is still hidden; 10 or 12 digits are not a fødselsnummer.
    expect(maskPreviewRows(['A', 'B', 'C'], [['18883137384', '1888313738', '188831373840']])).toEqual([[MASK, '1888313738', '188831373840']]);
  });
});

describe('Last opp: en fil ingen profil passer', () => {
  const faktura = 'Fakturanr;Fakturadato;Kommunenr;Kommune;OppholdsID;Fagområde;Fra dato;Til dato;Antall døgn;Døgnpris;Beløp;Type';
  const line = '202402365;04.01.2025;5503;Harstad;41743893;Somatikk;01.12.2024;07.12.2024;7;5 745,00;kr 40 215,00;Faktura';

  it('finds the header as the server does, under a preamble, and shows the rows under it', async () => {
    const { recognise } = await import('./upload-preview.ts');
    const r = recognise(['Fakturarapport', 'Utskriftsdato: 05.01.2025', '', `${faktura}\r`, `${line}\r`, '']);
    expect(r.header?.match.profile.name).toBe('faktura');
    expect(r.header?.line).toBe(4);
    expect(r.problem).toBeUndefined();
    expect(r.delimiter).toBe(';');
    expect(r.cells[0]).toBe('Fakturanr');
    expect(r.rows).toEqual([line.split(';')]);
  });

  it('previews a file Excel saved with CR line ends («CSV (Macintosh)»), and one mixing CR and CRLF, row by row', async () => {
    const { previewLines, recognise } = await import('./upload-preview.ts');
    for (const text of [`${faktura}\r${line}\r${line}\r`, `${faktura}\r\n${line}\r${line}\r\n`]) {
      const r = recognise(previewLines(text));
      expect(r.header?.match.profile.name).toBe('faktura');
      expect(r.rows).toEqual([line.split(';'), line.split(';')]);
    }
  });

  it('finds a header with a line break in a quoted cell (Alt+Enter), as the server does, and shows the rows after its last line', async () => {
    const { previewLines, recognise } = await import('./upload-preview.ts');
    const r = recognise(previewLines(`Fakturarapport\r\n${faktura.replace('Antall døgn', '"Antall\r\ndøgn"')}\r\n${line}\r\n`));
    expect(r.header).toMatchObject({ line: 2, span: 2 });
    expect(r.cells[8]).toBe('Antall døgn');
    expect(r.rows).toEqual([line.split(';')]);
    // A quote never closed: said as the server says it, not «no known export».
    const unclosed = recognise([faktura.replace('Antall døgn', '"Antall døgn'), line]);
    expect(unclosed.header).toBeUndefined();
    expect(unclosed.problem).toMatch(/^Overskriftsraden kan ikke leses \(linje 1\): overskriftsraden har et anførselstegn \("\) foran «Antall døgn» \(kolonne 9\) som aldri lukkes/);
  });

  it('names the closest profile and the columns it lacks, in the server\'s terms', async () => {
    const { recognise } = await import('./upload-preview.ts');
    const r = recognise([faktura.replace(';Beløp', ''), line]);
    expect(r.header).toBeUndefined();
    expect(r.problem).toBe('Fant ingen kjent eksport i filen: nærmest er «faktura», som mangler kolonnen Beløp.');
    const two = recognise([faktura.replace(';Beløp', '').replace('Fakturadato;', ''), line]);
    expect(two.problem).toBe('Fant ingen kjent eksport i filen: nærmest er «faktura», som mangler kolonnene Fakturadato, Beløp.');
  });

  it('names the cell that is almost the lacking column, and the cells no column knows, as the server\'s refusal does', async () => {
    const { recognise } = await import('./upload-preview.ts');
    const r = recognise([faktura.replace(';Beløp', ';Beløpp;Merknad'), line]);
    expect(r.problem).toBe('Fant ingen kjent eksport i filen: nærmest er «faktura», som mangler kolonnen Beløp (kolonnen «Beløpp» ligner). Kolonnen «Merknad» er ikke gjenkjent.');
  });

  it('names no profile when no line comes near one (no guessed «Mangler kolonner for hnlis-hendelser»)', async () => {
    const { recognise } = await import('./upload-preview.ts');
    const r = recognise(['foo;bar;baz', '1;2;3']);
    expect(r.header).toBeUndefined();
    expect(r.problem).toBe('Fant ingen kjent eksport i filen: ingen av de første 11 linjene er en overskriftsrad for en kjent profil (dips-usk, hnlis-hendelser, faktura).');
    expect(r.cells).toEqual(['foo', 'bar', 'baz']);
    expect(r.rows).toEqual([['1', '2', '3']]);
  });
});

describe('Last opp: earlier uploads', () => {
  const r = (over: Partial<IngestResult>): IngestResult =>
    IngestResult.parse({ file: 'f.csv', profile: 'dips-usk', status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, warnings: ['linje 2: noe', '1 rad avvist'], batch: 7, ...over });
  it('says what came of each: loaded with counts and kinds of warnings, a duplicate, refused with why, running', () => {
    expect(uploadOutcome({ status: 'done', error: null, results: [r({})] })).toBe('batch 7: 3 rader lest, 2 lastet, 1 avvist, 1 slags advarsler');
    expect(uploadOutcome({ status: 'done', error: null, results: [r({ status: 'duplicate', batch: 3 })] })).toBe('lest inn fra før (batch 3)');
    expect(uploadOutcome({ status: 'done', error: null, results: [r({ status: 'refused', error: 'f.csv: --strict: …' })] })).toBe('ikke lest inn: f.csv: --strict: …');
    expect(uploadOutcome({ status: 'running', error: null, results: null })).toBe('leses inn …');
    expect(uploadOutcome({ status: 'failed', error: 'disken er full', results: null })).toBe('feilet: disken er full');
  });
  it('leaves out only the line that counts the rejected rows, as the pipeline writes it', () => {
    const rejected = 1234;
    const warnings = ['2 advarsler «dips-overlapp», den første (linje 9): …', rejectedCountWarning(rejected)];
    expect(uploadOutcome({ status: 'done', error: null, results: [r({ rowsRead: 2000, rowsLoaded: 766, rowsRejected: rejected, warnings })] }))
      .toBe('batch 7: 2\u00a0000 rader lest, 766 lastet, 1\u00a0234 avvist, 1 slags advarsler');
  });
});
