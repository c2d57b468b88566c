import { countFields, isBlankLine, trailingDelimiters } from './csv-bytes.ts';

/**
 * A quote that is opened and never closed ("Post 5, or "a"" whose "" is an escaped quote) would
 * make the rest of the file one quoted field: one rejected row, and every row after it silently
 * gone. So a quoted field may run over a line break only while that reading stays plausible
 * (QuotedRecords). Legitimate multi-line fields in these exports are short (a comment or a
 * ward name with a line break or two), and a line that is a whole record by itself (no quote left
 * open, at least the header's number of fields) is not the middle of one. A record whose quote is
 * still open when such a line comes, after MAX_QUOTED_LINES lines, or at the end of the file, is
 * cut back to its first line: that line alone is rejected, naming the column where the quote was
 * opened (written by line-prefixer.ts as a marker record that DuckDB rejects for its missing columns and
 * load/chunk.ts turns into «uavsluttet anførselstegn i kolonne …»), and the lines after it are read
 * again as records of their own. Only the opening field's text, digit runs masked, goes into the
 * marker; never the rest of the line. Every physical line thus ends up in a record that is loaded
 * or rejected. Rejecting the one line rather than refusing the file keeps the rest of a large
 * export loadable, and the reject says exactly which line to fix.
 */

/**
 * Physical lines a quoted record may run over before an open quote is taken for a stray one.
 * A comment with a few line breaks fits with room to spare; a stray quote then costs at most this
 * many lines held in memory and read twice.
 */
export const MAX_QUOTED_LINES = 20;

/** Where the records of QuotedRecords go: written out (the prefixer), or only counted. */
export interface RecordSink {
  /** A complete record: its physical lines (no quote open at the end of the last) and the line it starts on. */
  record(lines: Buffer[], line: number): void;
  /** The first line of a record whose quote was never closed, on its own. */
  unclosed(bytes: Buffer, line: number): void;
}

/** A record whose quote is still open at the end of its last line so far. */
export interface OpenRecord {
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
export class QuotedRecords {
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
