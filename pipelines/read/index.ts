import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Profile } from '../profiles/index.ts';
import { sniffEncoding, type TextEncoding } from './encoding.ts';
import { RefusedFileError } from './errors.ts';
import { asOfFromPreamble, findHeader, type HeaderFound } from './header.ts';
import { normalizeCsv } from './normalize.ts';
import { xlsxToCsv } from './xlsx.ts';

export { RefusedFileError } from './errors.ts';

export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
const SAMPLE_BYTES = 256 * 1024;

export interface ReadOptions {
  profile?: Profile;
  sheet?: string;
  maxBytes?: number;
  onBytes?: (bytes: number, total: number) => void;
}

export interface ReadExport {
  file: string;
  fileName: string;
  size: number;
  sha256: string;
  encoding: TextEncoding | 'xlsx';
  sheet?: string;
  delimiter: string;
  header: HeaderFound;
  /** UTF-8 CSV: header "__line<d>…", then each record prefixed with its physical line. */
  normalizedPath: string;
  rowsRead: number;
  totals?: { line: number; cells: string[] };
  /** As-of time as written in a preamble ("Utskriftsdato: 05.01.2023"), unparsed. */
  asOfHint?: string;
  /** Removes the temporary normalised copy (it holds raw identifiers: never keep it). */
  dispose(): void;
}

/** Reads one export as handed over: refuses it whole, or returns a normalised copy for DuckDB. */
export async function readExport(file: string, options: ReadOptions = {}): Promise<ReadExport> {
  const fileName = basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new RefusedFileError(fileName, 'finner ikke filen');
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size === 0) throw new RefusedFileError(fileName, 'filen er tom (forventet en overskriftsrad og datarader)');
  if (size > maxBytes) {
    throw new RefusedFileError(fileName, `filen er ${(size / 1024 ** 2).toFixed(1)} MB, større enn grensen på ${(maxBytes / 1024 ** 2).toFixed(0)} MB`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'usk-ingest-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const normalizedPath = join(dir, 'normalized.csv');
    const onBytes = options.onBytes ? (b: number) => options.onBytes!(b, size) : undefined;
    if (extname(file).toLowerCase() === '.xlsx') {
      const csv = join(dir, 'sheet.csv');
      const { sheet } = await xlsxToCsv(file, csv, options.sheet, options.profile);
      const header = findHeader(fileName, (await readFile(csv, 'utf8')).split('\n'), options.profile);
      const result = await normalizeCsv({ file: csv, encoding: 'utf-8', delimiter: header.delimiter, headerLine: header.line, out: normalizedPath, ...(onBytes ? { onBytes } : {}) });
      const sha256 = createHash('sha256').update(await readFile(file)).digest('hex');
      return finish({ file, fileName, size, sha256, encoding: 'xlsx', sheet, header, normalizedPath, result, dispose });
    }
    const sample = await readSample(file);
    const encoding = sniffEncoding(sample);
    const text = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8').decode(sample);
    const header = findHeader(fileName, text.split('\n').slice(0, 60), options.profile);
    const result = await normalizeCsv({ file, encoding, delimiter: header.delimiter, headerLine: header.line, out: normalizedPath, ...(onBytes ? { onBytes } : {}) });
    return finish({ file, fileName, size, sha256: result.sha256, encoding: result.encoding, header, normalizedPath, result, dispose });
  } catch (e) {
    dispose();
    if (e instanceof RefusedFileError && e.file !== fileName) throw new RefusedFileError(fileName, e.reason, e.where);
    throw e;
  }
}

function finish(p: {
  file: string; fileName: string; size: number; sha256: string; encoding: TextEncoding | 'xlsx'; sheet?: string;
  header: HeaderFound; normalizedPath: string; result: Awaited<ReturnType<typeof normalizeCsv>>; dispose: () => void;
}): ReadExport {
  if (p.result.rowsRead === 0) {
    p.dispose();
    throw new RefusedFileError(p.fileName, 'filen har en overskriftsrad, men ingen datarader', { line: p.header.line });
  }
  const asOfHint = asOfFromPreamble(p.header.preamble);
  return {
    file: p.file, fileName: p.fileName, size: p.size, sha256: p.sha256, encoding: p.encoding,
    ...(p.sheet ? { sheet: p.sheet } : {}),
    delimiter: p.header.delimiter, header: p.header, normalizedPath: p.normalizedPath, rowsRead: p.result.rowsRead,
    ...(p.result.totals ? { totals: p.result.totals } : {}),
    ...(asOfHint ? { asOfHint } : {}),
    dispose: p.dispose,
  };
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
