import { describe, expect, it } from 'vitest';
import { CP1252_C1, cp1252ToUtf8 } from './encoding.ts';

describe('cp1252ToUtf8', () => {
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
