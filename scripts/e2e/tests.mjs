// The browser tests run by scripts/test-e2e.mjs. Each gets { page, base, out, tmp, errors }.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const VIEWS = ['oversikt', 'kommuner', 'avstemming', 'metode', 'kvalitet', 'last-opp', 'presentasjon'];

/** Opens a dashboard URL and waits until the view says it has drawn (body[data-ready]). */
export async function open(page, base, search = '') {
  await page.goto(`${base}/${search}`);
  await waitReady(page);
}
const waitReady = (page) => page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 30_000 });

async function api(base, path) {
  const res = await fetch(`${base}${path}`);
  assert.equal(res.status, 200, `${path} svarte ${res.status}`);
  return res.json();
}
const bridgeDays = (r, step) => r.bridge.find((s) => s.step === step)?.days;
const dataValue = async (page, selector) => Number(await page.locator(selector).first().getAttribute('data-value'));

export const tests = [
  ...VIEWS.map((v) => ({
    name: `visningen «${v}» lastes uten feil i konsollen`,
    run: async ({ page, base, out }) => {
      await open(page, base, v === 'oversikt' ? '' : `?vis=${v}`);
      assert.notEqual(await page.evaluate(() => document.body.dataset.ready), 'error', 'visningen viste en feilmelding');
      assert.equal(await page.locator('#demo-banner').isVisible(), true, 'demobanneret vises');
      await page.screenshot({ path: join(out, `${v}.png`), fullPage: true });
    },
  })),
  {
    name: 'Månedsoversikt: kortene er lik API-ets tall, og månedsvalget oppdaterer URL og tall',
    run: async ({ page, base }) => {
      await open(page, base);
      const month = await page.locator('select[name=maned]').inputValue();
      const check = async (m) => {
        const r = await api(base, `/api/reconciliation?by=period&from=${m}&to=${m}&fagomrade=alle`);
        for (const k of ['registrert', 'betalbar', 'fakturert']) assert.equal(await dataValue(page, `.card[data-measure=${k}]`), bridgeDays(r, k), `${k} ${m}`);
      };
      await check(month);
      await page.locator('select[name=maned]').selectOption('2022-12');
      await waitReady(page);
      assert.match(page.url(), /maned=2022-12/);
      await check('2022-12');
      assert.match(await page.locator('.sentences').innerText(), /desember 2022/);
    },
  },
  {
    name: 'Månedsoversikt: opphold, pasienter, USK nå og median USK-lengde er lik /api/month-facts, også etter fagområdevalg',
    run: async ({ page, base }) => {
      await open(page, base, '?maned=2022-12');
      const check = async (fag) => {
        const r = await api(base, `/api/month-facts?month=2022-12&fagomrade=${fag}`);
        for (const k of ['opphold', 'pasienter', 'usk_na', 'median_usk_dogn']) {
          assert.equal(await dataValue(page, `.card[data-fact=${k}]`), r.current[k], `${k} ${fag}`);
        }
        assert.ok(r.current.opphold > 0, 'demoen har opphold i desember 2022');
        assert.match(await page.locator('.card[data-fact=usk_na]').innerText(), /Mot november 2022/);
      };
      await check('alle');
      await page.locator('select[name=fagomrade]').selectOption('somatikk');
      await waitReady(page);
      await check('somatikk');
    },
  },
  {
    name: 'Kommuner: SSU-tabellen (somatikk 2019–2022) gir 16 017 registrerte og 11 079 fakturerte døgn i 2022, som API-et',
    run: async ({ page, base }) => {
      await open(page, base, '?vis=kommuner&fagomrade=somatikk&fra=2019-01&til=2022-12');
      const total = page.locator('[data-testid=ssu-table] tfoot tr').last();
      const cells = await total.locator('td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
      const r = await api(base, '/api/reconciliation?by=period&from=2022-01&to=2022-12&fagomrade=somatikk');
      assert.equal(Number(cells[3]), bridgeDays(r, 'registrert'));
      assert.equal(Number(cells[3]), 16017);
      assert.equal(Number(cells[4]), 11079);
      assert.match(await total.innerText(), /16\u00a0017/);
      assert.match(await page.locator('[data-testid=ssu-table]').innerText(), /Andre kommuner/);
    },
  },
  {
    name: 'Kommuner: fra/til-månedene oppdaterer URL og SSU-tabellen (lik API-ets)',
    run: async ({ page, base }) => {
      await open(page, base, '?vis=kommuner&fagomrade=somatikk');
      await page.locator('select[name=fra]').selectOption('2022-01');
      await waitReady(page);
      await page.locator('select[name=til]').selectOption('2022-12');
      await waitReady(page);
      assert.match(page.url(), /fra=2022-01/);
      assert.match(page.url(), /til=2022-12/);
      assert.equal(await page.locator('select[name=til]').inputValue(), '2022-12');
      const total = page.locator('[data-testid=ssu-table] tfoot tr').last();
      const cells = await total.locator('td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
      const r = await api(base, '/api/reconciliation?by=period&from=2022-01&to=2022-12&fagomrade=somatikk');
      assert.equal(Number(cells[0]), bridgeDays(r, 'registrert'));
      assert.equal(Number(cells[1]), bridgeDays(r, 'fakturert'));
      await page.locator('select[name=fra]').selectOption('');
      await waitReady(page);
      assert.doesNotMatch(page.url(), /fra=/);
    },
  },
  {
    name: 'Avstemming: broen er lik API-ets, og kommunevalget oppdaterer URL og tall',
    run: async ({ page, base }) => {
      await open(page, base, '?vis=avstemming&kommune=5501&fra=2022-01&til=2022-12');
      const first = () => dataValue(page, '[data-testid=bridge-table] tbody tr th + td');
      const tromso = await api(base, '/api/reconciliation?by=month&kommune=5501&from=2022-01&to=2022-12&fagomrade=alle');
      assert.equal(await first(), bridgeDays(tromso, 'registrert'));
      await page.locator('select[name=kommune]').selectOption('1806');
      await waitReady(page);
      assert.match(page.url(), /kommune=1806/);
      const narvik = await api(base, '/api/reconciliation?by=month&kommune=1806&from=2022-01&to=2022-12&fagomrade=alle');
      assert.equal(await first(), bridgeDays(narvik, 'registrert'));
      assert.ok((await page.locator('svg.strip').count()) > 0, 'oppholdsstriper vises');
    },
  },
  {
    name: 'Avstemming: XLSX-nedlastingen åpnes med exceljs og har sidens tall',
    run: async ({ page, base, tmp }) => {
      await open(page, base, '?vis=avstemming&kommune=1806&fra=2022-01&til=2022-12');
      const pageTotal = await dataValue(page, '[data-testid=bridge-table] tbody tr th + td');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=download-xlsx]').click()]);
      const file = join(tmp, 'avstemming.xlsx');
      await dl.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Sammendrag');
      assert.ok(ws, 'arket Sammendrag finnes');
      const header = ws.getRow(1).values;
      const col = header.findIndex((v) => v === 'Registrert');
      const periodCol = header.findIndex((v) => v === 'Periode');
      let sum = 0;
      ws.eachRow((row, i) => {
        const p = row.getCell(periodCol).value;
        if (i > 1 && typeof p === 'string' && /^\d{4}-\d{2}$/.test(p)) sum += Number(row.getCell(col).value);
      });
      assert.equal(sum, pageTotal);
    },
  },
  {
    name: 'Metode: timeterskelen oppdaterer URL og tall (lik API-ets)',
    run: async ({ page, base }) => {
      await open(page, base, '?vis=metode&fra=2022-01&til=2022-12');
      const before = await dataValue(page, '[data-testid=method-total]');
      await page.locator('input[name=timer]').fill('12');
      await page.waitForFunction(() => document.body.dataset.ready?.includes('timer=12'), null, { timeout: 10_000 });
      assert.match(page.url(), /timer=12/);
      const after = await dataValue(page, '[data-testid=method-total]');
      const r = await api(base, '/api/reconciliation?by=period&from=2022-01&to=2022-12&fagomrade=alle&minHours=12');
      assert.equal(after, bridgeDays(r, 'betalbar'));
      assert.ok(after < before, `færre betalbare døgn med terskel (${after} < ${before})`);
    },
  },
  {
    name: 'Metode: «Lagre regelsett» lagrer terskelen som nytt regelsett, som blir valgt i velgeren (lik API-ets)',
    run: async ({ page, base }) => {
      await open(page, base, '?vis=metode&fra=2022-01&til=2022-12');
      await page.locator('[data-testid=ruleset-form]').waitFor({ timeout: 10_000 });
      await page.locator('input[name=timer]').fill('6');
      await page.waitForFunction(() => document.body.dataset.ready?.includes('timer=6'), null, { timeout: 10_000 });
      const withOverride = await dataValue(page, '[data-testid=method-total]');
      await page.locator('input[name=regelsett-navn]').fill('Terskel 6 t (Tromsø)');
      await page.locator('[data-testid=ruleset-form] button[type=submit]').click();
      await page.waitForURL(/regelsett=terskel-6-t-tromso/, { timeout: 10_000 });
      await waitReady(page);
      assert.doesNotMatch(page.url(), /timer=/);
      assert.equal(await page.locator('select[name=regelsett]').inputValue(), 'terskel-6-t-tromso');
      assert.match(await page.locator('select[name=regelsett] option:checked').innerText(), /Terskel 6 t \(Tromsø\) \(v1\)/);
      const saved = (await api(base, '/api/rulesets')).ruleSets.find((r) => r.id === 'terskel-6-t-tromso');
      assert.equal(saved?.params.minHoursPerDay, 6);
      assert.equal(saved?.preset, false);
      const total = await dataValue(page, '[data-testid=method-total]');
      const r = await api(base, '/api/reconciliation?by=period&from=2022-01&to=2022-12&fagomrade=alle&rules=terskel-6-t-tromso');
      assert.equal(total, bridgeDays(r, 'betalbar'));
      assert.equal(total, withOverride, 'samme tall som med overstyringen');
    },
  },
];

import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';

tests.push(
  {
    name: 'Presentasjon: PPTX er en gyldig presentasjon med 5 lysbilder; piltaster blar',
    run: async ({ page, base, tmp }) => {
      await open(page, base, '?vis=presentasjon');
      await page.keyboard.press('ArrowRight');
      await page.waitForURL(/lysbilde=1/);
      await waitReady(page);
      assert.match(await page.locator('[data-testid=slide-count]').innerText(), /2 av 5/);
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-testid=export-pptx]').click()]);
      const file = join(tmp, 'deck.pptx');
      await dl.saveAs(file);
      const zip = await JSZip.loadAsync(readFileSync(file));
      const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
      assert.equal(slides.length, 5);
      assert.ok(zip.files['[Content_Types].xml'], 'har [Content_Types].xml');
      assert.ok(Object.keys(zip.files).some((f) => f.startsWith('ppt/media/')), 'diagrammer som bilder');
      assert.match(await zip.file('ppt/slides/slide3.xml').async('string'), /<a:tbl>/, 'SSU-tabellen er en ekte tabell');
    },
  },
  {
    name: 'Presentasjon: PNG-eksporten kan dekodes og har bildetekst',
    run: async ({ page, base, tmp }) => {
      await open(page, base, '?vis=presentasjon&lysbilde=1');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-png]').click()]);
      const file = join(tmp, 'chart.png');
      await dl.saveAs(file);
      const bytes = readFileSync(file);
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      const info = await page.evaluate(async (b64) => {
        const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
        const bmp = await createImageBitmap(blob);
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d');
        g.drawImage(bmp, 0, 0);
        const band = g.getImageData(0, bmp.height - 70, bmp.width / 2, 60).data;
        const title = g.getImageData(0, 0, bmp.width / 2, 70).data;
        const dark = (d) => { let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 120 && d[i + 1] < 120 && d[i + 2] < 120) n++; return n; };
        return { w: bmp.width, h: bmp.height, caption: dark(band), title: dark(title) };
      }, bytes.toString('base64'));
      assert.ok(info.w > 1000 && info.h > 500, `størrelse ${info.w}×${info.h}`);
      assert.ok(info.caption > 200, 'bildeteksten (kilde, regelsett, data per) er tegnet');
      assert.ok(info.title > 200, 'tittelen er tegnet');
    },
  },
  {
    name: 'Last opp: en god og en dårlig fil gjennom siden',
    run: async ({ page, base, tmp }) => {
      const lines = readFileSync(join(import.meta.dirname, '../../data/demo/faktura-2025.csv'), 'utf8').split(/\r?\n/);
      const good = join(tmp, 'faktura-utdrag.csv');
      writeFileSync(good, lines.slice(0, 8).join('\r\n') + '\r\n');
      const bad = join(tmp, 'feil.csv');
      writeFileSync(bad, 'foo;bar;baz\n1;2;3\n');
      await open(page, base, '?vis=last-opp');
      await page.locator('input[name=fil]').setInputFiles(good);
      const goodBox = page.locator('section.upload[data-file="faktura-utdrag.csv"]');
      assert.match(await goodBox.locator('[data-testid=preview-profile]').innerText(), /Profil: faktura/);
      await goodBox.getByRole('button', { name: 'Send til serveren' }).click();
      await goodBox.locator('[data-testid=upload-result]').waitFor({ timeout: 60_000 });
      assert.match(await goodBox.locator('[data-testid=upload-result]').innerText(), /Lest inn som batch \d+/);
      await page.locator('input[name=fil]').setInputFiles(bad);
      const badBox = page.locator('section.upload[data-file="feil.csv"]');
      assert.match(await badBox.locator('.missing').innerText(), /Mangler kolonner/);
      await badBox.getByRole('button', { name: 'Send til serveren' }).click();
      await badBox.locator('.status.error').waitFor({ timeout: 60_000 });
      assert.match(await badBox.locator('.status.error').innerText(), /ikke lest inn|feilet/);
    },
  },
);
