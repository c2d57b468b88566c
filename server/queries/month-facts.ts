/**
 * Small-number suppression for the month facts (the same rule as the reconciliation: a count with
 * 0 < value < minCount is null and named in `prikket`). The median is suppressed when fewer than
 * minCount periods ended; a change is null when either of its sides is.
 */
import { z } from 'zod';
import { FactChange, MonthFact, MonthFactKey, type MonthFacts } from '../../pipelines/query/contract.ts';

const COUNTS = ['opphold', 'pasienter', 'usk_na', 'avsluttede_perioder'] as const;
type Field = (typeof COUNTS)[number] | 'median_usk_dogn';

export const PublishedMonthFact = z.strictObject({
  month: z.string(),
  opphold: z.number().nullable(),
  pasienter: z.number().nullable(),
  usk_na: z.number().nullable(),
  median_usk_dogn: z.number().nullable(),
  avsluttede_perioder: z.number().nullable(),
  prikket: z.array(z.enum([...COUNTS, 'median_usk_dogn'])).describe('Tall som er prikket (under minste antall)'),
});
export type PublishedMonthFact = z.infer<typeof PublishedMonthFact>;

export const MonthFactsResponse = z.object({
  month: z.string(),
  fagomrade: z.string(),
  kommune: z.string().nullable(),
  asOf: z.string().nullable(),
  minCount: z.number(),
  current: PublishedMonthFact,
  previous: PublishedMonthFact,
  lastYear: PublishedMonthFact,
  changes: z.record(MonthFactKey, z.object({ previous: FactChange, lastYear: FactChange })),
});
export type MonthFactsResponse = z.infer<typeof MonthFactsResponse>;

const small = (v: number, min: number) => v !== 0 && Math.abs(v) < min;

export function publishFact(f: MonthFact, minCount: number): PublishedMonthFact {
  const prikket: Field[] = COUNTS.filter((c) => small(f[c], minCount));
  if (f.median_usk_dogn !== null && f.avsluttede_perioder < minCount) prikket.push('median_usk_dogn');
  const out: PublishedMonthFact = { ...f, prikket };
  for (const c of prikket) out[c] = null;
  return out;
}

export function publishMonthFacts(facts: MonthFacts, minCount: number): MonthFactsResponse {
  const current = publishFact(facts.current, minCount);
  const previous = publishFact(facts.previous, minCount);
  const lastYear = publishFact(facts.lastYear, minCount);
  const keep = (change: FactChange, key: MonthFactKey, other: PublishedMonthFact): FactChange =>
    current[key] === null || other[key] === null ? { diff: null, share: null, ...(change.reason ? { reason: change.reason } : {}) } : change;
  const changes = Object.fromEntries(MonthFactKey.options.map((k) => [k, {
    previous: keep(facts.changes[k].previous, k, previous),
    lastYear: keep(facts.changes[k].lastYear, k, lastYear),
  }])) as MonthFactsResponse['changes'];
  return { month: facts.month, fagomrade: facts.fagomrade, kommune: facts.kommune, asOf: facts.asOf, minCount, current, previous, lastYear, changes };
}
