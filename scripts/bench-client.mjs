// Client benchmark (issue 6): JavaScript shipped on first load (gzip), time to first chart on the
// demo, time from changing the hour threshold to updated figures. Starts its own demo server in a
// temp dir; writes its section of bench/RESULTS.md between the bench:client markers.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const repo = resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'usk-bench-client-'));
const port = await new Promise((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
const base = `http://127.0.0.1:${port}`;
const db = process.env.USK_BENCH_DB ?? join(tmp, 'usk.duckdb');
const server = spawn(process.execPath, [join(repo, 'bin/usk.js'), 'start', '--db', db, '--port', String(port)], { cwd: repo, stdio: 'ignore' });
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
try {
  for (let i = 0; i < 720 && !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const firstChart = [];
  let jsFiles = [];
  for (let run = 0; run < 5; run++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    const js = new Set();
    page.on('response', (r) => { if (r.url().endsWith('.js')) js.add(new URL(r.url()).pathname); });
    const t0 = Date.now();
    await page.goto(`${base}/`);
    await page.locator('svg.plot').first().waitFor();
    firstChart.push(Date.now() - t0);
    jsFiles = [...js];
    await ctx.close();
  }
  const gz = jsFiles.reduce((s, f) => s + gzipSync(readFileSync(join(repo, 'client/dist', f))).length, 0);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/?vis=metode&fra=2022-01&til=2022-12`);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined);
  const threshold = [];
  for (const h of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('input[name=timer]').fill(String(h));
    await page.waitForFunction((x) => document.body.dataset.ready?.includes(`timer=${x}`), h);
    threshold.push(await page.evaluate((s) => performance.now() - s, t0));
  }
  await browser.close();
  const section = `<!-- bench:client begin -->
## Client (dashboard), \`npm run bench:client\`

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}, headless Chromium 1280×720, server on localhost, ${process.env.USK_BENCH_DB ? `database ${process.env.USK_BENCH_DB}` : 'demo database'}.

| measure | result | target |
| --- | --- | --- |
| JavaScript on first load (gzip, ${jsFiles.length} files) | ${(gz / 1024).toFixed(0)} KB | < 350 KB |
| time to first chart, landing page (median of 5, cold browser context) | ${median(firstChart)} ms (${firstChart.join(', ')}) | < 1 500 ms |
| hour threshold change → updated figures (median of 10 distinct values, uncached) | ${median(threshold).toFixed(0)} ms (max ${Math.max(...threshold).toFixed(0)}) | < 300 ms |

Threshold timing includes the 60 ms input debounce and the server's recomputation; every value is new, so no HTTP cache helps.
<!-- bench:client end -->`;
  const file = join(repo, 'bench/RESULTS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:client begin -->[\s\S]*?<!-- bench:client end -->/;
  writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
  console.log(section);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(tmp, { recursive: true, force: true });
}
