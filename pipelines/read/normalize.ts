import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { isAscii, isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { cp1252ToUtf8 } from './cp1252.ts';
import { checkCp1252, utf8Refusal, type TextEncoding } from './encoding.ts';
import { isTotalsRow, splitCells } from './header.ts';
import { LinePrefixer, TAIL_RECORDS, type PatientFields, type RepeatedHeader } from './line-prefixer.ts';
import { loneCrToLf, maskDigitRuns } from './csv-bytes.ts';
import type { PseudonymFiller } from '../pseudonym/filler.ts';

/** Records per chunk: DuckDB validates one chunk while this pass writes the next. */
export const CHUNK_RECORDS = 1_000_000;
/** Bytes read at a time. A chunk ends only between pieces, so small chunks (tests) read small pieces. */
const PIECE_BYTES = 1 << 20;
const pieceBytes = (chunkRecords: number) => Math.min(PIECE_BYTES, Math.max(16, chunkRecords * 16));

export interface NormalizeInput {
  file: string;
  /** The file's bytes when they are in memory already (an xlsx sheet as CSV); else `file` is read. */
  bytes?: Buffer;
  encoding: TextEncoding;
  delimiter: string;
  headerLine: number;
  /** Physical lines the header runs over (header.ts HeaderFound.span); 1 when not given. */
  headerSpan?: number;
  /** Directory for the chunk files (normalized-0000.csv, …). */
  outDir: string;
  chunkRecords?: number;
  onBytes?: (bytes: number) => void;
  /** Patient columns to pseudonymise in this pass (see line-prefixer.ts), and who fills in their pseudonyms. */
  patient?: PatientFields & { pseudonyms: PseudonymFiller };
  /** Hash the bytes in this pass (when the caller has not hashed the file already). */
  hash?: boolean;
  /** Stops the pass early (the consumer failed); it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with each finished chunk, in order; the last one only after the totals row is out. */
  onChunk: (chunk: NormalizedChunk) => void;
  /** The header's cells, and which of them the profile reads: a footer line is told from a row by them (takeTail). */
  header?: { width: number; read: ReadonlySet<number> };
}

/** One piece of the normalised copy: a UTF-8 CSV with the header "__line<d>[__pseudonym0<d>…]…". */
export interface NormalizedChunk {
  path: string;
  index: number;
  /** Data records in this chunk (the header and a totals row not counted). */
  records: number;
}

export interface NormalizeOutput {
  encoding: TextEncoding;
  /** SHA-256 of the file's bytes as handed over, taken in the same pass when asked for. */
  sha256?: string;
  rowsRead: number;
  totals?: { line: number; cells: string[] };
  /** CRs without an LF after them, in a file that also has LF line ends, read as line ends; absent when none. */
  loneCr?: number;
  /** Lines that repeat the header, skipped (line-prefixer.ts); absent when none. */
  repeatedHeader?: RepeatedHeader;
  /** A report's footer after its last row, not read as data (takeTail); absent when none. */
  footer?: Footer;
}

/** A file sniffed as UTF-8 whose first non-ASCII byte came after the sample: it is Windows-1252. */
export class RestartAsCp1252 extends Error {
  override readonly name = 'RestartAsCp1252';
}

interface OpenChunk {
  index: number;
  path: string;
  out: WriteStream;
  records: number;
}

/**
 * Streams an export into UTF-8 CSV chunks that DuckDB reads in bulk: preamble and blank lines
 * dropped, a trailing totals row taken out (and returned for checking), and every record prefixed
 * with the physical line it started on, so any later error can name the user's line, and with the
 * pseudonyms of its patient identifiers, which are blanked (line-prefixer.ts). The bytes are
 * checked against the encoding as they pass (mixed or undecodable bytes refuse the file, naming the
 * line); values are parsed and checked later, in SQL. Chunks keep memory bounded and let DuckDB
 * work on one while this pass writes the next; a chunk is handed on only once the next one has a
 * record, so the totals row (the file's last record) is always found in the chunk not yet handed on.
 */
export async function normalizeCsv(input: NormalizeInput): Promise<NormalizeOutput> {
  const { file, delimiter, headerLine, encoding } = input;
  const chunkRecords = input.chunkRecords ?? CHUNK_RECORDS;
  const cp1252 = encoding === 'windows-1252';
  const prefixer = new LinePrefixer(delimiter.charCodeAt(0), headerLine, input.patient, input.headerSpan);
  const hash = input.hash ? createHash('sha256') : undefined;
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let first = true;
  let sawNonAscii = false;
  let rowsRead = 0;
  /** CRs not followed by LF, read as line ends; and whether the file has LF line ends too. */
  let loneCr = 0;
  let sawLf = false;
  const opened: OpenChunk[] = [];
  let current = openChunk(input.outDir, 0);
  opened.push(current);
  /** Full chunks not yet handed on: the file's last records may still be a report's tail (takeTail). */
  const held: OpenChunk[] = [];
  // The last piece handed to the filler, written once its pseudonyms are in. The pass reads the
  // next piece meanwhile; pieces are written in order, each after the one before.
  let inFlight: Promise<void> = Promise.resolve();

  const toUtf8 = (piece: Buffer): Buffer => {
    if (first && encoding === 'utf-8-bom' && piece[0] === 0xef && piece[1] === 0xbb && piece[2] === 0xbf) piece = piece.subarray(3);
    first = false;
    if (isAscii(piece)) return piece;
    if (cp1252) {
      checkCp1252(file, piece, prefixer.linesSeen);
      return cp1252ToUtf8(piece);
    }
    if (!isUtf8(piece)) {
      // A BOM says UTF-8 as surely as a letter before the bad byte does (encoding.ts bomFileRefusal):
      // the file is mixed, not Windows-1252 to be read again with the BOM as «ï»¿».
      const refusal = utf8Refusal(file, piece, prefixer.linesSeen, sawNonAscii || encoding === 'utf-8-bom');
      if (!refusal.reason.startsWith('blandet')) throw new RestartAsCp1252();
      throw refusal;
    }
    sawNonAscii = true;
    return piece;
  };

  /** A finished chunk to the loader, its records counted. */
  const emit = (c: OpenChunk) => {
    rowsRead += c.records;
    input.onChunk({ path: c.path, index: c.index, records: c.records });
  };
  const handOn = async (c: OpenChunk) => {
    await inFlight;
    c.out.end();
    await finished(c.out);
    emit(c);
  };

  const writePiece = async (piece: Buffer) => {
    // Rotate at a record boundary once the chunk is full; the header goes on top of the new one.
    if (current.records >= chunkRecords && !prefixer.openQuote && prefixer.header) {
      held.push(current);
      current = openChunk(input.outDir, current.index + 1);
      opened.push(current);
      await write(current.out, prefixer.header);
      prefixer.startChunk(prefixer.header.length);
    }
    const before = prefixer.records;
    const { out, batch } = prefixer.push(piece);
    const target = current.out;
    current.records += prefixer.records - before;
    const filled = input.patient?.pseudonyms.fill(out, batch) ?? Promise.resolve(out);
    await inFlight;
    inFlight = filled.then((bytes) => write(target, bytes));
    // Awaited by the next piece or at the end; until then a failure must not count as unhandled.
    inFlight.catch(() => undefined);
    // A chunk is held until the chunks after it have more records than a report's tail
    // (TAIL_RECORDS): a totals row and footer lines that start a chunk of their own are still taken
    // off together (takeTail).
    while (held.length > 0 && current.records + held.slice(1).reduce((n, c) => n + c.records, 0) > TAIL_RECORDS) await handOn(held.shift()!);
  };

  try {
    const size = pieceBytes(chunkRecords);
    const source = input.bytes ? slices(input.bytes, size) : (createReadStream(file, { highWaterMark: size }) as AsyncIterable<Buffer>);
    for await (const chunk of source) {
      input.signal?.throwIfAborted();
      hash?.update(chunk);
      sawLf ||= chunk.indexOf(0x0a) !== -1;
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      // After the hash: the bytes as handed over are hashed, the line ends as read (csv-bytes.ts).
      loneCr += loneCrToLf(data, false);
      const cut = data.lastIndexOf(0x0a);
      bytes += chunk.length;
      if (cut === -1) {
        carry = data;
        continue;
      }
      carry = Buffer.from(data.subarray(cut + 1));
      await writePiece(toUtf8(data.subarray(0, cut + 1)));
      input.onBytes?.(bytes);
    }
    if (carry.length) {
      loneCr += loneCrToLf(carry, true);
      await writePiece(toUtf8(carry));
    }
    await inFlight;
    await write(current.out, prefixer.finish());
    // The chunks not handed on hold the file's last records: its totals row and footer, if any.
    const open = [...held, current];
    for (const c of open) {
      c.out.end();
      await finished(c.out);
    }
    const { totals, footer } = await takeTail(open, prefixer.tailRecords, {
      delimiter, openQuote: prefixer.openQuote, prefixCells: 1 + (input.patient?.indexes.length ?? 0),
      width: input.header?.width, readColumns: input.header?.read,
    });
    for (const c of open) {
      if (c.records === 0) rmSync(c.path, { force: true });
      else emit(c);
    }
    return {
      encoding, rowsRead, ...(hash ? { sha256: hash.digest('hex') } : {}), ...(totals ? { totals } : {}),
      ...(footer.length ? { footer } : {}),
      // Only worth saying when the file mixes them with LF line ends: a CR-only file is just that.
      ...(loneCr > 0 && sawLf ? { loneCr } : {}),
      ...(prefixer.repeatedHeader.lines > 0 ? { repeatedHeader: { ...prefixer.repeatedHeader } } : {}),
    };
  } catch (e) {
    for (const c of opened) c.out.destroy();
    throw e;
  }
}

function* slices(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function openChunk(dir: string, index: number): OpenChunk {
  const path = join(dir, `normalized-${String(index).padStart(4, '0')}.csv`);
  const out = createWriteStream(path, { mode: 0o600 });
  // Write errors reach the pass through write() (errored, or the drain wait) and finished().
  // This listener only keeps a stream destroyed after a refusal, whose folder is already gone
  // when its late open fails, from crashing the process.
  out.on('error', () => undefined);
  return { index, path, out, records: 0 };
}

/**
 * Takes a report's trailing lines off the end of the chunks not yet handed on: its footer, lines of
 * one cell of text after the last row («Utskrevet av: …», «Side 2 av 2»), and before them a totals
 * row ("Sum;;;12"), returned for checking. Both without the reader's prefix; the footer's digit runs
 * masked. Each chunk file is cut where its first taken record starts, and its count lowered.
 */
async function takeTail(
  open: OpenChunk[],
  tail: Array<{ chunk: number; offset: number; line: number }>,
  o: { delimiter: string; openQuote: boolean; prefixCells: number; width: number | undefined; readColumns: ReadonlySet<number> | undefined },
): Promise<Pick<NormalizeOutput, 'totals'> & { footer: Footer }> {
  const byIndex = new Map(open.map((c) => [c.index, c]));
  // Only records still in these chunks, and only the run of them at the end.
  let first = tail.length;
  while (first > 0 && byIndex.has(tail[first - 1]!.chunk)) first--;
  const mine = tail.slice(first);
  if (mine.length === 0 || o.openQuote) return { footer: [] };
  const bytes = new Map<number, { base: number; buf: Buffer }>();
  for (const c of open) {
    const base = mine.find((r) => r.chunk === c.index)?.offset;
    if (base !== undefined) bytes.set(c.index, { base, buf: await readFrom(c.path, base) });
  }
  const records = mine.map((r, i) => {
    const { base, buf } = bytes.get(r.chunk)!;
    const next = mine[i + 1];
    const text = buf.subarray(r.offset - base, next && next.chunk === r.chunk ? next.offset - base : buf.length).toString('utf8').replace(/\n$/, '');
    let from = 0;
    for (let k = 0; k < o.prefixCells; k++) from = text.indexOf(o.delimiter, from) + 1;
    return { ...r, text, cells: splitCells(text.slice(from), o.delimiter) };
  });
  let k = records.length - 1;
  const footer: Footer = [];
  // One record is always left: a file of nothing but text lines is no report with a footer.
  for (; k > 0 && isFooterLine(records[k]!, o.width, o.readColumns); k--) {
    footer.unshift({ line: records[k]!.line, text: masked(records[k]!.cells.find((x) => x !== '')!) });
  }
  const last = records[k]!;
  const totals = !last.text.includes('\n') && isTotalsRow(last.cells) ? { line: last.line, cells: last.cells } : undefined;
  if (totals) k--;
  for (const r of records.slice(k + 1)) byIndex.get(r.chunk)!.records--;
  for (const c of open) {
    const cut = records.slice(k + 1).find((r) => r.chunk === c.index);
    if (cut) await truncate(c.path, cut.offset);
  }
  return { ...(totals ? { totals } : {}), footer };
}

/** Report text after the last row, one line each: where, and what it said (digit runs masked). */
export type Footer = Array<{ line: number; text: string }>;

/**
 * What no footer line holds, since a row of data could: a tab, «;» or «,» (a row in another
 * separator), a run of five digits (a patient or stay number). One pattern (JS and DuckDB's RE2
 * alike) for isFooterLine and for report text among rejected rows (load/report-text.ts).
 */
export const DATA_LIKE_PATTERN = '[\\t;,]|[0-9]{5}';
const DATA_LIKE = new RegExp(DATA_LIKE_PATTERN);

/**
 * A footer line: one filled cell, of words (a letter and a space), on one line, no totals row; and
 * nothing that could be a row of data: no tab, «;» or «,» (a row in another separator), no run of
 * five digits (a patient or stay number), and in a line as wide as the header only in the first
 * column or one the profile does not read («;;;;Psykisk helsevern;;» is a row with values missing).
 */
function isFooterLine(r: { text: string; cells: string[] }, width: number | undefined, readColumns: ReadonlySet<number> | undefined): boolean {
  const filled = r.cells.flatMap((x, i) => (x !== '' ? [i] : []));
  if (filled.length !== 1 || r.text.includes('\n')) return false;
  const at = filled[0]!;
  const cell = r.cells[at]!;
  if (!/\p{L}/u.test(cell) || !/ /.test(cell) || DATA_LIKE.test(cell) || isTotalsRow([cell])) return false;
  const wide = width !== undefined ? r.cells.length >= width : r.cells.length > 1;
  return !wide || at === 0 || !(readColumns?.has(at) ?? true);
}

function masked(text: string): string {
  const b = Buffer.from(text, 'utf8');
  maskDigitRuns(b, 0, b.length);
  return b.toString('utf8');
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
  if (out.errored) throw out.errored;
  if (!out.write(data)) await once(out, 'drain');
}
