/** In-app links that keep the URL state (a link reproduces the view) and navigate without reload. */
import { formatPeriod } from '../../pipelines/format/index.ts';
import { toSearch, withChanges, type State } from '../state/url.ts';
import { h, rowIndex } from '../ui/dom.ts';
import type { Ctx } from './context.ts';

export function linkTo(ctx: Ctx, changes: Partial<State>, text: string, title?: string): HTMLAnchorElement {
  const target = withChanges(ctx.state, changes);
  const a = h('a', { href: `/${toSearch(target)}`, title }, text);
  a.addEventListener('click', (e) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    ctx.navigate(changes);
  });
  return a;
}

/** Avstemming for one municipality and period, its stays from the first page; with `stay`, that stay first and marked. */
export function avstemmingChanges(kommune: string, from: string, to: string, stay?: string): Partial<State> {
  return { view: 'avstemming', kommune, from, to, page: 1, stay };
}

/** 'Avstemming for Tromsø, januar 2022–desember 2022': the link's tooltip. */
export function avstemmingTitle(name: string, from: string, to: string): string {
  return `Avstemming for ${name}, ${from === to ? formatPeriod(from) : `${formatPeriod(from)}–${formatPeriod(to)}`}`;
}

/** A municipality's name as a link to its Avstemming for the period (the table's own, not Avstemming's default). */
export function avstemmingLink(ctx: Ctx, kommune: string, text: string, from: string, to: string, stay?: string): HTMLAnchorElement {
  return linkTo(ctx, avstemmingChanges(kommune, from, to, stay), text, avstemmingTitle(text, from, to) + (stay ? `, opphold ${stay}` : ''));
}

/**
 * Puts a link in column `col` of each body row of a table drawn from `rows` (ui/dom.ts table): a
 * municipality's name that leads on instead of ending there. `link` returning null leaves the cell.
 */
export function linkCells<R>(table: HTMLTableElement, col: number, rows: readonly R[], link: (r: R) => HTMLAnchorElement | null): void {
  table.querySelectorAll<HTMLTableRowElement>('tbody tr').forEach((tr, i) => {
    // By the row's own item, not its place: a table the reader sorted is drawn again in that order.
    const r = rows[rowIndex(tr) ?? i];
    const cell = tr.children[col];
    if (r === undefined || !cell) return;
    const a = link(r);
    if (a) cell.replaceChildren(a);
  });
}
