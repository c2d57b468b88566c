import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { EVENTS_HEADER, tempDir } from '../load/fixtures.ts';
import { readExport, RefusedFileError } from './index.ts';
import { assertUnpackedSize, XLSX_MAX_PARTS, XLSX_MAX_UNPACKED_BYTES } from './xlsx-size.ts';

async function refusal(run: Promise<unknown>): Promise<string> {
  const e = await run.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(RefusedFileError);
  return (e as RefusedFileError).message;
}

/** A ZIP archive of zeros, as small as deflate makes them: a classic zip bomb. */
async function zerosZip(parts: Record<string, number>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, size] of Object.entries(parts)) zip.file(name, new Uint8Array(size));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** Rewrites the uncompressed size a one-part archive declares, in its local header and its central directory. */
function declare(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  out.writeUInt32LE(size, 22); // local file header at 0: uncompressed size at 22
  const central = out.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
  out.writeUInt32LE(size, central + 24);
  return out;
}

describe('a workbook is bounded by its unpacked size before anything unpacks it', () => {
  it('refuses a zip bomb by the sizes it declares, naming the bound and what to do', async () => {
    const dir = tempDir();
    const bomb = join(dir, 'bombe.xlsx');
    writeFileSync(bomb, await zerosZip({ 'xl/worksheets/sheet1.xml': XLSX_MAX_UNPACKED_BYTES + 1 }));
    expect(await refusal(readExport(bomb))).toBe(
      'bombe.xlsx: arbeidsboken er for stor til å leses som .xlsx: den pakkes ut til minst 134 MB, og grensen er 134 MB '
        + '(omtrent 300 000 rader); lagre arket som CSV (Fil → Lagre som → CSV) og les inn den',
    );
  });

  it('refuses a part that unpacks to more than it declares, in bounded memory, as a damaged file', async () => {
    // Called alone: jszip, behind it, would also refuse this archive, but only after unpacking all of it.
    const forged = declare(await zerosZip({ 'xl/worksheets/sheet1.xml': 8 * 1024 * 1024 }), 1000);
    expect(await refusal(assertUnpackedSize('forfalsket.xlsx', forged))).toMatch(/^forfalsket\.xlsx: kan ikke leses som Excel-arbeidsbok \(\.xlsx\): filen er skadet eller ufullstendig/);
  });

  it('refuses an archive of more parts than any workbook has', async () => {
    const parts = Object.fromEntries(Array.from({ length: XLSX_MAX_PARTS + 1 }, (_, i) => [`x/${i}.xml`, 0]));
    expect(await refusal(assertUnpackedSize('deler.xlsx', await zerosZip(parts)))).toMatch(/^deler\.xlsx: kan ikke leses som Excel-arbeidsbok \(\.xlsx\): ZIP-arkivet har over 10\s000 deler/);
  });

  it('counts what a real workbook unpacks to: within the bound it passes, over a smaller one it is refused', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('USK');
    sheet.addRow(EVENTS_HEADER.split(','));
    for (let i = 0; i < 200; i++) sheet.addRow([`S${i}`, '5401', 'Somatikk', '2', '', '2023-10-28T22:00', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(assertUnpackedSize('liten.xlsx', bytes)).resolves.toBeUndefined();
    expect(await refusal(assertUnpackedSize('liten.xlsx', bytes, 1000))).toMatch(/^liten\.xlsx: arbeidsboken er for stor til å leses som \.xlsx: den pakkes ut til minst \d+ MB/);
  });
});
