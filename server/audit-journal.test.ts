/**
 * The audit journal (http/audit.ts): an audited request is answered once its entry is on disk in
 * the journal; the entry reaches the audit_log table at the latest at graceful shutdown, or at the
 * next start after a crash, exactly once. Real servers (one of them a separate process killed with
 * SIGKILL) over a real database.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../pipelines/db/open.ts';
import { readSegment } from './http/audit.ts';
import { auditRecord, importAuditSegment } from './queries/audit.ts';
import { applyServerSchema } from './queries/init.ts';
import { fixtureDatabase, startTestServer } from './test-support.ts';

/** Never moved to the table by the timer during a test: only shutdown, reads of the log or the next start move it. */
const NEVER = 3_600_000;

async function auditRows(dbPath: string): Promise<{ action: string; target: string | null; user_id: string }[]> {
  const db = await openDatabase(dbPath);
  try {
    return await db.all(`SELECT action, target, user_id FROM audit_log WHERE action = 'stay-view' ORDER BY audit_id`);
  } finally {
    db.close();
  }
}

const journalFiles = (dbPath: string) => {
  const dir = `${dbPath}.audit-journal`;
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f)) : [];
};

describe('audit journal', () => {
  it('a per-stay view is in the audit table after a graceful shutdown, though it was only journalled when answered', async () => {
    const { dbPath } = await fixtureDatabase();
    const { server } = await startTestServer({ db: dbPath, demo: true, warmCache: false, auditFlushMs: NEVER });
    const res = await fetch(`${server.url}/api/stays/A1/days`);
    expect(res.status).toBe(200);
    // Answered, and durable in the journal already (not yet in the table: the timer never ran).
    expect(journalFiles(dbPath).flatMap(readSegment)).toEqual([expect.objectContaining({ action: 'stay-view', target: 'stay:A1', user_id: 'demo' })]);
    await server.close();
    expect(await auditRows(dbPath)).toEqual([{ action: 'stay-view', target: 'stay:A1', user_id: 'demo' }]);
    expect(journalFiles(dbPath)).toEqual([]);
  }, 60_000);

  it('keeps the journal folder the owner\'s alone, also one that was there with a looser mode', async () => {
    const { dbPath } = await fixtureDatabase();
    const dir = `${dbPath}.audit-journal`;
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const { server } = await startTestServer({ db: dbPath, demo: true, warmCache: false, auditFlushMs: NEVER });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('a reader of the audit log sees the entries still in the journal', async () => {
    const { dbPath } = await fixtureDatabase();
    const { server } = await startTestServer({ db: dbPath, demo: true, warmCache: false, auditFlushMs: NEVER });
    try {
      await Promise.all(Array.from({ length: 30 }, (_, i) => fetch(`${server.url}/api/stays/A${1 + (i % 3)}/days`).then((r) => r.arrayBuffer())));
      const res = await fetch(`${server.url}/api/audit?action=stay-view&limit=1000`);
      const { entries } = (await res.json()) as { entries: { target: string; at: string }[] };
      expect(entries).toHaveLength(30);
      expect(new Set(entries.map((e) => e.target))).toEqual(new Set(['stay:A1', 'stay:A2', 'stay:A3']));
      expect(entries.every((e) => /^\d{4}-\d{2}-\d{2}T/.test(e.at))).toBe(true);
    } finally {
      await server.close();
    }
    expect(await auditRows(dbPath)).toHaveLength(30);
  }, 60_000);

  it('a crash (SIGKILL) right after a per-stay view loses no entry; the next start imports it, exactly once', async () => {
    const { dir, dbPath } = await fixtureDatabase();
    // The server as its own process, as `usk serve` runs it, so it can be killed without a shutdown.
    const script = join(dir, 'serve.mts');
    writeFileSync(script, `import { startServer } from ${JSON.stringify(resolve(import.meta.dirname, 'server.ts'))};
      const s = await startServer({ db: ${JSON.stringify(dbPath)}, port: 0, demo: true, warmCache: false, auditFlushMs: ${NEVER}, logLevel: 'warn' });
      console.log(JSON.stringify({ url: s.url }));`);
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const line = await new Promise<string>((res, rej) => {
        createInterface({ input: child.stdout }).once('line', res);
        child.once('exit', (code) => rej(new Error(`server exited (${code})`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      expect((await fetch(`${url}/api/stays/A2/days`)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // Not in the table (the process never moved it), but in the journal on disk.
    expect(journalFiles(dbPath).flatMap(readSegment)).toEqual([expect.objectContaining({ target: 'stay:A2' })]);
    expect(await auditRows(dbPath)).toEqual([]);

    const { server } = await startTestServer({ db: dbPath, demo: true, warmCache: false });
    const { entries } = (await (await fetch(`${server.url}/api/audit?action=stay-view`)).json()) as { entries: { target: string }[] };
    expect(entries.map((e) => e.target)).toEqual(['stay:A2']);
    await server.close();
    // A second start finds nothing left to import: still one entry.
    const again = await startTestServer({ db: dbPath, demo: true, warmCache: false });
    await again.server.close();
    expect(await auditRows(dbPath)).toEqual([{ action: 'stay-view', target: 'stay:A2', user_id: 'demo' }]);
    expect(journalFiles(dbPath)).toEqual([]);
  }, 90_000);

  it('a segment already imported when the process died (before its file was deleted) is not imported again', async () => {
    const { dbPath } = await fixtureDatabase();
    const record = auditRecord({ userId: 'demo', role: 'admin', action: 'stay-view', target: 'stay:B1' }, new Date());
    const name = '0000000001-crashed-between-commit-and-delete.jsonl';
    const db = await openDatabase(dbPath);
    try {
      await applyServerSchema(db);
      await importAuditSegment(db, name, [record]);
    } finally {
      db.close();
    }
    mkdirSync(`${dbPath}.audit-journal`);
    writeFileSync(join(`${dbPath}.audit-journal`, name), Buffer.concat([Buffer.from(`${JSON.stringify(record)}\n`), Buffer.alloc(4096)]));
    const { server } = await startTestServer({ db: dbPath, demo: true, warmCache: false });
    await server.close();
    expect(await auditRows(dbPath)).toEqual([{ action: 'stay-view', target: 'stay:B1', user_id: 'demo' }]);
    expect(journalFiles(dbPath)).toEqual([]);
  }, 60_000);
});
