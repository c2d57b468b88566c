// Browser tests (issue 6): playwright-core drives Debian's Chromium against a real server over a
// freshly loaded demo database in a temp dir. Prints "N passed, N failed"; exits 1 on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tests } from './e2e/tests.mjs';
import { OIDC_ACCOUNTS, OIDC_CLIENT, productionTests, writeProductionConfig } from './e2e/production.mjs';
import { startIdp } from './e2e/idp.mjs';
import { CHROMIUM, ensureChromium } from './ensure-chromium.mjs';

const repo = resolve(import.meta.dirname, '..');
const out = join(repo, 'test-output', 'e2e');

const freePort = () => new Promise((ok, fail) => {
  const s = createServer();
  s.once('error', fail);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

async function waitReady(url, child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`serveren stoppet (kode ${child.exitCode})`);
    try { if ((await fetch(`${url}/readyz`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('serveren ble ikke klar');
}

ensureChromium();
execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'usk-e2e-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server = spawn(process.execPath, [join(repo, 'bin/usk.js'), 'start', '--db', join(tmp, 'usk.duckdb'), '--port', String(port)], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr = (serverErr + d).slice(-4000); });

let passed = 0;
let failed = 0;
let browser;
let idp;
try {
  const started = Date.now();
  await waitReady(base, server, 180_000);
  console.log(`test:e2e: demo lastet og server klar på ${base} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], // playwright gives every launch a fresh temporary profile (its own --user-data-dir),
  });
  // USK_E2E_ONLY=<regex> runs only the tests whose name matches (while working on one of them).
  const only = process.env.USK_E2E_ONLY ? new RegExp(process.env.USK_E2E_ONLY, 'i') : null;
  /** One test in a fresh context; `ignoreConsole`: console errors the test expects (a 401 before sign-in). */
  const runAll = async (list, { base: at, contextOptions = {}, ignoreConsole = null }) => {
    for (const t of list.filter((x) => !only || only.test(x.name))) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nb-NO', ...contextOptions });
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error' && !ignoreConsole?.test(m.text())) errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      const t0 = Date.now();
      try {
        await t.run({ page, base: at, out, tmp, errors });
        if (errors.length) throw new Error(`feil i konsollen: ${errors.join(' | ')}`);
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${t.name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n      ')}`);
        await page.screenshot({ path: join(out, `FEIL-${t.name.replace(/[^\wæøå]+/gi, '-')}.png`) }).catch(() => {});
      }
      await context.close();
    }
  };
  await runAll(tests, { base, contextOptions: { acceptDownloads: true } });

  // Production mode (sign-in, roles) over the same database, once the demo server has let go of it.
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  const [prodPort, idpPort] = await Promise.all([freePort(), freePort()]);
  const prodBase = `http://127.0.0.1:${prodPort}`;
  idp = await startIdp({ port: idpPort, ...OIDC_CLIENT, redirectUri: `${prodBase}/api/auth/oidc/callback`, accounts: OIDC_ACCOUNTS });
  const config = await writeProductionConfig(tmp, { issuer: idp.issuer, base: prodBase });
  // No notebooks here, whether or not this checkout has built them: the menu test knows what to expect.
  const noNotebooks = join(tmp, 'no-notebooks');
  mkdirSync(noNotebooks, { recursive: true });
  server = spawn(process.execPath, [join(repo, 'bin/usk.js'), 'serve', '--db', join(tmp, 'usk.duckdb'), '--port', String(prodPort), '--config', config], {
    cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, USK_NOTEBOOKS_DIR: noNotebooks },
  });
  server.stderr.on('data', (d) => { serverErr = (serverErr + d).slice(-4000); });
  await waitReady(prodBase, server, 120_000);
  console.log(`test:e2e: produksjonsmodus klar på ${prodBase}`);
  // As behind the hospital's TLS proxy: the server then sets its __Host-, Secure cookie.
  await runAll(productionTests, { base: prodBase, contextOptions: { extraHTTPHeaders: { 'x-forwarded-proto': 'https' } }, ignoreConsole: /status of 40[13] /i });
} catch (e) {
  failed++;
  console.log(`test:e2e: ${e.message}\n${serverErr}`);
} finally {
  await browser?.close().catch(() => {});
  await idp?.close();
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
