/**
 * Which database the notebook build takes its snapshot from (snapshotFor, without the Vite build):
 * never the demo in place of the user's database, and through the server that owns a database.
 */
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../pipelines/db/open.ts';
import { databaseId } from '../pipelines/query/index.ts';
import { fixtureDatabase, startTestServer } from '../server/test-support.ts';
import { NotebookBuildError, snapshotFor } from './build.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'usk-nb-build-'));

describe('snapshotFor', () => {
  it('without --db and without data/usk.duckdb, refuses and names the databases there are, instead of building the demo', async () => {
    const data = temp();
    (await openDatabase(join(data, 'unn.duckdb'))).close();
    // A database in a folder of its own, as the README advises, is named too.
    mkdirSync(join(data, 'hf'));
    (await openDatabase(join(data, 'hf', 'hf.duckdb'))).close();
    const out = join(temp(), 'data');
    const attempt = snapshotFor(out, { defaultDb: join(data, 'usk.duckdb') });
    await expect(attempt).rejects.toThrow(NotebookBuildError);
    await expect(attempt).rejects.toThrow(/usk\.duckdb finnes ikke\. Andre databaser i .*: .*(hf\/hf\.duckdb.*unn\.duckdb|unn\.duckdb.*hf\/hf\.duckdb); velg med --db/);
    expect(() => readdirSync(out)).toThrow(); // nothing written
  });

  it('refuses a database with no loaded files rather than building empty notebooks', async () => {
    const data = temp();
    (await openDatabase(join(data, 'usk.duckdb'))).close();
    await expect(snapshotFor(join(temp(), 'data'), { defaultDb: join(data, 'usk.duckdb') })).rejects.toThrow(/har ingen innleste filer/);
  });

  it('says which database it used when none was named, and the others it could have used', async () => {
    const { dir, dbPath } = await fixtureDatabase();
    (await openDatabase(join(dir, 'annen.duckdb'))).close();
    const lines: string[] = [];
    const { snapshot } = await snapshotFor(join(temp(), 'data'), { defaultDb: dbPath, log: (l) => lines.push(l) });
    expect(snapshot.dataVersion).toBe(3);
    expect(lines.join('\n')).toMatch(/Ingen --db oppgitt: bygger fra .*usk\.duckdb\. Andre databaser i .*annen\.duckdb/);
  });

  it('takes the snapshot through the server that owns the database, with that database\'s id', async () => {
    const { dbPath } = await fixtureDatabase();
    const db = await openDatabase(dbPath);
    const id = await databaseId(db);
    db.close();
    const { server } = await startTestServer({ db: dbPath, demo: true, warmCache: false });
    try {
      const lines: string[] = [];
      const out = join(temp(), 'data');
      const r = await snapshotFor(out, { db: dbPath, log: (l) => lines.push(l) });
      expect(r.via).toBe(server.url);
      expect(r.snapshot).toMatchObject({ databaseId: id, dataVersion: 3, source: 'usk.duckdb' });
      expect(readdirSync(out)).toContain('snapshot.json');
      expect(lines.join('\n')).toContain(`eies av serveren på ${server.url}`);
    } finally {
      await server.close();
    }
  });
});
