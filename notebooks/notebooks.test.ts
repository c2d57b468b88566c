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
import { readNotebookStamp } from '../pipelines/export/notebook-stamp.ts';
import { databaseId } from '../pipelines/query/index.ts';
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
let dbId = '';
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
    dbId = await databaseId(db);
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
    expect(assets.some((f) => /^avviste-.*\.json$/.test(f))).toBe(true);
    // The stamp the server checks: this database, at its data version (one batch per demo file).
    expect(readNotebookStamp(outDir)).toMatchObject({ databaseId: dbId, source: 'usk.duckdb', dataVersion: expect.any(Number) });
    expect(readNotebookStamp(outDir)!.dataVersion).toBeGreaterThan(80);
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
  type Page = import('playwright-core').Page;
  /** Cells of a table by row: text and the classes of the element inside (e.g. usk-naermest). */
  const cellsOf = (page: Page, selector: string) =>
    page.evaluate((sel) => [...document.querySelectorAll(`${sel} tr`)].map((tr) => [...tr.children].map((td) => ({
      text: (td as HTMLElement).innerText.replace(/[\u00a0\u202f\u2009]/g, ' ').trim(),
      marked: td.querySelector('.usk-naermest') !== null,
    }))), selector);
  /** nb-NO number as shown ("12 221,1", "−5") → number. */
  const num = (t: string) => Number(t.replace(/ /g, '').replace('−', '-').replace(',', '.'));

  const pages: { path: string; ready: string; figures: string[]; check?: (page: Page) => Promise<void> }[] = [
    {
      path: 'ssu-2023', ready: '#kontroll-oppsummering', figures: ['16 017', '11 079', '3 023', '2 457', '3 036', '3 066', '+72,2 %', '51,1 %', '5 042', '+43 døgn (+1,4 %)', 'fra usk.duckdb, dataversjon '],
      check: async (page) => {
        // The totals rows are checked against the published totals too, not only the rows.
        for (const id of ['#tabell-somatikk', '#tabell-psykiatri']) {
          expect(plain(await page.locator(`${id} tfoot`).innerText()), `${id} totals`).toContain('✓ stemmer');
        }
        // "domain.md" is text, not an autolink to http://domain.md.
        expect(plain(await page.evaluate(() => document.body.innerText))).toContain('domain.md');
      },
    },
    {
      path: 'manedsrapport', ready: '#tabell-hittil', figures: ['desember 2024', 'Fakturagrunnlag (UNN-praksis)', 'Tallene her er ikke prikket', 'fra usk.duckdb, dataversjon ', 'Blå: registrerte døgn. Grønn: betalbare døgn etter regelsettet. Oransje: fakturerte døgn'],
      check: async (page) => {
        // It does not claim it may be sent as it stands; it links to the suppressed publication export of the month shown.
        expect(plain(await page.evaluate(() => document.body.innerText))).not.toContain('slik den står:');
        const href = await page.locator('#lenke-publisering').getAttribute('href');
        expect(href).toBe('/api/exports/reconciliation?by=month&from=2024-12&to=2024-12&format=xlsx&publisering=true');
        const download = await fetch(`${server!.url}${href}`);
        expect(download.status).toBe(200);
        expect(download.headers.get('content-disposition')).toContain('_publisering.xlsx');
        expect(await page.locator('#ingen-avviste').innerText()).toBe('Ingen avviste rader gjelder denne måneden.');
        // The selector marks the incomplete last month (DIPS/HN-LIS as-of in January 2025), not the others.
        const options = (await page.locator('form select option').allInnerTexts()).map(plain);
        expect(options).toContain('januar 2025 (ufullstendig)');
        expect(options).toContain('desember 2024');
        expect(options.filter((o) => o.includes('(ufullstendig)'))).toEqual(['januar 2025 (ufullstendig)']);
        expect(await page.locator('form select').evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('desember 2024');
        // Hour-based days with one decimal (nb-NO).
        const boxes = await page.locator('.usk-nokkeltall > div').allInnerTexts();
        const hours = plain(boxes.find((b) => b.startsWith('Timebaserte døgn')) ?? '');
        expect(hours).toMatch(/^Timebaserte døgn\n\d{1,3}( \d{3})*,\d\n/);
        // The trend chart's tip: Norwegian month and figures, not field names or an ISO date.
        await page.locator('svg g[aria-label="dot"] circle').last().hover();
        const tip = plain(await page.locator('svg:has(g[aria-label="dot"]) g[aria-label="tip"]').textContent() ?? '').replace(/\u200b/g, ' ');
        expect(tip).toMatch(/desember 2024 .*: \d{1,3}( \d{3})* døgn/);
        expect(tip).not.toMatch(/mal|dogn|2024-12/);
        // Picking another month puts it in the address.
        await page.locator('form select').selectOption({ label: 'november 2024' });
        await page.waitForFunction(() => location.search === '?maned=2024-11');
        await page.waitForFunction(() => document.body.innerText.includes('november 2024 · Alle fagområder'));
      },
    },
    {
      // Findings by their Norwegian title, never a raw code such as kommunenr-utenfor-gyldighet. They are
      // listed under the month of the row they concern: January 2024, when the 55xx numbers came in.
      path: 'manedsrapport?maned=2024-01', ready: '#tabell-funn', figures: ['januar 2024 · Alle fagområder'],
      check: async (page) => {
        const findings = plain(await page.locator('#tabell-funn').innerText());
        expect(findings).toContain('Kommunenummer ikke gyldig i året');
        expect(findings).not.toMatch(/\b[a-z]+(-[a-z0-9]+)+\b/);
        expect(findings).not.toMatch(/\badvarsel\b/);
      },
    },
    {
      // Rows not loaded, by the month they concern: the demo's unknown municipality 2099 in DIPS and both
      // HN-LIS extracts that hold its events (data/demo/README.md, ukjent-kommunenr).
      path: 'manedsrapport?maned=2022-03', ready: '#tabell-avviste', figures: ['mars 2022 · Alle fagområder'],
      check: async (page) => {
        const rows = (await cellsOf(page, '#tabell-avviste')).map((r) => r.map((c) => c.text));
        expect(rows).toEqual([
          ['Fil', 'Kilde', 'Batch', 'Avviste rader'],
          ['dips-usk-2022.csv', 'DIPS: Utskrivningsklare pasienter', expect.stringMatching(/^\d+$/), '1'],
          ['hnlis-hendelser-2022-03.csv', 'Helse Nord LIS: hendelser', expect.stringMatching(/^\d+$/), '3'],
          ['hnlis-hendelser-2022-04.csv', 'Helse Nord LIS: hendelser', expect.stringMatching(/^\d+$/), '3'],
          ['Totalt', '', '', '7'],
        ]);
        expect(await page.locator('#avviste-uten-maned').count()).toBe(0);
      },
    },
    {
      // A date that does not exist (31.02.2022, umulig-dato) is counted in the month it names.
      path: 'manedsrapport?maned=2022-02', ready: '#tabell-avviste', figures: ['dips-usk-2022.csv'],
    },
    {
      // A month whose 13-month window holds one month: the trend's lines must not warn (z channel).
      path: 'manedsrapport?maned=2019-01', ready: '#tabell-hittil', figures: ['januar 2019 · Alle fagområder'],
      check: async (page) => {
        expect(await page.locator('#maned-merknad').count()).toBe(0);
        expect(new URL(page.url()).search).toBe('?maned=2019-01');
      },
    },
    ...['2030-13', 'tull'].map((value) => ({
      path: `manedsrapport?maned=${value}`, ready: '#tabell-hittil', figures: [`Måneden «${value}» finnes ikke i dataene; viser desember 2024.`, 'desember 2024 · Alle fagområder'],
      check: async (page: Page) => {
        await page.waitForFunction(() => location.search === '?maned=2024-12');
      },
    })),
    {
      path: 'manedsrapport?maned=2030-01', ready: '#tabell-hittil', figures: ['Måneden januar 2030 finnes ikke i dataene; viser desember 2024.'],
    },
    {
      path: 'metodevalg', ready: '#tabell-kommuner', figures: ['16 017', '11 079', 'DIPS-kalenderdøgn', 'Midnatter', 'Timebaserte døgn', 'fra usk.duckdb, dataversjon '],
      check: async (page) => {
        // Ties: every method at the smallest distance from the invoice is marked; none is credited alone.
        const rows = await cellsOf(page, '#tabell-kommuner');
        const header = rows[0]!.map((c) => c.text.replace(/\s+/g, ' '));
        const methods = header.slice(2, header.indexOf('Fakturert'));
        const alone = new Map(methods.map((m) => [m, 0]));
        const shared = new Map(methods.map((m) => [m, 0]));
        let ties = 0;
        let undecided = 0;
        for (const row of rows.slice(1, -1)) {
          const invoiced = num(row[2 + methods.length]!.text);
          const dist = methods.map((_, i) => Math.abs(num(row[2 + i]!.text) - invoiced));
          const min = Math.min(...dist);
          const best = methods.filter((_, i) => Math.abs(dist[i]! - min) < 1e-9);
          // A decimal (hour-based) figure shown rounded cannot decide a tie from the page alone.
          if (methods.some((m, i) => m === 'Timebaserte døgn' && Math.abs(dist[i]! - min) < 0.1)) { undecided++; continue; }
          const marked = methods.filter((_, i) => row[2 + i]!.marked);
          expect(marked, row[1]!.text).toEqual(best);
          const closest = row[3 + methods.length]!.text;
          if (best.length > 1) {
            ties++;
            expect(closest, row[1]!.text).toBe(`Likt: ${best.length} tellemåter`);
            for (const m of best) shared.set(m, shared.get(m)! + 1);
          } else {
            expect(closest, row[1]!.text).toBe(best[0]);
            alone.set(best[0]!, alone.get(best[0]!)! + 1);
          }
        }
        expect(ties, 'the demo has municipalities where methods tie').toBeGreaterThan(0);
        const summary = await cellsOf(page, '#tabell-metoder');
        const col = (label: string) => summary[0]!.findIndex((c) => c.text.replace(/\s+/g, ' ') === label);
        const [aloneCol, sharedCol] = [col('Alene nærmest i antall kommuner'), col('Delt nærmest (likt) i antall kommuner')];
        expect(aloneCol).toBeGreaterThan(0);
        expect(sharedCol).toBeGreaterThan(0);
        for (const row of undecided ? [] : summary.slice(1)) {
          const m = row[0]!.text;
          expect(num(row[aloneCol]!.text), `${m} alone`).toBe(alone.get(m));
          expect(num(row[sharedCol]!.text), `${m} shared`).toBe(shared.get(m));
        }
        expect(plain(await page.evaluate(() => document.body.innerText))).toContain('står flere tellemåter likt nærmest fakturert');
        // A year the data do not cover to its end is marked (the demo's extracts end 5 January 2025); 2022 is whole.
        const years = await page.locator('select').first().locator('option').allInnerTexts();
        expect(years.filter((y) => y.includes('ufullstendig'))).toEqual(['2025 (ufullstendig)']);
        expect(plain(await page.evaluate(() => document.body.innerText))).not.toContain('er ikke komplett');
      },
    },
    // The command as typed: the markdown's typographer would make a bare " -- " an en dash.
    { path: '', ready: 'a[href="./ssu-2023.html"]', figures: ['Data per', 'fra usk.duckdb, dataversjon ', 'npm run notebooks -- --db DATABASEFIL'] },
  ];

  it('loads every page with no console error, no failed or foreign request, and shows the figures', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium mangler (${CHROMIUM}): installer den (apt-get install chromium; CI gjør det i test:e2e) eller sett USK_CHROMIUM til en annen sti.`);
    }
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'usk-notebooks-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
    const origin = new URL(server!.url).origin;
    try {
      for (const p of pages) {
        const name = p.path || 'index';
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
        expect({ page: name, problems, cellErrors }).toEqual({ page: name, problems: [], cellErrors: [] });
        for (const figure of p.figures) expect(text, `${name}: ${figure}`).toContain(figure);
        if (p.path === 'ssu-2023') {
          expect(text).toContain('alle publiserte tall i sak 04/23 og 10/23 stemmer med databasen');
          expect(text).not.toContain('✗');
        }
        // Links stay on the server (no markdown autolink such as http://domain.md).
        expect(await page.evaluate(() => [...document.querySelectorAll('a[href^="http"]')].map((a) => a.getAttribute('href'))), name).toEqual([]);
        // No chart label outside its chart (margins wide enough for the municipality names).
        const clipped = await page.evaluate(() => [...document.querySelectorAll('svg')].flatMap((svg) => [...svg.querySelectorAll('text')]
          .filter((t) => {
            const [r, b] = [svg.getBoundingClientRect(), t.getBoundingClientRect()];
            return b.width > 0 && (b.left < r.left - 0.5 || b.right > r.right + 0.5 || b.top < r.top - 0.5 || b.bottom > r.bottom + 0.5);
          })
          .map((t) => t.textContent)));
        expect(clipped, `${name}: chart labels cut off`).toEqual([]);
        // Tables fit the page on screen and on A4 (print stylesheet; 190 mm ≈ 718 px wide).
        const tooWide = () => page.evaluate(() => [...document.querySelectorAll('table.usk-tabell, svg')]
          .filter((t) => t.getBoundingClientRect().right > (t.closest('main') ?? document.documentElement).getBoundingClientRect().right + 1)
          .map((t) => `${t.tagName} ${t.id}`));
        expect(await tooWide(), `${name}: too wide on screen`).toEqual([]);
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 718, height: 1000 });
        expect(await tooWide(), `${name}: too wide on A4`).toEqual([]);
        await page.emulateMedia({ media: 'screen' });
        await page.setViewportSize({ width: 1280, height: 900 });
        await p.check?.(page);
        expect({ page: name, problems }).toEqual({ page: name, problems: [] });
        await page.close();
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 240_000);
});
