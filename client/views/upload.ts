import { h, status } from '../ui/dom.ts';
import type { Ctx } from './context.ts';
export async function upload(root: HTMLElement, _ctx: Ctx): Promise<void> {
  root.replaceChildren(h('h1', {}, 'Last opp'), status('empty', 'Denne visningen er ikke laget ennå.'));
}
