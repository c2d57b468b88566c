/**
 * Makes the demo available: generates data/demo if it is missing or was written by another
 * generator version, and loads it through ingestFiles (the code path of `usk ingest`) into a
 * database that has no batches yet. `npm start` (usk start) and `usk demo` call this.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type UskDb } from '../db/open.ts';
import type { IngestResult } from '../load/result.ts';
import { DEMO_SEED, generateDemo, GENERATOR_VERSION } from './generate.ts';
import { MANIFEST, Manifest } from './manifest.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DEMO_DIR = resolve(here, '../../data/demo');

export interface DemoFiles {
  dir: string;
  generated: boolean;
  /** Absolute paths in load order: DIPS, then HN-LIS month by month, then invoices. */
  files: string[];
  manifest: Manifest;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    return Manifest.parse(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')));
  } catch {
    return undefined;
  }
}

/** True when every file of the manifest is there, byte for byte. */
function intact(dir: string, m: Manifest, seed: string): boolean {
  if (m.generator !== GENERATOR_VERSION || m.seed !== seed) return false;
  return m.files.every((f) => {
    const path = join(dir, f.name);
    return existsSync(path) && createHash('sha256').update(readFileSync(path)).digest('hex') === f.sha256;
  });
}

export function ensureDemoFiles(dir: string = DEFAULT_DEMO_DIR, opts: { seed?: string; force?: boolean } = {}): DemoFiles {
  const seed = opts.seed ?? DEMO_SEED;
  const had = opts.force ? undefined : readManifest(dir);
  const reuse = had !== undefined && intact(dir, had, seed);
  const manifest = reuse ? had : generateDemo(dir, seed);
  return { dir, generated: !reuse, files: manifest.files.map((f) => join(dir, f.name)), manifest };
}

export interface EnsureDemoOptions {
  dir?: string;
  seed?: string;
  /** Progress lines for a terminal (Norwegian). */
  log?: (line: string) => void;
}

export interface EnsureDemoResult {
  generated: boolean;
  /** False when the database already had data: the demo never mixes into a user's own files. */
  ingested: boolean;
  results: IngestResult[];
}

/**
 * What the database holds already: nothing, only files of this demo (a re-run, or a load that was
 * interrupted), or anything else. The demo is never mixed into other data: a user's own files, or
 * a demo written by another generator version (its stays would be counted twice).
 */
export async function demoLoadState(db: UskDb, manifest?: Manifest): Promise<'empty' | 'demo' | 'other'> {
  const { loaded, other } = await batchesNotInDemo(db, manifest);
  return loaded === 0 ? 'empty' : other.length === 0 ? 'demo' : 'other';
}

/** How many batches the database holds, and those whose file is not in the manifest (by SHA-256), oldest first. */
export async function batchesNotInDemo(db: UskDb, manifest?: Manifest): Promise<{ loaded: number; other: Array<{ batch_id: number; file_name: string }> }> {
  const rows = await db.json<{ batch_id: number; file_name: string; sha256: string }>('SELECT batch_id, file_name, sha256 FROM batch ORDER BY batch_id');
  const demo = new Set(manifest?.files.map((f) => f.sha256) ?? []);
  return { loaded: rows.length, other: rows.filter((r) => !demo.has(r.sha256)).map(({ batch_id, file_name }) => ({ batch_id, file_name })) };
}

export async function ensureDemo(target: UskDb | string, opts: EnsureDemoOptions = {}): Promise<EnsureDemoResult> {
  const db = typeof target === 'string' ? await openDatabase(target) : target;
  try {
    if ((await demoLoadState(db)) !== 'empty') return { generated: false, ingested: false, results: [] };
    const demo = ensureDemoFiles(opts.dir, opts.seed ? { seed: opts.seed } : {});
    opts.log?.(demo.generated ? `Demodata generert i ${demo.dir} (${demo.files.length} filer)` : `Bruker demodata i ${demo.dir}`);
    opts.log?.('Leser inn demodata …');
    // Loaded when the demo is loaded: the readers (exceljs among them) are not needed to start the CLI.
    const { ingestFiles } = await import('../load/ingest.ts');
    const results = await ingestFiles(db, demo.files);
    return { generated: demo.generated, ingested: true, results };
  } finally {
    if (typeof target === 'string') db.close();
  }
}
