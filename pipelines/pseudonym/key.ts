import { createHash, createHmac, hash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface PseudonymKey {
  key: Buffer;
  /** Where the key came from: the environment, an existing key file, or a file created now. */
  source: 'env' | 'file' | 'created' | 'ephemeral';
  path?: string;
  /** The key file was readable by others (its mode, e.g. 0644), and has been tightened to 0600 now. */
  wasLoose?: number;
}

export class PseudonymKeyError extends Error {
  override readonly name = 'PseudonymKeyError';
}

let ephemeralKey: Buffer | undefined;

/** The key file lives beside the database: data/usk.duckdb → data/usk.key. */
export function keyPathFor(dbPath: string): string {
  const abs = resolve(dbPath);
  return join(dirname(abs), `${basename(abs, extname(abs))}.key`);
}

/**
 * The secret for the keyed pseudonym. USK_PSEUDONYM_KEY wins (hex of ≥ 32 bytes, or any text of
 * ≥ 32 characters); otherwise a random key is created once beside the database with mode 0600 and
 * reused. The same key gives the same pseudonym for the same patient across files and years.
 * `create: false` (a database files were loaded into, under some key): no key file is made when none
 * is there, since a new random key is certainly not that one; the run is refused instead.
 */
export function resolveKey(dbPath: string, env: NodeJS.ProcessEnv = process.env, options: { create?: boolean } = {}): PseudonymKey {
  const fromEnv = keyFromEnv(env);
  if (fromEnv) return { key: fromEnv, source: 'env' };
  // One per process: an in-memory database lives no longer, and its runs must agree with each other.
  if (dbPath === ':memory:') return { key: (ephemeralKey ??= randomBytes(32)), source: 'ephemeral' };
  const path = keyPathFor(dbPath);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    // Tightened, and said (usk ingest): someone may already have read it.
    if (mode & 0o077) chmodSync(path, 0o600);
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new PseudonymKeyError(`nøkkelfilen ${path} er ødelagt (forventet 64 heksadesimale tegn)`);
    return { key: Buffer.from(hex, 'hex'), source: 'file', path, ...(mode & 0o077 ? { wasLoose: mode } : {}) };
  }
  if (options.create === false) {
    throw new PseudonymKeyError(
      `databasen er pseudonymisert med en nøkkel, men den er ikke gitt: USK_PSEUDONYM_KEY er ikke satt, og nøkkelfilen ${path} finnes ikke. `
        + 'Sett USK_PSEUDONYM_KEY til nøkkelen databasen ble lastet med, eller legg nøkkelfilen tilbake; ingen filer er lest, og ingen ny nøkkel er laget',
    );
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'created', path };
}

/**
 * The key USK_PSEUDONYM_KEY gives, if set; refused when too short. The CLI asks this before it
 * opens (and so creates) a database, so a bad key leaves no empty database behind.
 */
export function keyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const fromEnv = env.USK_PSEUDONYM_KEY;
  if (fromEnv === undefined || fromEnv === '') return undefined;
  if (/^[0-9a-fA-F]{64,}$/.test(fromEnv)) return Buffer.from(fromEnv, 'hex');
  if (fromEnv.length < 32) throw new PseudonymKeyError('USK_PSEUDONYM_KEY er for kort: bruk minst 32 tegn (eller 64 heksadesimale tegn)');
  return createHash('sha256').update(fromEnv, 'utf8').digest();
}

/**
 * What tells one key from another without telling anything of the key: the HMAC of a fixed text,
 * in a different form (the text is no identifier) from any pseudonym, 128 bits as hex.
 */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('usk-analyse: kontroll av pseudonymnøkkel').digest('hex').slice(0, 32);
}

/** Where a key came from, as a user set it up. */
export function keySourceText(k: PseudonymKey): string {
  switch (k.source) {
    case 'env': return 'USK_PSEUDONYM_KEY';
    case 'ephemeral': return 'en midlertidig nøkkel';
    default: return `nøkkelfilen ${k.path}`;
  }
}

/** Length of a pseudonym: the first 128 bits of the HMAC, as 32 hex digits. */
export const PSEUDONYM_LENGTH = 32;

/**
 * The patient pseudonym: the first 128 bits of HMAC-SHA-256(key, normalised identifier), hex;
 * undefined for an identifier that is blank (see `ignoredAt`). It is computed beside the reader's
 * byte pass (read/line-prefixer.ts, pseudonym/filler.ts), so a raw identifier never reaches DuckDB
 * or a temporary file.
 *
 * Normalised: what `ignoredAt` ignores is left out wherever it stands; a number in a spreadsheet's
 * or a person's form (`="…"`, `'…`, `….0`, `010170-12345`) is taken as its digits
 * (`numberAsWritten`); and what remains, if it is exactly 10 ASCII digits, gets a leading '0'. That is a fødselsnummer whose leading zero was lost
 * on the way (Excel stores it as a number: 01017012345 becomes 1017012345, in an .xlsx and in a
 * CSV saved from Excel), and the 11-digit fødselsnummer and its 10-digit form are the same
 * patient, so they must get the same pseudonym. A fødselsnummer never starts with "00" (the day
 * is 01–31, plus 40 for a D-number), so one lost zero is the only case. DIPS patient numbers are
 * shorter than 10 digits, so no other identifier is affected, and an 11-digit identifier hashes
 * as it always has.
 */
export type Pseudonymizer = (id: Uint8Array) => string | undefined;

/**
 * The same pseudonym, of the identifier in bytes [start, end) of `src`, written as PSEUDONYM_LENGTH
 * ASCII hex bytes into `out` at `at`; false (and nothing written) for a blank identifier: empty, or
 * only what `ignoredAt` ignores. This is the form the filler uses on millions of rows: no view,
 * string or Buffer per identifier.
 */
export type PseudonymWriter = (src: Uint8Array, start: number, end: number, out: Uint8Array, at: number) => boolean;

const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  HEX[2 * b] = '0123456789abcdef'.charCodeAt(b >> 4);
  HEX[2 * b + 1] = '0123456789abcdef'.charCodeAt(b & 15);
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
 * of a typed hyphen). Only when what
 * is left is 10 or 11 digits (10: the lost leading zero, as above); any other identifier at bytes
 * [64, n) of `inner` is left as written. Returns its new end. Reached only for identifiers that are
 * not all digits, so plain files pay one digit test per identifier.
 */
function numberAsWritten(inner: Uint8Array, n: number): number {
  let start = 64;
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
  let o = 64;
  for (let i = start; i < end; i++) if (isDigit(inner[i]!)) inner[o++] = inner[i]!;
  return digits === 10 ? restoreLeadingZero(inner, o) : o;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** U+2013 in UTF-8 (E2 80 93), the encoding the reader hands over. */
const isEnDash = (b: Uint8Array, i: number) => b[i] === 0xe2 && b[i + 1] === 0x80 && b[i + 2] === 0x93;

/** Puts '0' in front of the identifier at bytes [64, n) of `inner`; returns its new end. */
function restoreLeadingZero(inner: Uint8Array, n: number): number {
  for (let j = n; j > 64; j--) inner[j] = inner[j - 1]!;
  inner[64] = 0x30;
  return n + 1;
}

/**
 * RFC 2104 over node:crypto's one-shot `hash` rather than `createHmac`, which costs four times as
 * much per call on millions of short identifiers; key.test.ts checks it against `createHmac`. The
 * digests are taken as Latin-1 strings and their bytes moved by charCodeAt: a Buffer per digest, or
 * Buffer.write, costs more than the hash itself.
 */
export function pseudonymWriter(key: Buffer): PseudonymWriter {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  let inner = Buffer.alloc(64 + 64);
  for (let i = 0; i < 64; i++) inner[i] = block[i]! ^ 0x36;
  const outer = Buffer.alloc(64 + 32);
  for (let i = 0; i < 64; i++) outer[i] = block[i]! ^ 0x5c;
  // Views of `inner` by message length, made once: a view per call costs as much as a hash.
  let views: Buffer[] = [];
  return (src, start, end, out, at) => {
    // + 1: room for a restored leading zero.
    if (inner.length < 64 + end - start + 1) {
      const bigger = Buffer.alloc(64 + end - start + 1);
      inner.copy(bigger, 0, 0, 64);
      inner = bigger;
      views = [];
    }
    let n = 64;
    for (let i = start; i < end; i++) {
      const c = src[i]!;
      // Digits and ASCII letters, nearly every byte, take one range test; the rest are looked at.
      if (c > 0x20 && c < 0x80) inner[n++] = c;
      else {
        const skip = ignoredAt(src, i, end);
        if (skip === 0) inner[n++] = c;
        else i += skip - 1;
      }
    }
    if (n === 64) return false;
    if (!digitsOnly(inner, 64, n)) n = numberAsWritten(inner, n);
    else if (n === 64 + 10) n = restoreLeadingZero(inner, n);
    const innerDigest = hash('sha256', (views[n] ??= inner.subarray(0, n)), 'binary');
    for (let j = 0; j < 32; j++) outer[64 + j] = innerDigest.charCodeAt(j);
    const digest = hash('sha256', outer, 'binary');
    for (let j = 0, o = at; j < PSEUDONYM_LENGTH / 2; j++) {
      const h = digest.charCodeAt(j) << 1;
      out[o++] = HEX[h]!;
      out[o++] = HEX[h + 1]!;
    }
    return true;
  };
}

export function pseudonymizer(key: Buffer): Pseudonymizer {
  const write = pseudonymWriter(key);
  const out = Buffer.alloc(PSEUDONYM_LENGTH);
  return (id) => (write(id, 0, id.length, out, 0) ? out.toString('latin1') : undefined);
}
