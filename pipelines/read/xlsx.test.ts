import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../load/fixtures.ts';
import { xlsxToCsv } from './xlsx.ts';

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
});
