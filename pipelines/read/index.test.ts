import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EVENTS_HEADER, tempDir } from '../load/fixtures.ts';
import { readExport, RefusedFileError } from './index.ts';

const EVENTS = `${EVENTS_HEADER}\nS1,5401,Somatikk,2,,2023-10-28T22:00,\n`;
/** The first bytes of every OLE2 compound file, Excel 97–2003's .xls among them. */
const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The message of the refusal readExport must answer with. */
async function refusal(path: string): Promise<string> {
  const e = await readExport(path).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RefusedFileError);
  return (e as RefusedFileError).message;
}

describe('readExport refuses, by name and with what to do, files it cannot read', () => {
  it('a UTF-16 file, either byte order, whatever it is called', async () => {
    const dir = tempDir();
    const le = join(dir, 'unicode-tekst.csv');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EVENTS, 'utf16le')]));
    const be = join(dir, 'be.txt');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(EVENTS, 'utf16le').swap16()]));
    expect(await refusal(le)).toBe('unicode-tekst.csv: filen er UTF-16; lagre filen som UTF-8 eller Windows-1252 (CSV) og prøv igjen');
    expect(await refusal(be)).toBe('be.txt: filen er UTF-16; lagre filen som UTF-8 eller Windows-1252 (CSV) og prøv igjen');
  });

  it('an old binary Excel file (.xls), also when it is called .xlsx or .csv, and a password-protected workbook', async () => {
    const dir = tempDir();
    const body = Buffer.concat([XLS_MAGIC, Buffer.alloc(504)]);
    for (const name of ['rapport.xls', 'rapport.xlsx', 'rapport.csv']) {
      writeFileSync(join(dir, name), body);
      expect(await refusal(join(dir, name))).toBe(`${name}: filen er i gammelt Excel-format (.xls) eller en passordbeskyttet arbeidsbok; lagre den uten passord som .xlsx eller CSV i Excel og prøv igjen`);
    }
    // What Excel writes for "Krypter med passord": an OLE2 file holding EncryptionInfo and EncryptedPackage.
    const secret = join(dir, 'hemmelig.xlsx');
    writeFileSync(secret, Buffer.concat([XLS_MAGIC, Buffer.alloc(504), Buffer.from('EncryptionInfo\0', 'utf16le'), Buffer.alloc(64), Buffer.from('EncryptedPackage\0', 'utf16le')]));
    expect(await refusal(secret)).toBe('hemmelig.xlsx: arbeidsboken er passordbeskyttet (kryptert); åpne den i Excel, fjern passordet og lagre den som .xlsx eller CSV, og prøv igjen');
  });

  it('an .xlsx that is not a ZIP archive, a damaged one, and a ZIP archive without a workbook', async () => {
    const dir = tempDir();
    const text = join(dir, 'tekst.xlsx');
    writeFileSync(text, EVENTS);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('USK').addRow(EVENTS_HEADER.split(','));
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    const cut = join(dir, 'avkortet.xlsx');
    writeFileSync(cut, whole.subarray(0, whole.length >> 1));
    // An empty ZIP archive: only its end-of-central-directory record.
    const empty = join(dir, 'tom-zip.xlsx');
    writeFileSync(empty, Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]));

    expect(await refusal(text)).toMatch(/^tekst\.xlsx: kan ikke leses som Excel-arbeidsbok \(\.xlsx\): filen er ikke et ZIP-arkiv/);
    expect(await refusal(cut)).toMatch(/^avkortet\.xlsx: kan ikke leses som Excel-arbeidsbok \(\.xlsx\): filen er skadet eller ufullstendig/);
    expect(await refusal(empty)).toMatch(/^tom-zip\.xlsx: kan ikke leses som Excel-arbeidsbok \(\.xlsx\): ZIP-arkivet har ingen arbeidsbok med ark/);
    // No English from jszip.
    for (const f of [text, cut, empty]) expect(await refusal(f)).not.toMatch(/zip file|central directory|Corrupted/i);
  });

  it('a folder given as a file', async () => {
    const dir = tempDir();
    const folder = join(dir, 'eksporter');
    mkdirSync(folder);
    expect(await refusal(folder)).toBe('eksporter: er en mappe, ikke en fil (forventet en eksportfil: .csv, .txt eller .xlsx)');
    expect(await refusal(`${folder}/`)).toMatch(/^eksporter: er en mappe/);
  });
});
