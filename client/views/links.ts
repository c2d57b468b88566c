/** In-app links that keep the URL state (a link reproduces the view) and navigate without reload. */
import { toSearch, withChanges, type State } from '../state/url.ts';
import { h } from '../ui/dom.ts';
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
