import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { isAscii, isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { RefusedFileError } from './errors.ts';
import { checkCp1252, utf8Refusal, type TextEncoding } from './encoding.ts';
import { isTotalsRow, splitCells } from './header.ts';
import { LinePrefixer } from './line-prefixer.ts';

export interface NormalizeInput {
  file: string;
  encoding: TextEncoding;
  delimiter: string;
  headerLine: number;
  out: string;
  onBytes?: (bytes: number) => void;
}

export interface NormalizeOutput {
  encoding: TextEncoding;
  sha256: string;
  rowsRead: number;
  totals?: { line: number; cells: string[] };
}

/**
 * Streams an export into a UTF-8 CSV that DuckDB reads in bulk: preamble and blank lines dropped,
 * a trailing totals row taken out (and returned for checking), and every record prefixed with the
 * physical line it started on, so any later error can name the user's line. The bytes are checked
 * against the encoding as they pass (mixed or undecodable bytes refuse the file, naming the line);
 * values are parsed and checked later, in SQL.
 */
export async function normalizeCsv(input: NormalizeInput): Promise<NormalizeOutput> {
  try {
    return await pass(input, input.encoding);
  } catch (e) {
    // A file sniffed as UTF-8 whose first non-ASCII byte came after the sample is Windows-1252.
    if (e instanceof RestartAsCp1252) return await pass(input, 'windows-1252');
    throw e;
  }
}

class RestartAsCp1252 extends Error {}

async function pass(input: NormalizeInput, encoding: TextEncoding): Promise<NormalizeOutput> {
  const { file, delimiter, headerLine } = input;
  const hash = createHash('sha256');
  const cp1252 = encoding === 'windows-1252' ? new TextDecoder('windows-1252') : undefined;
  const prefixer = new LinePrefixer(delimiter.charCodeAt(0), headerLine);
  const out = createWriteStream(input.out, { mode: 0o600 });
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let first = true;
  let sawNonAscii = false;

  const toUtf8 = (piece: Buffer): Buffer => {
    if (first && encoding === 'utf-8-bom' && piece[0] === 0xef && piece[1] === 0xbb && piece[2] === 0xbf) piece = piece.subarray(3);
    first = false;
    if (isAscii(piece)) return piece;
    if (cp1252) {
      checkCp1252(file, piece, prefixer.linesSeen);
      return Buffer.from(cp1252.decode(piece), 'utf8');
    }
    if (!isUtf8(piece)) {
      const refusal = utf8Refusal(file, piece, prefixer.linesSeen, sawNonAscii);
      if (!refusal.reason.startsWith('blandet')) throw new RestartAsCp1252();
      throw refusal;
    }
    sawNonAscii = true;
    return piece;
  };

  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = data.lastIndexOf(0x0a);
      if (cut === -1) {
        carry = data;
        continue;
      }
      carry = Buffer.from(data.subarray(cut + 1));
      await write(out, prefixer.push(toUtf8(data.subarray(0, cut + 1))));
      bytes += chunk.length;
      input.onBytes?.(bytes);
    }
    if (carry.length) await write(out, prefixer.push(toUtf8(carry)));
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    throw e;
  }

  let rowsRead = prefixer.records;
  let totals: NormalizeOutput['totals'];
  const last = prefixer.lastRecord;
  if (last && !prefixer.openQuote) {
    const tail = await readFrom(input.out, last.offset);
    const text = tail.toString('utf8').replace(/\n$/, '');
    const cells = splitCells(text.slice(text.indexOf(delimiter) + 1), delimiter);
    if (!text.includes('\n') && isTotalsRow(cells)) {
      totals = { line: last.line, cells };
      await truncate(input.out, last.offset);
      rowsRead--;
    }
  }
  return { encoding, sha256: hash.digest('hex'), rowsRead, ...(totals ? { totals } : {}) };
}

async function readFrom(path: string, offset: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(size - offset, 1 << 20));
    await fh.read(buf, 0, buf.length, offset);
    return buf;
  } finally {
    await fh.close();
  }
}

async function write(out: WriteStream, data: Buffer): Promise<void> {
  if (data.length === 0) return;
  if (!out.write(data)) await once(out, 'drain');
}
