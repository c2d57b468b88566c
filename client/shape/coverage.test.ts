import { describe, expect, it } from 'vitest';
import { coverageGrid } from './coverage.ts';

const row = (source: 'dips' | 'hnlis' | 'faktura', month: string, rows: number) => ({ source, month, rows, stays: 1 });

describe('Datakvalitet: the coverage heat map', () => {
  // The audit's own database: no source has April or August 2022, nor February or May–September 2023.
  const coverage = [
    row('dips', '2022-02', 4), row('dips', '2022-03', 2),
    row('faktura', '2022-02', 1), row('faktura', '2022-05', 3), row('faktura', '2023-01', 2),
    row('hnlis', '2022-03', 10), row('hnlis', '2022-09', 5), row('hnlis', '2023-10', 8), row('hnlis', '2023-11', 2),
  ];

  it('has a column for every month from the first to the last with data, those without any too', () => {
    const { months } = coverageGrid(coverage);
    expect(months).toHaveLength(22);
    expect(months[0]).toBe('2022-02');
    expect(months.at(-1)).toBe('2023-11');
    expect(months).toContain('2022-04');
    expect(months).toContain('2023-06');
  });

  it('draws only the cells with data, each against its source\'s busiest month', () => {
    const { cells } = coverageGrid(coverage);
    expect(cells).toHaveLength(coverage.length);
    expect(cells.find((c) => c.source === 'dips' && c.month === '2022-03')?.share).toBe(0.5);
    expect(cells.find((c) => c.source === 'hnlis' && c.month === '2022-03')?.share).toBe(1);
  });

  it('tables every source and month of the span, 0 where a source has none', () => {
    const { rows } = coverageGrid(coverage);
    expect(rows).toHaveLength(3 * 22);
    expect(rows.slice(0, 3).map((r) => [r.source, r.month, r.rows])).toEqual([['dips', '2022-02', 4], ['dips', '2022-03', 2], ['dips', '2022-04', 0]]);
    expect(rows.filter((r) => r.month === '2022-04')).toEqual([
      { source: 'dips', month: '2022-04', rows: 0, stays: 0 },
      { source: 'hnlis', month: '2022-04', rows: 0, stays: 0 },
      { source: 'faktura', month: '2022-04', rows: 0, stays: 0 },
    ]);
  });

  it('keeps a source that has no rows at all as a line of zeros', () => {
    const { months, rows } = coverageGrid([row('hnlis', '2024-12', 3), row('hnlis', '2025-01', 1)]);
    expect(months).toEqual(['2024-12', '2025-01']);
    expect(rows.filter((r) => r.source === 'dips').map((r) => r.rows)).toEqual([0, 0]);
  });

  it('has no months without data', () => {
    expect(coverageGrid([])).toEqual({ months: [], cells: [], rows: [] });
  });
});
