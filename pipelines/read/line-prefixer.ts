/**
 * Prefixes each CSV record with the physical line it starts on, working on UTF-8 bytes without a
 * string per line: this pass runs over every byte of national-size files, so it uses native
 * indexOf/copy and writes the digits itself. Blank lines (empty, or only separators and spaces)
 * are dropped; a line break inside a quoted field continues the record.
 */
const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export class LinePrefixer {
  /** Physical lines seen so far (1-based number of the next line is this + 1). */
  private line = 0;
  private inQuotes = false;
  records = 0;
  /** Byte offset in the current output chunk where its last record started, and its line. */
  lastRecord: { offset: number; line: number } | undefined;
  /** The output's header line ("__line<d>…\n"), repeated at the top of every chunk. */
  header: Buffer | undefined;
  private written = 0;

  constructor(
    private readonly delimiter: number,
    private readonly headerLine: number,
  ) {}

  /** Takes bytes that end at a line break (or the end of the file) and returns the output bytes. */
  push(piece: Buffer): Buffer {
    let newlines = 0;
    for (let i = piece.indexOf(NL); i !== -1; i = piece.indexOf(NL, i + 1)) newlines++;
    const out = Buffer.allocUnsafe(piece.length + (newlines + 1) * 12 + 16);
    let o = 0;
    let start = 0;
    const hasQuotes = piece.indexOf(QUOTE) !== -1;
    while (start < piece.length) {
      let end = piece.indexOf(NL, start);
      if (end === -1) end = piece.length; // last line without a final break
      const lineNo = ++this.line;
      const next = end + 1;
      if (lineNo < this.headerLine) {
        start = next;
        continue;
      }
      const headerStart = o;
      if (lineNo === this.headerLine) {
        o += out.write('__line', o, 'latin1');
        out[o++] = this.delimiter;
      } else if (!this.inQuotes) {
        if (this.isBlank(piece, start, end)) {
          start = next;
          continue;
        }
        this.records++;
        this.lastRecord = { offset: this.written + o, line: lineNo };
        o = writeDigits(out, o, lineNo);
        out[o++] = this.delimiter;
      }
      if (hasQuotes) {
        for (let q = piece.indexOf(QUOTE, start); q !== -1 && q < end; q = piece.indexOf(QUOTE, q + 1)) this.inQuotes = !this.inQuotes;
      }
      // Copy the line without its CR; keep one LF.
      const stop = end > start && piece[end - 1] === CR ? end - 1 : end;
      out.set(piece.subarray(start, stop), o);
      o += stop - start;
      out[o++] = NL;
      if (lineNo === this.headerLine) this.header = Buffer.from(out.subarray(headerStart, o));
      start = next;
    }
    this.written += o;
    return out.subarray(0, o);
  }

  /** Starts a new output chunk: offsets count from its first byte, after `headerBytes`. */
  startChunk(headerBytes: number): void {
    this.written = headerBytes;
    this.lastRecord = undefined;
  }

  get linesSeen(): number {
    return this.line;
  }

  get openQuote(): boolean {
    return this.inQuotes;
  }

  private isBlank(piece: Buffer, start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = piece[i];
      if (c !== this.delimiter && c !== 0x20 && c !== 0x09 && c !== CR) return false;
    }
    return true;
  }
}

/** Writes n (a positive integer) as ASCII digits at o; returns the offset after them. */
function writeDigits(out: Buffer, o: number, n: number): number {
  let len = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) len++;
  for (let i = o + len - 1, x = n; i >= o; i--, x = Math.floor(x / 10)) out[i] = 0x30 + (x % 10);
  return o + len;
}
