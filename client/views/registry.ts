/** View names and lazy loaders: only the landing view ships on first load. */
import { prefetchJson } from '../api/client.ts';
import type { Meta } from '../api/schemas.ts';
import type { State, View } from '../state/url.ts';
import type { ViewFn } from './context.ts';
import { overviewQueries } from './overview-queries.ts';

export const VIEW_TITLES: Record<View, string> = {
  oversikt: 'Månedsoversikt',
  kommuner: 'Kommuner',
  avstemming: 'Avstemming',
  metode: 'Metode',
  kvalitet: 'Datakvalitet',
  'last-opp': 'Last opp',
  presentasjon: 'Presentasjon',
};

export async function loadView(view: View): Promise<ViewFn> {
  switch (view) {
    case 'oversikt': return (await import('./overview.ts')).overview;
    case 'kommuner': return (await import('./kommuner.ts')).kommuner;
    case 'avstemming': return (await import('./avstemming.ts')).avstemming;
    case 'metode': return (await import('./metode.ts')).metode;
    case 'kvalitet': return (await import('./kvalitet.ts')).kvalitet;
    case 'last-opp': return (await import('./upload.ts')).upload;
    case 'presentasjon': return (await import('./presentasjon.ts')).presentasjon;
  }
}

/**
 * Starts the requests a view will make first, while its code is still loading. Only the landing
 * view: it is what everyone opens, and its chunk carries the chart code.
 */
export function prefetchView(view: View, meta: Meta, state: State, signal: AbortSignal): void {
  if (view !== 'oversikt') return;
  const q = overviewQueries(meta, state);
  if (!q) return;
  prefetchJson('/api/reconciliation', q.reconciliation, signal);
  prefetchJson('/api/month-facts', q.facts, signal);
}
