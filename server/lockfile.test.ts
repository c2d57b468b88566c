/** The running-server marker, health probes and graceful shutdown. */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRunningServer, markerPath, writeMarker } from './lockfile.ts';
import { fixtureDatabase, startTestServer, tempDir } from './test-support.ts';
import { spawnSync } from 'node:child_process';
import { openDatabase } from '../pipelines/db/open.ts';

function openInOtherProcess(dbPath: string): string {
  const script = `import { DuckDBInstance } from '@duckdb/node-api';
    try { await DuckDBInstance.create(${JSON.stringify(dbPath)}, { access_mode: 'READ_ONLY' }); console.log('opened'); }
    catch (e) { console.log(e.message); }`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout;
}

describe('findRunningServer', () => {
  it('finds the server that owns a database, and nothing once it has stopped', async () => {
    const { dbPath } = await fixtureDatabase();
    expect(await findRunningServer(dbPath)).toBeNull();
    const { server } = await startTestServer({ db: dbPath, demo: true });
    const found = await findRunningServer(dbPath);
    expect(found).toMatchObject({ url: server.url, pid: process.pid, mode: 'demo', token: server.cliToken });
    expect(statSync(markerPath(dbPath)).mode & 0o077).toBe(0);
    // The lock the CLI would otherwise run into: another process cannot even open the file read-only.
    expect(openInOtherProcess(dbPath)).toMatch(/lock/i);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await server.close();
    expect(existsSync(markerPath(dbPath))).toBe(false);
    expect(await findRunningServer(dbPath)).toBeNull();
    const db = await openDatabase(dbPath); // the lock is released on close
    db.close();
  }, 60_000);

  it('ignores a stale marker left by a crashed server', async () => {
    const dbPath = join(tempDir(), 'usk.duckdb');
    writeFileSync(markerPath(dbPath), JSON.stringify({ pid: 2 ** 22 + 12345, url: 'http://127.0.0.1:9', db: dbPath, mode: 'demo', startedAt: '', token: 'x' }));
    expect(await findRunningServer(dbPath)).toBeNull();
  });
});

describe('writeMarker', () => {
  const marker = { pid: process.pid, url: 'http://127.0.0.1:9', mode: 'production' as const, startedAt: '', token: 'nytt-token' };

  it('leaves the marker 0600 whatever was there: one left readable by all, or a symlink to another file', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'usk.duckdb');
    const path = markerPath(dbPath);
    // A marker restored or copied without -p: the token written into it must not stay readable by every user.
    writeFileSync(path, '{}');
    chmodSync(path, 0o644);
    writeMarker(dbPath, marker);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ token: 'nytt-token', db: dbPath });
    // Nothing else left beside it (the temporary file is renamed into place).
    expect(readdirSync(dir)).toEqual(['usk.duckdb.server.json']);
    // A symlink in its place is replaced, not written through.
    const other = join(dir, 'annen.txt');
    writeFileSync(other, 'uendret');
    chmodSync(other, 0o644);
    rmSync(path);
    symlinkSync(other, path);
    writeMarker(dbPath, marker);
    expect(readFileSync(other, 'utf8')).toBe('uendret');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses new connections', async () => {
    const { dbPath } = await fixtureDatabase();
    const { server } = await startTestServer({ db: dbPath, demo: true });
    const inFlight = fetch(`${server.url}/api/stays`);
    await new Promise((r) => setTimeout(r, 100)); // the request has reached the server
    const closing = server.close();
    expect((await inFlight).status).toBe(200);
    await closing;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
