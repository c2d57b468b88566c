import { ignoredAt } from '../pseudonym/identifier.ts';

/**
 * Byte-level CSV helpers of the reader (line-prefixer.ts, quoted-records.ts): quote rules, field
 * counts, blank lines, unquoting and digit masking, on UTF-8 bytes without a string per line.
 */
export const NL = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
const EQUALS = 0x3d;
export const SPACE = 0x20;
const STAR = 0x2a;
const MAX_DIGITS = 10; // a longer run of digits may be a fødselsnummer (11)

/**
 * Walks bytes [start, end) by the quote rules of DuckDB's reader, which reads this output
 * (validate/source.ts): a quote opens a quoted field only where a field starts; inside one, "" is a
 * quote and a lone quote closes it; any other quote is part of the value (Post 5"B). Toggling on
 * every quote would take such a stray quote for an open field and run the rest of the file into
 * one record. Calls `onDelimiter` at each delimiter outside quotes; returns whether a quoted field
 * is still open at `end`; `onOpen` and `onClose` at each quote that opens or closes a quoted
 * field. Only lines and records with a quote come here.
 */
export function walkQuotes(
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
export function countFields(src: Uint8Array, start: number, end: number, delimiter: number, inQuotes: boolean, atFieldStart: boolean): { fields: number; open: boolean; badClose: boolean } {
  let fields = 1;
  let badClose = false;
  const open = walkQuotes(src, start, end, delimiter, inQuotes, atFieldStart, () => fields++, undefined, (i) => {
    if (i + 1 < end && src[i + 1] !== delimiter) badClose = true;
  });
  return { fields, open, badClose };
}

/** Delimiters at the very end of a line: its empty trailing fields ("…;4;;"). */
export function trailingDelimiters(src: Uint8Array, delimiter: number): number {
  let n = 0;
  while (n < src.length && src[src.length - 1 - n] === delimiter) n++;
  return n;
}

/** The header's fields, empty trailing ones not counted (as read/header.ts counts them). */
export function headerFields(src: Uint8Array, start: number, stop: number, delimiter: number): number {
  const starts = [start];
  walkQuotes(src, start, stop, delimiter, false, true, (i) => starts.push(i + 1));
  let n = starts.length;
  while (n > 1 && isBlankLine(src, starts[n - 1]!, n === starts.length ? stop : starts[n]! - 1, delimiter)) n--;
  return n;
}

/** Whether bytes [start, end) hold only delimiters, spaces, tabs and CR: a line the reader skips. */
export function isBlankLine(src: Uint8Array, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c !== delimiter && c !== SPACE && c !== 0x09 && c !== CR) return false;
  }
  return true;
}

export function onlyDelimiters(src: Uint8Array, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) if (src[i] !== delimiter) return false;
  return true;
}

/**
 * Whether bytes [start, end) hold only what the pseudonym ignores (pseudonym/identifier.ts ignoredAt):
 * the two must agree, or a hole would be left for an identifier that has no pseudonym.
 */
export function blank(src: Uint8Array, start: number, end: number): boolean {
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
export function unquote(src: Buffer, fs: number, fe: number): Uint8Array | undefined {
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
  // ="…", a tool's way to make Excel keep a number as text, unquoted: the pseudonym reads the
  // number inside (pseudonym/identifier.ts numberAsWritten), and DuckDB takes the field as it stands.
  if (raw.length >= 3 && raw[0] === EQUALS && raw[1] === QUOTE && raw.indexOf(QUOTE, 2) === raw.length - 1) return raw;
  return raw.indexOf(QUOTE) === -1 ? raw : undefined;
}

/**
 * Digits in a run of at least this many are masked in a record whose patient field cannot be found:
 * a patient number written in parts («260338 97102», «26.03.38 97102») has a part this long.
 */
export const PATIENT_PART_DIGITS = 5;

/** Overwrites every run of more than `longerThan` (MAX_DIGITS) digits with '*', in place. */
export function maskDigitRuns(src: Buffer, start: number, stop: number, longerThan = MAX_DIGITS): void {
  let run = 0;
  for (let i = start; i <= stop; i++) {
    const c = i < stop ? src[i]! : 0;
    if (c >= 0x30 && c <= 0x39) {
      run++;
    } else {
      if (run > longerThan) src.fill(STAR, i - run, i);
      run = 0;
    }
  }
}

/**
 * Line ends as every tool writes them: LF, CRLF, CR CR LF (a CRLF file converted once more) and CR
 * alone (Excel's «CSV (Macintosh)»), also mixed in one file. A run of CRs followed by LF is one line
 * end, left as it is (the reader drops CRs before an LF); a CR not followed by LF becomes an LF, in
 * place. DuckDB's reader would otherwise take it for a line end of its own and fail the whole file,
 * and reading lines by LF alone would run records together. A CR run at the very end of `buf` is
 * left for the caller to decide once the next bytes are known, unless `final`. Returns how many CRs
 * became LFs.
 */
export function loneCrToLf(buf: Uint8Array, final: boolean): number {
  let changed = 0;
  let i = buf.indexOf(CR);
  while (i !== -1) {
    let j = i;
    while (j < buf.length && buf[j] === CR) j++;
    if (j === buf.length && !final) break;
    if (buf[j] !== NL) {
      for (let k = i; k < j; k++) buf[k] = NL;
      changed += j - i;
    }
    i = j < buf.length ? buf.indexOf(CR, j) : -1;
  }
  return changed;
}
