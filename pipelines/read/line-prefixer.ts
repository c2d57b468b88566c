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
 * header's, a stray quote) gets "?" for a pseudonym and has every run of 11 or more digits
 * masked: DuckDB or the validator rejects it, and the mask keeps an identifier that sits in a
 * shifted column out of the copy.
 *
 * A quote that is opened and never closed ("Post 5, or "a"" whose "" is an escaped quote) would
 * make the rest of the file one quoted field: one rejected row, and every row after it silently
 * gone. So a quoted field may run over a line break only while that reading stays plausible
 * (QuotedRecords below). Legitimate multi-line fields in these exports are short (a comment or a
 * ward name with a line break or two), and a line that is a whole record by itself (no quote left
 * open, at least the header's number of fields) is not the middle of one. A record whose quote is
 * still open when such a line comes, after MAX_QUOTED_LINES lines, or at the end of the file, is
 * cut back to its first line: that line alone is rejected, naming the column where the quote was
 * opened (written as a marker record that DuckDB rejects for its missing columns and
 * load/chunk.ts turns into «uavsluttet anførselstegn i kolonne …»), and the lines after it are read
 * again as records of their own. Only the opening field's text, digit runs masked, goes into the
 * marker; never the rest of the line. Every physical line thus ends up in a record that is loaded
 * or rejected. Rejecting the one line rather than refusing the file keeps the rest of a large
 * export loadable, and the reject says exactly which line to fix.
 *
 * At the end of the file the reader cannot hand this pass's output to the pseudonym filler any
 * more (finish() returns bytes only), so lines read again there get "?" for a pseudonym and are
 * rejected. Such lines are never whole records anyway (a whole record would have cut the open
 * quote off before the end), so nothing loadable is lost. `records` counts, while a quote is open,
 * the records that the end of the file would make of the lines held, so that the reader's count
 * of each chunk's records is right whatever comes next.
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
/**
 * Physical lines a quoted record may run over before an open quote is taken for a stray one.
 * A comment with a few line breaks fits with room to spare; a stray quote then costs at most this
 * many lines held in memory and read twice.
 */
export const MAX_QUOTED_LINES = 20;
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

const NO_IDENTIFIERS: PseudonymBatch = { ids: new Uint8Array(0), ends: new Int32Array(0), holes: new Int32Array(0), count: 0 };

/** Header names of the pseudonym columns the prefix adds, one per patient column. */
export const pseudonymColumn = (i: number) => `__pseudonym${i}`;

/** Where the records of QuotedRecords go: written out (the prefixer), or only counted. */
interface RecordSink {
  /** A complete record: its physical lines (no quote open at the end of the last) and the line it starts on. */
  record(lines: Buffer[], line: number): void;
  /** The first line of a record whose quote was never closed, on its own. */
  unclosed(bytes: Buffer, line: number): void;
}

/** A record whose quote is still open at the end of its last line so far. */
interface OpenRecord {
  /** Its first physical line. */
  line: number;
  /** Its lines, without their line breaks (copies: they outlive the piece they came in). */
  lines: Buffer[];
  /** Their bytes, a line break each included. */
  bytes: number;
  /** Its fields so far, the open one included. */
  fields: number;
}

/**
 * Joins the physical lines of quoted records that run over line breaks, and cuts back a record
 * whose quote is not closed (module comment). Lines come here only while a record is open, and to
 * be read again after one was cut back; it holds at most MAX_QUOTED_LINES lines.
 */
class QuotedRecords {
  open: OpenRecord | undefined;
  /** Fields per record: the header's. Set when the header has been read. */
  fields = 0;

  constructor(private readonly delimiter: number) {}

  /** A line not inside an open record: blank (skipped), a record by itself, or the start of one. */
  feed(line: Buffer, lineNo: number, sink: RecordSink): void {
    if (this.open) return this.next(line, lineNo, sink);
    if (isBlankLine(line, 0, line.length, this.delimiter)) return;
    const own = countFields(line, 0, line.length, this.delimiter, false, true);
    if (own.open) this.open = { line: lineNo, lines: [line], bytes: line.length + 1, fields: own.fields };
    else sink.record([line], lineNo);
  }

  /** The next physical line while a record is open: it goes on, is complete, or is cut back. */
  next(line: Buffer, lineNo: number, sink: RecordSink): void {
    const r = this.open!;
    const d = this.delimiter;
    const cont = countFields(line, 0, line.length, d, true, false);
    const total = r.fields + cont.fields - 1;
    // Read as the open record's continuation, the line closes it with the header's field count: a
    // multi-line field as the exports write them (also one in the first column, whose last line
    // would pass for a record of its own).
    const closesWell = !cont.open && !cont.badClose && total >= this.fields && total - trailingDelimiters(line, d) <= this.fields;
    if (!closesWell) {
      const own = countFields(line, 0, line.length, d, false, true);
      // A whole record by itself, or a quote that closes nothing a CSV reader would accept ("x"y):
      // the open quote was a stray one.
      if ((!own.open && own.fields >= this.fields) || cont.badClose) {
        this.cut(sink);
        return this.feed(line, lineNo, sink);
      }
    }
    // Goes on, or closes the record (with another field count than the header's, DuckDB rejects
    // it whole, naming its first line).
    r.lines.push(line);
    r.bytes += line.length + 1;
    r.fields = total;
    if (!cont.open) {
      this.open = undefined;
      sink.record(r.lines, r.line);
    } else if (r.lines.length >= MAX_QUOTED_LINES) {
      this.cut(sink);
    }
  }

  /** The end of the file: every record still open is cut back. */
  end(sink: RecordSink): void {
    while (this.open) this.cut(sink);
  }

  /** How many records `end` would make now, without making them. */
  recordsAtEnd(): number {
    if (!this.open) return 0;
    const copy = new QuotedRecords(this.delimiter);
    copy.fields = this.fields;
    copy.open = { ...this.open, lines: [...this.open.lines] };
    let n = 0;
    copy.end({ record: () => n++, unclosed: () => n++ });
    return n;
  }

  /** Rejects the open record's first line on its own and reads the lines after it again. */
  private cut(sink: RecordSink): void {
    const r = this.open!;
    this.open = undefined;
    sink.unclosed(r.lines[0]!, r.line);
    // A record the lines read again open can be cut in turn, but it holds fewer lines than this
    // one: the recursion is at most MAX_QUOTED_LINES deep.
    for (let k = 1; k < r.lines.length; k++) this.feed(r.lines[k]!, r.line + k, sink);
  }
}

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
  /** Per patient column of the record being written: BLANK, HOLE or UNREADABLE. */
  private readonly pseudonyms: Uint8Array;
  /** The current piece's identifiers; undefined in finish(), whose records cannot get pseudonyms. */
  private batch: PseudonymBatchBuilder | undefined;

  constructor(
    private readonly delimiter: number,
    private readonly headerLine: number,
    private readonly patient?: PatientFields,
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
    const room = piece.length + heldBytes + (newlines + 1 + heldLines) * perRecord + 64 * (1 + this.pseudonyms.length);
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
        this.quoted.fields = this.patient?.fields ?? headerFields(src, start, stop, this.delimiter);
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
    return isBlankLine(piece, start, end, this.delimiter);
  }
}

/**
 * Walks bytes [start, end) by the quote rules of DuckDB's reader, which reads this output
 * (validate/source.ts): a quote opens a quoted field only where a field starts; inside one, "" is a
 * quote and a lone quote closes it; any other quote is part of the value (Post 5"B). Toggling on
 * every quote would take such a stray quote for an open field and run the rest of the file into
 * one record. Calls `onDelimiter` at each delimiter outside quotes; returns whether a quoted field
 * is still open at `end`; `onOpen` and `onClose` at each quote that opens or closes a quoted
 * field. Only lines and records with a quote come here.
 */
function walkQuotes(
  src: Uint8Array, start: number, end: number, delimiter: number, inQuotes: boolean, atFieldStart: boolean,
  onDelimiter?: (i: number) => void, onOpen?: (i: number) => void, onClose?: (i: number) => void,
): boolean {
  let inQ = inQuotes;
  let fieldStart = atFieldStart;
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (inQ) {
      if (c === QUOTE) {
        if (i + 1 < end && src[i + 1] === QUOTE) {
          i++;
        } else {
          inQ = false;
          onClose?.(i);
        }
      }
    } else if (c === QUOTE) {
      if (fieldStart) {
        inQ = true;
        onOpen?.(i);
      }
      fieldStart = false;
    } else {
      fieldStart = c === delimiter;
      if (fieldStart) onDelimiter?.(i);
    }
  }
  return inQ;
}

/**
 * Fields (delimiters outside quotes, plus one) of bytes [start, end), whether a quote is still
 * open at the end, and whether a quoted field closes with something other than a delimiter or
 * the end after its quote ("a"b), which DuckDB rejects.
 */
function countFields(src: Uint8Array, start: number, end: number, delimiter: number, inQuotes: boolean, atFieldStart: boolean): { fields: number; open: boolean; badClose: boolean } {
  let fields = 1;
  let badClose = false;
  const open = walkQuotes(src, start, end, delimiter, inQuotes, atFieldStart, () => fields++, undefined, (i) => {
    if (i + 1 < end && src[i + 1] !== delimiter) badClose = true;
  });
  return { fields, open, badClose };
}

/** Delimiters at the very end of a line: its empty trailing fields ("…;4;;"). */
function trailingDelimiters(src: Uint8Array, delimiter: number): number {
  let n = 0;
  while (n < src.length && src[src.length - 1 - n] === delimiter) n++;
  return n;
}

/** The header's fields, empty trailing ones not counted (as read/header.ts counts them). */
function headerFields(src: Uint8Array, start: number, stop: number, delimiter: number): number {
  const starts = [start];
  walkQuotes(src, start, stop, delimiter, false, true, (i) => starts.push(i + 1));
  let n = starts.length;
  while (n > 1 && isBlankLine(src, starts[n - 1]!, n === starts.length ? stop : starts[n]! - 1, delimiter)) n--;
  return n;
}

/** Whether bytes [start, end) hold only delimiters, spaces, tabs and CR: a line the reader skips. */
function isBlankLine(src: Uint8Array, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c !== delimiter && c !== SPACE && c !== 0x09 && c !== CR) return false;
  }
  return true;
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
