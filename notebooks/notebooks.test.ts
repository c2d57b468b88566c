/**
 * The notebooks end to end: a freshly loaded demo database → `usk export snapshot`'s code → the
 * Notebook Kit build (offline) → the real server's /notebooks/ mount (its CSP) → headless Chromium.
 * Checks the key figures in the built data and on the rendered pages, and that no page logs a
 * console error or warning, fails a request or reaches beyond the server.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../pipelines/db/open.ts';
import { ensureDemo } from '../pipelines/demo/ensure.ts';
import type { ServerHandle } from '../server/server.ts';
import { startTestServer } from '../server/test-support.ts';
// @ts-expect-error plain ESM helper without types (notebooks/ is outside the type-checked tree)
import { ensureNotebookDeps } from './install.mjs';

const CHROMIUM = process.env.USK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** nb-NO text with its no-break and thin spaces as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');

let dir = '';
let outDir = '';
let server: ServerHandle | undefined;
const previousDir = process.env.USK_NOTEBOOKS_DIR;

beforeAll(async () => {
  (ensureNotebookDeps as (log: (l: string) => void) => boolean)(() => {});
  dir = mkdtempSync(join(tmpdir(), 'usk-notebooks-test-'));
  const dbPath = join(dir, 'usk.duckdb');
  const db = await openDatabase(dbPath);
  try {
    const { ingested } = await ensureDemo(db);
    expect(ingested).toBe(true);
  } finally {
    db.close();
  }
  outDir = join(dir, 'dist');
  const { buildNotebooks } = (await import('./build.ts')) as typeof import('./build.ts');
  await buildNotebooks({ db: dbPath, outDir });
  process.env.USK_NOTEBOOKS_DIR = outDir;
  ({ server } = await startTestServer({ db: dbPath, demo: true, warmCache: false }));
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (previousDir === undefined) delete process.env.USK_NOTEBOOKS_DIR;
  else process.env.USK_NOTEBOOKS_DIR = previousDir;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('notebooks build', () => {
  it('writes every notebook and the snapshot data as bundled assets, with no CDN import left in use', () => {
    const files = readdirSync(outDir);
    for (const page of ['index.html', 'ssu-2023.html', 'manedsrapport.html', 'metodevalg.html']) expect(files).toContain(page);
    const assets = readdirSync(join(outDir, 'assets'));
    expect(assets.some((f) => /^avstemming-ar-.*\.arrow$/.test(f))).toBe(true);
    expect(assets.some((f) => /^snapshot-.*\.json$/.test(f))).toBe(true);
    // Pages load only their own bundles (no script or stylesheet from another host).
    for (const page of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(outDir, page), 'utf8');
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
      expect(html).toContain('lang="nb"');
    }
  });

  it('the bundled snapshot holds the committee figures: 16 017 registered, 11 079 invoiced, corrected psychiatry totals', () => {
    const assets = readdirSync(join(outDir, 'assets'));
    const file = assets.find((f) => f.startsWith('avstemming-ar-') && !f.startsWith('avstemming-ar-registrert-') && f.endsWith('.arrow'));
    expect(file).toBeDefined();
    const rows = tableFromIPC(readFileSync(join(outDir, 'assets', file!))).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    const total = (fag: string, year: string, key: string) =>
      rows.filter((r) => r.variant === 'fakturagrunnlag' && r.fagomrade === fag && r.periode === year).reduce((s, r) => s + (r[key] as number), 0);
    expect(total('somatikk', '2022', 'registrert')).toBe(16017);
    expect(total('somatikk', '2022', 'fakturert')).toBe(11079);
    expect(['2019', '2020', '2021', '2022'].map((y) => total('psykiatri', y, 'registrert'))).toEqual([3023, 2457, 3036, 3066]);
  });
});

describe('notebooks in Chromium through the server', () => {
  const pages: { path: string; ready: string; figures: string[] }[] = [
    { path: 'ssu-2023', ready: '#kontroll-oppsummering', figures: ['16 017', '11 079', '3 023', '2 457', '3 036', '3 066', '+72,2 %', '51,1 %', '5 042', '+43 døgn (+1,4 %)'] },
    { path: 'manedsrapport', ready: '#tabell-hittil', figures: ['desember 2024', 'Fakturagrunnlag (UNN-praksis)'] },
    { path: 'metodevalg', ready: '#tabell-kommuner', figures: ['16 017', '11 079', 'DIPS-kalenderdøgn', 'Midnatter', 'Timebaserte døgn'] },
    { path: '', ready: 'a[href="./ssu-2023.html"]', figures: ['Data per'] },
  ];

  it('loads every page with no console error, no failed or foreign request, and shows the figures', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium mangler (${CHROMIUM}): installer den (apt-get install chromium; CI gjør det i test:e2e) eller sett USK_CHROMIUM til en annen sti.`);
    }
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'usk-notebooks-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const origin = new URL(server!.url).origin;
    try {
      for (const p of pages) {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
        page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`foreign request: ${r.url()}`); });
        page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
        await page.goto(`${server!.url}/notebooks/${p.path}`, { waitUntil: 'networkidle' });
        await page.waitForSelector(p.ready, { timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        const text = plain(await page.evaluate(() => document.body.innerText));
        const cellErrors = await page.evaluate(() => [...document.querySelectorAll('.observablehq--error')].map((e) => e.textContent));
        expect({ page: p.path, problems, cellErrors }).toEqual({ page: p.path, problems: [], cellErrors: [] });
        for (const figure of p.figures) expect(text, `${p.path || 'index'}: ${figure}`).toContain(figure);
        if (p.path === 'ssu-2023') {
          expect(text).toContain('alle publiserte tall i sak 04/23 og 10/23 stemmer med databasen');
          expect(text).not.toContain('✗');
        }
        await page.close();
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
