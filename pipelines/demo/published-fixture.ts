/**
 * The published figures as the tests read them: data/demo/published-figures.json, a transcription
 * of demo-data.md kept apart from the generator's own targets (targets.ts), so the tests check the
 * product against the source, not the generator against itself.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DEMO_DIR } from './ensure.ts';

const Four = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const Row = z.object({ kommune: z.string(), kommunenr: z.string().regex(/^\d{4}$/), registered: Four, invoiced2022: z.number().optional() });

export const PublishedFigures = z.object({
  years: z.tuple([z.literal(2019), z.literal(2020), z.literal(2021), z.literal(2022)]),
  somatikk: z.object({
    rows: z.array(Row),
    others: z.object({ registered: Four, invoiced2022: z.number() }),
    total: z.object({ registered: Four, invoiced2022: z.number() }),
  }),
  psykiatri: z.object({
    rows: z.array(Row),
    others: z.object({ registered: Four }),
    total: z.object({ registered: Four }),
    publishedTotalsWithError: Four,
  }),
  psykiatriAsRegistered2019: z.object({ kommunenr: z.string(), kommune: z.string(), registered: z.number() }),
  somatikk2023: z.array(z.object({ kommune: z.string(), kommunenr: z.string(), registered: z.number() })),
});
export type PublishedFigures = z.infer<typeof PublishedFigures>;

export function loadPublishedFigures(path = resolve(DEFAULT_DEMO_DIR, 'published-figures.json')): PublishedFigures {
  return PublishedFigures.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Registered days per (kommunenr, year) of one table: rows, "Andre kommuner" and the total. */
export interface TableFigures {
  named: Map<string, number[]>;
  others: number[];
  total: number[];
}

/**
 * Folds reconciliation rows (one per current municipality and year) into the published table's
 * shape: named rows, "Andre kommuner" = every municipality not named, and a computed total.
 */
export function foldToTable(rows: Array<{ kommunenr: string; periode: string; registrert: number }>, named: string[], years: readonly number[]): TableFigures {
  const out: TableFigures = { named: new Map(named.map((nr) => [nr, years.map(() => 0)])), others: years.map(() => 0), total: years.map(() => 0) };
  for (const r of rows) {
    const y = years.indexOf(Number(r.periode));
    if (y < 0) continue;
    const target = out.named.get(r.kommunenr) ?? out.others;
    target[y]! += r.registrert;
    out.total[y]! += r.registrert;
  }
  return out;
}
