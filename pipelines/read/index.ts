import { createHash } from 'node:crypto';
import { createReadStream, rmSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { patientIndexes, type Profile } from '../profiles/index.ts';
import type { PseudonymFiller } from '../pseudonym/filler.ts';
import { cp1252ToUtf8 } from './cp1252.ts';
import { bomFileRefusal, hasUtf16Bom, sniffEncoding, type TextEncoding } from './encoding.ts';
import { loneCrToLf } from './csv-bytes.ts';
import { RefusedFileError } from './errors.ts';
import { maskIdentifiers } from '../db/errors.ts';
import { asOfFromPreamble, findHeader, type HeaderFound } from './header.ts';
import { normalizeCsv, type Footer, type NormalizedChunk } from './normalize.ts';
import type { RepeatedHeader } from './line-prefixer.ts';
import { ingestTempDir } from './temp.ts';
import { longLineRefusal } from './long-line.ts';
import { isOldExcel, xlsxToCsv, type EmptyFormulas } from './xlsx.ts';

export { RefusedFileError } from './errors.ts';
export { RestartAsCp1252, type NormalizedChunk } from './normalize.ts';

export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
/** Bytes the encoding and the header are sniffed from; a longer line before the header is refused (long-line.ts). */
export const SAMPLE_BYTES = 256 * 1024;
/**
 * Files up to this size are hashed before they are read, so that a file loaded before is
 * recognised at once (re-running `usk ingest` over a folder of monthly exports); larger ones are
 * hashed in the reading pass, which saves a pass over hundreds of megabytes.
 */
const EARLY_HASH_BYTES = 64 * 1024 ** 2;

export interface ReadOptions {
  profile?: Profile;
  sheet?: string;
  maxBytes?: number;
  /** Overrides the sniffed encoding (after a RestartAsCp1252). */
  encoding?: TextEncoding;
  chunkRecords?: number;
  /** Hash files up to this size before reading them (default 64 MB). */
  earlyHashBytes?: number;
  onBytes?: (bytes: number, total: number) => void;
  /** Fills in the patient pseudonyms (pseudonym/filler.ts), required when the profile has a patient column. */
  pseudonyms?: PseudonymFiller;
}

export interface ReadExport {
  file: string;
  fileName: string;
  size: number;
  /** SHA-256 of the file as handed over; for a CSV over 64 MB known only once `chunks()` has run. */
  sha256: string | undefined;
  encoding: TextEncoding | 'xlsx';
  sheet?: string;
  delimiter: string;
  header: HeaderFound;
  /**
   * Header positions of the patient identifiers (profiles/index.ts patientIndexes): the reading
   * pass puts their pseudonyms in front of each record, in this order, and the chunk query reads
   * them from there, so both take it from here.
   */
  patients: number[];
  /** As-of time as written in a preamble ("Utskriftsdato: 05.01.2023"), unparsed. */
  asOfHint?: string;
  /**
   * Runs the normalising pass and yields its chunks as they are written: UTF-8 CSV, header
   * "__line<d>[__pseudonym0<d>…]…", each record prefixed with its physical line and the pseudonyms
   * of its patient identifiers. Refusals (encoding, no data rows) are thrown from the iteration;
   * afterwards `rowsRead` and `totals` are set.
   */
  chunks(): AsyncGenerator<NormalizedChunk>;
  rowsRead: number;
  totals?: { line: number; cells: string[] };
  /** CRs without an LF after them in a file that also has LF line ends, read as line ends (set by `chunks()`). */
  loneCr?: number;
  /** An .xlsx's formulas without a saved value in columns that may be empty, read as empty (xlsx.ts). */
  emptyFormulas?: EmptyFormulas;
  /** Lines that repeated the header, skipped (set by `chunks()`). */
  repeatedHeader?: RepeatedHeader;
  /** A report's footer lines after its last row, not read as data (set by `chunks()`). */
  footer?: Footer;
  /** Removes the temporary normalised chunks (pseudonymised, but row-level data: never keep them). */
  dispose(): void;
}

/**
 * Opens one export as handed over: checks its size, sniffs the encoding and finds the header and
 * profile (or refuses it whole). The data itself is read by `chunks()`, which also hashes a CSV
 * too large to hash first.
 */
export async function readExport(file: string, options: ReadOptions = {}): Promise<ReadExport> {
  // A file name can hold a fødselsnummer ("epikrise 07905049806.csv"); it is stored and shown, so masked.
  const fileName = maskIdentifiers(basename(file));
  let info: Stats;
  try {
    info = await stat(file);
  } catch {
    throw new RefusedFileError(fileName, 'finner ikke filen');
  }
  // Refused here: reading a folder would fail further on with a bare EISDIR.
  if (info.isDirectory()) throw new RefusedFileError(fileName, 'er en mappe, ikke en fil (forventet en eksportfil: .csv, .txt eller .xlsx)');
  const size = info.size;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size === 0) throw new RefusedFileError(fileName, 'filen er tom (forventet en overskriftsrad og datarader)');
  if (size > maxBytes) {
    throw new RefusedFileError(fileName, `filen er ${(size / 1024 ** 2).toFixed(1)} MB, større enn grensen på ${(maxBytes / 1024 ** 2).toFixed(0)} MB`);
  }
  const dir = ingestTempDir();
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const sample = await readSample(file);
    const xlsx = extname(file).toLowerCase() === '.xlsx';
    refuseUnreadableFormat(fileName, sample, xlsx);
    let sha256 = size <= (options.earlyHashBytes ?? EARLY_HASH_BYTES) ? await hashFile(file) : undefined;
    let sheetCsv: Buffer | undefined;
    let encoding: TextEncoding | 'xlsx';
    let textEncoding: TextEncoding;
    let header: HeaderFound;
    let sheet: string | undefined;
    let emptyFormulas: EmptyFormulas | undefined;
    if (xlsx) {
      const converted = await xlsxToCsv(file, options.sheet, options.profile);
      sheet = converted.sheet;
      emptyFormulas = converted.emptyFormulas;
      sheetCsv = converted.csv;
      sha256 ??= await hashFile(file);
      header = findHeader(fileName, sheetCsv.toString('utf8').split('\n'), options.profile);
      encoding = 'xlsx';
      textEncoding = 'utf-8';
    } else {
      textEncoding = options.encoding ?? sniffEncoding(sample);
      encoding = textEncoding;
      // Line ends as the reading pass takes them (normalize.ts): a CR without an LF after it is one.
      const lines = Buffer.from(sample);
      loneCrToLf(lines, true);
      const bomRefusal = textEncoding === 'utf-8-bom' ? bomFileRefusal(fileName, lines) : undefined;
      if (bomRefusal) throw bomRefusal;
      const text = textEncoding === 'windows-1252' ? cp1252ToUtf8(lines).toString('utf8') : new TextDecoder('utf-8').decode(lines);
      try {
        header = findHeader(fileName, text.split('\n').slice(0, 60), options.profile);
      } catch (e) {
        // A line longer than the sample before any header: say so, not that there is no header.
        throw (await longLineRefusal(file, fileName, { bytes: lines, text }, size, options.profile)) ?? e;
      }
    }
    const asOfHint = asOfFromPreamble(header.preamble);
    const read: ReadExport = {
      file, fileName, size, sha256, encoding, delimiter: header.delimiter, header, patients: patientIndexes(header.match, header.cells), rowsRead: 0,
      ...(sheet ? { sheet } : {}),
      ...(emptyFormulas ? { emptyFormulas } : {}),
      ...(asOfHint ? { asOfHint } : {}),
      chunks: () => streamChunks(read, { file, ...(sheetCsv ? { bytes: sheetCsv } : {}), encoding: textEncoding, dir, options }),
      dispose,
    };
    return read;
  } catch (e) {
    dispose();
    throw renamed(e, fileName);
  }
}

/**
 * Refuses, by their first bytes and whatever the file is called, formats that would otherwise be
 * read as something they are not and refused with a misleading reason (no header row found).
 */
const ENCRYPTED_MARKERS = [Buffer.from('EncryptedPackage', 'utf16le'), Buffer.from('EncryptionInfo', 'utf16le')];

function refuseUnreadableFormat(fileName: string, head: Uint8Array, xlsx: boolean): void {
  if (isOldExcel(head)) {
    // A password-protected .xlsx is an OLE2 file too, with its workbook encrypted inside. Its
    // stream names are usually in the first sectors; when they are not, the message covers both.
    const encrypted = ENCRYPTED_MARKERS.some((m) => Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(m));
    throw new RefusedFileError(fileName, encrypted
      ? 'arbeidsboken er passordbeskyttet (kryptert); åpne den i Excel, fjern passordet og lagre den som .xlsx eller CSV, og prøv igjen'
      : 'filen er i gammelt Excel-format (.xls) eller en passordbeskyttet arbeidsbok; lagre den uten passord som .xlsx eller CSV i Excel og prøv igjen');
  }
  if (hasUtf16Bom(head)) throw new RefusedFileError(fileName, 'filen er UTF-16; lagre filen som UTF-8 eller Windows-1252 (CSV) og prøv igjen');
  if (!xlsx && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new RefusedFileError(fileName, 'filen er et ZIP-arkiv, som en Excel-arbeidsbok (.xlsx), men heter ikke .xlsx: gi den endelsen .xlsx hvis den er en arbeidsbok, eller lagre den som CSV');
  }
  let nul = 0;
  for (let i = head.indexOf(0); i !== -1 && nul < 8; i = head.indexOf(0, i + 1)) nul++;
  if (!xlsx && nul >= 8) {
    throw new RefusedFileError(fileName, 'filen ser ut som en binærfil, ikke tekst (den har NUL-tegn; er den UTF-16 uten BOM, eller et annet format?): forventet CSV (.csv/.txt) eller .xlsx');
  }
}

/** A refusal raised with the file's path (the reading pass) names the file as the user knows it. */
function renamed(e: unknown, fileName: string): unknown {
  return e instanceof RefusedFileError && e.file !== fileName ? new RefusedFileError(fileName, e.reason, e.where) : e;
}

async function* streamChunks(
  read: ReadExport,
  src: { file: string; bytes?: Buffer; encoding: TextEncoding; dir: string; options: ReadOptions },
): AsyncGenerator<NormalizedChunk> {
  const queue: NormalizedChunk[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const onBytes = src.options.onBytes;
  const stop = new AbortController();
  const { patients } = read;
  const { pseudonyms } = src.options;
  if (patients.length && !pseudonyms) throw new Error(`${read.fileName}: intern feil: pasientkolonner, men ingen pseudonymnøkkel`);
  const pass = normalizeCsv({
    file: src.file, ...(src.bytes ? { bytes: src.bytes } : {}), encoding: src.encoding, delimiter: read.delimiter, headerLine: read.header.line, headerSpan: read.header.span, outDir: src.dir, signal: stop.signal, hash: read.sha256 === undefined,
    ...(src.options.chunkRecords ? { chunkRecords: src.options.chunkRecords } : {}),
    header: { width: read.header.cells.length, read: new Set(read.header.match.columns.values()) },
    ...(patients.length && pseudonyms ? { patient: { indexes: patients, fields: read.header.cells.length, pseudonyms } } : {}),
    ...(onBytes ? { onBytes: (b: number) => onBytes(b, read.size) } : {}),
    onChunk: (c) => {
      queue.push(c);
      wake?.();
    },
  }).then(
    (out) => {
      read.rowsRead = out.rowsRead;
      if (out.sha256) read.sha256 = out.sha256;
      if (out.totals) read.totals = out.totals;
      if (out.loneCr) read.loneCr = out.loneCr;
      if (out.repeatedHeader) read.repeatedHeader = out.repeatedHeader;
      if (out.footer) read.footer = out.footer;
      finished = true;
      wake?.();
    },
    (e: unknown) => {
      failure = renamed(e, read.fileName);
      finished = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        rmSync(next.path, { force: true });
        continue;
      }
      if (failure !== undefined) throw failure;
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    // Stopped early (an error downstream): stop the pass and let it end before the files go.
    if (!finished) stop.abort(new Error('innlesingen ble avbrutt'));
    await pass;
  }
  if (read.rowsRead === 0) throw new RefusedFileError(read.fileName, 'filen har en overskriftsrad, men ingen datarader', { line: read.header.line });
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

async function readSample(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
