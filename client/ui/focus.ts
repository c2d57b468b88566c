/**
 * Keeping the keyboard focus across a re-render. Every filter change redraws the view, which
 * replaced the control that had the focus and left it on <body>: an arrow key in a select picked
 * one month and then nothing more. So the focused control is remembered by what identifies it
 * (id, name and value, test id, or a button's text) and the same control is focused in the new view.
 * After moving to another view the focus goes to its heading (or the main region), as a screen
 * reader user expects of a page change.
 */

/** Finds "the same" element in a freshly drawn region. */
export type Finder = (root: ParentNode) => HTMLElement | null;

interface Identity {
  tag: string;
  id?: string;
  name?: string;
  type?: string;
  value?: string;
  testid?: string;
  text?: string;
}

/** What identifies a focused element across a re-render, or null when nothing does. */
export function identify(el: Element): Identity | null {
  const tag = el.tagName.toLowerCase();
  const attr = (a: string) => el.getAttribute(a) ?? undefined;
  const type = attr('type');
  const checkable = tag === 'input' && (type === 'checkbox' || type === 'radio');
  if (el.id) return { tag, id: el.id };
  const name = attr('name');
  if (name) return { tag, name, ...(checkable ? { type, value: (el as HTMLInputElement).value } : {}) };
  if (checkable) return { tag, type, value: (el as HTMLInputElement).value };
  const testid = attr('data-testid');
  if (testid) return { tag, testid };
  if (tag === 'h1') return { tag }; // the view's heading (focused after navigation): there is one
  if (tag === 'button' || tag === 'a' || tag === 'summary') {
    const text = (el.textContent ?? '').trim();
    if (text) return { tag, text };
  }
  return null;
}

/** Whether `el` is the element `who` describes. */
export function matches(el: Element, who: Identity): boolean {
  if (el.tagName.toLowerCase() !== who.tag) return false;
  if (who.id !== undefined) return el.id === who.id;
  if (who.name !== undefined && el.getAttribute('name') !== who.name) return false;
  if (who.type !== undefined && el.getAttribute('type') !== who.type) return false;
  if (who.value !== undefined && (el as HTMLInputElement).value !== who.value) return false;
  if (who.testid !== undefined && el.getAttribute('data-testid') !== who.testid) return false;
  if (who.text !== undefined && (el.textContent ?? '').trim() !== who.text) return false;
  return true;
}

/** A finder for the element that has the focus now, if it lies inside `region`. */
export function rememberFocus(region: Element): Finder | null {
  const el = document.activeElement;
  if (!el || el === document.body || !region.contains(el) || el === region) return null;
  const who = identify(el);
  if (!who) return null;
  return (root) => {
    for (const c of root.querySelectorAll<HTMLElement>(who.tag)) if (matches(c, who)) return c;
    return null;
  };
}

/** Focuses what `find` finds in `root`, if it can take the focus; true when it did. */
export function restoreFocus(root: HTMLElement, find: Finder): boolean {
  const el = find(root);
  if (!el || (el as HTMLButtonElement).disabled || el.closest('[hidden]')) return false;
  el.focus({ preventScroll: true });
  return document.activeElement === el;
}

/** Moves the focus to the view's heading (made focusable), else to the region itself. */
export function focusHeading(root: HTMLElement): void {
  const h1 = root.querySelector<HTMLElement>('h1');
  if (h1) {
    if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
    h1.focus();
  } else root.focus();
}

/** Whether the focus was lost (it fell to <body>, as it does when the focused element is removed). */
export const focusLost = () => !document.activeElement || document.activeElement === document.body;
