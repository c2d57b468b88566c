/**
 * Small-number suppression ("prikking") for publication. Every reconciliation figure that leaves
 * the server passes through publish(): the JSON and Arrow routes, the series and the exports, so
 * no path can return an unsuppressed cell.
 *
 * Rule: a count cell with 0 < value < minCount is suppressed (null). Because the bridge adds up
 * exactly (registrert = sum of the categories), one suppressed category could be recomputed from
 * the others, so the smallest other non-zero category is suppressed too (secondary suppression).
 * Cells derived from a suppressed one (differanse, expected amount, hours) are suppressed with it.
 */
import type { ReconciliationRow } from '../../pipelines/query/contract.ts';
import type { Measure, PublishedRow } from '../schemas.ts';

const BRIDGE = ['avvik_dips', 'uten_tidspunkt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel', 'betalbar'] as const;
const COUNTS = ['registrert', ...BRIDGE, 'fakturert'] as const;

const small = (v: number, min: number) => v !== 0 && Math.abs(v) < min;

export function publish(row: ReconciliationRow, minCount: number): PublishedRow {
  const out: PublishedRow = { ...row, prikket: [] };
  if (minCount <= 0) return out;
  const hidden = new Set<Measure>(COUNTS.filter((m) => small(row[m], minCount)));
  const hiddenBridge = BRIDGE.filter((m) => hidden.has(m));
  if (hiddenBridge.length === 1 && !hidden.has('registrert')) {
    const next = BRIDGE.filter((m) => !hidden.has(m) && row[m] !== 0).sort((a, b) => Math.abs(row[a]) - Math.abs(row[b]))[0];
    if (next) hidden.add(next);
    else hidden.add('registrert');
  }
  if (hidden.has('betalbar')) ['timebasert', 'timer', 'forventet_belop'].forEach((m) => hidden.add(m as Measure));
  if (hidden.has('betalbar') || hidden.has('fakturert')) hidden.add('differanse');
  if (hidden.has('fakturert')) hidden.add('belop');
  for (const m of hidden) out[m] = null;
  out.prikket = [...hidden];
  return out;
}

/** The minimum for one request: never below the configured one, publication raises it. */
export function effectiveMinCount(configured: number, requested: number | undefined, publication?: number): number {
  return Math.max(configured, requested ?? 0, publication ?? 0);
}
