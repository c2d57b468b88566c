import { describe, expect, it } from 'vitest';
import type { Column } from './columns.ts';
import { toCsv } from './csv.ts';
import { neutralise } from './csv-safety.ts';

describe('CSV injection', () => {
  it('neutralises text Excel would run as a formula, and leaves numbers and other text alone', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutralise('+47 123')).toBe(`'+47 123`);
    expect(neutralise('-1')).toBe(`'-1`);
    expect(neutralise('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralise('Tromsø')).toBe('Tromsø');
    expect(neutralise(neutralise('=1+1'))).toBe(`'=1+1`); // idempotent: each door may apply it
  });

  it('every CSV the exports write is neutralised, whoever calls the writer', () => {
    const columns: Column<'kommune' | 'betalbar'>[] = [
      { key: 'kommune', header: 'Kommune', kind: 'text', about: 'Kommunens navn' },
      { key: 'betalbar', header: 'Betalbare', kind: 'int', about: 'Betalbare døgn' },
    ];
    const csv = toCsv([{ kommune: '=cmd|"/c calc"!A1', betalbar: -3 }], columns, { Regelsett: '@eget regelsett' });
    expect(csv).toBe(`\ufeffKommune;Betalbare;Regelsett\r\n"'=cmd|""/c calc""!A1";-3;'@eget regelsett\r\n`);
  });
});
