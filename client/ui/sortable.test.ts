import { describe, expect, it } from 'vitest';
import { sortColumn } from './dom.ts';
import { compareKeys, orderAgain, rememberOrder, sortRows, textKey, type SortKey } from './sortable.ts';

const up = (keys: SortKey[]) => sortRows(keys, (k) => k, 'ascending');
const down = (keys: SortKey[]) => sortRows(keys, (k) => k, 'descending');

describe('sorting a table by a column', () => {
  it('sorts numbers as numbers, not as their text («10 000» after «9 000»), either way', () => {
    expect(up([9000, 10000, -5, 0, 1.5])).toEqual([-5, 0, 1.5, 9000, 10000]);
    expect(down([9000, 10000, -5, 0, 1.5])).toEqual([10000, 9000, 1.5, 0, -5]);
  });

  it('sorts text in Norwegian order: æ, ø and å after z, and a number in a text by its value', () => {
    expect(up(['Øksnes', 'Ås', 'Zz', 'Ære', 'Alta', 'Bodø'])).toEqual(['Alta', 'Bodø', 'Zz', 'Ære', 'Øksnes', 'Ås']);
    expect(down(['Ås', 'Alta', 'Øksnes'])).toEqual(['Ås', 'Øksnes', 'Alta']);
    expect(up(['opphold 10', 'opphold 9'])).toEqual(['opphold 9', 'opphold 10']);
  });

  it('puts a missing value («–», «prikket») last in both directions', () => {
    expect(up([3, null, 1, null, 2])).toEqual([1, 2, 3, null, null]);
    expect(down([3, null, 1, null, 2])).toEqual([3, 2, 1, null, null]);
    expect(up(['b', null, 'a'])).toEqual(['a', 'b', null]);
    expect(compareKeys(null, null, 'descending')).toBe(0);
  });

  it('keeps rows with the same value in the order they had', () => {
    const rows = [{ k: 'Tromsø', n: 1 }, { k: 'Bodø', n: 2 }, { k: 'Tromsø', n: 3 }, { k: 'Bodø', n: 4 }];
    expect(sortRows(rows, (r) => r.k, 'ascending').map((r) => r.n)).toEqual([2, 4, 1, 3]);
    expect(sortRows(rows, (r) => r.k, 'descending').map((r) => r.n)).toEqual([1, 3, 2, 4]);
  });

  it('reads a dash or an empty cell as missing', () => {
    expect(textKey('–')).toBeNull();
    expect(textKey(' ')).toBeNull();
    expect(textKey(' Tromsø ')).toBe('Tromsø');
  });
});

describe('what a table column sorts by', () => {
  type Row = { periode: string; n: number | null };
  const row: Row = { periode: '2023-01', n: 1234 };
  it('a number by the value behind its nb-NO text, largest first; a column without one is not sortable', () => {
    const withRaw = sortColumn<Row>({ label: 'Døgn', numeric: true, value: (r) => String(r.n), raw: (r) => r.n })!;
    expect(withRaw.key(row)).toBe(1234);
    expect(withRaw.first).toBe('descending');
    expect(sortColumn<Row>({ label: 'Døgn', numeric: true, value: (r) => String(r.n) })).toBeNull();
  });
  it('a text by its text, from A; or by the column’s own key (a month as YYYY-MM, not «jan. 2023»)', () => {
    const text = sortColumn<Row>({ label: 'Kommune', value: () => 'Tromsø' })!;
    expect([text.key(row), text.first]).toEqual(['Tromsø', 'ascending']);
    expect(sortColumn<Row>({ label: 'Måned', value: () => 'jan. 2023', sort: (r) => r.periode })!.key(row)).toBe('2023-01');
    expect(sortColumn<Row>({ label: 'Kommune', value: () => '–' })!.key(row)).toBeNull();
  });
});

describe('the order a reader chose, when the table is made again', () => {
  // Kommuner's SSU table per year: «Kommune», the years, then figures that are not sortable (null).
  const years = ['Kommune', '2021', '2022', '2023', null];

  it('is the column of the same header and the same direction, wherever that column now is', () => {
    rememberOrder('test/ssu', { column: '2022', direction: 'ascending' });
    expect(orderAgain('test/ssu', years)).toEqual({ index: 2, direction: 'ascending' });
    // Another period: 2022 is now the first year.
    expect(orderAgain('test/ssu', ['Kommune', '2022', '2023', '2024'])).toEqual({ index: 1, direction: 'ascending' });
  });

  it('is none when the column is gone or no longer sorts, and comes back with the column', () => {
    rememberOrder('test/gone', { column: '2021', direction: 'descending' });
    expect(orderAgain('test/gone', ['Kommune', '2022', '2023'])).toBeNull();
    expect(orderAgain('test/gone', ['Kommune', null, '2022'])).toBeNull();
    expect(orderAgain('test/gone', years)).toEqual({ index: 1, direction: 'descending' });
  });

  it('is the last one chosen, and belongs to its own table alone', () => {
    rememberOrder('test/last', { column: '2021', direction: 'descending' });
    rememberOrder('test/last', { column: 'Kommune', direction: 'ascending' });
    expect(orderAgain('test/last', years)).toEqual({ index: 0, direction: 'ascending' });
    expect(orderAgain('test/other', years)).toBeNull();
  });
});
