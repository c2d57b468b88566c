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
 * Which database: --db PATH; without it data/usk.duckdb (the default database of every `usk`
 * command and of `npm start`), said so in the log, with the other databases in data/ named. Never
 * the demo in its place: a build that falls back to other data quietly gives notebooks that are not
 * the user's. When a server owns the database, the snapshot comes through it
 * (GET /api/exports/snapshot), as `usk export` does. --demo builds from the demo loaded into a
 * temporary database (tests, a look at the notebooks); no server serves those, since they are not
 * from its database.
 *
 * The output gets a stamp with the snapshot's database id and data version
 * (pipelines/export/notebook-stamp.ts): `usk serve` serves the notebooks only beside the database
 * they were built from (server/notebooks.ts).
 *
 *   npm run notebooks -- --db data/unn/unn.duckdb   (root) → notebooks/dist, served by `usk serve --db data/unn/unn.duckdb` at /notebooks/
 *   tsx notebooks/build.ts [--db PATH] [--out DIR] [--demo]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { config as notebookConfig, observable } from '@observablehq/notebook-kit/vite';
import { openDatabase } from '../pipelines/db/open.ts';
import { ensureDemo } from '../pipelines/demo/ensure.ts';
import { writeSnapshot, type SnapshotMeta } from '../pipelines/export/snapshot.ts';
import { writeNotebookStamp } from '../pipelines/export/notebook-stamp.ts';
import { snapshotDatabase } from '../pipelines/cli/snapshot.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
export const NOTEBOOKS_SRC = join(here, 'src');
export const NOTEBOOKS_DIST = join(here, 'dist');
export const DEFAULT_DB = join(repo, 'data/usk.duckdb');

export interface BuildOptions {
  /** Database to snapshot; absent: data/usk.duckdb (defaultDb), never the demo in its place. */
  db?: string;
  /** Always use a temporary demo database. */
  demo?: boolean;
  outDir?: string;
  /** The database used without --db (tests point it elsewhere). */
  defaultDb?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  outDir: string;
  /** Where the data came from: the database path (relative to the working folder), or 'demo (midlertidig database)'. */
  source: string;
  /** The server the snapshot came through, when one owned the database. */
  via: string | null;
  snapshot: SnapshotMeta;
  pages: string[];
}

/** The build cannot go on; the message says why and what to do. */
export class NotebookBuildError extends Error {
  override readonly name = 'NotebookBuildError';
}

/** A path as the user can use it from here: relative inside the working folder, else absolute. */
const shown = (path: string) => {
  const r = relative(process.cwd(), path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : resolve(path);
};

/**
 * The other databases in the default database's folder and the folders in it (the README puts a
 * hospital's own in one of its own, data/unn/unn.duckdb), for a hint when none was named.
 */
function otherDatabases(defaultDb: string): string[] {
  const dir = dirname(defaultDb);
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isFile()) return e.name.endsWith('.duckdb') && e.name !== basename(defaultDb) ? [join(dir, e.name)] : [];
      if (!e.isDirectory()) return [];
      try {
        return readdirSync(join(dir, e.name)).filter((f) => f.endsWith('.duckdb')).map((f) => join(dir, e.name, f));
      } catch {
        return [];
      }
    }).map(shown);
  } catch {
    return [];
  }
}

/** Snapshot into `dataDir`; returns where the data came from. */
export async function snapshotFor(dataDir: string, opts: BuildOptions): Promise<{ source: string; via: string | null; snapshot: SnapshotMeta }> {
  const log = opts.log ?? (() => {});
  if (opts.demo) return demoSnapshot(dataDir, log);
  const defaultDb = opts.defaultDb ?? DEFAULT_DB;
  const db = opts.db ?? defaultDb;
  const others = opts.db ? [] : otherDatabases(defaultDb);
  const choose = others.length
    ? ` Andre databaser i ${shown(dirname(defaultDb))}/: ${others.join(', ')}; velg med --db, for eksempel npm run notebooks -- --db ${others[0]}.`
    : ' Velg databasen med --db, for eksempel npm run notebooks -- --db data/unn/unn.duckdb.';
  if (!existsSync(db)) {
    throw new NotebookBuildError(opts.db
      ? `Finner ingen database i ${db}.`
      : `Ingen database å bygge fra: ${shown(db)} finnes ikke.${choose} For demodataene: npm start (laster dem inn i data/usk.duckdb), deretter npm run notebooks.`);
  }
  if (!opts.db) log(`Ingen --db oppgitt: bygger fra ${shown(db)}.${others.length ? choose : ''}`);
  const { meta, via } = await snapshotDatabase(db, dataDir);
  if (via) log(`${shown(db)} eies av serveren på ${via}; øyeblikksbildet er hentet gjennom den.`);
  if (meta.dataVersion === 0) {
    throw new NotebookBuildError(`${shown(db)} har ingen innleste filer, så notatbøkene ville vært tomme.${opts.db ? '' : choose} Last inn filer med npx usk ingest --db ${shown(db)} …`);
  }
  return { source: shown(db), via, snapshot: meta };
}

/** The demo, loaded into a temporary database: its notebooks are served by no server (not its database). */
async function demoSnapshot(dataDir: string, log: (line: string) => void): Promise<{ source: string; via: null; snapshot: SnapshotMeta }> {
  log('Bygger fra demodataene i en midlertidig database. «usk serve» viser ikke disse notatbøkene (de er ikke fra serverens database); for demoen under «npm start»: npm run notebooks.');
  const tmp = mkdtempSync(join(tmpdir(), 'usk-notebooks-'));
  try {
    const dbPath = join(tmp, 'demo.duckdb');
    const db = await openDatabase(dbPath);
    try {
      await ensureDemo(db, { log });
      return { source: 'demo (midlertidig database)', via: null, snapshot: (await writeSnapshot(db, dataDir, { source: 'demo' })).meta };
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
    const { source, via, snapshot } = await snapshotFor(dataDir, opts);
    log(`Øyeblikksbilde fra ${source} (dataversjon ${snapshot.dataVersion}): ${snapshot.rows.year} årsrader, ${snapshot.rows.month} månedsrader`);
    const pages = await viteBuild(stage, outDir);
    // After the build (which empties outDir): the server checks it before serving the pages.
    writeNotebookStamp(outDir, snapshot);
    log(`Bygde ${pages.length} sider til ${outDir}`);
    return { outDir, source, via, snapshot, pages };
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
    (r) => console.log(
      `Notatbøker klare på ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.pages.join(', ')} (kilde: ${r.source}, dataversjon ${r.snapshot.dataVersion}). `
        + (values.demo ? 'Ingen server viser dem (de er ikke fra serverens database).' : `«usk serve --db ${r.source}» viser dem under /notebooks/ (bare den databasens server).`),
    ),
    (e: unknown) => {
      console.error(`notebooks: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
