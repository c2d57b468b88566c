import { PseudonymBatchBuilder, type PseudonymBatch } from '../pseudonym/batch.ts';
import { ignoredAt } from '../pseudonym/key.ts';

/**
 * Prefixes each CSV record with the physical line it starts on and, for profiles with patient
 * columns, with the pseudonyms of its patient identifiers. Works on UTF-8 bytes without a string
 * per line: this pass runs over every byte of national-size files, so it uses native indexOf and
 * copyWithin and counts the line number in ASCII digits. Blank lines (empty, or only separators
 * and spaces) are dropped; a line break inside a quoted field continues the record.
 *
 * Output record: `<line><d>[<pseudonym><d>…]<the record as written>`. The identifier itself is
 * overwritten with spaces before the record is copied, so a raw identifier exists only in the
 * user's own file (and its archive copy) and in this process's transient buffers: never in
 * DuckDB, a temporary file, a reject or an error. The pseudonym is not computed here: the pass
 * leaves a hole for it and collects the identifier in the piece's batch (pseudonym/batch.ts),
 * which the caller has filled (pseudonym/filler.ts) before the output goes anywhere.
 *
 * A record whose fields cannot be told apart for certain (a field count other than the
 * header's, a stray or unterminated quote) gets "?" for a pseudonym and has every run of 11 or
 * more digits masked: DuckDB or the validator rejects it, and the mask keeps an identifier that
 * sits in a shifted column out of the copy.
 */
const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const STAR = 0x2a;
const MAX_DIGITS = 10; // a longer run of digits may be a fødselsnummer (11)
/** What the prefix holds for a patient column: nothing (blank), a pseudonym hole, or '?'. */
const BLANK = 0;
const HOLE = 1;
const UNREADABLE = 2;
const UNREADABLE_BYTE = 0x3f; // '?'

export interface PatientFields {
  /** 0-based positions of the patient columns in the header. */
  indexes: readonly number[];
  /** Fields per record: the header's. */
  fields: number;
}

/** One piece's output, and the identifiers whose pseudonyms go into its holes. */
export interface PrefixedPiece {
  out: Buffer;
  batch: PseudonymBatch;
}

const NO_IDENTIFIERS: PseudonymBatch = { ids: new Uint8Array(0), ends: new Int32Array(0), holes: new Int32Array(0), count: 0 };

/** Header names of the pseudonym columns the prefix adds, one per patient column. */
export const pseudonymColumn = (i: number) => `__pseudonym${i}`;

export class LinePrefixer {
  /** Physical lines seen so far (1-based number of the next line is this + 1). */
  private line = 0;
  private inQuotes = false;
  records = 0;
  /** The output's header line ("__line<d>…\n"), repeated at the top of every chunk. */
  header: Buffer | undefined;
  private written = 0;
  /** Byte offset in the current output chunk where its last record started (-1: none), and its line. */
  private lastOffset = -1;
  private lastLine = 0;
  /** The current line number as ASCII digits, right-aligned after spaces; the last digitCount are it. */
  private readonly digits = Buffer.alloc(16, 0x20);
  private digitCount = 0;
  /** A quoted record still open (patient columns only): its first line and its lines so far. */
  private pending: { line: number; lines: Buffer[]; bytes: number } | undefined;
  private readonly bounds: Int32Array;
  /** Per patient column of the record being written: BLANK, HOLE or UNREADABLE. */
  private readonly pseudonyms: Uint8Array;
  private batch: PseudonymBatchBuilder | undefined;

  constructor(
    private readonly delimiter: number,
    private readonly headerLine: number,
    private readonly patient?: PatientFields,
  ) {
    this.bounds = new Int32Array((patient?.fields ?? 0) + 1);
    this.pseudonyms = new Uint8Array(patient?.indexes.length ?? 0);
  }

  /**
   * Takes bytes that end at a line break (or the end of the file) and returns the output bytes,
   * with a hole for each pseudonym, and the batch of identifiers for those holes.
   */
  push(piece: Buffer): PrefixedPiece {
    let newlines = 0;
    for (let i = piece.indexOf(NL); i !== -1; i = piece.indexOf(NL, i + 1)) newlines++;
    // Per record: the line number and, per patient column, a pseudonym, each with a delimiter. A
    // record still open from the last piece is written out of this one. After the output room
    // comes a copy of the input: copyWithin then moves each line natively, without the view that
    // copy() and set() allocate per call.
    const perRecord = 12 + 33 * this.pseudonyms.length;
    const room = piece.length + (this.pending?.bytes ?? 0) + (newlines + 1) * perRecord + 64 * (1 + this.pseudonyms.length);
    // Unpooled: the output may be handed to a worker thread whole (pseudonym/filler.ts).
    const out = Buffer.allocUnsafeSlow(room + piece.length);
    this.batch = this.patient ? new PseudonymBatchBuilder(piece.length + (this.pending?.bytes ?? 0), (newlines + 2) * this.pseudonyms.length) : undefined;
    piece.copy(out, room);
    const src = out.subarray(room);
    let o = 0;
    let start = 0;
    const hasQuotes = piece.indexOf(QUOTE) !== -1;
    while (start < src.length) {
      let end = src.indexOf(NL, start);
      if (end === -1) end = src.length; // last line without a final break
      const lineNo = ++this.line;
      this.nextDigit();
      const next = end + 1;
      // The line without its CR.
      const stop = end > start && src[end - 1] === CR ? end - 1 : end;
      if (lineNo < this.headerLine) {
        start = next;
        continue;
      }
      if (lineNo === this.headerLine) {
        const headerStart = o;
        o += out.write('__line', o, 'latin1');
        out[o++] = this.delimiter;
        for (let i = 0; i < this.pseudonyms.length; i++) {
          o += out.write(pseudonymColumn(i), o, 'latin1');
          out[o++] = this.delimiter;
        }
        out.copyWithin(o, room + start, room + stop);
        o += stop - start;
        out[o++] = NL;
        this.header = Buffer.from(out.subarray(headerStart, o));
        start = next;
        continue;
      }
      const continues = this.inQuotes;
      if (!continues && this.isBlank(src, start, end)) {
        start = next;
        continue;
      }
      const quoted = hasQuotes && this.followQuotes(src, start, end, continues);
      if (!continues) this.records++;
      if (!this.patient || (!continues && !quoted)) {
        if (this.patient) this.pseudonymise(src, start, stop, false);
        if (!continues) o = this.prefix(out, o, lineNo);
        out.copyWithin(o, room + start, room + stop);
        o += stop - start;
        out[o++] = NL;
      } else {
        // A quoted record may go on over lines (and pieces): it is written once it is complete.
        this.pending ??= { line: lineNo, lines: [], bytes: 0 };
        this.pending.lines.push(Buffer.from(src.subarray(start, stop)));
        this.pending.bytes += stop - start + 1;
        if (!this.inQuotes) o = this.flushPending(out, o, true);
      }
      start = next;
    }
    this.written += o;
    const batch = this.batch?.finish() ?? NO_IDENTIFIERS;
    this.batch = undefined;
    return { out: out.subarray(0, o), batch };
  }

  /** The end of the file: a record left open by an unterminated quote is written, masked (so it has no pseudonym holes). */
  finish(): Buffer {
    if (!this.pending) return Buffer.alloc(0);
    const out = Buffer.allocUnsafe(this.pending.bytes + 64 * (1 + this.pseudonyms.length));
    const o = this.flushPending(out, 0, false);
    this.written += o;
    return out.subarray(0, o);
  }

  /** Starts a new output chunk: offsets count from its first byte, after `headerBytes`. */
  startChunk(headerBytes: number): void {
    this.written = headerBytes;
    this.lastOffset = -1;
  }

  /** Where the current chunk's last record starts, and its line. */
  get lastRecord(): { offset: number; line: number } | undefined {
    return this.lastOffset === -1 ? undefined : { offset: this.lastOffset, line: this.lastLine };
  }

  get linesSeen(): number {
    return this.line;
  }

  get openQuote(): boolean {
    return this.inQuotes;
  }

  /** Follows one line's quotes (walkQuotes); returns whether the line has a quote at all. */
  private followQuotes(src: Buffer, start: number, end: number, continues: boolean): boolean {
    const first = src.indexOf(QUOTE, start);
    if (first === -1 || first >= end) return false;
    this.inQuotes = walkQuotes(src, start, end, this.delimiter, this.inQuotes, !continues);
    return true;
  }

  /** Advances the ASCII digits of the line number (right-aligned in `digits`) by one. */
  private nextDigit(): void {
    const d = this.digits;
    let i = d.length - 1;
    while (d[i] === 0x39) d[i--] = 0x30;
    d[i] = d[i] === SPACE ? 0x31 : d[i]! + 1;
    this.digitCount = Math.max(this.digitCount, d.length - i);
  }

  /** Writes a record's prefix: its line number (the current digits) and its pseudonyms. */
  private prefix(out: Buffer, o: number, lineNo: number, digits: Buffer = this.digits, count = this.digitCount): number {
    this.lastOffset = this.written + o;
    this.lastLine = lineNo;
    for (let k = digits.length - count; k < digits.length; k++) out[o++] = digits[k]!;
    out[o++] = this.delimiter;
    for (let i = 0; i < this.pseudonyms.length; i++) {
      const p = this.pseudonyms[i];
      if (p === HOLE) o = this.batch!.addHole(out, o);
      else if (p === UNREADABLE) out[o++] = UNREADABLE_BYTE;
      out[o++] = this.delimiter;
    }
    return o;
  }

  private flushPending(out: Buffer, o: number, complete: boolean): number {
    const { line, lines, bytes } = this.pending!;
    this.pending = undefined;
    const record = Buffer.allocUnsafe(bytes - 1);
    let r = 0;
    for (const [i, l] of lines.entries()) {
      if (i > 0) record[r++] = NL;
      r += l.copy(record, r);
    }
    if (complete) this.pseudonymise(record, 0, record.length, true);
    else this.unreadable(record, 0, record.length);
    const digits = Buffer.from(String(line), 'latin1');
    o = this.prefix(out, o, line, digits, digits.length);
    o += record.copy(out, o);
    out[o++] = NL;
    return o;
  }

  /**
   * Takes the identifiers of one record (bytes [start, stop), without its line break) into the
   * batch and blanks them in place; or, when its fields cannot be told apart, masks it. `quoted`:
   * the record has quotes, so its fields are unquoted before they are hashed.
   */
  private pseudonymise(src: Buffer, start: number, stop: number, quoted: boolean): void {
    const { fields, indexes } = this.patient!;
    const batch = this.batch!;
    const count = this.split(src, start, stop, quoted);
    // Empty fields after the last column ("…;4;") are nothing, to DuckDB as here.
    if (count !== fields && !(count > fields && onlyDelimiters(src, this.bounds[fields]! - 1, stop, this.delimiter))) {
      return this.unreadable(src, start, stop);
    }
    const mark = batch.mark();
    for (let i = 0; i < indexes.length; i++) {
      const fs = this.bounds[indexes[i]!]!;
      const fe = this.bounds[indexes[i]! + 1]! - 1; // the field ends before its delimiter
      if (quoted) {
        const id = unquote(src, fs, fe);
        if (id === undefined) {
          batch.rollback(mark);
          return this.unreadable(src, start, stop);
        }
        this.takeId(i, id, 0, id.length);
      } else {
        this.takeId(i, src, fs, fe);
      }
      src.fill(SPACE, fs, fe);
    }
  }

  /** Patient column i of this record: no pseudonym when blank, else a hole and its identifier in the batch. */
  private takeId(i: number, bytes: Uint8Array, start: number, end: number): void {
    const hole = !blank(bytes, start, end);
    this.pseudonyms[i] = hole ? HOLE : BLANK;
    if (hole) this.batch!.addId(bytes, start, end);
  }

  private unreadable(src: Buffer, start: number, stop: number): void {
    // '?': not a pseudonym and not empty, so the validator rejects it as an unreadable patient
    // field, rather than as a missing one.
    this.pseudonyms.fill(UNREADABLE);
    maskDigitRuns(src, start, stop);
  }

  /**
   * Field starts of a record into `bounds` (bounds[n] = stop + 1); returns the count. A delimiter
   * inside quotes does not end a field. A byte loop: Buffer.indexOf costs a native call each.
   */
  private split(src: Buffer, start: number, stop: number, quoted: boolean): number {
    const b = this.bounds;
    const max = b.length - 1;
    const d = this.delimiter;
    b[0] = start;
    let n = 1;
    if (!quoted) {
      // Most records: no quote to track, so the loop only compares each byte with the delimiter.
      for (let i = start; i < stop; i++) {
        if (src[i] === d) {
          if (n <= max) b[n] = i + 1;
          n++;
        }
      }
    } else {
      walkQuotes(src, start, stop, d, false, true, (i) => {
        if (n <= max) b[n] = i + 1;
        n++;
      });
    }
    if (n <= max) b[n] = stop + 1;
    return n;
  }

  private isBlank(piece: Buffer, start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = piece[i];
      if (c !== this.delimiter && c !== SPACE && c !== 0x09 && c !== CR) return false;
    }
    return true;
  }
}

/**
 * Walks bytes [start, end) by the quote rules of DuckDB's reader, which reads this output
 * (validate/source.ts): a quote opens a quoted field only where a field starts; inside one, "" is a
 * quote and a lone quote closes it; any other quote is part of the value (Post 5"B). Toggling on
 * every quote would take such a stray quote for an open field and run the rest of the file into
 * one record. Calls `onDelimiter` at each delimiter outside quotes; returns whether a quoted field
 * is still open at `end`. Only lines and records with a quote come here.
 */
function walkQuotes(src: Uint8Array, start: number, end: number, delimiter: number, inQuotes: boolean, atFieldStart: boolean, onDelimiter?: (i: number) => void): boolean {
  let inQ = inQuotes;
  let fieldStart = atFieldStart;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (inQ) {
      if (c === QUOTE) {
        if (i + 1 < end && src[i + 1] === QUOTE) i++;
        else inQ = false;
      }
    } else if (c === QUOTE) {
      if (fieldStart) inQ = true;
      fieldStart = false;
    } else {
      fieldStart = c === delimiter;
      if (fieldStart) onDelimiter?.(i);
    }
  }
  return inQ;
}

function onlyDelimiters(src: Uint8Array, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) if (src[i] !== delimiter) return false;
  return true;
}

/**
 * Whether bytes [start, end) hold only what the pseudonym ignores (pseudonym/key.ts ignoredAt):
 * the two must agree, or a hole would be left for an identifier that has no pseudonym.
 */
function blank(src: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    const skip = ignoredAt(src, i, end);
    if (skip === 0) return false;
    i += skip;
  }
  return true;
}

/**
 * The value of one field as a CSV reader sees it: a quoted field without its quotes and with ""
 * as ", an unquoted one as it is. undefined when a quote stands where a reader would fail on it.
 */
function unquote(src: Buffer, fs: number, fe: number): Uint8Array | undefined {
  if (fe - fs >= 2 && src[fs] === QUOTE && src[fe - 1] === QUOTE) {
    const inner = src.subarray(fs + 1, fe - 1);
    if (inner.indexOf(QUOTE) === -1) return inner;
    const bytes: number[] = [];
    for (let i = 0; i < inner.length; i++) {
      if (inner[i] === QUOTE) {
        if (inner[i + 1] !== QUOTE) return undefined;
        i++;
      }
      bytes.push(inner[i]!);
    }
    return Uint8Array.from(bytes);
  }
  const raw = src.subarray(fs, fe);
  return raw.indexOf(QUOTE) === -1 ? raw : undefined;
}

/** Overwrites every run of more than MAX_DIGITS digits with '*', in place. */
function maskDigitRuns(src: Buffer, start: number, stop: number): void {
  let run = 0;
  for (let i = start; i <= stop; i++) {
    const c = i < stop ? src[i]! : 0;
    if (c >= 0x30 && c <= 0x39) {
      run++;
    } else {
      if (run > MAX_DIGITS) src.fill(STAR, i - run, i);
      run = 0;
    }
  }
}
