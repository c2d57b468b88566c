/**
 * Exports over HTTP against `usk export` (runExport from the CLI) on the same database: identical
 * CSV and JSON, also suppressed (publisering, minCount), file names, CSV-injection neutralising, audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runExport, ExportArgs } from '../pipelines/cli/export.ts';
import { saveRuleSet } from '../pipelines/query/index.ts';
import { neutralise } from '../pipelines/export/csv-safety.ts';
import { collectSnapshot, fromTransfer } from '../pipelines/export/snapshot.ts';
import { databaseId } from '../pipelines/query/index.ts';
import type { ServerHandle } from './server.ts';
import { hash } from '@node-rs/argon2';
import { parseConfig } from './config.ts';
import { Client, fixtureDatabase, startTestServer, writeUsersFile } from './test-support.ts';

/** Rows of the «Sammendrag» sheet, header and Totalt included. */
async function summaryRows(xlsx: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb.getWorksheet('Sammendrag')?.rowCount ?? 0;
}

let server: ServerHandle;
let client: Client;
const expected: Record<string, string> = {};
let local: { id: string; files: Map<string, Uint8Array> };

beforeAll(async () => {
  const { dbPath } = await fixtureDatabase(async (db) => {
    const args = (format: string, extra: Record<string, string> = {}) => ExportArgs.parse({ db: db.path, format, from: '2022-01', to: '2022-12', ...extra });
    expected.csv = (await runExport(db, 'reconciliation', args('csv'))).content.toString();
    expected.json = (await runExport(db, 'reconciliation', args('json'))).content.toString();
    expected.staysCsv = (await runExport(db, 'stays', args('csv'))).content.toString();
    expected.kommuneCsv = (await runExport(db, 'reconciliation', args('csv', { kommune: '5501', by: 'year' }))).content.toString();
    // One municipality by month has a row for every month of the data, also through HTTP (decision 27).
    expected.kommuneMonths = (await runExport(db, 'reconciliation', args('csv', { kommune: '5501', by: 'month' }))).content.toString();
    expected.publishedCsv = (await runExport(db, 'reconciliation', ExportArgs.parse({ db: db.path, by: 'period', publisering: true }))).content.toString();
    expected.minCountJson = (await runExport(db, 'reconciliation', ExportArgs.parse({ db: db.path, format: 'json', by: 'year', minCount: '3' }))).content.toString();
    expected.staysXlsxSummary = String(await summaryRows((await runExport(db, 'stays', args('xlsx', { kommune: '5501' }))).content as Buffer));
    local = { id: await databaseId(db), files: (await collectSnapshot(db, { minHours: [6] })).files };
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

  it('one municipality by month, and the per-stay workbook\'s summary, are the files `usk export` writes', async () => {
    const months = await client.fetch('/api/exports/reconciliation?format=csv&from=2022-01&to=2022-12&kommune=5501&by=month');
    const text = await months.text();
    expect(text).toBe(expected.kommuneMonths?.replace(/^\ufeff/, ''));
    // The fixture's data run March–April 2022; Tromsø has no days in April: a row of zeros, not a gap.
    expect(text.split('\r\n').filter((l) => /;2022-\d\d;/.test(l)).map((l) => l.split(';').slice(3, 5).join(';'))).toEqual(['2022-03;15', '2022-04;0']);
    const stays = await client.fetch('/api/exports/stays?format=xlsx&from=2022-01&to=2022-12&kommune=5501');
    const summary = await summaryRows(Buffer.from(await stays.arrayBuffer()));
    expect(summary).toBeGreaterThan(1);
    expect(String(summary)).toBe(expected.staysXlsxSummary);
  });

  it('names the grouping, any override of the rule set and the months covered in the file name', async () => {
    const name = async (query: string) => (await client.fetch(`/api/exports/reconciliation?format=json&kommune=5501&${query}`)).headers.get('content-disposition') ?? '';
    // Without an end month the export stops at the last complete month (the fixture's April 2022), and says so.
    expect(await name('group=registered')).toContain('usk-avstemming_5501_start_2022-04_som-registrert_fakturagrunnlag-v1.json');
    expect(await name('minHours=10')).toContain('usk-avstemming_5501_start_2022-04_fakturagrunnlag-v1-tilpasset.json');
    expect(await name('group=current')).toContain('usk-avstemming_5501_start_2022-04_fakturagrunnlag-v1.json');
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
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammendrag', 'Opphold', 'Fakturalinjer', 'Avviste rader', 'Regelsett og data', 'Kolonner']);
  });

  it('"til publisering" suppresses small numbers (at least 5) and leaves out per-stay rows', async () => {
    const res = await client.fetch('/api/exports/reconciliation?format=json&by=period&publisering=true');
    expect(res.headers.get('content-disposition')).toContain('_publisering.json');
    const file = (await res.json()) as { suppression: { minCount: number }; rows: (Record<string, number | null> & { prikket: string[] })[] };
    expect(file.suppression.minCount).toBe(5);
    const rows = file.rows;
    for (const r of rows) for (const m of ['registrert', 'betalbar', 'fakturert', 'forste_dogn']) {
      const v = r[m];
      expect(v === null || v === 0 || Math.abs(v ?? 0) >= 5).toBe(true);
    }
    expect(rows.some((r) => r.prikket.length > 0)).toBe(true);
    const csv = await (await client.fetch('/api/exports/reconciliation?format=csv&by=period&publisering=true')).text();
    expect(csv.split('\r\n')[0]).toContain('Prikking');
    // Nor the count of rows not loaded, which is not suppressed (the workbook leaves out their sheet below).
    expect(csv.split('\r\n')[0]).not.toContain('Avviste rader');
    expect((await (await client.fetch('/api/exports/reconciliation?format=csv&by=period')).text()).split('\r\n')[0]).toContain('Avviste rader');
    // `usk export reconciliation --publisering` (and --min-count) runs the same suppression: the same file.
    expect(csv).toBe(expected.publishedCsv?.replace(/^\ufeff/, ''));
    expect(await (await client.fetch('/api/exports/reconciliation?format=json&by=year&minCount=3')).text()).toBe(expected.minCountJson);
    const xlsx = await client.fetch('/api/exports/reconciliation?format=xlsx&publisering=true');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Opphold')?.rowCount).toBe(1); // header only
    // Nor its invoice lines or rejected values: per stay and per value.
    expect(wb.getWorksheet('Fakturalinjer')).toBeUndefined();
    expect(wb.getWorksheet('Avviste rader')).toBeUndefined();
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
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await client.fetch('/api/exports/reconciliation?format=xlsx&rules=farlig')).arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Regelsett og data')?.getRow(2).values).toEqual([undefined, 'Regelsett', `'=HYPERLINK("http://x","klikk"), versjon 1`]);
  });

  it('the notebooks\' snapshot is the one `usk export snapshot` writes, with the database\'s id and data version', async () => {
    const res = await client.fetch('/api/exports/snapshot?minHours=6');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { meta, files } = fromTransfer(await res.json());
    expect(meta).toMatchObject({ databaseId: local.id, dataVersion: 3, source: 'usk.duckdb' });
    expect(meta.variants.map((v) => v.id)).toContain('fakturagrunnlag-min6');
    expect([...files.keys()].sort()).toEqual([...local.files.keys()].sort());
    for (const [name, content] of local.files) if (name !== 'snapshot.json') expect(Buffer.from(files.get(name)!).equals(Buffer.from(content)), name).toBe(true);
    expect((await client.json('/api/exports/snapshot?minHours=30')).status).toBe(400);
    // An empty threshold was read as 0, and a repeated one was computed twice.
    for (const q of ['minHours=', 'minHours=4,,8', 'minHours=4,4', 'minHours=-1']) expect((await client.json(`/api/exports/snapshot?${q}`)).status, q).toBe(400);
  });

  it('audits every export with the file name and filters', async () => {
    const { body } = await client.json<{ entries: { action: string; target: string; filters: string }[] }>('/api/audit?action=export');
    expect(body.entries.map((e) => e.target)).toContain('usk-avstemming_5501_2022-01_2022-12_fakturagrunnlag-v1.csv');
    expect(body.entries.map((e) => e.target)).toContain('øyeblikksbilde');
    // A workbook's entry says what left beside the summary: its per-stay, invoice-line and rejected-value rows.
    const workbook = body.entries.find((e) => e.target.endsWith('.xlsx') && !e.target.includes('publisering'));
    expect(JSON.parse(workbook!.filters)).toMatchObject({ sheets: { opphold: expect.any(Number), fakturalinjer: expect.any(Number), avvisteVerdier: expect.any(Number) } });
  });
});

describe('exports "til publisering" where the publication minimum is 0', () => {
  let prod: ServerHandle;
  let analyst: Client;
  beforeAll(async () => {
    const fx = await fixtureDatabase();
    const usersFile = writeUsersFile(fx.dir, [{ username: 'ada', role: 'analytiker', passwordHash: await hash('ada-passord-123') }]);
    const config = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), cookieSecure: false, publicationMinCount: 0 }, fx.dir);
    ({ server: prod } = await startTestServer({ db: fx.dbPath, config, warmCache: false }));
    analyst = new Client(prod.url);
    await analyst.session();
    const res = await analyst.send('POST', '/api/auth/login', { username: 'ada', password: 'ada-passord-123' });
    expect(res.status).toBe(200);
    analyst.csrf = (res.body as { csrfToken: string }).csrfToken;
  }, 60_000);
  afterAll(async () => prod?.close());

  it('still leaves out the per-stay sheet, and says nothing was suppressed', async () => {
    const res = await analyst.fetch('/api/exports/reconciliation?format=xlsx&publisering=true');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('_publisering.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Opphold')?.rowCount).toBe(1); // header only
    const about = new Map<string, unknown>();
    wb.getWorksheet('Regelsett og data')!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(about.get('Prikking')).toBe('ingen tall er prikket (minste antall 0)');
  });
});
