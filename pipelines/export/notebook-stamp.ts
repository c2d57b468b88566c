/**
 * The built notebooks' provenance: which database (its id), at which data version, their snapshot
 * was taken from. `npm run notebooks` (notebooks/build.ts) writes it beside the pages; the server
 * reads it before it serves them (server/notebooks.ts), so that notebooks built from the demo or
 * another database are never shown beside a database's own dashboard as if they were its figures.
 *
 * A dotfile: express.static does not serve it, so it is the server's to read, not a page's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SnapshotMeta } from './snapshot.ts';

export const NOTEBOOK_STAMP_FILE = '.usk-notatboker.json';

export const NotebookStamp = z.object({
  format: z.literal('usk-notebooks'),
  /** database_identity of the database the snapshot came from. */
  databaseId: z.string().min(1),
  /** Its latest batch id then. */
  dataVersion: z.number().int().min(0),
  /** The database file's name (no directory), for messages. */
  source: z.string(),
  /** The rule sets the snapshot's figures were computed under, id@version: a newer version changes them. */
  ruleSets: z.array(z.string()).default([]),
  snapshotCreatedAt: z.string(),
  builtAt: z.string(),
});
export type NotebookStamp = z.infer<typeof NotebookStamp>;

export function writeNotebookStamp(outDir: string, snapshot: Pick<SnapshotMeta, 'databaseId' | 'dataVersion' | 'source' | 'createdAt' | 'variants'>): NotebookStamp {
  const stamp: NotebookStamp = {
    format: 'usk-notebooks',
    databaseId: snapshot.databaseId,
    dataVersion: snapshot.dataVersion,
    source: snapshot.source,
    ruleSets: [...new Set(snapshot.variants.map((v) => v.ruleSet))].sort(),
    snapshotCreatedAt: snapshot.createdAt,
    builtAt: new Date().toISOString(),
  };
  writeFileSync(join(outDir, NOTEBOOK_STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

/** The stamp in `dir`, or null when there is none or it cannot be read (notebooks built before stamps existed). */
export function readNotebookStamp(dir: string): NotebookStamp | null {
  try {
    const parsed = NotebookStamp.safeParse(JSON.parse(readFileSync(join(dir, NOTEBOOK_STAMP_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
