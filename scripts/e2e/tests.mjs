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
];
