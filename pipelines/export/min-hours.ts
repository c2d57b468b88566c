/**
 * The minHoursPerDay thresholds a snapshot compares (the method notebook), and the argument that
 * chooses them: apart from export/snapshot.ts so that the CLI can declare its option without
 * loading the snapshot writer (apache-arrow, the derivation) at every start.
 */
import { z } from 'zod';

/** minHoursPerDay values compared in the method notebook, on top of the default rule set. */
export const DEFAULT_MIN_HOURS = [4, 6, 8, 12] as const;

/**
 * --min-hours / ?minHours=: thresholds separated by commas, each 0–24 hours, none twice. An empty
 * part is refused, not read as 0 («4,,8», an empty ?minHours=), and so is a repeated one: each is a
 * reconciliation of its own in the snapshot.
 */
export const MinHoursList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()))
  // Each threshold is one more reconciliation: a few for the notebooks, not a list for a loop over HTTP.
  .pipe(z.array(z.string().regex(/^\d+(\.\d+)?$/, 'forventet et antall timer 0–24 (desimaler med punktum), kommaseparert: f.eks. 4,6,8')
    .transform(Number).pipe(z.number().max(24, 'forventet 0–24 timer')))
    .min(1, 'forventet minst én terskel').max(8, 'forventet høyst 8 terskler')
    .refine((hours) => new Set(hours).size === hours.length, 'forventet ulike terskler (en terskel er oppgitt to ganger)'));
