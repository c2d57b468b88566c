import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from './ingest.ts';
import { DIPS_HEADER, DIPS_PREAMBLE, FNR, tempDir, writeCp1252 } from './fixtures.ts';

const open: UskDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** exports.md: a number that existed, but not in the row's year, is loaded with a warning naming today's number. */
describe('kommuneValidityWarnings', () => {
  it('warns only for the rows whose year lies outside their number’s validity', async () => {
    const dir = tempDir();
    const file = writeCp1252(dir, 'dips.csv', [
      ...DIPS_PREAMBLE,
      DIPS_HEADER,
      `A1;${FNR[0]};1931;Lenvik;Somatikk;;;02.12.2019;04.12.2019;2`, // Lenvik's last year: valid
      `A2;${FNR[1]};1931;Lenvik;Somatikk;;;03.01.2020;05.01.2020;2`, // Senja since 2020: warned
      `A3;${FNR[2]};1902;Tromsø;Somatikk;;;10.06.2019;12.06.2019;2`, // valid, and 1902 is never out of its years here
      `A4;${FNR[3]};5401;Tromsø;Somatikk;;;10.06.2019;12.06.2019;2`, // 5401 began in 2020: warned
      `A5;${FNR[0]};5401;Tromsø;Somatikk;;;10.06.2021;12.06.2021;2`, // valid
    ]);
    const db = await openDatabase(join(dir, 'usk.duckdb'));
    open.push(db);
    const [result] = await ingestFiles(db, [file], { refresh: false });
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 5, rowsRejected: 0 });
    const warnings = await db.json<{ line: number; message: string }>(
      "SELECT line, message FROM batch_warning WHERE code = 'kommunenr-utenfor-gyldighet' ORDER BY line",
    );
    expect(warnings).toEqual([
      { line: 7, message: 'Kommunenr 1931 (Lenvik) var ikke gyldig i 2020; regnes som 5530 Senja' },
      { line: 9, message: 'Kommunenr 5401 (Tromsø) var ikke gyldig i 2019; regnes som 5501 Tromsø' },
    ]);
  });
});
