import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { EVENTS_HEADER, tempDir, writeUtf8 } from '../load/fixtures.ts';
import { ingestFiles } from '../load/ingest.ts';
import { refuseNonDemoDatabase } from './demo.ts';

describe('demo mode over a database that is not the demo (--synthetic-data)', () => {
  it('serves one bench:rules generated, and no longer once a file has been loaded into it', async () => {
    const dir = tempDir();
    const path = join(dir, 'bench.duckdb');
    const db = await openDatabase(path);
    // As bench:rules makes it: rows written by SQL, not loaded from files, and the mark.
    await db.run(`INSERT INTO batch VALUES (1, 'bench-events-2020', 'sha-bench-events-2020', 'hnlis-hendelser', 'events', 'utf-8', ';', 1, 0, 0, 0, NULL, current_timestamp, 'archive/none')`);
    await db.run('INSERT INTO synthetic_data VALUES (now())');
    db.close();
    await expect(refuseNonDemoDatabase(path, { synthetic: true })).resolves.toBeUndefined();
    await expect(refuseNonDemoDatabase(path)).rejects.toThrow(/som ikke er demodata/);

    const again = await openDatabase(path);
    await ingestFiles(again, [writeUtf8(dir, 'ekte.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,'])]);
    again.close();
    await expect(refuseNonDemoDatabase(path, { synthetic: true })).rejects.toThrow(/--synthetic-data gjelder bare en database med genererte testdata/);
  });
});
