/**
 * Paging of a list the browser already holds (Avstemming's stay strips): /api/stays has a limit but
 * no offset, and the strips are ordered in the browser (stays.ts), so the pages are cut from the
 * sorted list here.
 */
import { formatInteger } from '../../pipelines/format/index.ts';

export interface Page<T> {
  items: T[];
  /** the page shown, 1-based, clamped to 1…pages */
  page: number;
  pages: number;
  /** 1-based positions of the first and last item shown (0 and 0 when the list is empty) */
  first: number;
  last: number;
  total: number;
}

export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const total = all.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (p - 1) * size;
  const items = all.slice(start, start + size);
  return { items, page: p, pages, first: items.length ? start + 1 : 0, last: start + items.length, total };
}

/**
 * 'Viser 1–25 av 312 opphold'. `truncated`: the server sent only the first `total` rows, so the
 * true count is at least that ('av minst 10 000 opphold').
 */
export function pageText(p: Page<unknown>, noun: string, truncated = false): string {
  if (!p.total) return `Ingen ${noun}`;
  const of = `${truncated ? 'minst ' : ''}${formatInteger(p.total)}`;
  return `Viser ${formatInteger(p.first)}–${formatInteger(p.last)} av ${of} ${noun}`;
}

/**
 * What a printout of one page says it leaves out: 'Utskriften viser opphold 1–25 av 128.' (the
 * pager is not printed, so without it paper reads as the whole list). Null when the page is the
 * whole list.
 */
export function printPageText(p: Page<unknown>, noun: string, truncated = false): string | null {
  if (p.pages <= 1 && !truncated) return null;
  return `Utskriften viser ${noun} ${formatInteger(p.first)}–${formatInteger(p.last)} av ${truncated ? 'minst ' : ''}${formatInteger(p.total)}.`;
}
