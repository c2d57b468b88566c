/**
 * Builds the notebooks (src/*.html, Observable Notebook Kit 2.1.8) into a static folder, offline:
 *
 *   1. copies src/ into a fresh staging folder inside notebooks/ (so node_modules resolve and two
 *      builds never share files),
 *   2. writes the snapshot (`usk export snapshot`'s code: pipelines/export/snapshot.ts) into
 *      <staging>/data/, which the notebooks read with FileAttachment("data/…"),
 *   3. runs Vite with Notebook Kit's plugin: every library is imported explicitly from
 *      notebooks/node_modules and bundled; no asset is inlined as a data: URL (the server's CSP
 *      allows only 'self' for fetch and fonts).
 *
 * Which database: --db PATH if given; else data/usk.duckdb if it exists and can be opened (no
 * running server holds it); else the demo, loaded into a temporary database with ensureDemo().
 * A running server is never disturbed.
 *
 *   npm run notebooks                      (root) → notebooks/dist, served by `usk serve` at /notebooks/
 *   tsx notebooks/build.ts [--db PATH] [--out DIR] [--demo]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { config as notebookConfig, observable } from '@observablehq/notebook-kit/vite';
import { openDatabase, type UskDb } from '../pipelines/db/open.ts';
import { ensureDemo } from '../pipelines/demo/ensure.ts';
import { writeSnapshot, type SnapshotMeta } from '../pipelines/export/snapshot.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
export const NOTEBOOKS_SRC = join(here, 'src');
export const NOTEBOOKS_DIST = join(here, 'dist');
export const DEFAULT_DB = join(repo, 'data/usk.duckdb');

export interface BuildOptions {
  /** Database to snapshot; absent: data/usk.duckdb if free, else a temporary demo database. */
  db?: string;
  /** Always use a temporary demo database. */
  demo?: boolean;
  outDir?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  outDir: string;
  /** Where the data came from: the database path, or 'demo (temporary database)'. */
  source: string;
  snapshot: SnapshotMeta;
  pages: string[];
}

async function tryOpen(path: string): Promise<UskDb | undefined> {
  try {
    return await openDatabase(path);
  } catch (e) {
    if (/lock/i.test(String((e as Error).message))) return undefined;
    throw e;
  }
}

/** Snapshot into `dataDir`; returns where the data came from. */
export async function snapshotFor(dataDir: string, opts: BuildOptions): Promise<{ source: string; snapshot: SnapshotMeta }> {
  const log = opts.log ?? (() => {});
  if (opts.db) {
    if (!existsSync(opts.db)) throw new Error(`Finner ingen database i ${opts.db}`);
    const db = await tryOpen(opts.db);
    if (!db) throw new Error(`Databasen ${opts.db} er i bruk av en annen prosess (typisk «usk serve»); stopp den eller bygg uten --db (demodata).`);
    try {
      return { source: opts.db, snapshot: (await writeSnapshot(db, dataDir)).meta };
    } finally {
      db.close();
    }
  }
  if (!opts.demo && existsSync(DEFAULT_DB)) {
    const db = await tryOpen(DEFAULT_DB);
    if (db) {
      try {
        const [row] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM batch');
        if ((row?.n ?? 0) > 0) return { source: DEFAULT_DB, snapshot: (await writeSnapshot(db, dataDir)).meta };
      } finally {
        db.close();
      }
      log(`${DEFAULT_DB} har ingen innleste filer; bruker demodata.`);
    } else {
      log(`${DEFAULT_DB} er i bruk (kjører «usk serve»?); bygger fra demodata i en midlertidig database.`);
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), 'usk-notebooks-'));
  try {
    const dbPath = join(tmp, 'demo.duckdb');
    const db = await openDatabase(dbPath);
    try {
      await ensureDemo(db, { log });
      return { source: 'demo (midlertidig database)', snapshot: (await writeSnapshot(db, dataDir, { source: 'demo' })).meta };
    } finally {
      db.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds already-staged notebooks (a folder with *.html and data/) into outDir with Vite. */
export async function viteBuild(stage: string, outDir: string): Promise<string[]> {
  const pages = readdirSync(stage).filter((f) => f.endsWith('.html'));
  const base = notebookConfig();
  await build({
    ...base,
    configFile: false,
    logLevel: 'warn',
    root: stage,
    base: './',
    resolve: {
      alias: [
        // Notebook Kit's own aliases, minus its `npm:` one (a CDN import at run time, and deprecated in Vite 8):
        // an `npm:` import now fails the build instead of breaking the page offline.
        ...(base.resolve?.alias as { find: RegExp | string; replacement: string; customResolver?: unknown }[])
          .filter((a) => !a.customResolver),
        // The one nb-NO formatter shared with the exports and the dashboard.
        { find: /^@usk\/format$/, replacement: join(repo, 'pipelines/format/index.ts') },
        // The words for categories, measures and care areas, as the dashboard and the exports have them.
        { find: /^@usk\/labels$/, replacement: join(repo, 'pipelines/export/columns.ts') },
        // Which months are complete (decision 23), as the dashboard and the API decide it.
        { find: /^@usk\/comparable$/, replacement: join(repo, 'pipelines/query/comparable.ts') },
        // The dashboard's colours for categories and measures (Okabe & Ito), so a notebook's chart matches its own.
        { find: /^@usk\/palette$/, replacement: join(repo, 'client/charts/palette.ts') },
        // The published SSU tables the ssu-2023 notebook checks (the same file the demo tests use).
        { find: /^@usk\/published-figures$/, replacement: join(repo, 'data/demo/published-figures.json') },
      ],
    },
    plugins: [observable({ template: join(here, 'template.html') })],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      cssMinify: true,
      // No data: URLs: the server's CSP allows fetch and fonts from 'self' only.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: pages.map((p) => join(stage, p)) },
    },
  });
  return pages;
}

export async function buildNotebooks(opts: BuildOptions = {}): Promise<BuildResult> {
  const log = opts.log ?? (() => {});
  const outDir = resolve(opts.outDir ?? NOTEBOOKS_DIST);
  const stage = mkdtempSync(join(here, '.stage-'));
  try {
    cpSync(NOTEBOOKS_SRC, stage, { recursive: true, filter: (src) => !src.includes(`${NOTEBOOKS_SRC}/data`) });
    const dataDir = join(stage, 'data');
    mkdirSync(dataDir, { recursive: true });
    const { source, snapshot } = await snapshotFor(dataDir, opts);
    log(`Øyeblikksbilde fra ${source}: ${snapshot.rows.year} årsrader, ${snapshot.rows.month} månedsrader`);
    const pages = await viteBuild(stage, outDir);
    log(`Bygde ${pages.length} sider til ${outDir}`);
    return { outDir, source, snapshot, pages };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, out: { type: 'string' }, demo: { type: 'boolean' } },
  });
  const started = Date.now();
  buildNotebooks({
    ...(values.db ? { db: values.db } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    ...(values.demo ? { demo: true } : {}),
    log: (line) => console.log(line),
  }).then(
    (r) => console.log(`Notatbøker klare på ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.pages.join(', ')} (kilde: ${r.source}). «usk serve» viser dem under /notebooks/.`),
    (e: unknown) => {
      console.error(`notebooks: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
