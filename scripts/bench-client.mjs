// Client benchmark (issue 6): JavaScript shipped on first load (gzip), time to first chart and time
// from changing the hour threshold to updated figures, on the demo AND on the national-scale
// database, in one run; writes the bench:client section of bench/RESULTS.md (bench/results.ts).
//
// The demo is loaded into a temp dir. The national database is USK_BENCH_DB, default
// /tmp/usk-bench-client/bench.duckdb (its own copy: bench:api and bench:rules use theirs), built by
// bench:rules when absent (its RESULTS.md section is left as it was: that build is only for data).
// USK_BENCH_DEMO_ONLY=1 skips the national database.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM, ensureChromium } from './ensure-chromium.mjs';

const repo = resolve(import.meta.dirname, '..');
const RESULTS = join(repo, 'bench/RESULTS.md');
const NATIONAL = process.env.USK_BENCH_DB ?? '/tmp/usk-bench-client/bench.duckdb';
const RUNS = 5;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const ms = (n) => `${Math.round(n)}`;
const freePort = () => new Promise((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });

function ensureNational() {
  if (existsSync(NATIONAL)) return;
  console.log(`bench:client: ingen nasjonal database i ${NATIONAL}; bygger den med bench:rules (noen minutter) …`);
  const before = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : undefined;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/rules.bench.ts'], {
    cwd: repo, stdio: 'inherit', env: { ...process.env, BENCH_DIR: dirname(NATIONAL), BENCH_QUERIES: '1' },
  });
  if (before !== undefined) writeFileSync(RESULTS, before);
  if (r.status !== 0 || !existsSync(NATIONAL)) throw new Error('bench:rules klarte ikke å bygge databasen');
}

/** Starts `usk start` on a database (the demo is loaded into an empty one) and waits for /readyz. */
async function startServer(db) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const server = spawn(process.execPath, [join(repo, 'bin/usk.js'), 'start', '--db', db, '--port', String(port), '--synthetic-data'], { cwd: repo, stdio: 'ignore' });
  for (let i = 0; !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) {
    if (server.exitCode !== null) throw new Error(`serveren stoppet (kode ${server.exitCode})`);
    if (i > 2400) throw new Error('serveren ble ikke klar');
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  };
  return { base, stop, startMs: Date.now() - t0 };
}

/**
 * Loads the landing page RUNS times, each in a fresh browser context (no HTTP cache), and times
 * navigation start → the first chart's <svg> in the page. The first load starts as soon as the
 * server answers /readyz: the server warms its cache for the landing view after start
 * (server/http/warm.ts), and this load may find that warm-up still running (a committee member
 * who opens the dashboard right after a restart); the later loads are served from its cache.
 * Every /api request of each load is timed (Playwright's resource timing) to show what is slow.
 */
async function firstChart(browser, base) {
  const times = [];
  const loads = [];
  let jsFiles = [];
  for (let run = 0; run < RUNS; run++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    const js = new Set();
    const requests = [];
    page.on('response', (r) => { if (r.url().endsWith('.js')) js.add(new URL(r.url()).pathname); });
    page.on('requestfinished', (r) => {
      const u = new URL(r.url());
      if (!u.pathname.startsWith('/api/')) return;
      const t = r.timing();
      requests.push({ path: `${u.pathname}${u.search}`, start: t.startTime, end: t.startTime + t.responseEnd, wait: t.responseStart - t.requestStart, total: t.responseEnd });
    });
    const t0 = Date.now();
    const nav = await page.goto(`${base}/`).then((r) => r.request().timing().startTime);
    await page.locator('svg.plot').first().waitFor({ timeout: 120_000 });
    times.push(Date.now() - t0);
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 120_000 });
    loads.push({ ms: Date.now() - t0, requests: requests.map((q) => ({ ...q, start: q.start - nav, end: q.end - nav })) });
    jsFiles = [...js];
    await ctx.close();
  }
  return { times, loads, jsFiles };
}

/** Metode: a new hour threshold each time (nothing cached) → the figures redrawn (body[data-ready]). */
async function threshold(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/?vis=metode&fra=2022-01&til=2022-12`);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 120_000 });
  const out = [];
  const requests = [];
  page.on('requestfinished', (r) => {
    if (!/\/api\/reconciliation\?.*minHours=/.test(r.url())) return;
    requests.push(r.timing().responseEnd);
  });
  for (const h of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('input[name=timer]').fill(String(h));
    await page.waitForFunction((x) => document.body.dataset.ready?.includes(`timer=${x}`), h, { timeout: 120_000 });
    out.push(await page.evaluate((s) => performance.now() - s, t0));
  }
  await ctx.close();
  return { times: out, requests };
}

async function measure(browser, label, db) {
  const load = loadavg()[0];
  const server = await startServer(db);
  try {
    console.log(`bench:client: ${label}: server klar etter ${(server.startMs / 1000).toFixed(1)} s`);
    const fc = await firstChart(browser, server.base);
    const th = await threshold(browser, server.base);
    return { label, db, load, startMs: server.startMs, ...fc, threshold: th.times, thresholdRequests: th.requests };
  } finally {
    await server.stop();
  }
}

/** "reconciliation 412 ms, month-facts 380 ms (after meta 35 ms)": the API requests of one load. */
function requestLine(load) {
  const name = (p) => p.replace(/^\/api\//, '').replace(/\?.*/, '');
  return load.requests.sort((a, b) => a.start - b.start).map((q) => `${name(q.path)} ${ms(q.start)}→${ms(q.end)} ms`).join(', ');
}

ensureChromium();
execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
const demoOnly = process.env.USK_BENCH_DEMO_ONLY === '1';
if (!demoOnly) ensureNational();
const tmp = mkdtempSync(join(tmpdir(), 'usk-bench-client-'));
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const results = [];
try {
  results.push(await measure(browser, 'demo', join(tmp, 'usk.duckdb')));
  if (!demoOnly) results.push(await measure(browser, 'national', NATIONAL));
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}

const jsFiles = results[0].jsFiles;
const gz = jsFiles.reduce((s, f) => s + gzipSync(readFileSync(join(repo, 'client/dist', f))).length, 0);
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const dbText = (r) => (r.label === 'demo' ? 'demo (UNN 2019–2024, loaded fresh into a temp dir)' : `national scale (\`${r.db}\`, from bench:rules: 1.5 million stays 2015–2024)`);
const ok = (v, target) => (v < target ? '' : ' **(over target)**');
const rows = results.flatMap((r) => {
  const warm = r.times.slice(1);
  return [
    `| ${r.label} | time to first chart, first load as soon as the server answers /readyz (its cache warm-up may still run) | ${ms(r.times[0])} ms${ok(r.times[0], 1500)} | < 1 500 ms |`,
    `| ${r.label} | time to first chart, median of the next ${warm.length} (fresh browser context each) | ${ms(median(warm))} ms (${warm.map(ms).join(', ')})${ok(median(warm), 1500)} | < 1 500 ms |`,
    `| ${r.label} | hour threshold change → updated figures, median of 10 new values (max) | ${ms(median(r.threshold))} ms (max ${ms(Math.max(...r.threshold))})${ok(median(r.threshold), 300)} | < 300 ms |`,
    `| ${r.label} | … of which the /api/reconciliation request (browser's request start → last byte), median | ${r.thresholdRequests.length ? `${ms(median(r.thresholdRequests))} ms` : '–'} | |`,
  ];
});
const body = [
  '## Client (dashboard), `npm run bench:client`',
  '',
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; headless Chromium 1280×720, server (\`usk start\`) on localhost.`,
  `1-minute load average at the start of each part: ${results.map((r) => `${r.label} ${r.load.toFixed(2)}`).join(', ')}, at the end ${loadavg()[0].toFixed(2)} (the machine is shared; read the figures as orders of magnitude).`,
  `Databases: ${results.map((r) => `${r.label} = ${dbText(r)}`).join('; ')}.`,
  '',
  '| database | measure | result | target |',
  '| --- | --- | --- | --- |',
  `| both | JavaScript on first load (gzip, ${jsFiles.length} files) | ${(gz / 1024).toFixed(0)} KB | < 350 KB |`,
  ...rows,
  '',
  'Time to first chart: navigation start → the landing page\'s first chart in the DOM. API requests of the first (cold) load, from navigation start (ms):',
  '',
  ...results.map((r) => `- ${r.label}: ${requestLine(r.loads[0])}`),
  '',
  'and of the median warm load:',
  '',
  ...results.map((r) => {
    const warm = r.loads.slice(1);
    const mid = [...warm].sort((a, b) => a.ms - b.ms)[Math.floor(warm.length / 2)];
    return `- ${r.label}: ${requestLine(mid)}`;
  }),
  '',
  'Threshold timing: from filling the slider to the figures redrawn, the server\'s recomputation included (Metode, one year, all municipalities, one request at a time); every value is new, so no cache helps.',
];
const { writeResultsSection } = await tsImport('../bench/results.ts', import.meta.url);
writeResultsSection('client', body);
console.log(body.join('\n'));
