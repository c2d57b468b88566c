import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../pipelines/db/open.ts';
import { NOTEBOOK_STAMP_FILE, type NotebookStamp } from '../pipelines/export/notebook-stamp.ts';
import { databaseId } from '../pipelines/query/index.ts';
import { changedRuleSets, judgeNotebooks } from './notebooks.ts';
import { hash } from '@node-rs/argon2';
import { parseConfig } from './config.ts';
import { startServer, type ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer, writeUsersFile } from './test-support.ts';

describe('judgeNotebooks', () => {
  const stamp = (id: string, version: number, ruleSets = ['dips@1', 'fakturagrunnlag@1']): NotebookStamp => ({
    format: 'usk-notebooks', databaseId: id, dataVersion: version, source: 'usk.duckdb', ruleSets, snapshotCreatedAt: '2025-01-02T08:00:00.000Z', builtAt: '2025-01-02T08:01:00.000Z',
  });
  const own = { databaseId: 'eget', dataVersion: 7, ruleSets: { dips: 1, fakturagrunnlag: 1, eget: 3 } };
  it('serves only notebooks built from this database; stale when its data version has moved, or a rule set they used has a newer version', () => {
    expect(judgeNotebooks(stamp('eget', 7), own)).toMatchObject({ serve: true, stale: false });
    expect(judgeNotebooks(stamp('eget', 5), own)).toMatchObject({ serve: true, stale: true });
    expect(judgeNotebooks(stamp('eget', 7), { ...own, ruleSets: { dips: 1, fakturagrunnlag: 2 } })).toMatchObject({ serve: true, stale: true });
    expect(changedRuleSets(stamp('eget', 7), { ...own, ruleSets: { dips: 1, fakturagrunnlag: 2 } })).toEqual(['fakturagrunnlag@1']);
    expect(judgeNotebooks(stamp('demo', 7), own)).toMatchObject({ serve: false, why: 'other-database' });
    expect(judgeNotebooks(null, own)).toMatchObject({ serve: false, why: 'unstamped' });
  });
});

/** The stamp a build of another database ('annen.duckdb') or of this one (its id) leaves in `dir`. */
function writeStamp(dir: string, id: string, dataVersion: number, ruleSets: string[] = []): void {
  writeFileSync(join(dir, NOTEBOOK_STAMP_FILE), JSON.stringify({
    format: 'usk-notebooks', databaseId: id, dataVersion, source: 'annen.duckdb', ruleSets, snapshotCreatedAt: '2025-01-02T08:00:00.000Z', builtAt: '2025-01-02T08:01:00.000Z',
  } satisfies NotebookStamp));
}

describe('/notebooks/', () => {
  let server: ServerHandle;
  let dir: string;
  let dbPath: string;
  let ownId: string;
  const stampWith = (id: string, dataVersion: number, ruleSets: string[] = []) => writeStamp(dir, id, dataVersion, ruleSets);
  const build = () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Notatbøker</title></head><body><main>Notatbøker</main></body></html>');
    writeFileSync(join(dir, 'ssu-2023.html'), '<!doctype html><html><head><title>SSU 2023</title></head><body><main>SSU 2023</main></body></html>');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usk-no-notebooks-'));
    process.env.USK_NOTEBOOKS_DIR = dir;
    dbPath = join(mkdtempSync(join(tmpdir(), 'usk-nb-')), 'usk.duckdb');
    const db = await openDatabase(dbPath);
    ownId = await databaseId(db);
    db.close();
    server = await startServer({ db: dbPath, port: 0, demo: true, warmCache: false, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server.close();
    delete process.env.USK_NOTEBOOKS_DIR;
  });

  it('before they are built, says in Norwegian how to build them from this database', async () => {
    const res = await fetch(`${server.url}/notebooks/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain(`Kjør <code>npm run notebooks -- --db ${resolve(dbPath)} --out ${resolve(dir)}</code>`);
  });

  it('tells the dashboard, so that it offers «Notatbøker» only for this database\'s; and serves them once they are built', async () => {
    const meta = async () => ((await (await fetch(`${server.url}/api/meta`)).json()) as { notebooks: boolean }).notebooks;
    expect(await meta()).toBe(false);
    build();
    stampWith('en-annen-database', 0);
    expect(await meta()).toBe(false);
    stampWith(ownId, 0);
    // Built while the server runs: the menu follows without a restart (the stamp is part of the cache key).
    expect(await meta()).toBe(true);
    expect((await fetch(`${server.url}/notebooks/`)).status).toBe(200);
  });

  it('refuses notebooks built from another database (the demo, say), and says how to build them for this one', async () => {
    build();
    stampWith('en-annen-database', 0);
    for (const path of ['/notebooks/', '/notebooks/ssu-2023', '/notebooks/assets/x.js']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(409);
      const text = await res.text();
      expect(text, path).toContain('Notatbøkene er ikke bygget fra denne databasen');
      expect(text, path).toContain('bygget fra en annen database (annen.duckdb');
      expect(text, path).toContain(`npm run notebooks -- --db ${resolve(dbPath)}`);
      expect(text, path).not.toContain('SSU 2023</main>');
    }
  });

  it('refuses notebooks that do not say where they came from (built before the stamp existed)', async () => {
    build();
    rmSync(join(dir, NOTEBOOK_STAMP_FILE));
    const res = await fetch(`${server.url}/notebooks/ssu-2023`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('sier ikke hvilken database de er bygget fra');
  });

  it('serves notebooks of an earlier state of this database with a banner naming both data versions', async () => {
    build();
    stampWith(ownId, 5);
    for (const path of ['/notebooks/', '/notebooks/ssu-2023', '/notebooks/ssu-2023.html']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).toContain('id="usk-foreldet"');
      expect(text, path).toMatch(/\(dataversjon 5\); den har endret seg siden \(dataversjon 0\)/);
    }
    stampWith(ownId, 0);
    expect(await (await fetch(`${server.url}/notebooks/ssu-2023`)).text()).not.toContain('usk-foreldet');
    // Built under a rule set that has a newer version now (the presets are version 1): same data, other figures.
    stampWith(ownId, 0, ['dips@1', 'fakturagrunnlag@0']);
    expect(await (await fetch(`${server.url}/notebooks/ssu-2023`)).text()).toContain('regelsett har fått en ny versjon siden (fakturagrunnlag@0 → fakturagrunnlag@1)');
  });

  it('does not serve the stamp itself', async () => {
    build();
    stampWith(ownId, 0);
    expect((await fetch(`${server.url}/notebooks/${NOTEBOOK_STAMP_FILE}`)).status).toBe(404);
  });

  it('lets no cache keep them: they are behind a sign-in (express.static alone says public)', async () => {
    build();
    stampWith(ownId, 0);
    for (const path of ['/notebooks/', '/notebooks/ssu-2023', '/notebooks/ssu-2023.html']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });
});

describe('/notebooks/ for an analytiker in production', () => {
  let server: ServerHandle;
  let dir: string;
  let dbPath: string;
  let analyst: Client;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usk-nb-prod-'));
    process.env.USK_NOTEBOOKS_DIR = dir;
    const fx = await fixtureDatabase();
    dbPath = fx.dbPath;
    const usersFile = writeUsersFile(fx.dir, [{ username: 'ada', role: 'analytiker', passwordHash: await hash('ada-passord-123') }]);
    const config = parseConfig({ auth: { usersFile }, sessionSecret: 'x'.repeat(40), cookieSecure: false }, fx.dir);
    ({ server } = await startTestServer({ db: dbPath, config, warmCache: false }));
    analyst = new Client(server.url);
    await analyst.session();
    expect((await analyst.send('POST', '/api/auth/login', { username: 'ada', password: 'ada-passord-123' })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    delete process.env.USK_NOTEBOOKS_DIR;
  });

  it('never shows the server its paths: where the database lies is for an admin, who is asked to build them', async () => {
    const pages: string[] = [];
    const notBuilt = await analyst.fetch('/notebooks/');
    expect(notBuilt.status).toBe(404);
    pages.push(await notBuilt.text());
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><main>Notatbøker</main></body></html>');
    writeStamp(dir, 'en-annen', 0);
    const other = await analyst.fetch('/notebooks/');
    expect(other.status).toBe(409);
    pages.push(await other.text());
    for (const text of pages) {
      expect(text).toContain('Be en administrator');
      expect(text).not.toContain('npm run notebooks');
      expect(text).not.toContain(resolve(dbPath));
      expect(text).not.toContain(dir);
    }
  });
});
