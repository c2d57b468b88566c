import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from '../load/fixtures.ts';
import { databaseId } from '../query/index.ts';
import { readNotebookStamp, writeNotebookStamp } from './notebook-stamp.ts';
import { SNAPSHOT_VERSION, writeSnapshot, writeSnapshotFiles, type SnapshotMeta } from './snapshot.ts';

let dir: string;
let db: UskDb;

beforeAll(async () => {
  process.env.USK_PSEUDONYM_KEY = 'k'.repeat(40);
  dir = tempDir('usk-snapshot-');
  db = await openDatabase(join(dir, 'unn.duckdb'));
  const results = await ingestFiles(db, [
    writeCp1252(dir, 'dips-2022.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;Med;28.02.2022;01.03.2022 10:00;04.03.2022 11:00;4`,
      `A2;${FNR[1]};5401;Tromsø;Somatikk;Med;09.03.2022;10.03.2022 09:00;20.03.2022 12:00;11`,
      `X1;${FNR[2]};9998;Ukjent;Somatikk;Med;09.03.2022;10.03.2022 09:00;20.03.2022 12:00;11`,
    ]),
    writeUtf8(dir, 'hendelser-2022-03.csv', [
      EVENTS_HEADER,
      'A1,5401,Somatikk,2,,2022-03-01T10:00,2022-04-01T00:00',
      'A1,5401,Somatikk,UT,,2022-03-04T11:00,2022-04-01T00:00',
    ]),
    writeUtf8(dir, 'faktura-2022.csv', [INVOICE_HEADER, 'F1;31.03.2022;5401;Tromsø;A2;Somatikk;12.03.2022;19.03.2022;8;5306;42448;Faktura']),
  ]);
  expect(results.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded']);
});
afterAll(() => {
  db.close();
  delete process.env.USK_PSEUDONYM_KEY;
});

describe('writeSnapshot', () => {
  it('records which database (its id) at which data version the snapshot was taken from', async () => {
    const out = join(dir, 'snap');
    const { meta } = await writeSnapshot(db, out);
    expect(meta).toMatchObject({ version: SNAPSHOT_VERSION, source: 'unn.duckdb', databaseId: await databaseId(db), dataVersion: 3 });
    const written = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8')) as SnapshotMeta;
    expect(written.databaseId).toBe(meta.databaseId);
    expect(written.dataVersion).toBe(3);
    expect(readdirSync(out).sort()).toEqual([...Object.values(meta.files), 'snapshot.json'].sort());
  });

  it('counts the rejected rows per month and file, and carries none of their values', async () => {
    const out = join(dir, 'snap-avviste');
    const { meta } = await writeSnapshot(db, out);
    expect(JSON.parse(readFileSync(join(out, meta.files.rejects), 'utf8'))).toEqual([
      { periode: '2022-03', batch: 1, fil: 'dips-2022.csv', profil: 'dips-usk', profilNavn: 'DIPS: Utskrivningsklare pasienter', antall: 1 },
    ]);
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name)).toString('latin1'), name).not.toMatch(/9998|Ukjent|X1/);
  });

  it('writes no file whose name could leave the folder (a snapshot from a server is written by name)', () => {
    const out = join(dir, 'snap-bad');
    expect(() => writeSnapshotFiles(out, new Map([['../snapshot.json', new Uint8Array()]]))).toThrow(/ugyldig filnavn/);
    expect(() => writeSnapshotFiles(out, new Map([['.usk-notatboker.json', new Uint8Array()]]))).toThrow(/ugyldig filnavn/);
  });
});

describe('the notebooks\' stamp', () => {
  it('reads back what was written, and null where there is none', async () => {
    const out = tempDir('usk-stamp-');
    expect(readNotebookStamp(out)).toBeNull();
    const { meta } = await writeSnapshot(db, join(out, 'data'));
    const stamp = writeNotebookStamp(out, meta);
    expect(readNotebookStamp(out)).toEqual(stamp);
    expect(stamp).toMatchObject({ databaseId: meta.databaseId, dataVersion: 3, source: 'unn.duckdb', snapshotCreatedAt: meta.createdAt });
  });
});
