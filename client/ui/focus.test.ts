import { describe, expect, it } from 'vitest';
import { identify, matches } from './focus.ts';

/** Just enough of an element for identify() and matches(). */
function el(tag: string, attrs: Record<string, string> = {}, text = '', value?: string): Element {
  return { tagName: tag.toUpperCase(), id: attrs.id ?? '', getAttribute: (a: string) => attrs[a] ?? null, textContent: text, value } as unknown as Element;
}

describe('focus across a re-render', () => {
  it('knows a control again by id, name (and value for a check box), test id or text', () => {
    const month = identify(el('select', { name: 'maned' }))!;
    expect(matches(el('select', { name: 'maned' }), month)).toBe(true);
    expect(matches(el('select', { name: 'fagomrade' }), month)).toBe(false);
    const box = identify(el('input', { type: 'checkbox' }, '', '1806'))!;
    expect(matches(el('input', { type: 'checkbox' }, '', '1806'), box)).toBe(true);
    expect(matches(el('input', { type: 'checkbox' }, '', '5501'), box)).toBe(false);
    expect(matches(el('button', {}, ' Neste → '), identify(el('button', {}, 'Neste →'))!)).toBe(true);
    expect(matches(el('button', { 'data-testid': 'export-pptx' }, 'x'), identify(el('button', { 'data-testid': 'export-pptx' }, 'y'))!)).toBe(true);
    expect(identify(el('h1', {}, 'Kommuner'))).toEqual({ tag: 'h1' });
    expect(identify(el('div'))).toBeNull();
  });
});
