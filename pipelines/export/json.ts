/**
 * The JSON export: the rows with what produced them beside them, since domain.md has every report
 * and export name its rule set, and a file of bare rows read later says neither which rules nor how
 * fresh the data were. Deterministic (no creation time), so the CLI and the server's download of
 * the same selection are the same bytes.
 */
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { DataAsOf, dataVersion, RuleParams, type EffectiveRules } from '../query/index.ts';
import { ExportSelection } from './selection.ts';

/** The rule set a JSON export was made under, overrides applied (query/rules.ts EffectiveRules). */
export const ExportRuleSet = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  /** As every report prints it: name, version and any override. */
  label: z.string(),
  params: RuleParams,
  overrides: z.object({ firstDayFree: z.boolean().optional(), minHoursPerDay: z.number().optional() }),
});

/** Small-number suppression of a published aggregate (null when nothing was suppressed). */
export const ExportSuppression = z.object({ minCount: z.number().int(), note: z.string() });

/** A JSON export of `kind`, its rows checked by `row` where it is read back (tests, scripts). */
export const jsonExport = <R extends z.ZodType>(row: R) => z.object({
  kind: z.enum(['reconciliation', 'stays', 'days', 'invoices', 'rejects']),
  ruleSet: ExportRuleSet,
  /** «Data per»: the latest as-of of each source, local 'YYYY-MM-DDTHH:MM'. */
  asOf: DataAsOf,
  /** The latest batch loaded: two exports with the same dataVersion and selection are made from the same data. */
  dataVersion: z.number().int(),
  selection: ExportSelection,
  suppression: ExportSuppression.nullable(),
  rows: z.array(row),
});
export type JsonExport<R> = Omit<z.infer<ReturnType<typeof jsonExport>>, 'rows'> & { rows: readonly R[] };

export const jsonText = (content: JsonExport<object>): string => `${JSON.stringify(content, null, 2)}\n`;

/** The envelope of every JSON export around its rows: what produced them, from which data. */
export async function jsonEnvelope<R>(
  db: UskDb,
  e: { kind: JsonExport<R>['kind']; rules: EffectiveRules; asOf: DataAsOf; selection: ExportSelection; suppression: z.infer<typeof ExportSuppression> | null },
  rows: readonly R[],
): Promise<JsonExport<R>> {
  const { rules } = e;
  return {
    kind: e.kind,
    ruleSet: {
      id: rules.ruleSet.id, version: rules.ruleSet.version, name: rules.ruleSet.name, label: rules.label,
      params: rules.params, overrides: rules.overrides,
    },
    asOf: e.asOf,
    dataVersion: await dataVersion(db),
    selection: e.selection,
    suppression: e.suppression,
    rows,
  };
}
