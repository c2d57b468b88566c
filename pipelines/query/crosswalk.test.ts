/**
 * examples.md's crosswalk example, from export text to the reconciliation: 1931 Lenvik (2019) is
 * Senja 5530 under today's municipalities and stays 1931 as registered; `901` is read as 0901 (Risør
 * until 2019), and a 2024 row with it still loads, under today's 4201, with a warning; `9998`, a
 * number that never existed, is a rejected row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import type { IngestResult } from '../load/result.ts';
import { DIPS_HEADER, FNR, tempDir, writeCp1252 } from '../load/fixtures.ts';
import { reconcile } from './index.ts';

let db: UskDb;
let result: IngestResult;

beforeAll(async () => {
  db = await openDatabase(':memory:');
  const file = writeCp1252(tempDir(), 'dips-kommunenr.csv', [
    DIPS_HEADER,
    `L1;${FNR[0]};1931;Lenvik;Somatikk;Med;;04.03.2019;07.03.2019;3`,
    `R1;${FNR[1]};901;Risør;Somatikk;Med;;04.03.2024;06.03.2024;2`,
    `X1;${FNR[2]};9998;Ukjent;Somatikk;Med;;04.03.2024;06.03.2024;2`,
  ]);
  result = (await ingestFiles(db, [file], { asOf: '2024-03-10 06:00' }))[0]!;
});
afterAll(() => db.close());

describe('the crosswalk example (examples.md), through the pipeline', () => {
  it('loads 1931 and 901, rejects 9998 as a number that never existed, and warns about 0901 in 2024', async () => {
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 1 });
    const [reject] = await db.json<{ line: number; column_name: string; reason: string }>('SELECT line, column_name, reason FROM reject');
    expect(reject).toEqual({ line: 4, column_name: 'Kommunenr', reason: 'kommunenummer 9998 har aldri eksistert (forventet et nummer fra SSBs kommuneliste)' });
    const warnings = await db.json<{ line: number; column_name: string; message: string }>('SELECT line, column_name, message FROM batch_warning ORDER BY line');
    expect(warnings).toEqual([{ line: 3, column_name: 'Kommunenr', message: 'Kommunenr 0901 (Risør) var ikke gyldig i 2024; regnes som 4201 Risør' }]);
  });

  it('groups 1931 under Senja 5530 today, and keeps 1931 Lenvik as registered', async () => {
    const current = await reconcile(db, { kommune: '5530', by: 'year', fagomrade: 'alle' });
    expect(current.map((r) => [r.kommunenr, r.kommune, r.periode, r.registrert])).toEqual([['5530', 'Senja', '2019', 3]]);
    const registered = await reconcile(db, { kommune: '1931', by: 'year', fagomrade: 'alle', group: 'registered' });
    expect(registered.map((r) => [r.kommunenr, r.kommune, r.periode, r.registrert])).toEqual([['1931', 'Lenvik', '2019', 3]]);
  });

  it('reads 901 as 0901 and maps it to today\'s 4201', async () => {
    const current = await reconcile(db, { kommune: '4201', by: 'year', fagomrade: 'alle' });
    expect(current.map((r) => [r.kommunenr, r.periode, r.registrert])).toEqual([['4201', '2024', 2]]);
    const registered = await reconcile(db, { kommune: '0901', by: 'year', fagomrade: 'alle', group: 'registered' });
    expect(registered.map((r) => [r.kommunenr, r.periode, r.registrert])).toEqual([['0901', '2024', 2]]);
  });
});
