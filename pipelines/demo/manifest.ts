/**
 * data/demo/manifest.json: which generator wrote the demo, with which seed, every file's SHA-256,
 * and the deliberate faults with their stay ids. Read back through zod, since the file sits on disk
 * where anything may have changed it.
 */
import { z } from 'zod';

export const MANIFEST = 'manifest.json';

export const FaultRecord = z.object({
  code: z.string(),
  stayId: z.string().nullable(),
  what: z.string(),
});
export type FaultRecord = z.infer<typeof FaultRecord>;

export const Manifest = z.object({
  generator: z.number().int(),
  seed: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  faults: z.array(FaultRecord),
});
export type Manifest = z.infer<typeof Manifest>;
