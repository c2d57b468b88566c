import { describe, expect, it } from 'vitest';
import { decode, rowsText } from './upload.ts';

describe('Last opp', () => {
  it('says «1 rad», «2 rader»', () => {
    expect(rowsText(1)).toBe('1 rad');
    expect(rowsText(0)).toBe('0 rader');
    expect(rowsText(1234)).toBe('1\u00a0234 rader');
  });
  it('reads UTF-8 with a BOM, else Windows-1252', () => {
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'UTF-8' });
    expect(decode(new Uint8Array([0xf8]))).toEqual({ text: 'ø', encoding: 'Windows-1252' });
  });
});
