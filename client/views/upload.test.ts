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

describe('Last opp: forhåndsvisning', () => {
  it('masks the patient columns and any fødselsnummer in other cells', async () => {
    const { maskPreviewRows, MASK } = await import('./upload.ts');
    const header = ['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Merknad', 'Pasientnr'];
    const rows = [
      ['41490052', '18883137384', '1806', 'se 188831 37384 og 18883137384.', 'P-17'],
      ['41490053', '', '1806', 'dato 2022-03-02', 'x'],
    ];
    expect(maskPreviewRows(header, rows, [1])).toEqual([
      ['41490052', MASK, '1806', `se ${MASK} og ${MASK}.`, MASK],
      ['41490053', '', '1806', 'dato 2022-03-02', MASK],
    ]);
    // A header named otherwise: the value itself is still hidden; 10 or 12 digits are not a fødselsnummer.
    expect(maskPreviewRows(['A', 'B', 'C'], [['18883137384', '1888313738', '188831373840']])).toEqual([[MASK, '1888313738', '188831373840']]);
  });
});
