import yauzl from 'yauzl';
import { RefusedFileError } from './errors.ts';

/**
 * How large a workbook may be once unpacked. exceljs holds the whole workbook in memory, at about
 * twenty times its unpacked size (100 000 DIPS rows: 38 MB unpacked, 0.8 GB of memory), so this
 * bounds an upload's memory at roughly 2.5 GB, about 300 000 rows. A larger export is read as CSV,
 * which streams. An .xlsx is a ZIP archive: without this bound a few megabytes of upload could
 * unpack to many gigabytes (a "zip bomb") and take the server down.
 */
export const XLSX_MAX_UNPACKED_BYTES = 128 * 1024 * 1024;

/** An .xlsx from Excel holds a few dozen parts; this many is no workbook. */
export const XLSX_MAX_PARTS = 10_000;

/** The start of every refusal of a file given as a workbook. */
export const NOT_XLSX = 'kan ikke leses som Excel-arbeidsbok (.xlsx)';

/** A workbook that is no readable ZIP archive. */
export const DAMAGED = `${NOT_XLSX}: filen er skadet eller ufullstendig (kanskje avbrutt under kopiering); lagre eller hent den på nytt fra Excel`;

const MB = (n: number) => `${(n / 1e6).toLocaleString('nb-NO', { maximumFractionDigits: 0 })} MB`;

/** Why a workbook is refused for its size, in words a user can act on. */
function tooLarge(unpacked: string): string {
  return `arbeidsboken er for stor til å leses som .xlsx: den pakkes ut til ${unpacked}, og grensen er ${MB(XLSX_MAX_UNPACKED_BYTES)} `
    + '(omtrent 300 000 rader); lagre arket som CSV (Fil → Lagre som → CSV) og les inn den';
}

/**
 * Refuses a workbook that would unpack to more than `limit` bytes, before anything unpacks it.
 * The sizes the archive declares are summed first; then every part is unpacked as a stream and
 * counted, because the declarations are the archive's own word: yauzl stops a part the moment it
 * gives more bytes than it declared, so the bound holds for a forged archive too, in bounded memory.
 * An archive yauzl cannot read is refused here as damaged, not handed on: a part the bound could
 * not count must not reach a reader that unpacks it whole.
 */
export async function assertUnpackedSize(file: string, bytes: Buffer, limit = XLSX_MAX_UNPACKED_BYTES): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw new RefusedFileError(file, DAMAGED);
  }
  const parts: yauzl.Entry[] = [];
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      parts.push(entry);
      declared += entry.uncompressedSize;
      if (parts.length > XLSX_MAX_PARTS) {
        throw new RefusedFileError(file, `${NOT_XLSX}: ZIP-arkivet har over ${XLSX_MAX_PARTS.toLocaleString('nb-NO')} deler (forventet en arbeidsbok lagret fra Excel)`);
      }
      if (declared > limit) throw new RefusedFileError(file, tooLarge(`minst ${MB(declared)}`));
    }
    let unpacked = 0;
    for (const entry of parts) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      for await (const piece of stream) unpacked += (piece as Buffer).length;
    }
    // Every part kept within its declared size, and the declared sizes within the bound.
    if (unpacked > limit) throw new RefusedFileError(file, tooLarge(MB(unpacked)));
  } catch (e) {
    if (e instanceof RefusedFileError) throw e;
    // Among them a part that unpacks to more than it declared: a forged or broken archive.
    throw new RefusedFileError(file, DAMAGED);
  } finally {
    zip.close();
  }
}
