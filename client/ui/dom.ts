/** Tiny DOM helpers: elements without innerHTML (no injection), tables with a text alternative. */
import { keyedSelect } from './select-commit.ts';
import { makeSortable, textKey, type SortableColumn, type SortKey } from './sortable.ts';

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export interface Column<R> {
  label: string;
  value: (row: R) => string;
  /** raw number for tests and copy-paste (data-value) */
  raw?: (row: R) => number | null;
  numeric?: boolean;
  /** a tooltip for the cell (why a figure is missing, say) */
  title?: (row: R) => string | undefined;
  /**
   * The header's full text when `label` is a short form (a narrow table): the header's tooltip, and
   * its name for a screen reader (aria-label), which reads it with every cell.
   */
  fullLabel?: string;
  /**
   * What the column sorts by in a sortable table when its text does not say it in order: a month as
   * 'YYYY-MM' («jan. 2023» is text), a severity by rank. Otherwise `raw`, else the text.
   */
  sort?: (row: R) => SortKey;
}

/**
 * How a column sorts: by `sort`, by its number (`raw`), or by its text; a numeric column without a
 * number behind it is not sortable, since its nb-NO text («1 234», «−5») does not sort as a number.
 */
export function sortColumn<R>(c: Column<R>): SortableColumn<R> | null {
  const first = c.numeric ? 'descending' : 'ascending';
  if (c.sort) return { key: c.sort, first };
  if (c.raw) return { key: (r) => c.raw!(r) ?? null, first };
  return c.numeric ? null : { key: (r) => textKey(c.value(r)), first };
}

/**
 * The place in its table's `rows` of each body row table() drew: a sorted table's rows are no
 * longer in that order (a reader's order is given again as the table is made, ui/sortable.ts), and
 * what is put in a cell afterwards (links.ts linkCells) must be its own row's.
 */
const drawnFrom = new WeakMap<HTMLTableRowElement, number>();

/** Which of its table's `rows` a body row drawn by table() shows; undefined for any other row. */
export function rowIndex(tr: HTMLTableRowElement): number | undefined {
  return drawnFrom.get(tr);
}

/**
 * A data table: a caption, a header row, a row per item and a foot (sums) under them. `sortable`:
 * the reader may order the rows by a column (ui/sortable.ts), and the table's name ('kommuner/ssu'),
 * under which the order chosen is kept for the next table of that name; the foot stays last.
 */
export function table<R>(caption: string, columns: Column<R>[], rows: readonly R[], opts: { foot?: readonly R[]; testid?: string; rowHeader?: boolean; sortable?: string } = {}): HTMLTableElement {
  const cell = (r: R, c: Column<R>, i: number, tag: 'td' | 'th') => {
    const raw = c.raw?.(r);
    return h(i === 0 && opts.rowHeader !== false ? 'th' : tag, { class: c.numeric ? 'num' : undefined, scope: i === 0 ? 'row' : undefined, 'data-value': raw === undefined || raw === null ? undefined : raw, title: c.title?.(r) }, c.value(r));
  };
  const body = rows.map((r, n) => {
    const tr = h('tr', {}, ...columns.map((c, i) => cell(r, c, i, 'td')));
    drawnFrom.set(tr, n);
    return tr;
  });
  const foot = (opts.foot ?? []).map((r) => h('tr', {}, ...columns.map((c, i) => cell(r, c, i, 'td'))));
  const el = h(
    'table',
    { class: 'data', 'data-testid': opts.testid },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined, title: c.fullLabel, 'aria-label': c.fullLabel }, c.label)))),
    h('tbody', {}, ...body),
    foot.length ? h('tfoot', {}, ...foot) : null,
  );
  if (opts.sortable !== undefined && rows.length > 1) {
    makeSortable(el, columns.map(sortColumn), (tr) => rows[drawnFrom.get(tr)!]!, opts.sortable);
  }
  return el;
}

export function status(kind: 'loading' | 'empty' | 'error', text: string): HTMLElement {
  return h('p', { class: `status ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function select(label: string, options: readonly { value: string; label: string }[], value: string, onChange: (v: string) => void, name?: string): HTMLLabelElement {
  const s = h('select', { name });
  for (const o of options) s.append(h('option', { value: o.value, selected: o.value === value }, o.label));
  // Stepping with the arrow keys applies when the user pauses, not at every step (select-commit.ts).
  const keyed = keyedSelect(s.value, onChange);
  s.addEventListener('keydown', (e) => {
    const back = keyed.keydown(e.key);
    if (back !== undefined) s.value = back;
  });
  s.addEventListener('change', () => keyed.change(s.value));
  s.addEventListener('blur', () => keyed.blur());
  // Never wider than the screen: a long option (a municipality's two names) made a 390 px page scroll
  // sideways. Set through CSSOM (the CSP refuses style attributes).
  s.style.maxWidth = '100%';
  const field = h('label', { class: 'field' }, h('span', {}, label), s);
  field.style.maxWidth = '100%';
  field.style.minWidth = '0';
  return field;
}
