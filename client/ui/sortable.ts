/**
 * A data table the reader can order by a column: each sortable header holds a button, a click sorts
 * the body rows by that column and says so on the header (aria-sort), a second click reverses it.
 * The rows are moved, not drawn anew, so a link put in a cell (links.ts linkCells) goes with its row;
 * the foot («Andre kommuner», «Totalt») is not sorted and stays under the rows it sums.
 */

/** What a cell sorts by: the number behind its nb-NO text, a text, or nothing («–», «prikket»). */
export type SortKey = number | string | null;
export type Direction = 'ascending' | 'descending';

// Norwegian order (… z, æ, ø, å), and «opphold 9» before «opphold 10».
const collator = new Intl.Collator('nb', { numeric: true });

/**
 * The order of two keys in a direction. A missing value is last either way: the reader sorts to
 * see the largest (or smallest) figures, not the cells that have none.
 */
export function compareKeys(a: SortKey, b: SortKey, direction: Direction): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b
    : typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b)
    : typeof a === 'number' ? -1 : 1; // a column of both sorts its numbers first
  return direction === 'ascending' ? order : -order;
}

/** `rows` ordered by `key`; rows with equal keys keep their order (Array.prototype.sort is stable). */
export function sortRows<T>(rows: readonly T[], key: (row: T) => SortKey, direction: Direction): T[] {
  return rows.map((row) => ({ row, key: key(row) })).sort((a, b) => compareKeys(a.key, b.key, direction)).map((x) => x.row);
}

/** A column's text as a key: a dash or an empty cell is a missing value. */
export function textKey(text: string): SortKey {
  const t = text.trim();
  return t === '' || t === '–' ? null : t;
}

export interface SortableColumn<R> {
  key: (row: R) => SortKey;
  /**
   * The first click's direction: numbers largest first (the tables are read for the largest
   * municipality, difference or count), text from A.
   */
  first: Direction;
}

/** The column a reader sorted a table by (its header's text) and which way. */
export interface ChosenOrder { column: string; direction: Direction }

/**
 * The order the reader chose, per table, for the page load. A view builds its tables anew whenever
 * it is drawn (another filter, an annotation, new data, back from another view), and without this a
 * table came back in the order it was drawn in, the reader's choice lost.
 *
 * Not in the address (state/url.ts): the address holds what decides the figures, one parameter per
 * filter, each checked by parseState as the page loads and replaced by what the view shows
 * (ctx.shows). An order would need a parameter per sortable table (Datakvalitet has three), naming a
 * column that exists only once the data are in (a year in Kommuner), so it could be checked only
 * then, and navigate() would have to learn which changes keep it. The order is how the reader reads
 * a table, not which figures it holds: a copied link shows the same figures without it.
 */
const chosen = new Map<string, ChosenOrder>();

/** Keeps the order the reader chose for table `name` (a view and a table: 'kommuner/ssu'). */
export function rememberOrder(name: string, order: ChosenOrder): void {
  chosen.set(name, order);
}

/**
 * Which column table `name` is to be sorted by again, and which way: the one the reader chose, when
 * a header of that text is still there and sorts (`labels[i]` null: column i does not). Null when
 * there is none; the choice is kept, so a column back again (a year picked again) is sorted again.
 */
export function orderAgain(name: string, labels: readonly (string | null)[]): { index: number; direction: Direction } | null {
  const order = chosen.get(name);
  if (!order) return null;
  const index = labels.indexOf(order.column);
  return index < 0 ? null : { index, direction: order.direction };
}

/**
 * Makes the header cells of `table` buttons that sort its body rows. `rowOf` gives each body row's
 * data; `columns[i]` null leaves column i as it is (a figure without a number behind its text).
 * `name`: the table's, under which the reader's order is kept and given again when a table of that
 * name is made again (rememberOrder, orderAgain).
 */
export function makeSortable<R>(table: HTMLTableElement, columns: readonly (SortableColumn<R> | null)[], rowOf: (tr: HTMLTableRowElement) => R, name: string): void {
  const heads = [...table.tHead?.rows[0]?.cells ?? []];
  const body = table.tBodies[0];
  if (!body) return;
  // A header's text before it is wrapped in its button: the column's name for orderAgain.
  const labels = heads.map((th, i) => (columns[i] ? (th.textContent ?? '').trim() : null));
  const sortBy = (i: number, direction: Direction) => {
    const column = columns[i]!;
    for (const other of heads) other.removeAttribute('aria-sort');
    heads[i]!.setAttribute('aria-sort', direction);
    body.append(...sortRows([...body.rows], (tr) => column.key(rowOf(tr)), direction));
  };
  heads.forEach((th, i) => {
    const column = columns[i];
    if (!column) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const now = th.getAttribute('aria-sort');
      const direction: Direction = now === column.first ? (column.first === 'ascending' ? 'descending' : 'ascending') : column.first;
      sortBy(i, direction);
      rememberOrder(name, { column: labels[i]!, direction });
    });
  });
  const again = orderAgain(name, labels);
  if (again) sortBy(again.index, again.direction);
}
