/**
 * When a <select>'s new value is applied. Chromium fires 'change' on every ArrowUp/ArrowDown (and
 * Home/End, PageUp/PageDown, a typed letter) on a closed select, and every change redraws the view
 * with new requests: stepping from one municipality to the fifth below made five reloads. So a value
 * reached by stepping with keys waits until the user pauses (KEY_PAUSE_MS), presses Enter or leaves
 * the select; Escape drops it and puts the applied value back. A choice from the opened list (a
 * mouse click, or Enter in the list, whose key events the page does not see) applies at once.
 * Free of the DOM, so the rules are tested in Node; dom.ts select() wires it to the element.
 */

/** Long enough for a held or repeated arrow key (repeat ≈ 30–500 ms), short enough not to feel stuck. */
export const KEY_PAUSE_MS = 700;

export interface KeyedSelect {
  /** A key went down on the select; what the select's value must be set back to (Escape), if anything. */
  keydown(key: string): string | undefined;
  /** The select's 'change' event with its new value. */
  change(value: string): void;
  /** The select lost the focus: a waiting value is applied. */
  blur(): void;
}

/** Keys that do not step the value: Enter applies, Escape drops, Tab leaves (blur applies). */
const NOT_A_STEP = new Set(['Enter', 'Escape', 'Tab', 'Shift', 'Control', 'Alt', 'Meta']);

/** `value` is the select's value as drawn; `apply` is called once per value the user settles on. */
export function keyedSelect(value: string, apply: (v: string) => void, pause = KEY_PAUSE_MS): KeyedSelect {
  let applied = value;
  let waiting: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * A key is being handled: Chromium steps the value and fires 'change' in the keydown's own task, so
   * a change before the next task is that key's step. Not cleared on keyup: a key that opens the
   * list (Space, Alt+↓) sends its keyup to the list, and a choice there is no step.
   */
  let keyDown = false;
  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const commit = (v: string) => {
    stop();
    waiting = undefined;
    if (v === applied) return;
    applied = v;
    apply(v);
  };
  const flush = () => {
    if (waiting !== undefined) commit(waiting);
  };
  return {
    keydown(key) {
      if (key === 'Enter') return void flush();
      if (key === 'Escape' && waiting !== undefined) {
        stop();
        waiting = undefined;
        return applied;
      }
      if (!NOT_A_STEP.has(key)) {
        keyDown = true;
        setTimeout(() => { keyDown = false; }, 0);
      }
      return undefined;
    },
    change(v) {
      if (!keyDown) return commit(v);
      waiting = v;
      stop();
      timer = setTimeout(flush, pause);
    },
    blur() {
      keyDown = false;
      flush();
    },
  };
}
