/**
 * /notebooks/: the notebooks `npm run notebooks` built (notebooks/dist), served only when they were
 * built from this server's own database.
 *
 * The build stamps them with the database id and data version of its snapshot
 * (pipelines/export/notebook-stamp.ts). Notebooks from another database — the demo, or another
 * hospital's — are refused with a page that says how to build them for this one, rather than
 * shown under a banner: the monthly report is printed and sent on, and a banner on the screen
 * does not stop figures that are not this database's from going out under its name. Notebooks from
 * this database at an older data version (files loaded since) are this database's figures as they
 * were, which is what a report of a given date is: they are served, with a banner that says so.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, RequestHandler } from 'express';
import { NOTEBOOK_STAMP_FILE, readNotebookStamp, type NotebookStamp } from '../pipelines/export/notebook-stamp.ts';
import { dataVersion, listRuleSets } from '../pipelines/query/index.ts';
import { shellQuoted } from '../pipelines/cli/open.ts';
import type { AppContext } from './context.ts';
import { hasRole } from './auth/roles.ts';

/** Where `npm run notebooks` puts the built notebooks (USK_NOTEBOOKS_DIR overrides it, for tests). */
export function notebooksDir(): string {
  return process.env.USK_NOTEBOOKS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../notebooks/dist');
}

/** Whether they are built (npm start builds only the dashboard). */
export function notebooksBuilt(): boolean {
  return existsSync(resolve(notebooksDir(), 'index.html'));
}

/**
 * Whether the built notebooks are this database's, so that the dashboard offers «Notatbøker»:
 * not before they are built, and not when they are another database's (the gate below refuses
 * those with 409).
 */
export function notebooksServable(databaseId: string): boolean {
  return notebooksBuilt() && readNotebookStamp(notebooksDir())?.databaseId === databaseId;
}

/**
 * What notebooksServable depends on, for /api/meta's cache key: a build while the server runs
 * changes it, so the dashboard's menu follows without a restart.
 */
export function notebooksState(): string {
  const dir = notebooksDir();
  let stamp = 0;
  try {
    stamp = statSync(resolve(dir, NOTEBOOK_STAMP_FILE)).mtimeMs;
  } catch {
    // no stamp: not servable
  }
  return `${notebooksBuilt()}:${stamp}`;
}

/** This server's database: its id, its latest batch id and each rule set's latest version now. */
export interface OwnDatabase {
  databaseId: string;
  dataVersion: number;
  ruleSets: Readonly<Record<string, number>>;
}

/** The stamp's rule sets (id@version) that have a newer version now: the figures under them have changed. */
export function changedRuleSets(stamp: NotebookStamp, own: OwnDatabase): string[] {
  return stamp.ruleSets.filter((ref) => {
    const [id = '', version] = ref.split('@');
    return own.ruleSets[id] !== undefined && own.ruleSets[id] !== Number(version);
  });
}

export type NotebookVerdict =
  | { serve: true; stamp: NotebookStamp; stale: boolean }
  | { serve: false; why: 'unstamped' | 'other-database'; stamp: NotebookStamp | null };

/** Whether built notebooks with this stamp may be served beside this database's dashboard. */
export function judgeNotebooks(stamp: NotebookStamp | null, own: OwnDatabase): NotebookVerdict {
  if (!stamp) return { serve: false, why: 'unstamped', stamp: null };
  if (stamp.databaseId !== own.databaseId) return { serve: false, why: 'other-database', stamp };
  return { serve: true, stamp, stale: stamp.dataVersion !== own.dataVersion || changedRuleSets(stamp, own).length > 0 };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const osloTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
};

/**
 * The command that builds the notebooks from this server's database (through the server while it
 * runs) into the folder it serves them from.
 */
export function rebuildCommand(dbPath: string): string {
  const out = process.env.USK_NOTEBOOKS_DIR ? ` --out ${shellQuoted(resolve(process.env.USK_NOTEBOOKS_DIR))}` : '';
  return `npm run notebooks -- --db ${shellQuoted(resolve(dbPath))}${out}`;
}

const page = (title: string, body: string) => `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${title} – USK-analyse</title></head>
<body><h1>${title}</h1>${body}<p><a href="/">Tilbake til dashbordet</a></p></body></html>`;

/**
 * Who reads the command that builds the notebooks: an admin runs it and sees it whole; anyone else
 * is told to ask one, since the command holds the server's own paths (where the database and its
 * key file lie), which are no business of an analytiker's browser.
 */
export type Reader = { admin: boolean };

const askAdmin = '<p>Be en administrator bygge dem fra databasen serveren bruker (kommandoen vises her for administratorer).</p>';

export const NOTEBOOKS_NOT_BUILT = (dbPath: string, reader: Reader) => page('Notatbøkene er ikke bygget ennå', reader.admin
  ? `<p>Kjør <code>${escapeHtml(rebuildCommand(dbPath))}</code> i prosjektmappen
(serveren kan kjøre imens: øyeblikksbildet hentes gjennom den), og last siden på nytt.
Notatbøkene (SSU 2023, månedsrapport, metodevalg) bygges fra de samme tallene som dashbordet.</p>`
  : `<p>Notatbøkene (SSU 2023, månedsrapport, metodevalg) bygges fra de samme tallene som dashbordet.</p>${askAdmin}`);

/** The refusal: which notebooks are there, why they are not shown, and the command that builds the right ones. */
export function refusalPage(verdict: Extract<NotebookVerdict, { serve: false }>, dbPath: string, reader: Reader): string {
  const own = escapeHtml(dbPath.split(/[\\/]/).pop() ?? dbPath);
  const what = verdict.why === 'unstamped'
    ? `<p>Notatbøkene som ligger klare, sier ikke hvilken database de er bygget fra (de er bygget med en eldre versjon av USK-analyse),
så serveren kan ikke vite om tallene i dem er fra databasen dashbordet viser (${own}). De vises derfor ikke.</p>`
    : `<p>Notatbøkene som ligger klare, er bygget fra en annen database (${escapeHtml(verdict.stamp!.source)}, øyeblikksbilde
${escapeHtml(osloTime(verdict.stamp!.snapshotCreatedAt))}, dataversjon ${verdict.stamp!.dataVersion}) enn den dashbordet viser (${own}),
for eksempel demodataene. Tallene i dem er ikke denne databasens, så de vises ikke her.</p>`;
  return page('Notatbøkene er ikke bygget fra denne databasen', `${what}${reader.admin
    ? `<p>Bygg dem fra denne databasen ved å kjøre dette i prosjektmappen på serveren (serveren kan kjøre imens: øyeblikksbildet hentes gjennom den),
og last siden på nytt:</p><pre><code>${escapeHtml(rebuildCommand(dbPath))}</code></pre>`
    : askAdmin}`);
}

/** The banner over each page of notebooks built from an earlier state of this database. */
export function staleBanner(stamp: NotebookStamp, own: OwnDatabase, dbPath: string, reader: Reader): string {
  return `<style>.usk-server-banner{background:#fff4e5;border-bottom:2px solid #b54708;color:#3b2300;font:15px/1.4 system-ui,sans-serif;padding:.6rem 1rem}.usk-server-banner code{font-size:13px}</style>
<div class="usk-server-banner" role="alert" id="usk-foreldet">Disse notatbøkene er bygget fra databasen slik den var ${escapeHtml(osloTime(stamp.snapshotCreatedAt))}
(dataversjon ${stamp.dataVersion}); ${changes(stamp, own)}, så tallene her er ikke dashbordets.
${reader.admin ? `Bygg dem på nytt: <code>${escapeHtml(rebuildCommand(dbPath))}</code>` : 'Be en administrator bygge dem på nytt.'}</div>`;
}

/** What has changed since the build: the data, rule sets with a newer version, or both. */
function changes(stamp: NotebookStamp, own: OwnDatabase): string {
  const parts: string[] = [];
  if (stamp.dataVersion !== own.dataVersion) parts.push(`den har endret seg siden (dataversjon ${own.dataVersion})`);
  const rules = changedRuleSets(stamp, own).map((ref) => {
    const id = ref.split('@')[0] ?? ref;
    return `${escapeHtml(ref)} → ${escapeHtml(id)}@${own.ruleSets[id]}`;
  });
  if (rules.length) parts.push(`regelsett har fått en ny versjon siden (${rules.join(', ')})`);
  return parts.join(', og ');
}

/**
 * The gate in front of express.static: refuses notebooks from another database (409, with the page
 * above) and puts the banner on pages of stale ones. The verdict is kept until the stamp file or the
 * server's data version changes, so a page's assets cost no query each.
 */
export function notebookGate(ctx: AppContext, dir: string): RequestHandler {
  let kept: { key: string; verdict: NotebookVerdict; own: OwnDatabase } | undefined;
  const verdictNow = async () => {
    let mtime = 0;
    try {
      mtime = statSync(resolve(dir, NOTEBOOK_STAMP_FILE)).mtimeMs;
    } catch {
      // no stamp: judged below
    }
    const key = `${mtime}|${ctx.version.current}`;
    if (kept?.key !== key) {
      const own = await ctx.pool.read(async (db) => ({
        databaseId: ctx.databaseId,
        dataVersion: await dataVersion(db),
        ruleSets: Object.fromEntries((await listRuleSets(db)).map((r) => [r.id, r.version])),
      }));
      kept = { key, verdict: judgeNotebooks(readNotebookStamp(dir), own), own };
    }
    return kept;
  };
  return async (req, res, next) => {
    const { verdict, own } = await verdictNow();
    const reader = readerOf(req);
    if (!verdict.serve) {
      res.status(409).type('html').send(refusalPage(verdict, ctx.pool.path, reader));
      return;
    }
    if (!verdict.stale || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const file = pageFile(dir, req.path);
    if (!file) return next();
    const html = readFileSync(file, 'utf8');
    res.type('html').send(html.replace(/<body[^>]*>/, (tag) => `${tag}\n${staleBanner(verdict.stamp, own, ctx.pool.path, reader)}`));
  };
}

/** The signed-in reader (the guard in app.ts has let only analytikere and admins through). */
export const readerOf = (req: Request): Reader => ({ admin: req.user !== undefined && hasRole(req.user, 'admin') });

/** The built page a path names, as express.static's `extensions: ['html']` resolves it; undefined for anything else. */
function pageFile(dir: string, path: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (name.endsWith('/')) name += 'index.html';
  else if (extname(name) === '') name += '.html';
  if (extname(name) !== '.html') return undefined;
  const file = resolve(dir, `.${name}`);
  if (!file.startsWith(resolve(dir) + sep) || !existsSync(file)) return undefined;
  return file;
}
