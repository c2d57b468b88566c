import { createHash, hash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface PseudonymKey {
  key: Buffer;
  /** Where the key came from: the environment, an existing key file, or a file created now. */
  source: 'env' | 'file' | 'created' | 'ephemeral';
  path?: string;
}

export class PseudonymKeyError extends Error {
  override readonly name = 'PseudonymKeyError';
}

/** The key file lives beside the database: data/usk.duckdb → data/usk.key. */
export function keyPathFor(dbPath: string): string {
  const abs = resolve(dbPath);
  return join(dirname(abs), `${basename(abs, extname(abs))}.key`);
}

/**
 * The secret for the keyed pseudonym. USK_PSEUDONYM_KEY wins (hex of ≥ 32 bytes, or any text of
 * ≥ 32 characters); otherwise a random key is created once beside the database with mode 0600 and
 * reused. The same key gives the same pseudonym for the same patient across files and years.
 */
export function resolveKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): PseudonymKey {
  const fromEnv = env.USK_PSEUDONYM_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (/^[0-9a-fA-F]{64,}$/.test(fromEnv)) return { key: Buffer.from(fromEnv, 'hex'), source: 'env' };
    if (fromEnv.length < 32) throw new PseudonymKeyError('USK_PSEUDONYM_KEY er for kort: bruk minst 32 tegn (eller 64 heksadesimale tegn)');
    return { key: createHash('sha256').update(fromEnv, 'utf8').digest(), source: 'env' };
  }
  if (dbPath === ':memory:') return { key: randomBytes(32), source: 'ephemeral' };
  const path = keyPathFor(dbPath);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, 0o600); // tighten a key file someone loosened
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new PseudonymKeyError(`nøkkelfilen ${path} er ødelagt (forventet 64 heksadesimale tegn)`);
    return { key: Buffer.from(hex, 'hex'), source: 'file', path };
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'created', path };
}

/** Length of a pseudonym: the first 128 bits of the HMAC, as 32 hex digits. */
export const PSEUDONYM_LENGTH = 32;

/**
 * The patient pseudonym: the first 128 bits of HMAC-SHA-256(key, identifier without spaces), hex;
 * undefined for an identifier that is empty or only spaces. It is computed beside the reader's
 * byte pass (read/line-prefixer.ts, pseudonym/filler.ts), so a raw identifier never reaches DuckDB
 * or a temporary file.
 */
export type Pseudonymizer = (id: Uint8Array) => string | undefined;

/**
 * The same pseudonym, of the identifier in bytes [start, end) of `src`, written as PSEUDONYM_LENGTH
 * ASCII hex bytes into `out` at `at`; false (and nothing written) for a blank identifier. This is
 * the form the filler uses on millions of rows: no view, string or Buffer per identifier.
 */
export type PseudonymWriter = (src: Uint8Array, start: number, end: number, out: Uint8Array, at: number) => boolean;

const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  HEX[2 * b] = '0123456789abcdef'.charCodeAt(b >> 4);
  HEX[2 * b + 1] = '0123456789abcdef'.charCodeAt(b & 15);
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
    if (inner.length < 64 + end - start) {
      const bigger = Buffer.alloc(64 + end - start);
      inner.copy(bigger, 0, 0, 64);
      inner = bigger;
      views = [];
    }
    let n = 64;
    for (let i = start; i < end; i++) if (src[i] !== 0x20) inner[n++] = src[i]!;
    if (n === 64) return false;
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
