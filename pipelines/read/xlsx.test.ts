import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../load/fixtures.ts';
import { formatShowsTime, numberText, xlsxToCsv } from './xlsx.ts';
import { UNSAVED_FORMULA_MARK } from './unsaved-formula.ts';
import { INVOICE_HEADER } from '../load/fixtures.ts';

describe('xlsxToCsv', () => {
  it('gives a fødselsnummer stored as a number its leading zero back; other numbers in id columns stay as they are', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow([1001, 1017012345, 5401, 'Somatikk', '01.03.2022', 1]);
    ws.addRow([1002, '01017012345', 5401, 'Somatikk', '01.03.2022', 1]);
    ws.addRow([1003, 15038598765, 5401, 'Somatikk', '01.03.2022', 1]);
    ws.addRow([1004, 12345678, 5401, 'Somatikk', '01.03.2022', 1]);
    const file = join(tempDir(), 'usk.xlsx');
    await wb.xlsx.writeFile(file);
    const lines = (await xlsxToCsv(file, undefined)).csv.toString('utf8').split('\n');
    expect(lines.slice(1, 5).map((l) => l.split(';').slice(0, 2))).toEqual([
      ['1001', '01017012345'],
      ['1002', '01017012345'],
      ['1003', '15038598765'],
      ['1004', '12345678'],
    ]);
  });

  it('reads only the cells the sheet holds: a stray value in XFD1048576 is one long row, not 17 billion cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow([1001, '01017012345', 5401, 'Somatikk', '01.03.2022']); // USK-døgn left empty: still six fields
    ws.addRow([1002, '01017012345', 5401, 'Somatikk', '01.03.2022', 1]);
    ws.getCell('XFD1048576').value = 'x';
    const file = join(tempDir(), 'bortkommen.xlsx');
    await wb.xlsx.writeFile(file);
    const lines = (await xlsxToCsv(file, undefined)).csv.toString('utf8').split('\n');
    expect(lines[1]!.split(';')).toHaveLength(6);
    expect(lines.length).toBe(1048576 + 1); // one line per sheet row (line n is row n), and the final newline
    expect(lines[1048575]!.split(';')).toHaveLength(16384);
  });

  it('writes number cells at the 15 significant digits Excel shows: 0.1 + 0.2 is 0,3, a formula sum 17235; whole numbers and serial dates exactly', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Faktura');
    ws.addRow(INVOICE_HEADER.split(';'));
    // Fakturanr;Fakturadato;Kommunenr;Kommune;OppholdsID;Fagområde;Fra dato;Til dato;Antall døgn;Døgnpris;Beløp;Type
    ws.addRow([202401234, 45322, 5401, 'Tromsø', 41743893, 'Somatikk', 45292.5, 45293, 3, 0.1 + 0.2, 17234.999999999996, 'Faktura']);
    ws.addRow([202401235, 45322, 5401, 'Tromsø', 41743894, 'Somatikk', 45292, 45293, 2, 5745.125, { formula: 'I3*5617.8', result: 2 * 5617.8 + 1e-12 }, 'Faktura']);
    const file = join(tempDir(), 'faktura-flyttall.xlsx');
    await wb.xlsx.writeFile(file);
    const lines = (await xlsxToCsv(file, undefined)).csv.toString('utf8').split('\n');
    expect(lines[1]!.split(';')).toEqual(['202401234', '2024-01-31', '5401', 'Tromsø', '41743893', 'Somatikk', '2024-01-01 12:00:00', '2024-01-02', '3', '0,3', '17235', 'Faktura']);
    // A third decimal that is really there stays, to be rejected as no amount in kroner and øre.
    expect(lines[2]!.split(';').slice(8, 11)).toEqual(['2', '5745,125', '11235,6']);
  });

  it('numberText: noise goes, digits that are there stay', () => {
    expect([0.1 + 0.2, 17234.999999999996, 1.005, -5745.5, 9007199254740991, 1017012345, 45293.4375].map(numberText))
      .toEqual(['0,3', '17235', '1,005', '-5745,5', '9007199254740991', '1017012345', '45293,4375']);
  });

  it('finds the sheet the user names also when the case differs («--sheet data» for «Data»), when only one is called so', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Forside').addRow(['Fakturalinjer 2024']);
    const data = wb.addWorksheet('Data');
    data.addRow(INVOICE_HEADER.split(';'));
    data.addRow(['F1', '31.01.2024', 5401, 'Tromsø', 'G1', 'Somatikk', '01.01.2024', '03.01.2024', 3, 5745, 17235, 'Faktura']);
    const file = join(tempDir(), 'ark.xlsx');
    await wb.xlsx.writeFile(file);
    for (const name of ['Data', 'data', 'DATA', ' data ']) expect((await xlsxToCsv(file, name)).sheet, name).toBe('Data');
    await expect(xlsxToCsv(file, 'Date')).rejects.toThrow('fant ikke arket «Date» (arkene heter: «Forside», «Data»)');
  });

  it('writes a formula\'s result as the same value typed in: a date without a time when its format shows none, a serial number in a date column as a date', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'Utskrevet', 'USK-døgn']);
    ws.addRow(['A', '01017012345', 5401, 'Somatikk', { formula: 'DATE(2022,3,1)+TIME(10,0,0)', result: new Date(Date.UTC(2022, 2, 1, 10)) },
      { formula: 'DATE(2022,3,1)', result: new Date(Date.UTC(2022, 2, 1)) }, { formula: '1+1', result: 2 }]);
    // A formula without a date format gives Excel's serial number, as a number cell does.
    ws.addRow(['B', '01017012345', 5401, 'Somatikk', { formula: 'DATE(2022,3,1)+0.5', result: 44621.5 }, { formula: 'F2', result: new Date(Date.UTC(2022, 2, 1)) }, 1]);
    ws.getCell('E2').numFmt = 'dd.mm.yyyy hh:mm';
    ws.getCell('F2').numFmt = 'dd.mm.yyyy';
    ws.getCell('F3').numFmt = '[$-414]dd.mm.yyyy;@';
    const file = join(tempDir(), 'formler.xlsx');
    await wb.xlsx.writeFile(file);
    const lines = (await xlsxToCsv(file, undefined)).csv.toString('utf8').split('\n');
    expect(lines[1]!.split(';').slice(4)).toEqual(['2022-03-01 10:00:00', '2022-03-01', '2']);
    expect(lines[2]!.split(';').slice(4)).toEqual(['2022-03-01 12:00:00', '2022-03-01', '1']);
  });

  it('formatShowsTime: h or s outside quoted text, escapes and [colour]/[locale] sections', () => {
    expect(['dd.mm.yyyy hh:mm', 'dd/mm/yy\\ h:mm AM/PM', '[h]:mm', 'yyyy-mm-dd hh:mm:ss', 'mm:ss'].map(formatShowsTime)).toEqual([true, true, true, true, true]);
    expect(['dd.mm.yyyy', '[$-414]dd.mm.yyyy;@', '[White]dd.mm.yyyy', 'd. mmmm yyyy "kl. hh"', 'dd\\hmm', '', undefined].map(formatShowsTime))
      .toEqual([false, false, false, false, false, false, false]);
  });

  it('reads an error cell (#N/A, a formula\'s #VALUE!) as Excel shows it, not as empty', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow(['A', '01017012345', 5401, 'Somatikk', { error: '#N/A' }, { formula: 'E2*2', result: { error: '#VALUE!' } }]);
    const file = join(tempDir(), 'feilverdier.xlsx');
    await wb.xlsx.writeFile(file);
    const lines = (await xlsxToCsv(file, undefined)).csv.toString('utf8').split('\n');
    expect(lines[1]!.split(';').slice(4)).toEqual(['#N/A', '#VALUE!']);
  });

  it('marks a formula saved without its value (a script\'s, shared ones too) in the columns read, not as empty; elsewhere it is nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'USK-døgn', 'Notat']);
    ws.addRow(['A', { formula: '"01017012345"' }, 5401, 'Somatikk', '01.03.2022', { formula: '1+1' }, { formula: 'F2' }]);
    ws.addRow(['B', '01017012345', 5401, 'Somatikk', '01.03.2022', { sharedFormula: 'F2' }, 'x']);
    ws.addRow(['C', '01017012345', 5401, 'Somatikk', '01.03.2022', { formula: '1+2', result: 3 }, 'y']);
    const file = join(tempDir(), 'skript.xlsx');
    await wb.xlsx.writeFile(file);
    const lines = (await xlsxToCsv(file, undefined)).csv.toString('utf8').split('\n');
    expect(lines.slice(1, 4).map((l) => l.split(';'))).toEqual([
      ['A', UNSAVED_FORMULA_MARK, '5401', 'Somatikk', '01.03.2022', UNSAVED_FORMULA_MARK, ''],
      ['B', '01017012345', '5401', 'Somatikk', '01.03.2022', UNSAVED_FORMULA_MARK, 'x'],
      ['C', '01017012345', '5401', 'Somatikk', '01.03.2022', '3', 'y'],
    ]);
  });

  /** A workbook in the 1904 date system, its workbookPr attribute spelled as `spelling` ("1": Excel, "true": LibreOffice). */
  async function workbook1904(spelling: '1' | 'true'): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'Utskrevet', 'USK-døgn']);
    // A serial number without a date format (1904: day 0 is 1904-01-01), and a Date cell.
    ws.addRow(['A', '01017012345', 5401, 'Somatikk', 44621.41666666667, new Date(Date.UTC(2026, 2, 5)), 3]);
    ws.getCell('F2').numFmt = 'dd.mm.yyyy';
    const file = join(tempDir(), `1904-${spelling}.xlsx`);
    await wb.xlsx.writeFile(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    expect(xml).toMatch(/<workbookPr[^>]* date1904="1"/);
    zip.file('xl/workbook.xml', xml.replace('date1904="1"', `date1904="${spelling}"`));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return file;
  }

  it.each(['1', 'true'] as const)('counts a 1904 workbook\'s dates from 1904-01-01 (old Mac Excel), date1904="%s"', async (spelling) => {
    const lines = (await xlsxToCsv(await workbook1904(spelling), undefined)).csv.toString('utf8').split('\n');
    expect(lines[1]!.split(';').slice(4, 6)).toEqual(['2026-03-02 10:00:00', '2026-03-05']);
  });

  it('writes a line break in a cell as a space, CR alone (old Mac) too: line n stays sheet row n', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Avdeling', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow(['A', '01017012345', 5401, 'Somatikk', 'a|b|c|d', '01.03.2022', 1]);
    ws.addRow(['B', '01017012345', 5401, 'Somatikk', 'e', '02.03.2022', 1]);
    const file = join(tempDir(), 'linjeskift.xlsx');
    await wb.xlsx.writeFile(file);
    // As character references: a CR written raw in XML is read as an LF.
    const zip = await JSZip.loadAsync(readFileSync(file));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace('a|b|c|d', 'a&#13;&#10;b&#13;c&#10;d'));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const csv = (await xlsxToCsv(file, undefined)).csv.toString('utf8');
    expect(csv).not.toMatch(/\r/);
    expect(csv.split('\n').slice(1, 3).map((l) => l.split(';')[4])).toEqual(['a b c d', 'e']);
  });
});
