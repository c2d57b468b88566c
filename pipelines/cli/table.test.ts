import { describe, expect, it } from 'vitest';
import { textTable } from './table.ts';

describe('textTable', () => {
  it('lines columns up by characters, numbers to the right, with no index column or quotes', () => {
    const rows = [{ fil: 'hendelser-mai.csv', lest: '1 234' }, { fil: 'dips-Ørland.csv', lest: '7' }];
    expect(textTable(rows, [{ header: 'Fil', value: (r) => r.fil }, { header: 'Lest', value: (r) => r.lest, right: true }])).toBe([
      'Fil                 Lest',
      '─────────────────  ─────',
      'hendelser-mai.csv  1 234',
      'dips-Ørland.csv        7',
      '',
    ].join('\n'));
  });
});
