import { PseudonymBatchBuilder, type PseudonymBatch } from '../pseudonym/batch.ts';
import { blank, CR, headerFields, isBlankLine, maskDigitRuns, NL, onlyDelimiters, PATIENT_PART_DIGITS, QUOTE, SPACE, unquote, walkQuotes } from './csv-bytes.ts';
import { QuotedRecords, type RecordSink } from './quoted-records.ts';
import { TOTALS_LABELS } from './header.ts';
import { UNSAVED_FORMULA_MARK, UNSAVED_FORMULA_PATIENT_MARK } from './unsaved-formula.ts';

export { MAX_QUOTED_LINES } from './quoted-records.ts';

/** Records remembered at the end of a chunk: a totals row and the report's footer lines after it (normalize.ts). */
export const TAIL_RECORDS = 8;

/**
 * Lines that repeat the header, skipped: how many, the first, and for each the lines of the records
 * just before it (at most TAIL_RECORDS, nearest last), so that report text rejected there can be
 * told as the introduction of a second report joined to the first (load/report-text.ts).
 */
export interface RepeatedHeader {
  lines: number;
  firstLine: number;
  at: Array<{ line: number; before: number[] }>;
}

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
 * header's, a stray quote) gets "?" for a pseudonym and has every run of 11 or more digits
 * masked: DuckDB or the validator rejects it, and the mask keeps an identifier that sits in a
 * shifted column out of the copy.
 *
 * A quote that is opened and never closed would make the rest of the file one quoted field; such a
 * record is cut back to its first line, which alone is rejected (as a marker record, UNCLOSED_MARK),
 * and the lines after it are read again as records of their own (quoted-records.ts).
 *
 * At the end of the file the reader cannot hand this pass's output to the pseudonym filler any
 * more (finish() returns bytes only), so lines read again there get "?" for a pseudonym and are
 * rejected. Such lines are never whole records anyway (a whole record would have cut the open
 * quote off before the end), so nothing loadable is lost. `records` counts, while a quote is open,
 * the records that the end of the file would make of the lines held, so that the reader's count
 * of each chunk's records is right whatever comes next.
 */

/** What the prefix holds for a patient column: nothing (blank), a pseudonym hole, or '?'. */
const BLANK = 0;
const HOLE = 1;
const UNREADABLE = 2;
const UNREADABLE_BYTE = 0x3f; // '?'
/** An identifier Excel rounded to a number in scientific notation (1,20699E+10): its digits are lost. */
const ROUNDED = 3;
/** What the prefix holds for it; validate/typed.ts gives the reason. */
export const ROUNDED_MARK = '!';
const ROUNDED_BYTE = ROUNDED_MARK.charCodeAt(0);
/** An xlsx formula cell saved without its value (unsaved-formula.ts): nothing to hash, rejected. */
const UNSAVED_FORMULA = 4;
const UNSAVED_FORMULA_BYTE = UNSAVED_FORMULA_PATIENT_MARK.charCodeAt(0);
const UNSAVED_FORMULA_BYTES = Buffer.from(UNSAVED_FORMULA_MARK, 'utf8');
/**
 * The record written for a line cut off at an unclosed quote, after the line number and
 * pseudonym fields: SEP, the mark, SEP, the 0-based field where the quote opened, SEP, that
 * field's text as far as the next delimiter in base64 (empty for a patient column). No delimiter,
 * quote or line break, so DuckDB reads it as one field and rejects the record for its missing
 * columns; load/chunk.ts recognises it by the mark.
 */
export const UNCLOSED_SEP = '\x01';
export const UNCLOSED_MARK = 'uavsluttet';
const UNCLOSED_PREFIX = Buffer.from(`${UNCLOSED_SEP}${UNCLOSED_MARK}${UNCLOSED_SEP}`, 'latin1');
/** Bytes of the opening field kept in the marker: enough to find it in the line. */
const UNCLOSED_VALUE_BYTES = 120;
const ELLIPSIS = Buffer.from('…', 'utf8');
/**
 * Output bytes a line cut off at an unclosed quote may need beyond its own bytes (it is replaced
 * by the marker): the mark and field number (24) and the base64 of at most 123 bytes of it.
 */
const UNCLOSED_OVERHEAD = 80;

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

const SPACE_BYTE = Buffer.from(' ', 'latin1');

const NO_IDENTIFIERS: PseudonymBatch = { ids: new Uint8Array(0), ends: new Int32Array(0), holes: new Int32Array(0), count: 0 };

/** Header names of the pseudonym columns the prefix adds, one per patient column. */
export const pseudonymColumn = (i: number) => `__pseudonym${i}`;


export class LinePrefixer {
  /** Physical lines seen so far (1-based number of the next line is this + 1). */
  private line = 0;
  /** Records written so far. */
  private writtenRecords = 0;
  /** Records the lines of the open record would make at the end of the file (module comment). */
  private atEnd = 0;
  /** The output's header line ("__line<d>…\n"), repeated at the top of every chunk. */
  header: Buffer | undefined;
  private written = 0;
  /** Byte offset in the current output chunk where its last record started (-1: none), and its line. */
  private lastOffset = -1;
  private lastLine = 0;
  /** The last TAIL_RECORDS records' offsets and lines, a ring: a report's footer lines after the totals row. */
  private readonly tailOffsets = new Float64Array(TAIL_RECORDS);
  private readonly tailLines = new Int32Array(TAIL_RECORDS);
  private readonly tailChunks = new Int32Array(TAIL_RECORDS);
  private tailCount = 0;
  /** The output chunk being written: 0, then one more at each startChunk. */
  private chunkNo = 0;
  /** The current line number as ASCII digits, right-aligned after spaces; the last digitCount are it. */
  private readonly digits = Buffer.alloc(16, 0x20);
  private digitCount = 0;
  /** Quoted records over several lines, and open quotes cut back. */
  private readonly quoted: QuotedRecords;
  /** Where QuotedRecords writes: the current output buffer and offset. */
  private out: Buffer = Buffer.alloc(0);
  private o = 0;
  private readonly sink: RecordSink = {
    record: (lines, line) => this.writeRecord(lines, line),
    unclosed: (bytes, line) => this.writeUnclosed(bytes, line),
  };
  private readonly bounds: Int32Array;
  /** Per patient column of the record being written: BLANK, HOLE, UNREADABLE, ROUNDED or UNSAVED_FORMULA. */
  private readonly pseudonyms: Uint8Array;
  /** The header line as written (its CR left out), to know it when a report repeats it. */
  private headerLineBytes: Buffer | undefined;
  /**
   * The header's physical lines as written, collected until its last one (a header cell with a
   * line break runs the header over several, header.ts HeaderFound.span; they may come in
   * different pieces); kept to know the header when a report repeats it.
   */
  private readonly headerParts: Buffer[] = [];
  private headerPartBytes = 0;
  /** Lines that repeat the header (skipped), and the first of them. */
  readonly repeatedHeader: RepeatedHeader = { lines: 0, firstLine: 0, at: [] };
  /** The current piece's identifiers; undefined in finish(), whose records cannot get pseudonyms. */
  private batch: PseudonymBatchBuilder | undefined;

  constructor(
    private readonly delimiter: number,
    private readonly headerLine: number,
    private readonly patient?: PatientFields,
    private readonly headerSpan = 1,
  ) {
    this.bounds = new Int32Array((patient?.fields ?? 0) + 1);
    this.pseudonyms = new Uint8Array(patient?.indexes.length ?? 0);
    this.quoted = new QuotedRecords(delimiter);
  }

  /**
   * Data records so far: those written, and those the lines of a record still open would make if
   * the file ended here. Changes by the records of each push() (by a negative number when lines
   * held turn out to be one record), and not in finish().
   */
  get records(): number {
    return this.writtenRecords + this.atEnd;
  }

  /**
   * Takes bytes that end at a line break (or the end of the file) and returns the output bytes,
   * with a hole for each pseudonym, and the batch of identifiers for those holes.
   */
  push(piece: Buffer): PrefixedPiece {
    let newlines = 0;
    for (let i = piece.indexOf(NL); i !== -1; i = piece.indexOf(NL, i + 1)) newlines++;
    const hasQuotes = piece.indexOf(QUOTE) !== -1;
    const held = this.quoted.open;
    const heldBytes = held?.bytes ?? 0;
    const heldLines = held?.lines.length ?? 0;
    // Per record: the line number and, per patient column, a pseudonym, each with a delimiter;
    // where a quote may be cut off, room for its marker. Lines held from earlier pieces are
    // written out of this one. After the output room comes a copy of the input: copyWithin then
    // moves each line natively, without the view that copy() and set() allocate per call.
    const perRecord = this.perRecord(hasQuotes || heldLines > 0);
    // A header over several lines is written whole from the piece its last line is in.
    const room = piece.length + heldBytes + this.headerPartBytes + (newlines + 1 + heldLines) * perRecord + 64 * (1 + this.pseudonyms.length);
    // Unpooled: the output may be handed to a worker thread whole (pseudonym/filler.ts).
    const out = Buffer.allocUnsafeSlow(room + piece.length);
    this.batch = this.patient ? new PseudonymBatchBuilder(piece.length + heldBytes, (newlines + 2 + heldLines) * this.pseudonyms.length) : undefined;
    piece.copy(out, room);
    const src = out.subarray(room);
    this.out = out;
    let o = 0;
    let start = 0;
    while (start < src.length) {
      let end = src.indexOf(NL, start);
      if (end === -1) end = src.length; // last line without a final break
      const lineNo = ++this.line;
      this.nextDigit();
      const next = end + 1;
      // The line without its CR (or CRs: a CRLF file converted once more ends its lines in CR CR LF).
      // No other CR reaches this pass: normalize.ts makes every CR without an LF after it an LF.
      let stop = end;
      while (stop > start && src[stop - 1] === CR) stop--;
      if (lineNo < this.headerLine) {
        start = next;
        continue;
      }
      if (lineNo < this.headerLine + this.headerSpan) {
        this.headerParts.push(Buffer.from(src.subarray(start, stop)));
        this.headerPartBytes += stop - start + 1;
        if (lineNo === this.headerLine + this.headerSpan - 1) o = this.writeHeader(out, o);
        start = next;
        continue;
      }
      // The header again, as a report repeats it after each page break: not a record.
      const h = this.headerLineBytes;
      if (h && stop - start === h.length && !this.quoted.open && src.compare(h, 0, h.length, start, stop) === 0) {
        this.headerAgain(lineNo);
        start = next;
        continue;
      }
      if (this.quoted.open) {
        // Inside a quoted record: it decides whether this line goes on with it.
        this.o = o;
        this.quoted.next(Buffer.from(src.subarray(start, stop)), lineNo, this.sink);
        o = this.o;
        start = next;
        continue;
      }
      if (this.isBlank(src, start, end)) {
        start = next;
        continue;
      }
      let quoted = false;
      if (hasQuotes) {
        const first = src.indexOf(QUOTE, start);
        quoted = first !== -1 && first < stop;
        if (quoted && walkQuotes(src, start, stop, this.delimiter, false, true)) {
          // A quote left open: the record may go on over lines (and pieces).
          this.o = o;
          this.quoted.feed(Buffer.from(src.subarray(start, stop)), lineNo, this.sink);
          o = this.o;
          start = next;
          continue;
        }
      }
      // The common case: a record on one line.
      this.writtenRecords++;
      if (this.patient) this.pseudonymise(src, start, stop, quoted);
      o = this.prefix(out, o, lineNo);
      out.copyWithin(o, room + start, room + stop);
      o += stop - start;
      out[o++] = NL;
      start = next;
    }
    this.atEnd = this.quoted.recordsAtEnd();
    this.written += o;
    const batch = this.batch?.finish() ?? NO_IDENTIFIERS;
    this.batch = undefined;
    this.out = Buffer.alloc(0);
    return { out: out.subarray(0, o), batch };
  }

  /**
   * The end of the file: a record left open by a quote that was never closed is cut back (module
   * comment). The lines read again here get no pseudonym holes, only "?".
   */
  finish(): Buffer {
    const held = this.quoted.open;
    if (!held) return Buffer.alloc(0);
    const out = Buffer.allocUnsafe(held.bytes + held.lines.length * this.perRecord(true) + 64 * (1 + this.pseudonyms.length));
    this.batch = undefined;
    this.out = out;
    this.o = 0;
    this.quoted.end(this.sink);
    const o = this.o;
    this.out = Buffer.alloc(0);
    this.atEnd = 0;
    this.written += o;
    return out.subarray(0, o);
  }

  /**
   * Writes the output's header: "__line<d>[__pseudonym0<d>…]" and the file's header, its physical
   * lines joined by a space. Its line breaks are inside quoted cells, so the fields are the same; a
   * header on one line is what DuckDB skips (header=true) without reading it (the chunk query names
   * its columns itself, validate/source.ts), and the cells read with a space is how header.ts reads them.
   */
  private writeHeader(out: Buffer, o: number): number {
    const parts = this.headerParts;
    const own = parts.length === 1 ? parts[0]! : Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [SPACE_BYTE, p])));
    const headerStart = o;
    o += out.write('__line', o, 'latin1');
    out[o++] = this.delimiter;
    for (let i = 0; i < this.pseudonyms.length; i++) {
      o += out.write(pseudonymColumn(i), o, 'latin1');
      out[o++] = this.delimiter;
    }
    o += own.copy(out, o);
    out[o++] = NL;
    this.header = Buffer.from(out.subarray(headerStart, o));
    if (parts.length === 1) this.headerLineBytes = own;
    this.headerPartBytes = 0;
    this.quoted.fields = this.patient?.fields ?? headerFields(own, 0, own.length, this.delimiter);
    return o;
  }

  /** Starts a new output chunk: offsets count from its first byte, after `headerBytes`. */
  startChunk(headerBytes: number): void {
    this.written = headerBytes;
    this.lastOffset = -1;
    this.chunkNo++;
  }

  /**
   * The last records written (at most TAIL_RECORDS), oldest first: the chunk each is in, where in it
   * it starts, and its line. They may span a chunk boundary: a footer can start a chunk of its own.
   */
  get tailRecords(): Array<{ chunk: number; offset: number; line: number }> {
    const n = Math.min(this.tailCount, TAIL_RECORDS);
    const out: Array<{ chunk: number; offset: number; line: number }> = [];
    for (let k = this.tailCount - n; k < this.tailCount; k++) {
      const t = k % TAIL_RECORDS;
      out.push({ chunk: this.tailChunks[t]!, offset: this.tailOffsets[t]!, line: this.tailLines[t]! });
    }
    return out;
  }

  /** Where the current chunk's last record starts, and its line. */
  get lastRecord(): { offset: number; line: number } | undefined {
    return this.lastOffset === -1 ? undefined : { offset: this.lastOffset, line: this.lastLine };
  }

  get linesSeen(): number {
    return this.line;
  }

  /** Whether a quoted record is open at the end of the last piece (a chunk cannot end there). */
  get openQuote(): boolean {
    return this.quoted.open !== undefined;
  }

  /** Output room per record; `cuts`: a line may be cut off at an unclosed quote and become a marker. */
  private perRecord(cuts: boolean): number {
    return 12 + 33 * this.pseudonyms.length + (cuts ? UNCLOSED_OVERHEAD : 0);
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
    const t = this.tailCount++ % TAIL_RECORDS;
    this.tailOffsets[t] = this.lastOffset;
    this.tailLines[t] = lineNo;
    this.tailChunks[t] = this.chunkNo;
    for (let k = digits.length - count; k < digits.length; k++) out[o++] = digits[k]!;
    out[o++] = this.delimiter;
    for (let i = 0; i < this.pseudonyms.length; i++) {
      const p = this.pseudonyms[i];
      if (p === HOLE) o = this.batch!.addHole(out, o);
      else if (p === UNREADABLE) out[o++] = UNREADABLE_BYTE;
      else if (p === ROUNDED) out[o++] = ROUNDED_BYTE;
      else if (p === UNSAVED_FORMULA) out[o++] = UNSAVED_FORMULA_BYTE;
      out[o++] = this.delimiter;
    }
    return o;
  }

  /** The prefix of a record from QuotedRecords, which may start on an earlier line than the current one. */
  private prefixOf(lineNo: number): void {
    if (lineNo === this.line) {
      this.o = this.prefix(this.out, this.o, lineNo);
    } else {
      const digits = Buffer.from(String(lineNo), 'latin1');
      this.o = this.prefix(this.out, this.o, lineNo, digits, digits.length);
    }
  }

  /** Writes a complete record from QuotedRecords: its lines joined by line breaks. */
  private writeRecord(lines: Buffer[], line: number): void {
    // A header over several lines again, as a report repeats it after each page break: not a record.
    if (lines.length > 1 && this.isHeaderAgain(lines)) {
      this.headerAgain(line);
      return;
    }
    this.writtenRecords++;
    let record: Buffer;
    if (lines.length === 1) {
      record = lines[0]!;
    } else {
      let bytes = -1;
      for (const l of lines) bytes += l.length + 1;
      record = Buffer.allocUnsafe(bytes);
      let r = 0;
      for (const [i, l] of lines.entries()) {
        if (i > 0) record[r++] = NL;
        r += l.copy(record, r);
      }
    }
    if (this.patient) {
      if (this.batch) this.pseudonymise(record, 0, record.length, true);
      else this.unreadable(record, 0, record.length);
    }
    this.prefixOf(line);
    this.o += record.copy(this.out, this.o);
    this.out[this.o++] = NL;
  }

  /** A line repeating the header, and the records just before it (from the tail ring: no work per record). */
  private headerAgain(line: number): void {
    const r = this.repeatedHeader;
    if (r.lines++ === 0) r.firstLine = line;
    const before: number[] = [];
    for (let k = Math.max(0, this.tailCount - TAIL_RECORDS); k < this.tailCount; k++) before.push(this.tailLines[k % TAIL_RECORDS]!);
    r.at.push({ line, before });
  }

  /** Whether the lines of a record are the header's lines (a header over several lines, repeated). */
  private isHeaderAgain(lines: Buffer[]): boolean {
    const h = this.headerParts;
    return h.length === lines.length && lines.every((l, i) => l.equals(h[i]!));
  }

  /**
   * Writes, for a line cut off at a quote that was never closed, the marker record (UNCLOSED_MARK)
   * in its place: the field where the quote opened and that field's text as far as the next
   * delimiter, digit runs masked; nothing for a patient column. The line itself is not written.
   */
  private writeUnclosed(bytes: Buffer, line: number): void {
    this.writtenRecords++;
    // The last quote opened is the one still open at the end of the line.
    let delimiters = 0;
    let field = 0;
    let at = -1;
    walkQuotes(bytes, 0, bytes.length, this.delimiter, false, true, () => delimiters++, (i) => {
      at = i;
      field = delimiters;
    });
    let value: Buffer = Buffer.alloc(0);
    if (at !== -1 && !this.patient?.indexes.includes(field)) {
      let end = bytes.indexOf(this.delimiter, at + 1);
      if (end === -1) end = bytes.length;
      let cut = Math.min(end, at + UNCLOSED_VALUE_BYTES);
      while (cut < end && cut > at && (bytes[cut]! & 0xc0) === 0x80) cut--; // not inside a UTF-8 character
      value = Buffer.concat([bytes.subarray(at, cut), cut < end ? ELLIPSIS : Buffer.alloc(0)]);
      maskDigitRuns(value, 0, value.length);
    }
    this.pseudonyms.fill(UNREADABLE);
    this.prefixOf(line);
    const out = this.out;
    this.o += UNCLOSED_PREFIX.copy(out, this.o);
    this.o += out.write(`${field}${UNCLOSED_SEP}${value.toString('base64')}`, this.o, 'latin1');
    out[this.o++] = NL;
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
        if (!this.takeId(i, id, 0, id.length)) {
          maskDigitRuns(src, fs, fe); // a kept totals label, as written but for digit runs («Sum 15038598765»)
          continue;
        }
      } else if (!this.takeId(i, src, fs, fe)) {
        maskDigitRuns(src, fs, fe);
        continue;
      }
      src.fill(SPACE, fs, fe);
    }
  }

  /**
   * Patient column i of this record: no pseudonym when blank, else a hole and its identifier in the
   * batch. Returns whether the field is to be blanked: a totals row's label («Sum», «Totalt») in the
   * patient column is no identifier, and stays, so that the row is known as the totals row
   * (normalize.ts takeTotals) or, in the middle of a file, rejected for its missing patient.
   */
  private takeId(i: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (totalsLabel(bytes, start, end)) {
      this.pseudonyms[i] = BLANK;
      return false;
    }
    if (blank(bytes, start, end)) {
      this.pseudonyms[i] = BLANK;
    } else if (unsavedFormula(bytes, start, end)) {
      // Its mark is no identifier: hashed, every such cell would be one patient.
      this.pseudonyms[i] = UNSAVED_FORMULA;
    } else if (excelRounded(bytes, start, end)) {
      // Two patients rounded to the same number would get one pseudonym: not hashed, rejected.
      this.pseudonyms[i] = ROUNDED;
    } else {
      this.pseudonyms[i] = HOLE;
      this.batch!.addId(bytes, start, end);
    }
    return true;
  }

  private unreadable(src: Buffer, start: number, stop: number): void {
    // '?': not a pseudonym and not empty, so the validator rejects it as an unreadable patient
    // field, rather than as a missing one.
    this.pseudonyms.fill(UNREADABLE);
    // Not only whole numbers: the patient field is somewhere in it, written any way, and this text
    // goes to a temporary chunk and, masked again, to the rejected value (load/chunk.ts).
    maskDigitRuns(src, start, stop, PATIENT_PART_DIGITS - 1);
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
    return isBlankLine(piece, start, end, this.delimiter);
  }
}

/**
 * Whether bytes [start, end) are a number in Excel's scientific notation, as a CSV saved from
 * Excel writes an 11-digit cell it took for a number: digits, an optional decimal part, E, a plus
 * and two or more digits ("1,20699E+10"), spaces around allowed.
 */
export function excelRounded(src: Uint8Array, start: number, end: number): boolean {
  // Plain loops, no inner closures: this runs for every identifier, and tsx wraps each closure it
  // creates in a naming helper that cost the national DIPS file 0.8 s.
  let i = start;
  let e = end;
  while (i < e && src[i] === SPACE) i++;
  while (e > i && src[e - 1] === SPACE) e--;
  let from = i;
  while (i < e && isDigit(src[i]!)) i++;
  if (i === from) return false;
  if (src[i] === 0x2c || src[i] === 0x2e) {
    from = ++i;
    while (i < e && isDigit(src[i]!)) i++;
    if (i === from) return false;
  }
  if (i >= e || (src[i] !== 0x45 && src[i] !== 0x65)) return false;
  // Excel writes the exponent with its sign and two digits (E+10): ids like 12E3 or 2023E0012 are not it.
  if (src[++i] !== 0x2b) return false;
  from = ++i;
  while (i < e && isDigit(src[i]!)) i++;
  return i - from >= 2 && i === e;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Whether bytes [start, end) are the xlsx reader's mark for a formula saved without its value. */
function unsavedFormula(src: Uint8Array, start: number, end: number): boolean {
  if (end - start !== UNSAVED_FORMULA_BYTES.length) return false;
  for (let k = 0; k < UNSAVED_FORMULA_BYTES.length; k++) if (src[start + k] !== UNSAVED_FORMULA_BYTES[k]) return false;
  return true;
}

const TAB = 0x09;
const TOTALS_WORDS = TOTALS_LABELS.map((w) => Buffer.from(w, 'latin1'));

/**
 * Whether bytes [start, end) begin with Sum, Totalt or Total as a word (read/header.ts isTotalsRow's
 * test), after spaces, tabs and no-break spaces (UTF-8 C2 A0: Excel pads labels with them), which
 * isTotalsRow's trim() passes over too: a label so padded was hashed as a patient's identifier.
 */
function totalsLabel(src: Uint8Array, start: number, end: number): boolean {
  let i = start;
  for (;;) {
    if (src[i] === SPACE || src[i] === TAB) i++;
    else if (src[i] === 0xc2 && src[i + 1] === 0xa0 && i + 1 < end) i += 2;
    else break;
    if (i >= end) return false;
  }
  const first = src[i]! | 0x20;
  if (first !== 0x73 && first !== 0x74) return false; // s, t: nearly every identifier stops here
  // A loop, not .some() with an arrow: see excelRounded.
  for (const w of TOTALS_WORDS) {
    if (end - i < w.length) continue;
    let k = 0;
    while (k < w.length && (src[i + k]! | 0x20) === w[k]) k++;
    if (k < w.length) continue;
    const next = i + w.length < end ? src[i + w.length]! | 0x20 : 0;
    if (!((next >= 0x61 && next <= 0x7a) || (next >= 0x30 && next <= 0x39))) return true;
  }
  return false;
}
