import { createHash, hash } from 'node:crypto';
import { canonicalIdentifier } from './identifier.ts';

/** Length of a pseudonym: the first 128 bits of the HMAC, as 32 hex digits. */
export const PSEUDONYM_LENGTH = 32;

/**
 * The patient pseudonym: the first 128 bits of HMAC-SHA-256(key, normalised identifier), hex;
 * undefined for an identifier that is blank. Normalised: identifier.ts (spaces, spreadsheet forms,
 * a lost leading zero). It is computed beside the reader's byte pass (read/line-prefixer.ts,
 * pseudonym/filler.ts), so a raw identifier never reaches DuckDB or a temporary file.
 */
export type Pseudonymizer = (id: Uint8Array) => string | undefined;

/**
 * The same pseudonym, of the identifier in bytes [start, end) of `src`, written as PSEUDONYM_LENGTH
 * ASCII hex bytes into `out` at `at`; false (and nothing written) for a blank identifier: empty, or
 * only what `ignoredAt` ignores. No view, string or Buffer per identifier.
 */
export type PseudonymWriter = (src: Uint8Array, start: number, end: number, out: Uint8Array, at: number) => boolean;

const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  HEX[2 * b] = '0123456789abcdef'.charCodeAt(b >> 4);
  HEX[2 * b + 1] = '0123456789abcdef'.charCodeAt(b & 15);
}

/**
 * The pseudonym by node:crypto, one identifier at a time: the reference the batch path
 * (batch.ts, WebAssembly) is tested against, and what it uses for identifiers longer than its one
 * block. RFC 2104 over the one-shot `hash` rather than `createHmac`, which costs four times as much
 * per call; key.test.ts checks it against `createHmac`. The digests are taken as Latin-1 strings and
 * their bytes moved by charCodeAt: a Buffer per digest, or Buffer.write, costs more than the hash.
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
    const n = canonicalIdentifier(src, start, end, inner, 64);
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
