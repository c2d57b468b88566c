import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PSEUDONYM_LENGTH, pseudonymizer, pseudonymWriter } from './pseudonym.ts';

const hmac = (key: Buffer, id: string) => createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, PSEUDONYM_LENGTH);
const hmacOf = (key: Buffer, raw: Buffer) => createHmac('sha256', key).update(raw).digest('hex').slice(0, PSEUDONYM_LENGTH);
const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('pseudonymizer', () => {
  it('is HMAC-SHA-256 of the identifier, first 128 bits in hex', () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    for (const id of ['14834446457', '01010012345', 'x', 'ø', '9'.repeat(200), '1'.repeat(11)]) {
      expect(p(bytes(id)), id).toBe(hmac(key, id));
    }
  });

  it('ignores spaces inside and around the identifier; blank is no identifier', () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    expect(p(bytes(' 148344 46457 '))).toBe(hmac(key, '14834446457'));
    expect(p(bytes(''))).toBeUndefined();
    expect(p(bytes('   '))).toBeUndefined();
  });

  it('gives a fødselsnummer the same pseudonym however it is spaced, and with its leading zero lost', () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    const fnr = hmac(key, '01017012345');
    for (const id of ['01017012345', ' 0101701 2345', '\t01017012345', '01017012345\u00a0', '010170\u202f12345', '\u00a0 1017012345\t', '1017012345']) {
      expect(p(bytes(id)), JSON.stringify(id)).toBe(fnr);
    }
    // The writer the filler uses, on an identifier inside a larger buffer.
    const out = Buffer.alloc(PSEUDONYM_LENGTH);
    expect(pseudonymWriter(key)(bytes('12;1017012345;34'), 3, 13, out, 0)).toBe(true);
    expect(out.toString('latin1')).toBe(fnr);
    // Only exactly 10 digits get the zero: a shorter patient number, or 10 characters that are not all digits, hash as written.
    expect(p(bytes('12345678'))).toBe(hmac(key, '12345678'));
    expect(p(bytes('123456789'))).toBe(hmac(key, '123456789'));
    expect(p(bytes('101701234x'))).toBe(hmac(key, '101701234x'));
    expect(p(bytes('101701234567'))).toBe(hmac(key, '101701234567'));
  });

  it('gives a fødselsnummer the same pseudonym in a spreadsheet\'s or a person\'s form; other identifiers hash as written', () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    const fnr = hmac(key, '01017012345');
    for (const id of ['010170-12345', '010170 - 12345', '010170.12345', '="01017012345"', '=1017012345', "'01017012345", "'1017012345",
      '1017012345.0', '1017012345,00', '01017012345.0', '"01017012345"', '="010170-12345"',
      '010170\u201312345', '010170 \u2013 12345', '010170/12345', '010170_12345', '="010170\u201312345"']) {
      expect(p(bytes(id)), JSON.stringify(id)).toBe(fnr);
    }
    const out = Buffer.alloc(PSEUDONYM_LENGTH);
    expect(pseudonymWriter(key)(bytes(';010170-12345;'), 1, 13, out, 0)).toBe(true);
    expect(out.toString('latin1')).toBe(fnr);
    // Not a fødselsnummer's digits, or separators not between digits: as written.
    for (const id of ['P-123456', '12345.0', '010170--12345', '-01017012345', '01017012345-', '0101701234.5', '0101-7012345', '010170-123456', '01017012345.1', '="0101701234"5', '01.01.70-12345',
      '010170\u2013\u201312345', '010170-\u201312345', '010170/_12345', '0101/7012345', '01017012345\u2013', '\u201301017012345', '010170\u201412345', '010170\u201212345',
      '01/01/70-12345', '010170\\12345']) {
      expect(p(bytes(id)), JSON.stringify(id)).toBe(hmac(key, id));
    }
  });

  it('ignores tabs and no-break spaces as it does spaces; only those, so a blank is only those', () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    for (const blank of ['\t', '\u00a0', '\u202f', ' \t\u00a0\u202f ']) expect(p(bytes(blank)), JSON.stringify(blank)).toBeUndefined();
    // Other characters that merely look blank, and bytes that only begin those sequences, count.
    expect(p(bytes('12\u2009345'))).toBe(hmac(key, '12\u2009345'));
    const asHashed: [number[], number[]][] = [
      [[0x31, 0xc2], [0x31, 0xc2]],
      [[0x31, 0xe2, 0x80], [0x31, 0xe2, 0x80]],
      [[0x31, 0xe2, 0x80, 0xa0], [0x31, 0xe2, 0x80, 0xa0]],
      // The space goes, but C2 and A0 were not one character where they stood.
      [[0x31, 0xc2, 0x20, 0xa0], [0x31, 0xc2, 0xa0]],
    ];
    for (const [raw, hashed] of asHashed) expect(p(Buffer.from(raw)), raw.join(' ')).toBe(hmacOf(key, Buffer.from(hashed)));
  });

  it('ignores only whole sequences that end before the identifier does', () => {
    const key = randomBytes(32);
    const write = pseudonymWriter(key);
    const out = Buffer.alloc(PSEUDONYM_LENGTH);
    // A no-break space cut by the end of the identifier: its first byte belongs to the identifier.
    const src = Buffer.from('7\u00a0', 'utf8');
    expect(write(src, 0, 2, out, 0)).toBe(true);
    expect(out.toString('latin1')).toBe(hmacOf(key, Buffer.from([0x37, 0xc2])));
  });

  it('takes keys longer than a SHA-256 block as RFC 2104 does (hashed first)', () => {
    const key = randomBytes(100);
    expect(pseudonymizer(key)(bytes('14834446457'))).toBe(hmac(key, '14834446457'));
  });

  it('depends on the key', () => {
    expect(pseudonymizer(randomBytes(32))(bytes('14834446457'))).not.toBe(pseudonymizer(randomBytes(32))(bytes('14834446457')));
  });

  it('gives the same answer after a long identifier grew its buffer', () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    p(bytes('7'.repeat(500)));
    expect(p(bytes('14834446457'))).toBe(hmac(key, '14834446457'));
  });

  it('writes the same hex into a buffer, for an identifier inside a larger one, touching nothing else', () => {
    const key = randomBytes(32);
    const write = pseudonymWriter(key);
    const src = Buffer.from('xx14834446457yy 01010012345 zz', 'latin1');
    const out = Buffer.alloc(80, '.');
    expect(write(src, 2, 13, out, 5)).toBe(true);
    expect(write(src, 15, 28, out, 40)).toBe(true);
    expect(out.toString('latin1')).toBe(`.....${hmac(key, '14834446457')}...${hmac(key, '01010012345')}........`);
    expect(write(src, 15, 16, out, 0)).toBe(false); // one space: blank
    expect(out.subarray(0, 5).toString('latin1')).toBe('.....');
  });

  it('agrees with createHmac on many random identifiers and keys', () => {
    for (let k = 0; k < 20; k++) {
      const key = randomBytes(1 + k * 7);
      const p = pseudonymizer(key);
      for (let i = 0; i < 50; i++) {
        const id = randomBytes(1 + ((i * 13) % 90)).toString('hex');
        // Ten hex digits that happen to be all decimal digits are a fødselsnummer that lost its zero.
        expect(p(bytes(id))).toBe(hmac(key, /^\d{10}$/.test(id) ? `0${id}` : id));
      }
    }
  });
});
