/** What every view gets: the metadata, the URL state, navigation, and the shared figure filters. */
import type { Params } from '../api/client.ts';
import type { Meta } from '../api/schemas.ts';
import type { State } from '../state/url.ts';

export interface Ctx {
  meta: Meta;
  state: State;
  /** Changes the URL (pushState, or replaceState for continuous inputs) and re-renders. */
  navigate(changes: Partial<State>, replace?: boolean): void;
  /** Fetches the metadata again (after an edit such as a new rule set), then navigates. */
  reload(changes: Partial<State>): void;
  /**
   * The server's data changed (an upload went through): fetches the metadata again, so «Data per»,
   * the month pickers and the exports follow, without redrawing the view that asked.
   */
  dataChanged(): void;
  /**
   * The view shows these values (a month the data have, a period inside them, today's municipality):
   * where the address asks otherwise, it is made to say so (replaceState, no new history entry, no
   * redrawing), so that a copied link shows what is on the screen. A field the address leaves out
   * (the view's default) is not written in (url.ts shownInstead). Returns the fields the address
   * was made to say: what the view's own state is to take on.
   */
  shows(shown: Partial<State>): Partial<State>;
  signal: AbortSignal;
}

export type ViewFn = (root: HTMLElement, ctx: Ctx) => Promise<void>;

/** Rule set, overrides, care area and grouping as API parameters. */
export function figureParams(s: State): Params {
  return {
    rules: s.rules,
    minHours: s.minHours,
    firstDayFree: s.firstDayFree,
    fagomrade: s.fagomrade,
    group: s.group,
  };
}

export function ruleSetName(meta: Meta, s: State): string {
  const r = meta.ruleSets.find((x) => x.id === s.rules);
  const base = r ? `${r.name}, versjon ${r.version}` : s.rules;
  const extra = [s.firstDayFree === undefined ? '' : s.firstDayFree ? 'første døgn gratis' : 'første døgn betales', s.minHours === undefined ? '' : `terskel ${String(s.minHours).replace('.', ',')} t`].filter(Boolean);
  return extra.length ? `${base}, ${extra.join(', ')}` : base;
}
