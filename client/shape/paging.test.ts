import { describe, expect, it } from 'vitest';
import { pageOf, pageText, printPageText } from './paging.ts';

const list = Array.from({ length: 312 }, (_, i) => i + 1);

describe('paging of the stay strips', () => {
  it('cuts pages of 25 with 1-based positions', () => {
    const first = pageOf(list, 1, 25);
    expect(first).toMatchObject({ page: 1, pages: 13, first: 1, last: 25, total: 312 });
    expect(first.items).toEqual(list.slice(0, 25));
    const second = pageOf(list, 2, 25);
    expect(second.items[0]).toBe(26);
    expect(second.items.some((x) => first.items.includes(x))).toBe(false);
    expect(pageOf(list, 13, 25)).toMatchObject({ first: 301, last: 312, items: list.slice(300) });
  });

  it('clamps a page outside the list (an old link, a shorter list after a filter change)', () => {
    expect(pageOf(list, 99, 25).page).toBe(13);
    expect(pageOf(list, 0, 25).page).toBe(1);
    expect(pageOf(list, Number.NaN, 25).page).toBe(1);
    expect(pageOf([], 3, 25)).toMatchObject({ page: 1, pages: 1, first: 0, last: 0, total: 0, items: [] });
    expect(pageOf(list.slice(0, 25), 2, 25)).toMatchObject({ page: 1, pages: 1, last: 25 });
  });

  it('says what is shown in Norwegian, with nb-NO numbers', () => {
    expect(pageText(pageOf(list, 1, 25), 'opphold')).toBe('Viser 1–25 av 312 opphold');
    expect(pageText(pageOf(list, 13, 25), 'opphold')).toBe('Viser 301–312 av 312 opphold');
    const many = Array.from({ length: 10_000 }, (_, i) => i);
    expect(pageText(pageOf(many, 400, 25), 'opphold', true)).toBe('Viser 9\u00a0976–10\u00a0000 av minst 10\u00a0000 opphold');
    expect(pageText(pageOf([], 1, 25), 'opphold')).toBe('Ingen opphold');
  });

  it('says on paper which stays a printed page leaves out (the pager is not printed); nothing when one page holds them all', () => {
    expect(printPageText(pageOf(list.slice(0, 128), 1, 25), 'opphold')).toBe('Utskriften viser opphold 1–25 av 128.');
    expect(printPageText(pageOf(list, 2, 25), 'opphold')).toBe('Utskriften viser opphold 26–50 av 312.');
    expect(printPageText(pageOf(list.slice(0, 25), 1, 25), 'opphold')).toBeNull();
    expect(printPageText(pageOf(Array.from({ length: 10_000 }, (_, i) => i), 1, 25), 'opphold', true)).toBe('Utskriften viser opphold 1–25 av minst 10\u00a0000.');
  });
});
