/**
 * The workbook's per-line sheets as CSV (and JSON) files of their own: a municipality's invoice
 * lines and its rows that were not loaded, over HTTP against `usk export invoices|rejects` on the
 * same database, with the workbook's protections: the analytiker's role, identifiers masked,
 * formula-safe cells, never in a publication, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import { hash } from '@node-rs/argon2';
import { ingestFiles } from '../pipelines/load/ingest.ts';
import { INVOICE_HEADER } from '../pipelines/load/fixtures.ts';
import { runExport, ExportArgs } from '../pipelines/cli/export.ts';
import { parseConfig } from './config.ts';
import type { ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer, writeUsersFile, writeUtf8 } from './test-support.ts';

let server: ServerHandle;
let analyst: Client;
let reader: Client;
const cli: Record<string, string> = {};

async function signedIn(username: string): Promise<Client> {
  const c = new Client(server.url);
  await c.session();
  const res = await c.send('POST', '/api/auth/login', { username, password: `${username}-passord-123` });
  expect(res.status).toBe(200);
  c.csrf = (res.body as { csrfToken: string }).csrfToken;
  return c;
}

// Valid (date and both control digits): in a file's name and where a stay id goes.
const IN_NAME = '21-07-28 02893';
const AS_STAY = '23103122473';
const FNR_DIGITS = [/21\D{0,3}07\D{0,3}28\D{0,3}02893/, /23\D{0,3}10\D{0,3}31\D{0,3}22473/];

beforeAll(async () => {
  const fx = await fixtureDatabase(async (db) => {
    // Beside the fixtures' one invoice line (F1, Tromsø, March 2022): a file with rows that are not loaded.
    const invoices = writeUtf8(dirname(db.path), `faktura mars ${IN_NAME}.csv`, [
      INVOICE_HEADER,
      'F2;31.03.2022;5401;Tromsø;A1;Somatikk;02.03.2022;04.03.2022;3;5306;15918;Faktura',
      // A date that does not exist: Tromsø received the line, but it was not loaded.
      'F3;31.03.2022;5401;Tromsø;A1;Somatikk;30.02.2022;01.03.2022;2;5306;10612;Faktura',
      // A count Excel would run as a formula.
      'F4;31.03.2022;5401;Tromsø;A2;Somatikk;05.03.2022;06.03.2022;=1+1;5306;10612;Faktura',
      `F5;31.03.2022;5401;Tromsø;${AS_STAY};Somatikk;07.03.2022;08.03.2022;2;5306;10612;Faktura`,
      // Harstad's (5402, now 5503): not in Tromsø's files.
      'F6;30.04.2022;5402;Harstad;B1;Somatikk;31.04.2022;02.04.2022;2;5306;10612;Faktura',
    ]);
    const [result] = await ingestFiles(db, [invoices]);
    expect([result?.status, result?.rowsRejected]).toEqual(['loaded', 4]);
    const args = (extra: Record<string, unknown> = {}) => ExportArgs.parse({ db: db.path, kommune: '5501', from: '2022-02', to: '2022-03', ...extra });
    cli.invoices = String((await runExport(db, 'invoices', args())).content);
    cli.rejects = String((await runExport(db, 'rejects', args())).content);
    cli.rejectsJson = String((await runExport(db, 'rejects', args({ format: 'json' }))).content);
    // `usk export invoices|rejects` has no --publisering; runExport, which the server's door shares, refuses it too.
    cli.published = await runExport(db, 'rejects', args({ publisering: true })).then(() => 'skrevet', (e: Error) => e.message);
    cli.xlsx = await runExport(db, 'invoices', args({ format: 'xlsx' })).then(() => 'skrevet', (e: Error) => e.message);
  });
  const usersFile = writeUsersFile(fx.dir, await Promise.all((['leser', 'analytiker'] as const).map(async (role) => ({ username: role, role, passwordHash: await hash(`${role}-passord-123`) }))));
  const config = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), cookieSecure: false }, fx.dir);
  ({ server } = await startTestServer({ db: fx.dbPath, config, warmCache: false }));
  analyst = await signedIn('analytiker');
  reader = await signedIn('leser');
}, 60_000);
afterAll(async () => server?.close());

const SELECTION = 'kommune=5501&from=2022-02&to=2022-03';

/** A CSV's rows as cells, unquoted (no cell here holds a line break), header first. */
const cells = (csv: string) => csv.split('\r\n').filter(Boolean)
  .map((line) => [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => m[1]!.replace(/^"(.*)"$/, '$1').replaceAll('""', '"')));

/** A sheet of the reconciliation's workbook for the same selection, its cells as text. */
async function workbookSheet(name: string): Promise<string[][]> {
  const res = await analyst.fetch(`/api/exports/reconciliation?format=xlsx&${SELECTION}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe("a municipality's invoice lines and rejected rows as CSV", () => {
  it('lists the invoice lines of the «Fakturalinjer» sheet, in the CSV for Norwegian Excel that `usk export invoices` writes', async () => {
    const res = await analyst.fetch(`/api/exports/invoices?${SELECTION}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toContain('usk-fakturalinjer_5501_2022-02_2022-03_fakturagrunnlag-v1.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toBe(cli.invoices);
    const [header, ...rows] = cells(csv.slice(1));
    expect(header!.slice(0, 16)).toEqual((await workbookSheet('Fakturalinjer'))[0]);
    expect(header!.slice(16)).toEqual(['Regelsett', 'Kommunegruppering', 'Utvalg', 'Data per', 'Dataversjon', 'Nasjonal døgnpris', 'Avviste rader']);
    // Dates dd.mm.yyyy, amounts with a decimal comma: what Norwegian Excel reads.
    expect(rows.map((r) => r.slice(0, 16))).toEqual([
      ['F1', '31.03.2022', '5501', 'Tromsø', 'A2', 'Ja', 'Somatikk', '2022-03', '12.03.2022', '19.03.2022', '8', '5306,00', '42448,00', 'Faktura', '5306,00', '0,00'],
      ['F2', '31.03.2022', '5501', 'Tromsø', 'A1', 'Ja', 'Somatikk', '2022-03', '02.03.2022', '04.03.2022', '3', '5306,00', '15918,00', 'Faktura', '5306,00', '0,00'],
    ]);
    const sheet = (await workbookSheet('Fakturalinjer')).slice(1).map((r) => r[0]).filter((n) => n !== 'Totalt');
    expect(rows.map((r) => r[0])).toEqual(sheet);
    expect(rows[0]![22]).toBe('3 avviste rader i utvalgets kommuner og måneder, listet i avstemmingens XLSX-fil (arket «Avviste rader»), i eksporten av avviste rader og i Datakvalitet');
    // Harstad's file has Harstad's lines only.
    expect(cells((await (await analyst.fetch('/api/exports/invoices?kommune=5503&from=2022-02&to=2022-04')).text()).slice(1)).slice(1)).toEqual([]);
  });

  it('lists the rows not loaded as the «Avviste rader» sheet does: identifiers masked, formula-safe, and no other municipality\'s', async () => {
    const res = await analyst.fetch(`/api/exports/rejects?${SELECTION}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('usk-avviste-rader_5501_2022-02_2022-03_fakturagrunnlag-v1.csv');
    const csv = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(csv).toBe(cli.rejects);
    for (const fnr of FNR_DIGITS) expect(csv).not.toMatch(fnr);
    const [header, ...rows] = cells(csv.slice(1));
    const sheet = await workbookSheet('Avviste rader');
    expect(header!.slice(0, 10)).toEqual(sheet[0]);
    // Periode, Kommunenr, Fil, Kilde, (Lest inn), Linje, Kolonne, Raden, Verdi: what the sheet shows, a formula neutralised as there.
    const shown = (r: string[]) => [...r.slice(0, 4), ...r.slice(5, 9)];
    expect(rows.map(shown)).toEqual(sheet.slice(1).map(shown));
    expect(rows.map((r) => [r[5], r[6], r[8]])).toEqual([['3', 'Fra dato', '30.02.2022'], ['4', 'Antall døgn', "'=1+1"], ['5', 'OppholdsID', '***********']]);
    expect(rows.map((r) => r[2])).toEqual(Array(3).fill('faktura mars ***********.csv'));
    expect(rows[2]![7]).toContain('OppholdsID: ***********');
    expect(rows.every((r) => r.every((c) => !/^[=+\-@]/.test(c)))).toBe(true);
    expect(rows[0]![16]).toBe('3 avviste rader i utvalgets kommuner og måneder, listet i denne filen');
    // JSON: the sheet's columns, nothing beside them (not the batch id).
    const json = JSON.parse(cli.rejectsJson!) as { kind: string; rows: Record<string, unknown>[] };
    expect(json.kind).toBe('rejects');
    expect(json.rows.map((r) => Object.keys(r))).toEqual(Array(3).fill(['periode', 'kommunenr', 'fil', 'profil', 'innlest', 'linje', 'kolonne', 'rad', 'verdi', 'grunn']));
    expect(await (await analyst.fetch(`/api/exports/rejects?format=json&${SELECTION}`)).text()).toBe(cli.rejectsJson);
    // Harstad's row is in Harstad's file, not in Tromsø's.
    const harstad = cells((await (await analyst.fetch('/api/exports/rejects?kommune=5503&from=2022-02&to=2022-04')).text()).slice(1)).slice(1);
    expect(harstad.map((r) => [r[1], r[5]])).toEqual([['5402', '6']]);
  });

  it('refuses a publication, XLSX and a leser, and audits what it gave and what it refused', async () => {
    for (const [kind, refusal] of [['invoices', 'Fakturalinjer kan ikke eksporteres til publisering'], ['rejects', 'Avviste rader kan ikke eksporteres til publisering']]) {
      const published = await analyst.json<{ detail: string }>(`/api/exports/${kind}?${SELECTION}&publisering=true`);
      expect(published.status).toBe(400);
      expect(published.body.detail).toBe(refusal);
      expect((await analyst.json(`/api/exports/${kind}?${SELECTION}&format=xlsx`)).status).toBe(400);
      expect((await reader.json(`/api/exports/${kind}?${SELECTION}`)).status).toBe(403);
    }
    expect(cli.published).toBe('Avviste rader kan ikke eksporteres til publisering');
    expect(cli.xlsx).toBe('Fakturalinjer eksporteres som CSV eller JSON; som XLSX er de arket «Fakturalinjer» i avstemmingens arbeidsbok');
    const admin = await fetch(`${server.url}/api/audit?action=export&limit=1000`, { headers: { authorization: `Bearer ${server.cliToken}` } });
    const { entries } = (await admin.json()) as { entries: { user_id: string; target: string; outcome: string; filters: string }[] };
    const given = entries.find((e) => e.target === 'usk-avviste-rader_5501_2022-02_2022-03_fakturagrunnlag-v1.csv' && e.user_id === 'local:analytiker');
    expect(JSON.parse(given!.filters)).toMatchObject({ kommune: '5501', format: 'csv', rows: 3 });
    expect(entries.filter((e) => e.user_id === 'local:leser' && e.outcome === 'refused').map((e) => e.target).sort())
      .toEqual(['GET /api/exports/invoices', 'GET /api/exports/rejects']);
  });
});
