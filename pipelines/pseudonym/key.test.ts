import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PSEUDONYM_LENGTH, pseudonymizer, pseudonymWriter } from './key.ts';

const hmac = (key: Buffer, id: string) => createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, PSEUDONYM_LENGTH);
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
        expect(p(bytes(id))).toBe(hmac(key, id));
      }
    }
  });
});
