/**
 * The day export (GET /api/exports/days, `usk export days`) on a database built from the fixture
 * export files: each stay's day rows are the per-stay days API's, they sum to the stays export's
 * figures, and the CSV is the CLI's byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DAY_ROW_COLUMNS } from '../pipelines/export/columns.ts';
import { ExportArgs, runDaysExport } from '../pipelines/cli/export.ts';
import { prepareDaysExport } from '../pipelines/export/days.ts';
import type { ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer } from './test-support.ts';

interface DayRow {
  stay_id: string; kommunenr: string; kommune: string; fagomrade: string; periode_nr: number; dato: string; kategori: string;
  timer: number; betalbare_timer: number; t_ready: string | null; t_notified: string | null; t_municipality_ready: string | null; t_end: string | null;
}
interface StayDay { period_no: number; dato: string; timer: number; betalbare_timer: number; category: string; events: { code: string; at: string }[] }

const RANGE = 'from=2022-01&to=2022-12';
const CATEGORIES = ['uten_tidspunkt', 'ikke_betalingsplikt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel', 'betalbar'] as const;

/** A Writable that keeps what is written, as stdout or a file would. */
function collector(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer | string, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

let server: ServerHandle;
let client: Client;
let cliCsv = '';
let cliNote = '';
/** How each format's writer ended when its reader went away, and when it stayed but read nothing. */
const abandoned: string[] = [];
const stalledForever: string[] = [];
const slowButSteady: string[] = [];
/** Per format: how many times the writer waited on the slow reader, and how many 'drain' listeners it added. */
const drainListeners: Array<{ waits: number; added: number }> = [];

beforeAll(async () => {
  const { dbPath } = await fixtureDatabase(async (db) => {
    const sink = collector();
    cliNote = await runDaysExport(db, ExportArgs.parse({ db: db.path, from: '2022-01', to: '2022-12' }), sink.out);
    cliCsv = sink.text();
    // A reader who stops reading and goes away (a cancelled download): each format's writer must end
    // with ReaderGoneError, not wait for a 'drain' that never comes while it holds the connection.
    for (const format of ['csv', 'json', 'xlsx'] as const) {
      const stalled = new Writable({ highWaterMark: 1, write() { /* never done: the reader stopped reading */ } });
      const writing = prepareDaysExport(db, { from: '2022-01', to: '2022-12' }, format).then((e) => e.write(stalled));
      setTimeout(() => stalled.destroy(), 200);
      abandoned.push(await writing.then(() => 'whole', (e: unknown) => (e as Error).name));
    }
    // A reader who stays but reads nothing: with a stall limit the writer cuts it off and ends.
    for (const format of ['csv', 'json', 'xlsx'] as const) {
      const stuck = new Writable({ highWaterMark: 1, write() { /* never done, never closed */ } });
      const e = await prepareDaysExport(db, { from: '2022-01', to: '2022-12' }, format);
      stalledForever.push(await e.write(stuck, { stallMs: 100 }).then(() => 'whole', (err: unknown) => `${(err as Error).name}${stuck.destroyed ? ', cut off' : ''}`));
      // A reader that is slow but reads on (each write taken after 20 ms) is never cut off, whatever the stall limit's phase.
      const slow = new Writable({ highWaterMark: 1, write(_c, _e, done) { setTimeout(done, 20); } });
      // Behind the compression middleware res.on('drain') goes to its gzip stream, where res.off
      // cannot remove it: count what the writer adds, since removing it does not count there.
      const count = { waits: 0, added: 0 };
      const on = slow.on.bind(slow) as (event: string | symbol, listener: (...args: never[]) => void) => Writable;
      slow.on = ((event: string | symbol, listener: (...args: never[]) => void) => {
        if (event === 'drain') count.added++;
        return on(event, listener);
      }) as Writable['on'];
      const write = slow.write.bind(slow) as (chunk: unknown) => boolean;
      slow.write = (chunk: unknown) => {
        const more = write(chunk);
        if (!more) count.waits++;
        return more;
      };
      const again = await prepareDaysExport(db, { from: '2022-01', to: '2022-12' }, format);
      slowButSteady.push(await again.write(slow, { stallMs: 100 }).then(() => 'whole', (err: unknown) => (err as Error).name));
      if (format !== 'xlsx') drainListeners.push(count);
    }
  });
  ({ server } = await startTestServer({ db: dbPath, demo: true }));
  client = new Client(server.url);
}, 60_000);
afterAll(async () => server?.close());

describe('a download cancelled mid-file', () => {
  it('ends the export in every format instead of leaving it waiting on the reader', () => {
    expect(abandoned).toEqual(['ReaderGoneError', 'ReaderGoneError', 'ReaderGoneError']);
  });
  it('cuts off a reader that stays connected but reads nothing for the stall limit, in every format', () => {
    expect(stalledForever).toEqual(['ReaderGoneError, cut off', 'ReaderGoneError, cut off', 'ReaderGoneError, cut off']);
    expect(slowButSteady).toEqual(['whole', 'whole', 'whole']);
  });
  it('adds its drain listeners once per export, not once per wait (they pile up behind gzip)', () => {
    for (const { waits, added } of drainListeners) {
      expect(waits).toBeGreaterThanOrEqual(2);
      // One for the stall watch, one for the writes.
      expect(added).toBe(2);
    }
  });
});

async function dayRows(query: string): Promise<DayRow[]> {
  const res = await client.fetch(`/api/exports/days?format=json&${query}`);
  expect(res.status).toBe(200);
  const file = (await res.json()) as { kind: string; suppression: unknown; rows: DayRow[] };
  expect(file.kind).toBe('days');
  expect(file.suppression).toBeNull();
  return file.rows;
}

describe('day export', () => {
  it('gives each stay the days GET /api/stays/:id/days gives, with its period times, and no patient pseudonym', async () => {
    const rows = await dayRows(RANGE);
    const ids = [...new Set(rows.map((r) => r.stay_id))];
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(rows[0] ?? {})).not.toContain('patient_pseudonym');
    for (const id of ids) {
      const api = (await (await client.fetch(`/api/stays/${id}/days?${RANGE}`)).json()) as { days: StayDay[] };
      const mine = rows.filter((r) => r.stay_id === id);
      expect(mine.map((r) => [r.periode_nr, r.dato, r.kategori, r.timer, r.betalbare_timer]))
        .toEqual(api.days.map((d) => [d.period_no, d.dato, d.category, d.timer, d.betalbare_timer]));
      // t_ready is the code 2 the days API lists, in the same local-time form.
      const events = api.days.flatMap((d) => d.events);
      for (const r of mine) if (r.t_ready) expect(events).toContainEqual({ code: '2', at: r.t_ready });
      for (const r of mine) if (r.t_end && r.t_ready) expect(r.t_end >= r.t_ready).toBe(true);
    }
  });

  it('sums to the stays export: registered days (less avvik_dips, which has no dates), each category, hours', async () => {
    const rows = await dayRows(RANGE);
    const res = await client.fetch(`/api/exports/stays?format=json&by=period&${RANGE}`);
    const stays = ((await res.json()) as { rows: (Record<string, number> & { stay_id: string })[] }).rows;
    expect(stays.length).toBeGreaterThanOrEqual(3);
    for (const s of stays) {
      const mine = rows.filter((r) => r.stay_id === s.stay_id);
      expect(mine.length, s.stay_id).toBe(s.registrert! - s.avvik_dips!);
      for (const c of CATEGORIES) expect(mine.filter((r) => r.kategori === c).length, `${s.stay_id} ${c}`).toBe(s[c]);
      expect(mine.reduce((sum, r) => sum + r.betalbare_timer, 0) / 24).toBeCloseTo(s.timebasert!, 6);
    }
    // No day row of a stay the stays export leaves out.
    expect(new Set(rows.map((r) => r.stay_id))).toEqual(new Set(stays.filter((s) => s.registrert! - s.avvik_dips! > 0).map((s) => s.stay_id)));
  });

  it('CSV is what `usk export days` writes: BOM, ;, decimal comma, Norwegian labels and the rule set, grouping, selection and as-of', async () => {
    const res = await client.fetch(`/api/exports/days?format=csv&${RANGE}`);
    expect(res.headers.get('content-disposition')).toContain('usk-dogn_alle-kommuner_2022-01_2022-12_fakturagrunnlag-v1.csv');
    expect([...new Uint8Array(await res.clone().arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await res.text();
    expect(text).toBe(cliCsv.replace(/^\ufeff/, ''));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Oppholds-ID;Kommunenr;Kommune;Fagområde;USK-periode;Dato;Kategori;USK-timer;Timer i betalingsvinduet;Utskrivningsklar;Varslet;'
      + 'Kommunen kan ta imot;USK slutt;Regelsett;Kommunegruppering;Utvalg;Data per;Dataversjon;Nasjonal døgnpris;Avviste rader');
    expect(lines.length - 1).toBe((await dayRows(RANGE)).length);
    expect(cliNote).toContain(`${lines.length - 1} døgn`);
    expect(text).toMatch(/;\d\d\.\d\d\.2022;(Betalbar|Første døgn|Ikke varslet);/);
    expect(text).toMatch(/;\d+,\d+;/); // a fraction of an hour, decimal comma
    expect(text).toMatch(/;\d\d\.\d\d\.2022 \d\d:\d\d;/);
  });

  it('under the DIPS rule set, which deducts nothing, a counted day is «Telles», not «Betalbar»', async () => {
    const text = await (await client.fetch(`/api/exports/days?format=csv&${RANGE}&rules=dips`)).text();
    expect(text).toMatch(/;\d\d\.\d\d\.2022;Telles;/);
    expect(text).not.toMatch(/;Betalbar;/);
  });

  it('filters as the other exports, XLSX opens with one row per day, and a publication is refused', async () => {
    const all = await dayRows(RANGE);
    const tromso = await dayRows(`${RANGE}&kommune=5501&fagomrade=somatikk`);
    expect(tromso.length).toBeGreaterThan(0);
    expect(tromso).toEqual(all.filter((r) => r.kommunenr === '5501' && r.fagomrade === 'somatikk'));
    const res = await client.fetch(`/api/exports/days?format=xlsx&${RANGE}&kommune=5501`);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Døgn', 'Regelsett og data', 'Kolonner']);
    expect(wb.getWorksheet('Kolonner')!.rowCount).toBe(DAY_ROW_COLUMNS.length + 1);
    expect(wb.getWorksheet('Døgn')?.rowCount).toBe(all.filter((r) => r.kommunenr === '5501').length + 1);
    expect((await client.fetch(`/api/exports/days?format=csv&publisering=true`)).status).toBe(400);
  });
});
