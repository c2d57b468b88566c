import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, tempDir, writeCp1252, writeUtf8 } from '../load/fixtures.ts';
import { rejectedRowsByMonth } from './index.ts';

let db: UskDb;
let dir: string;
beforeAll(async () => {
  process.env.USK_PSEUDONYM_KEY = 'k'.repeat(40);
  dir = tempDir();
  db = await openDatabase(join(dir, 'usk.duckdb'));
  const results = await ingestFiles(db, [
    writeCp1252(dir, 'dips-2022.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;Med;28.02.2022;01.03.2022 10:00;04.03.2022 11:00;4`,
      `X1;${FNR[1]};9998;Ukjent;Somatikk;Med;04.03.2022;05.03.2022 10:00;06.03.2022 11:00;2`, // no such municipality: March
      `X2;${FNR[2]};5401;Tromsø;Somatikk;Med;27.02.2022;31.02.2022 10:00;03.03.2022 11:00;3`, // no such date: still February
      `X3;${FNR[3]};9998;Ukjent;Somatikk;Med;27.02.2022;30.02.2022 10:00;03.03.2022 11:00;3`, // both: one row
      `X4;${FNR[0]};5401;Tromsø;Somatikk;Med;27.02.2022;i går;03.03.2022 11:00;3`, // no month to be read
      `X5;${FNR[1]};5401;Tromsø;Somatikk;Med;27.02.2022;01.03.2022 10:00;03.03.2022 11:00;3;for mye`, // not CSV as the header says
    ]),
    writeUtf8(dir, 'hendelser-2022-04.csv', [EVENTS_HEADER, 'A1,9998,Somatikk,2,,2022-04-01T10:00,', 'A1,5401,Somatikk,UT,,2022-04-02T10:00,']),
  ]);
  expect(results.map((r) => [r.status, r.rowsRejected])).toEqual([['loaded', 5], ['loaded', 1]]);
});
afterAll(() => {
  db.close();
  delete process.env.USK_PSEUDONYM_KEY;
});

describe('rejectedRowsByMonth', () => {
  it('counts rejected rows per month they concern and file, a row with two problems once, and those of no readable month apart', async () => {
    expect(await rejectedRowsByMonth(db)).toEqual([
      { periode: null, batch: 1, fil: 'dips-2022.csv', profil: 'dips-usk', profilNavn: 'DIPS: Utskrivningsklare pasienter', antall: 2 },
      { periode: '2022-02', batch: 1, fil: 'dips-2022.csv', profil: 'dips-usk', profilNavn: 'DIPS: Utskrivningsklare pasienter', antall: 2 },
      { periode: '2022-03', batch: 1, fil: 'dips-2022.csv', profil: 'dips-usk', profilNavn: 'DIPS: Utskrivningsklare pasienter', antall: 1 },
      { periode: '2022-04', batch: 2, fil: 'hendelser-2022-04.csv', profil: 'hnlis-hendelser', profilNavn: 'Helse Nord LIS: hendelser', antall: 1 },
    ]);
    // The same total as the batch says.
    expect(await db.json('SELECT sum(rows_rejected)::INT AS n FROM batch')).toEqual([{ n: 6 }]);
  });
});

describe('a database from before the month, the municipality and the row summary were kept', () => {
  it('gets the columns when opened, its rejects of an unknown month and municipality', async () => {
    const path = join(dir, 'gammel.duckdb');
    let old = await openDatabase(path);
    await old.run("ALTER TABLE reject DROP COLUMN row_summary; ALTER TABLE reject DROP COLUMN kommunenr; ALTER TABLE reject DROP COLUMN month; INSERT INTO reject VALUES (1, 7, NULL, NULL, 'for få kolonner')");
    old.close();
    old = await openDatabase(path);
    try {
      expect(await old.json("SELECT line, month, kommunenr, row_summary FROM reject")).toEqual([{ line: 7, month: null, kommunenr: null, row_summary: null }]);
    } finally {
      old.close();
    }
  });
});
