import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../pipelines/db/open.ts';
import { DERIVED_TABLES } from '../pipelines/derive/schema.ts';
import { ingestFiles } from '../pipelines/load/ingest.ts';
import { EVENTS_HEADER, tempDir, writeUtf8 } from '../pipelines/load/fixtures.ts';
import { startServer, type ServerHandle } from './server.ts';

describe('server start after the derived tables went stale (an upgrade, or a load by another process)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    const dir = tempDir();
    const path = join(dir, 'usk.duckdb');
    const db = await openDatabase(path);
    await ingestFiles(db, [writeUtf8(dir, 'h.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,', 'S1,5401,Somatikk,3,,2023-01-10T10:00,', 'S1,5401,Somatikk,UT,,2023-01-13T10:00,'])]);
    // What a newer derive version does on open: its tables recreated, empty, with no state row.
    for (const t of DERIVED_TABLES) await db.run(`DELETE FROM ${t}`);
    db.close();
    server = await startServer({ db: path, port: 0, demo: true, warmCache: false, logLevel: 'silent' });
  });
  afterAll(() => server.close());

  it('rebuilds them before it serves, so the figures are there', async () => {
    const res = await fetch(`${server.url}/api/reconciliation?by=year`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: Array<{ kommunenr: string; registrert: number; betalbar: number }> };
    expect(body.rows).toEqual([expect.objectContaining({ kommunenr: '5501', registrert: 4, betalbar: 3 })]);
  });
});
