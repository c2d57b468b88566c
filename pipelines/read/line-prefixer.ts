/**
 * Prefixes each CSV record with the physical line it starts on, working on UTF-8 bytes without a
 * string per line: this pass runs over every byte of national-size files, so it uses native
 * indexOf and copyWithin and counts the line number in ASCII digits. Blank lines (empty, or only separators and spaces)
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
  /** Byte offset in the current output chunk where its last record started (-1: none), and its line. */
  private lastOffset = -1;
  private lastLine = 0;
  /** The output's header line ("__line<d>…\n"), repeated at the top of every chunk. */
  header: Buffer | undefined;
  private written = 0;
  /** The current line number as ASCII digits, right-aligned after spaces; the last digitCount are it. */
  private readonly digits = Buffer.alloc(16, 0x20);
  private digitCount = 0;

  constructor(
    private readonly delimiter: number,
    private readonly headerLine: number,
  ) {}

  /** Takes bytes that end at a line break (or the end of the file) and returns the output bytes. */
  push(piece: Buffer): Buffer {
    let newlines = 0;
    for (let i = piece.indexOf(NL); i !== -1; i = piece.indexOf(NL, i + 1)) newlines++;
    // One buffer holds the output and, after it, a copy of the input: copyWithin then moves each
    // line natively without the view that copy() and set() allocate per call.
    const room = piece.length + (newlines + 1) * 12 + 16;
    const out = Buffer.allocUnsafe(room + piece.length);
    piece.copy(out, room);
    const digits = this.digits;
    const delimiter = this.delimiter;
    let o = 0;
    let start = 0;
    const hasQuotes = piece.indexOf(QUOTE) !== -1;
    while (start < piece.length) {
      let end = piece.indexOf(NL, start);
      if (end === -1) end = piece.length; // last line without a final break
      const lineNo = ++this.line;
      this.nextDigit();
      const next = end + 1;
      if (lineNo < this.headerLine) {
        start = next;
        continue;
      }
      const headerStart = o;
      if (lineNo === this.headerLine) {
        o += out.write('__line', o, 'latin1');
        out[o++] = delimiter;
      } else if (!this.inQuotes) {
        if (this.isBlank(piece, start, end)) {
          start = next;
          continue;
        }
        this.records++;
        this.lastOffset = this.written + o;
        this.lastLine = lineNo;
        for (let k = digits.length - this.digitCount; k < digits.length; k++) out[o++] = digits[k]!;
        out[o++] = delimiter;
      }
      if (hasQuotes) {
        for (let q = piece.indexOf(QUOTE, start); q !== -1 && q < end; q = piece.indexOf(QUOTE, q + 1)) this.inQuotes = !this.inQuotes;
      }
      // Copy the line without its CR; keep one LF.
      const stop = end > start && piece[end - 1] === CR ? end - 1 : end;
      out.copyWithin(o, room + start, room + stop);
      o += stop - start;
      out[o++] = NL;
      if (lineNo === this.headerLine) this.header = Buffer.from(out.subarray(headerStart, o));
      start = next;
    }
    this.written += o;
    return out.subarray(0, o);
  }

  /** Advances the ASCII digits of the line number (right-aligned in `digits`) by one. */
  private nextDigit(): void {
    const d = this.digits;
    let i = d.length - 1;
    while (d[i] === 0x39) d[i--] = 0x30;
    d[i] = d[i] === 0x20 ? 0x31 : d[i]! + 1;
    this.digitCount = Math.max(this.digitCount, d.length - i);
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

  private isBlank(piece: Buffer, start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = piece[i];
      if (c !== this.delimiter && c !== 0x20 && c !== 0x09 && c !== CR) return false;
    }
    return true;
  }
}
