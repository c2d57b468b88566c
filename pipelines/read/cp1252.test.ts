import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../../scripts/wasm.ts';
import { cp1252ToUtf8 } from './cp1252.ts';
import { CP1252_C1 } from './encoding.ts';

/** The reference: each byte's character by encoding.ts's table (Latin-1 outside 0x80–0x9F). */
const reference = (bytes: Uint8Array) =>
  Buffer.from(Array.from(bytes, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_C1[b - 0x80]! : String.fromCharCode(b))).join(''), 'utf8');

describe('cp1252ToUtf8', () => {
  it('is the binary its WebAssembly text compiles to (npm run build:wasm after editing the .wat)', async () => {
    const wat = fileURLToPath(new URL('./cp1252.wat', import.meta.url));
    expect(Buffer.from(await compileWat(wat)).equals(readFileSync(wat.replace(/\.wat$/, '.wasm')))).toBe(true);
  });

  it('gives every byte its character: ASCII, Windows-1252\'s own 0x80–0x9F (– € ’ š), Latin-1 above', () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    expect(cp1252ToUtf8(all).equals(reference(all))).toBe(true);
    expect(cp1252ToUtf8(Buffer.from([0x42, 0xe6, 0x72, 0x75, 0x6d, 0x3b, 0x96, 0x3b, 0x80])).toString('utf8')).toBe('Bærum;–;€');
  });

  it('keeps every byte however ASCII runs and other bytes fall around its sixteen-byte steps', () => {
    for (let length = 0; length < 70; length++) {
      for (const nonAscii of [0, 0.02, 0.3, 1]) {
        const bytes = randomBytes(length).map((b) => (Math.random() < nonAscii ? 0x80 | b : b & 0x7f));
        expect(cp1252ToUtf8(bytes).equals(reference(bytes)), `${length} byte, andel ${nonAscii}`).toBe(true);
      }
    }
  });

  it('transcodes a piece larger than the module\'s memory, and a small one after it', () => {
    const big = randomBytes(300_000).map((b) => (b % 5 === 0 ? b | 0x80 : b & 0x7f));
    expect(cp1252ToUtf8(big).equals(reference(big))).toBe(true);
    expect(cp1252ToUtf8(Buffer.from('Tromsø', 'latin1')).toString('utf8')).toBe('Tromsø');
  });

  it('decodes 0x80–0x9F as Windows-1252 (not as Latin-1 controls, which Node 20\'s TextDecoder gives)', () => {
    const c1 = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(cp1252ToUtf8(c1).toString('utf8')).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });

  it('decodes the other bytes as Latin-1', () => {
    const rest = Uint8Array.from({ length: 224 }, (_, i) => (i < 128 ? i : i + 32));
    expect(cp1252ToUtf8(rest).toString('utf8')).toBe(Buffer.from(rest).toString('latin1'));
  });

  it('keeps ASCII and Norwegian letters around them, in a slice of a larger buffer', () => {
    // 0x96 is an en dash, 0x9A š and 0x80 € in Windows-1252.
    const bytes = Buffer.from('xxBrønnøy \x96 Kárá\x9ajohka \x80 5;æøåÆØÅ', 'latin1');
    const slice = bytes.subarray(2);
    expect(cp1252ToUtf8(slice).toString('utf8')).toBe('Brønnøy – Kárášjohka € 5;æøåÆØÅ');
  });

  it('gives the bytes back unchanged when they are ASCII', () => {
    expect(cp1252ToUtf8(Buffer.from('a;b;c\n')).toString('utf8')).toBe('a;b;c\n');
  });

  it('agrees with a character-by-character decoding on random bytes, C1 characters at either end included', () => {
    const reference = (b: Uint8Array) => Array.from(b, (x) => (x >= 0x80 && x < 0xa0 ? CP1252_C1[x - 0x80] : String.fromCharCode(x))).join('');
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let k = 0; k < 200; k++) {
      const bytes = Uint8Array.from({ length: 1 + (k % 50) }, () => next() % 256);
      if (k % 3 === 0) bytes[0] = 0x96; // a three-byte one first
      if (k % 4 === 0) bytes[bytes.length - 1] = 0x9a; // a two-byte one last
      expect(cp1252ToUtf8(bytes).toString('utf8')).toBe(reference(bytes));
    }
  });
});
