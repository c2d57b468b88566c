/**
 * Uploads through the API (production mode, as the local CLI with its token): refusal of a bad
 * file loads nothing, size limit, a good file loads, reads stay available during ingestion, and
 * no fødselsnummer reaches a response or a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseConfig } from './config.ts';
import type { ServerHandle } from './server.ts';
import { FNR, fixtureDatabase, startTestServer, writeUtf8, type LogSink } from './test-support.ts';
import { DIPS_HEADER, EVENTS_HEADER } from '../pipelines/load/fixtures.ts';
import { maskIdentifiers } from '../pipelines/db/errors.ts';
import { ingestViaServer } from '../pipelines/cli/via-server.ts';
import ExcelJS from 'exceljs';

let server: ServerHandle;
let logs: LogSink;
let dir: string;
let dbPath: string;
let config: ReturnType<typeof parseConfig>;
const bodies: string[] = [];

async function api<T = Record<string, unknown>>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${server.cliToken}`);
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

function upload(file: string, fields: Record<string, string> = {}, wait = true, name = basename(file)) {
  const form = new FormData();
  form.set('file', new Blob([readFileSync(file)]), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return api<Job>(`/api/uploads${wait ? '?wait=true' : ''}`, { method: 'POST', body: form });
}

interface Job {
  id: string;
  status: string;
  results: { status: string; error?: string; rowsLoaded: number; rowsRejected: number; file: string }[] | null;
  error: string | null;
}

const batchCount = async () => (await api<{ batches: unknown[] }>('/api/quality/batches')).body.batches.length;

/** What an older version, killed mid-upload, left in the temp dir: its staged upload, raw identifiers and all. */
const olderVersionsUpload = join(tmpdir(), 'usk-upload-999999999-abc123');
/** The same, left beside the database by a server killed mid-upload. */
const killedServersUpload = (db: string) => join(`${db}.uploads`, 'u-abc123');

beforeAll(async () => {
  mkdirSync(olderVersionsUpload, { recursive: true });
  writeFileSync(join(olderVersionsUpload, 'dips.csv'), 'rå eksport');
  const fx = await fixtureDatabase();
  dir = fx.dir;
  dbPath = fx.dbPath;
  mkdirSync(killedServersUpload(dbPath), { recursive: true });
  writeFileSync(join(killedServersUpload(dbPath), 'dips.csv'), 'rå eksport');
  // Left readable by all (made by hand, or restored): the folder is made anew 0700.
  chmodSync(`${dbPath}.uploads`, 0o755);
  config = parseConfig({ auth: { usersFile: 'ingen.json' }, sessionSecret: 'y'.repeat(40), uploadMaxBytes: 5_000_000 }, dir);
  config.auth = { oidc: { issuer: 'https://idp.example.invalid/', clientId: 'usk', clientSecret: 's', redirectUri: 'https://usk.example.invalid/api/auth/oidc/callback', scope: 'openid', groupsClaim: 'groups', roleGroups: { leser: [], analytiker: [], admin: ['usk-admin'] } } };
  ({ server, logs } = await startTestServer({ db: fx.dbPath, config }));
}, 60_000);
afterAll(async () => server?.close());

describe('uploads', () => {
  it('stages uploads in a folder of the owner\'s beside the database, and removes what a killed server left at the next start', () => {
    expect(server.uploadDir).toBe(`${dbPath}.uploads`);
    expect(statSync(server.uploadDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(server.uploadDir)).toEqual([]);
    expect(existsSync(olderVersionsUpload)).toBe(false);
  });

  it('keeps a queued upload in that folder, not in the temp dir, until its job has loaded it', async () => {
    // The ingestion lane held: the upload waits, staged, as it would behind another file.
    let release!: () => void;
    const held = server.pool.ingest(() => new Promise<void>((r) => (release = r)));
    const file = writeUtf8(dir, 'hendelser-ko.csv', [EVENTS_HEADER, 'K1,5401,Somatikk,2,,2022-09-01T08:00,2022-09-02T00:00']);
    const started = await upload(file, {}, false);
    expect([started.status, started.body.status]).toEqual([202, 'queued']);
    const staged = readdirSync(server.uploadDir);
    expect(staged).toEqual([expect.stringMatching(/^u-/)]);
    expect(statSync(join(server.uploadDir, staged[0]!)).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(server.uploadDir, staged[0]!))).toEqual(['hendelser-ko.csv']);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`usk-upload-${process.pid}-`))).toEqual([]);
    release();
    await held;
    let job = started.body;
    while (job.status !== 'done' && job.status !== 'failed') job = (await api<Job>(`/api/uploads/${job.id}`)).body;
    expect(job.results?.[0]?.status).toBe('loaded');
    // Removed as the job ends, just after it says done.
    await expect.poll(() => readdirSync(server.uploadDir)).toEqual([]);
  });

  it('refuses a file no profile matches with the pipeline’s message, and loads nothing', async () => {
    const before = await batchCount();
    const file = writeUtf8(dir, 'tull.csv', ['Navn;Fødselsnummer;Beløp', `Kari;${FNR[3]};12`]);
    const { status, body } = await upload(file);
    expect(status).toBe(202);
    expect(body.status).toBe('done');
    expect(body.results?.[0]?.status).toBe('refused');
    expect(body.results?.[0]?.error).toMatch(/profil/i);
    expect(body.results?.[0]?.file).toBe('tull.csv');
    expect(await batchCount()).toBe(before);
  });

  it('refuses a file over the size limit with 413 and loads nothing', async () => {
    const before = await batchCount();
    const file = join(dir, 'stor.csv');
    writeUtf8(dir, 'stor.csv', [DIPS_HEADER, ...Array.from({ length: 100_000 }, (_, i) => `S${i};${FNR[0]};5401;Tromsø;Somatikk;Med;;01.03.2022;02.03.2022;1`)]);
    const { status, body } = await upload(file);
    expect(status).toBe(413);
    expect(body).toMatchObject({ title: 'For stor fil', detail: expect.stringMatching(/^Filen er større enn grensen på 4,8\u00a0MB; ingenting er lastet\. Del filen/) });
    expect(await batchCount()).toBe(before);
    // Nothing of it is left staged (before, its folder stayed in the upload folder until shutdown).
    expect(readdirSync(server.uploadDir)).toEqual([]);
  });

  it('rejects an upload without a file, and unknown form fields', async () => {
    const form = new FormData();
    form.set('profile', 'dips-usk');
    expect((await api('/api/uploads', { method: 'POST', body: form })).status).toBe(400);
    const file = writeUtf8(dir, 'x.csv', [EVENTS_HEADER]);
    expect((await upload(file, { hacker: '1' })).status).toBe(400);
    expect((await upload(file, { profile: 'ukjent' })).status).toBe(400);
    // An as-of that does not exist is a bad field, by the CLI's rule (load/result.ts parseAsOf), not a refusal of the file.
    const badAsOf = await upload(file, { asOf: '2023-13-01' });
    expect([badAsOf.status, JSON.stringify(badAsOf.body)]).toEqual([400, expect.stringContaining('forventet en dato som finnes')]);
    // The file of a refused request was staged before its fields were checked; it is removed at once.
    expect(readdirSync(server.uploadDir)).toEqual([]);
  });

  it('documents in /api/openapi.json every form field it takes, and no other', async () => {
    const { status, body } = await api<{ paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; additionalProperties?: boolean } }> } } }> }>('/api/openapi.json');
    expect(status).toBe(200);
    const schema = body.paths['/api/uploads']!.post.requestBody.content['multipart/form-data']!.schema;
    // sheet (the worksheet of an .xlsx, as usk ingest --sheet) was taken but left out of the document.
    expect(Object.keys(schema.properties).sort()).toEqual(['asOf', 'file', 'profile', 'sheet', 'strict']);
    expect(schema.properties.profile).toMatchObject({ enum: ['dips-usk', 'hnlis-hendelser', 'faktura'] });
    expect(schema.additionalProperties).toBe(false);
  });

  it('masks a fødselsnummer in the uploaded file’s name wherever the name is shown', async () => {
    // As people write one in a file name: in a row, with a hyphen, with a no-break space (UTF-8 in the multipart header), its leading zero lost.
    const name = 'DIPS-rapport 06049030027 070490-30147 090490\u00a030387 7905049806.csv';
    const file = writeUtf8(dir, 'hendelser-navn.csv', [EVENTS_HEADER, 'N1,5401,Somatikk,2,,2022-08-01T08:00,2022-08-02T00:00']);
    const flow: string[] = [];
    const send = async <T>(p: Promise<{ status: number; body: T }>) => {
      const r = await p;
      flow.push(JSON.stringify(r.body));
      return r;
    };
    const started = await send(upload(file, {}, false, name) as Promise<{ status: number; body: Job & { fileName: string } }>);
    expect(started.status).toBe(202);
    let job = (await send(api<Job & { fileName: string }>(`/api/uploads/${started.body.id}`))).body;
    while (job.status !== 'done' && job.status !== 'failed') job = (await send(api<Job & { fileName: string }>(`/api/uploads/${job.id}`))).body;
    expect(job.results?.[0]?.status).toBe('loaded');
    expect(job.fileName).toBe('DIPS-rapport *********** *********** *********** ***********.csv');
    expect(job.results?.[0]?.file).toBe(job.fileName);
    await send(api('/api/uploads'));
    await send(api('/api/quality/batches'));
    await send(api('/api/audit?action=upload'));
    // Nothing the masks would still change (db/errors.ts's one definition, not a list of separators here).
    for (const body of flow) expect(maskIdentifiers(body)).toBe(body);
    expect(flow.join('\n')).toContain('DIPS-rapport *********** *********** *********** ***********.csv');
  });

  it('keeps reads available while an upload is being ingested', async () => {
    // A larger events extract so ingestion takes a noticeable time.
    const lines = [EVENTS_HEADER];
    for (let i = 0; i < 20_000; i++) {
      const d = String(1 + (i % 28)).padStart(2, '0');
      lines.push(`C${i},5401,Somatikk,2,,2022-06-${d}T08:00,2022-07-01T00:00`, `C${i},5401,Somatikk,3,,2022-06-${d}T09:00,2022-07-01T00:00`,
        `C${i},5401,Somatikk,UT,,2022-06-${d}T18:00,2022-07-01T00:00`);
    }
    const file = writeUtf8(dir, 'hendelser-juni.csv', lines);
    const started = await upload(file, {}, false);
    expect(started.status).toBe(202);
    const id = started.body.id;
    let readsWhileRunning = 0;
    let status = started.body.status;
    let i = 0;
    while (status !== 'done' && status !== 'failed') {
      // Uncached reads (per-stay detail and varying suppression) that must hit the database.
      const [stays, rec] = await Promise.all([api('/api/stays?kommune=5501'), api(`/api/reconciliation?minCount=${(i++ % 50) + 1}`)]);
      expect(stays.status).toBe(200);
      expect(rec.status).toBe(200);
      status = (await api<Job>(`/api/uploads/${id}`)).body.status;
      if (status === 'running') readsWhileRunning++;
    }
    expect(status).toBe('done');
    expect(readsWhileRunning).toBeGreaterThan(0);
    const job = (await api<Job>(`/api/uploads/${id}`)).body;
    expect(job.results?.[0]).toMatchObject({ status: 'loaded', rowsLoaded: 60_000 });
    const meta = await api<{ months: string[] }>('/api/meta');
    expect(meta.body.months).toContain('2022-06');
  }, 120_000);

  it('reads the sheet asked for in an .xlsx (as usk ingest --sheet)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Forside').addRow(['Fakturalinjer juni 2022']);
    const sheet = wb.addWorksheet('Hendelser');
    sheet.addRow(EVENTS_HEADER.split(','));
    sheet.addRow(['X1', '5401', 'Somatikk', '2', '', '2022-06-01T08:00', '']);
    const file = join(dir, 'to-ark.xlsx');
    await wb.xlsx.writeFile(file);
    expect((await upload(file)).body.results?.[0]).toMatchObject({ status: 'refused', error: expect.stringMatching(/overskriftsrad/) });
    expect((await upload(file, { sheet: 'Hendelser' })).body.results?.[0]).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
  });

  it('through usk ingest: a file the server refuses (too large) is refused alone, and the next one is loaded', async () => {
    const big = writeUtf8(dir, 'for-stor.csv', [DIPS_HEADER, ...Array.from({ length: 100_000 }, (_, i) => `B${i};${FNR[0]};5401;Tromsø;Somatikk;Med;;01.03.2022;02.03.2022;1`)]);
    const small = writeUtf8(dir, 'hendelser-mai.csv', [EVENTS_HEADER, 'M1,5401,Somatikk,2,,2022-05-01T08:00,2022-05-02T00:00']);
    const results = await ingestViaServer({ url: server.url, token: server.cliToken }, [big, small], { strict: false });
    expect(results.map((r) => [r.file, r.status])).toEqual([['for-stor.csv', 'refused'], ['hendelser-mai.csv', 'loaded']]);
    expect(results[0]!.error).toMatch(/^for-stor\.csv: serveren på .* avviste filen \(413\): Filen er større enn grensen/);
    // --as-of in the forms the CLI takes (a space, or dd.mm.åååå), not only ISO with T.
    const june = writeUtf8(dir, 'hendelser-juni.csv', [EVENTS_HEADER, 'J1,5401,Somatikk,2,,2022-06-01T08:00,']);
    const july = writeUtf8(dir, 'hendelser-juli-2.csv', [EVENTS_HEADER, 'J2,5401,Somatikk,2,,2022-07-01T08:00,']);
    const [a] = await ingestViaServer({ url: server.url, token: server.cliToken }, [june], { strict: false, asOf: '2022-06-02 06:00' });
    const [b] = await ingestViaServer({ url: server.url, token: server.cliToken }, [july], { strict: false, asOf: '02.07.2022 06:00' });
    expect([a, b].map((r) => [r!.status, r!.asOf, r!.asOfFrom])).toEqual([['loaded', '2022-06-02 06:00', 'as-of'], ['loaded', '2022-07-02 06:00', 'as-of']]);
    // And dd.mm.yy, as the files' own dates (20yy).
    const august = writeUtf8(dir, 'hendelser-august.csv', [EVENTS_HEADER, 'J3,5401,Somatikk,2,,2022-08-01T08:00,']);
    const [c] = await ingestViaServer({ url: server.url, token: server.cliToken }, [august], { strict: false, asOf: '02.08.22 kl. 6.00' });
    expect([c!.status, c!.asOf, c!.asOfFrom]).toEqual(['loaded', '2022-08-02 06:00', 'as-of']);
  });

  it('reports a duplicate file as the pipeline does', async () => {
    const file = writeUtf8(dir, 'hendelser-juli.csv', [EVENTS_HEADER, 'D1,5401,Somatikk,2,,2022-07-01T08:00,2022-07-02T00:00']);
    expect((await upload(file)).body.results?.[0]?.status).toBe('loaded');
    const again = await upload(file);
    expect(again.body.results?.[0]?.status).toBe('duplicate');
  });

  it('audits uploads', async () => {
    const { body } = await api<{ entries: { action: string; user_id: string; target: string }[] }>('/api/audit?action=upload');
    expect(body.entries.map((e) => e.target)).toContain('tull.csv');
    expect(body.entries[0]?.user_id).toBe('cli:lokal');
  });

  it('lets no fødselsnummer into any response or log line (rejects are masked too)', async () => {
    const file = writeUtf8(dir, 'dips-feil.csv', [DIPS_HEADER, `E1;${FNR[2]};9999;Ukjent;Somatikk;Med;;01.08.2022;03.08.2022;2`, `E2;${FNR[1]};5401;Tromsø;Somatikk;Med;;31.02.2022;03.08.2022;2`]);
    await upload(file);
    await api('/api/quality/rejects');
    await api('/api/quality/warnings');
    await api('/api/stays');
    await api('/api/audit');
    const everything = [...bodies, ...logs.lines].join('\n');
    for (const fnr of FNR) expect(everything).not.toContain(fnr);
  });

  it('remembers earlier uploads across a restart, a refused file too (it is no batch)', async () => {
    const before = (await api<{ uploads: { id: string; fileName: string; status: string; results: { status: string }[] | null }[] }>('/api/uploads')).body.uploads;
    expect(before.some((u) => u.fileName === 'tull.csv' && u.results?.[0]?.status === 'refused')).toBe(true);
    await server.close();
    expect(existsSync(`${dbPath}.uploads`)).toBe(false);
    ({ server, logs } = await startTestServer({ db: dbPath, config }));
    const after = (await api<{ uploads: typeof before }>('/api/uploads')).body.uploads;
    expect(after.map((u) => [u.id, u.fileName, u.status, u.results?.[0]?.status])).toEqual(before.map((u) => [u.id, u.fileName, u.status, u.results?.[0]?.status]));
  }, 60_000);
});
