/**
 * The bridge's day categories, in the order of domain.md: the two source-level categories, then the
 * classification's, first that applies, ending in betalbar. Every list of the categories (contract,
 * SQL column lists, exports, suppression, the dashboard's tables and the notebooks) is derived from
 * this one, so a new category is added here and nowhere else by hand. No imports: the notebooks
 * bundle it through export/columns.ts (@usk/labels) without zod.
 */
export const BRIDGE_CATEGORIES = [
  'avvik_dips', 'uten_tidspunkt', 'ikke_betalingsplikt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel', 'betalbar',
] as const;
export type BridgeCategory = (typeof BRIDGE_CATEGORIES)[number];

/** The categories that take days away on the way from registered to payable (every one but betalbar). */
export const EXCLUDED_CATEGORIES = BRIDGE_CATEGORIES.filter(
  (c): c is Exclude<BridgeCategory, 'betalbar'> => c !== 'betalbar');

/** The bridge's right-hand side: for every reconciliation or stay row, it equals registrert. */
export function bridgeSum(row: Readonly<Record<BridgeCategory, number>>): number {
  return BRIDGE_CATEGORIES.reduce((sum, c) => sum + row[c], 0);
}
