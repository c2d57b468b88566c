/**
 * The identifier a pseudonym is computed from: the patient field as written, normalised so that
 * the same patient gets the same pseudonym however a system, a spreadsheet or a person wrote the
 * number. What `ignoredAt` ignores is left out wherever it stands; a number in a spreadsheet's or a
 * person's form (`="…"`, `'…`, `….0`, `010170-12345`) is taken as its digits (`numberAsWritten`);
 * and what remains, if it is exactly 10 ASCII digits, gets a leading '0'. That is a fødselsnummer
 * whose leading zero was lost on the way (Excel stores it as a number: 01017012345 becomes
 * 1017012345, in an .xlsx and in a CSV saved from Excel), and the 11-digit fødselsnummer and its
 * 10-digit form are the same patient, so they must get the same pseudonym. A fødselsnummer never
 * starts with "00" (the day is 01–31, plus 40 for a D-number), so one lost zero is the only case.
 * DIPS patient numbers are shorter than 10 digits, so no other identifier is affected, and an
 * 11-digit identifier hashes as it always has.
 */

/**
 * Writes the normalised identifier of bytes [start, end) of `src` into `into` from `at`; returns
 * where it ends there: `at` itself for a blank identifier (empty, or only what `ignoredAt`
 * ignores). `into` needs room for end − start + 1 bytes from `at` (one for a restored zero). A
 * byte loop with no view, string or Buffer per identifier: it runs on millions of rows.
 */
export function canonicalIdentifier(src: Uint8Array, start: number, end: number, into: Uint8Array, at: number): number {
  let n = at;
  for (let i = start; i < end; i++) {
    const c = src[i]!;
    // Digits and ASCII letters, nearly every byte, take one range test; the rest are looked at.
    if (c > 0x20 && c < 0x80) into[n++] = c;
    else {
      const skip = ignoredAt(src, i, end);
      if (skip === 0) into[n++] = c;
      else i += skip - 1;
    }
  }
  if (n === at) return at;
  if (!digitsOnly(into, at, n)) return numberAsWritten(into, at, n);
  return n === at + 10 ? restoreLeadingZero(into, at, n) : n;
}

const SPACE = 0x20;
const TAB = 0x09;

/**
 * How many bytes at `i` (before `end`) the pseudonym ignores: 1 for an ASCII space or tab, 2 for
 * U+00A0 no-break space (C2 A0), 3 for U+202F narrow no-break space (E2 80 AF), else 0. These are
 * what Excel, DIPS and hand copying put inside or around an identifier ("010170 12345"); the same
 * patient must get the same pseudonym however it was spaced. A byte loop over UTF-8, the encoding
 * the reader hands over (a Windows-1252 file is converted first): in valid UTF-8 these sequences
 * only ever stand for these characters. The reader's test for a blank patient field
 * (read/line-prefixer.ts) must ignore exactly the same bytes.
 */
export function ignoredAt(src: Uint8Array, i: number, end: number): number {
  const c = src[i];
  if (c === SPACE || c === TAB) return 1;
  if (c === 0xc2) return i + 1 < end && src[i + 1] === 0xa0 ? 2 : 0;
  if (c === 0xe2) return i + 2 < end && src[i + 1] === 0x80 && src[i + 2] === 0xaf ? 3 : 0;
  return 0;
}

function digitsOnly(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! < 0x30 || bytes[i]! > 0x39) return false;
  return true;
}

const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const UNDERSCORE = 0x5f;
const COMMA = 0x2c;
const ZERO = 0x30;

/**
 * A fødselsnummer in the forms spreadsheets and hand copying give it, as its 11 digits: Excel's
 * text tricks (`="01017012345"`, `'01017012345`), a number format (`1017012345.0`, `…,0`) and a
 * hyphen, en dash, dot, slash or underscore between the birth date and the personal number
 * (`010170-12345`, `010170–12345`: the en dash is what word processors and Windows-1252 files make
 * of a typed hyphen). Only when what is left is 10 or 11 digits (10: the lost leading zero, as
 * above); any other identifier at bytes [at, n) of `inner` is left as written. Returns its new end. Reached only for identifiers that are
 * not all digits, so plain files pay one digit test per identifier.
 */
function numberAsWritten(inner: Uint8Array, at: number, n: number): number {
  let start = at;
  let end = n;
  // Excel's text tricks; the formula's quotes may have been read away with the CSV's own.
  if (inner[start] === EQUALS) start++;
  if (inner[start] === APOSTROPHE) start++;
  if (inner[start] === QUOTE && end - start >= 2 && inner[end - 1] === QUOTE) {
    start++;
    end--;
  }
  // A number format's zero decimals: «1017012345.0», «…,00».
  let z = end;
  while (z > start && inner[z - 1] === ZERO) z--;
  if (z < end && z > start && (inner[z - 1] === DOT || inner[z - 1] === COMMA)) end = z - 1;
  let digits = 0;
  let separated = false;
  for (let i = start; i < end; i++) {
    const c = inner[i]!;
    if (isDigit(c)) digits++;
    // One separator, between the birth date and the personal number: «010170-12345», «010170.12345».
    else if (digits !== 6 || separated) return n;
    else if ((c === HYPHEN || c === DOT || c === SLASH || c === UNDERSCORE) && i < end - 1) separated = true;
    else if (isEnDash(inner, i) && i + 3 < end) {
      separated = true;
      i += 2;
    } else return n;
  }
  if (digits !== 10 && digits !== 11) return n;
  let o = at;
  for (let i = start; i < end; i++) if (isDigit(inner[i]!)) inner[o++] = inner[i]!;
  return digits === 10 ? restoreLeadingZero(inner, at, o) : o;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** U+2013 in UTF-8 (E2 80 93), the encoding the reader hands over. */
const isEnDash = (b: Uint8Array, i: number) => b[i] === 0xe2 && b[i + 1] === 0x80 && b[i + 2] === 0x93;

/** Puts '0' in front of the identifier at bytes [at, n) of `inner`; returns its new end. */
function restoreLeadingZero(inner: Uint8Array, at: number, n: number): number {
  for (let j = n; j > at; j--) inner[j] = inner[j - 1]!;
  inner[at] = 0x30;
  return n + 1;
}
