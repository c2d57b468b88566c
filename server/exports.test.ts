/**
 * Exports over HTTP against `usk export` (runExport from the CLI) on the same database: identical
 * CSV and JSON, file names, publication suppression, CSV-injection neutralising, audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runExport, ExportArgs } from '../pipelines/cli/export.ts';
import { saveRuleSet } from '../pipelines/query/index.ts';
import { neutralise } from '../pipelines/export/csv-safety.ts';
import type { ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer } from './test-support.ts';

let server: ServerHandle;
let client: Client;
const expected: Record<string, string> = {};

beforeAll(async () => {
  const { dbPath } = await fixtureDatabase(async (db) => {
    const args = (format: string, extra: Record<string, string> = {}) => ExportArgs.parse({ db: db.path, format, from: '2022-01', to: '2022-12', ...extra });
    expected.csv = (await runExport(db, 'reconciliation', args('csv'))).content.toString();
    expected.json = (await runExport(db, 'reconciliation', args('json'))).content.toString();
    expected.staysCsv = (await runExport(db, 'stays', args('csv'))).content.toString();
    expected.kommuneCsv = (await runExport(db, 'reconciliation', args('csv', { kommune: '5501', by: 'year' }))).content.toString();
    // A rule set whose name is a formula: must not become one in a spreadsheet.
    await saveRuleSet(db, { id: 'farlig', name: '=HYPERLINK("http://x","klikk")', params: { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true } });
  });
  ({ server } = await startTestServer({ db: dbPath, demo: true }));
  client = new Client(server.url);
}, 60_000);
afterAll(async () => server?.close());

describe('exports over HTTP', () => {
  it('CSV is byte for byte what `usk export reconciliation --format csv` writes', async () => {
    const res = await client.fetch('/api/exports/reconciliation?format=csv&from=2022-01&to=2022-12');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('usk-avstemming_alle-kommuner_2022-01_2022-12_fakturagrunnlag-v1.csv');
    expect(await res.text()).toBe(expected.csv?.replace(/^\ufeff/, '')); // fetch's text() drops the BOM
    const k = await client.fetch('/api/exports/reconciliation?format=csv&from=2022-01&to=2022-12&kommune=5501&by=year');
    expect(await k.text()).toBe(expected.kommuneCsv?.replace(/^\ufeff/, ''));
    expect(k.headers.get('content-disposition')).toContain('usk-avstemming_5501_2022-01_2022-12_fakturagrunnlag-v1.csv');
    const som = await client.fetch('/api/exports/reconciliation?format=csv&from=2022-01&to=2022-12&kommune=5501&fagomrade=somatikk');
    expect(som.headers.get('content-disposition')).toContain('usk-avstemming_5501_somatikk_2022-01_2022-12_fakturagrunnlag-v1.csv');
  });

  it('keeps the BOM so Excel reads æøå', async () => {
    const res = await client.fetch('/api/exports/reconciliation?format=csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('JSON and the per-stay CSV match `usk export`', async () => {
    expect(await (await client.fetch('/api/exports/reconciliation?format=json&from=2022-01&to=2022-12')).text()).toBe(expected.json);
    const stays = await client.fetch('/api/exports/stays?format=csv&from=2022-01&to=2022-12');
    expect(stays.headers.get('content-disposition')).toContain('usk-opphold_alle-kommuner_2022-01_2022-12_fakturagrunnlag-v1.csv');
    expect(await stays.text()).toBe(expected.staysCsv?.replace(/^\ufeff/, ''));
  });

  it('XLSX opens and names the rule set', async () => {
    const res = await client.fetch('/api/exports/reconciliation?format=xlsx');
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammendrag', 'Opphold', 'Regelsett og data']);
  });

  it('"til publisering" suppresses small numbers (at least 5) and leaves out per-stay rows', async () => {
    const res = await client.fetch('/api/exports/reconciliation?format=json&by=period&publisering=true');
    expect(res.headers.get('content-disposition')).toContain('_publisering.json');
    const rows = (await res.json()) as (Record<string, number | null> & { prikket: string[] })[];
    for (const r of rows) for (const m of ['registrert', 'betalbar', 'fakturert', 'forste_dogn']) {
      const v = r[m];
      expect(v === null || v === 0 || Math.abs(v ?? 0) >= 5).toBe(true);
    }
    expect(rows.some((r) => r.prikket.length > 0)).toBe(true);
    const csv = await (await client.fetch('/api/exports/reconciliation?format=csv&by=period&publisering=true')).text();
    expect(csv.split('\r\n')[0]).toContain('Prikking');
    const xlsx = await client.fetch('/api/exports/reconciliation?format=xlsx&publisering=true');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Opphold')?.rowCount).toBe(1); // header only
    expect((await client.json('/api/exports/stays?publisering=true')).status).toBe(400);
    // Per-stay rows are never suppressed, so their file does not say they are.
    const staysCsv = await (await client.fetch('/api/exports/stays?format=csv&minCount=5')).text();
    expect(staysCsv.split('\r\n')[0]).not.toContain('Prikking');
  });

  it('neutralises CSV cells that begin with =, +, -, @', async () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('-2+3')).toBe("'-2+3");
    expect(neutralise('+47')).toBe("'+47");
    expect(neutralise('Tromsø')).toBe('Tromsø');
    const csv = await (await client.fetch('/api/exports/reconciliation?format=csv&rules=farlig')).text();
    expect(csv).not.toMatch(/(^|;)=HYPERLINK/m);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""klikk""), versjon 1"`);
  });

  it('audits every export with the file name and filters', async () => {
    const { body } = await client.json<{ entries: { action: string; target: string; filters: string }[] }>('/api/audit?action=export');
    expect(body.entries.map((e) => e.target)).toContain('usk-avstemming_5501_2022-01_2022-12_fakturagrunnlag-v1.csv');
  });
});
