import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { RefusedFileError } from './errors.ts';
import { StrictDecoder, type TextEncoding } from './encoding.ts';
import { isTotalsRow, splitCells } from './header.ts';

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
 * physical line it started on, so any later error can name the user's line. This is lexical work
 * per line only; values are parsed and checked in SQL.
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
  const { file, delimiter: d, headerLine } = input;
  const hash = createHash('sha256');
  const decoder = new StrictDecoder(encoding, file);
  const out = createWriteStream(input.out, { mode: 0o600 });
  const blank = (line: string) => line.split(d).join('').trim() === '';

  let carry = '';
  let physical = 0;
  let inQuotes = false;
  let held: { line: number; text: string } | undefined;
  let rowsRead = 0;
  let pending: string[] = [];
  let bytes = 0;

  const flushHeld = () => {
    if (!held) return;
    pending.push(`${held.line}${d}${held.text}\n`);
    rowsRead++;
    held = undefined;
  };

  const handle = (raw: string) => {
    physical++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (physical < headerLine) return;
    if (physical === headerLine) {
      pending.push(`__line${d}${line}\n`);
      return;
    }
    if (inQuotes && held) held.text += `\n${line}`;
    else {
      if (blank(line)) return;
      flushHeld();
      held = { line: physical, text: line };
    }
    if (line.includes('"') && (line.split('"').length - 1) % 2 === 1) inQuotes = !inQuotes;
  };

  const consume = (text: string, final: boolean) => {
    const parts = (carry + text).split('\n');
    carry = final ? '' : (parts.pop() ?? '');
    if (final && parts.at(-1) === '') parts.pop();
    for (const part of parts) handle(part);
  };

  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk);
      } catch (e) {
        if (encoding !== 'windows-1252' && !decoder.sawMultibyte && e instanceof RefusedFileError && !e.reason.startsWith('blandet')) {
          throw new RestartAsCp1252();
        }
        throw e;
      }
      consume(text, false);
      await write(out, pending);
      pending = [];
      bytes += chunk.length;
      input.onBytes?.(bytes);
    }
    consume(decoder.decode(new Uint8Array(), true), true);
    let totals: NormalizeOutput['totals'];
    if (held && !inQuotes && isTotalsRow(splitCells(held.text, d))) {
      totals = { line: held.line, cells: splitCells(held.text, d) };
      held = undefined;
    }
    flushHeld();
    await write(out, pending);
    out.end();
    await once(out, 'finish');
    return { encoding, sha256: hash.digest('hex'), rowsRead, ...(totals ? { totals } : {}) };
  } catch (e) {
    out.destroy();
    throw e;
  }
}

async function write(out: WriteStream, parts: string[]): Promise<void> {
  if (parts.length === 0) return;
  if (!out.write(parts.join(''))) await once(out, 'drain');
}
