import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEY_PAUSE_MS, keyedSelect } from './select-commit.ts';

/** A key on the select as Chromium sends it: keydown, then (a step) 'change' in the same task. */
function step(sel: ReturnType<typeof keyedSelect>, key: string, value: string): void {
  sel.keydown(key);
  sel.change(value);
}

describe('select: arrow-key steps apply once the user settles, a choice from the list at once', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('applies a choice from the opened list (no key down) at once', () => {
    const applied: string[] = [];
    const sel = keyedSelect('a', (v) => applied.push(v));
    sel.change('c');
    expect(applied).toEqual(['c']);
  });

  it('applies several quick steps once, with the last value, after the pause', () => {
    const applied: string[] = [];
    const sel = keyedSelect('a', (v) => applied.push(v));
    step(sel, 'ArrowDown', 'b');
    vi.advanceTimersByTime(100);
    step(sel, 'ArrowDown', 'c');
    vi.advanceTimersByTime(KEY_PAUSE_MS - 1);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual(['c']);
    vi.advanceTimersByTime(10 * KEY_PAUSE_MS);
    expect(applied).toEqual(['c']);
  });

  it('applies a waiting value at once on Enter or on leaving the select, and only once', () => {
    const applied: string[] = [];
    const sel = keyedSelect('a', (v) => applied.push(v));
    step(sel, 'ArrowDown', 'b');
    sel.keydown('Enter');
    expect(applied).toEqual(['b']);
    step(sel, 'ArrowUp', 'a');
    sel.blur();
    expect(applied).toEqual(['b', 'a']);
    vi.advanceTimersByTime(KEY_PAUSE_MS);
    sel.blur();
    expect(applied).toEqual(['b', 'a']);
  });

  it('drops the steps on Escape and says which value to show again', () => {
    const applied: string[] = [];
    const sel = keyedSelect('a', (v) => applied.push(v));
    step(sel, 'ArrowDown', 'b');
    expect(sel.keydown('Escape')).toBe('a');
    vi.advanceTimersByTime(KEY_PAUSE_MS);
    sel.blur();
    expect(applied).toEqual([]);
    expect(sel.keydown('Escape')).toBeUndefined(); // nothing waiting: Escape leaves the select alone
  });

  it('does not reload for steps that end on the value already shown', () => {
    const applied: string[] = [];
    const sel = keyedSelect('a', (v) => applied.push(v));
    step(sel, 'ArrowDown', 'b');
    step(sel, 'ArrowUp', 'a');
    vi.advanceTimersByTime(KEY_PAUSE_MS);
    expect(applied).toEqual([]);
  });

  it('takes a change after the key’s own task as a choice (a key that opened the list)', () => {
    const applied: string[] = [];
    const sel = keyedSelect('a', (v) => applied.push(v));
    sel.keydown(' '); // opens the list; its keyup goes to the list
    vi.advanceTimersByTime(0);
    sel.change('d'); // picked in the list
    expect(applied).toEqual(['d']);
  });
});
