import { h, status } from '../ui/dom.ts';
import type { Ctx } from './context.ts';
export async function metode(root: HTMLElement, _ctx: Ctx): Promise<void> {
  root.replaceChildren(h('h1', {}, 'Metode'), status('empty', 'Denne visningen er ikke laget ennå.'));
}
