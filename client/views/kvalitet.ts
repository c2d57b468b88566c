import { h, status } from '../ui/dom.ts';
import type { Ctx } from './context.ts';
export async function kvalitet(root: HTMLElement, _ctx: Ctx): Promise<void> {
  root.replaceChildren(h('h1', {}, 'Datakvalitet'), status('empty', 'Denne visningen er ikke laget ennå.'));
}
