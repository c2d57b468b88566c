/**
 * Månedsoversikt's requests, in a module without the chart code: the shell (main.ts) starts them
 * as soon as /api/meta has answered, while the view's chunk (Plot and d3, ~250 KB) is still being
 * fetched and parsed; the view then asks for the same URLs and shares the requests in flight.
 */
import type { Params } from '../api/client.ts';
import type { Meta } from '../api/schemas.ts';
import { addMonths, latestCompleteMonth } from '../shape/months.ts';
import type { State } from '../state/url.ts';
import { figureParams } from './context.ts';

export interface OverviewQueries {
  month: string;
  reconciliation: Params;
  facts: Params;
}

/** The month under review (the URL's, else the latest complete one) and its two requests. */
export function overviewQueries(meta: Meta, state: State): OverviewQueries | null {
  const month = state.month ?? latestCompleteMonth(meta.months, meta.asOf);
  if (!month) return null;
  return {
    month,
    reconciliation: { ...figureParams(state), by: 'month', from: addMonths(month, -23), to: month },
    facts: { month, fagomrade: state.fagomrade },
  };
}
