import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles, type IngestOptions } from './ingest.ts';
import { DIPS_HEADER, DIPS_PREAMBLE, FNR, tempDir, writeCp1252 } from './fixtures.ts';

/**
 * A header cell with a line break inside quotes (Excel's Alt+Enter in a header cell, saved as CSV)
 * runs the header over two physical lines. exports.md allows quoted fields with line breaks, and
 * the same header in .xlsx loads, so the CSV loads too (read/header.ts, read/line-prefixer.ts); the
 * rows keep their physical line numbers, which start one line later. Before, the file was refused:
 * «Nærmest er «dips-usk», men disse kolonnene mangler: USK-døgn». Each file is also loaded in
 * chunks of one record, whose tiny pieces split the header's lines apart.
 */
let dir: string;
const open: UskDb[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

let dbs = 0;
async function load(file: string, options: IngestOptions = {}) {
  const db = await openDatabase(join(dir, `usk-${dbs++}.duckdb`));
  open.push(db);
  const [result] = await ingestFiles(db, [file], { refresh: false, ...options });
  return {
    result: result!,
    periods: await db.json<{ stay_id: string; line: number; avdeling: string | null; usk_days: number }>(
      'SELECT stay_id, line, avdeling, usk_days FROM src_period ORDER BY line'),
    rejects: await db.json<{ line: number; column_name: string | null; value: string | null }>(
      'SELECT line, column_name, value FROM reject ORDER BY line, column_name'),
    batch: await db.json<{ header_line: number }>('SELECT header_line FROM batch'),
  };
}

const row = (id: string, fnr: string, avdeling: string, days: string) => `${id};${fnr};5401;Tromsø;Somatikk;${avdeling};;01.03.2022;04.03.2022;${days}`;
// The preamble's 4 lines (the last one blank), the header on lines 5–6: the first row is on line 7.
const ROWS = [row('A1', FNR[0], 'Med. sengepost', '4'), row('A2', FNR[1], '"Akutt-\r\npost"', '5'), row('A3', FNR[2], 'Medisin', 'x'), row('A4', FNR[3], 'Medisin', '2')];

describe('a CSV header cell with a line break inside quotes', () => {
  for (const [name, header, column] of [
    ['«Antall USK-⏎døgn»', DIPS_HEADER.replace('USK-døgn', '"Antall USK-\r\ndøgn"'), 'Antall USK- døgn'],
    ['«Av-⏎deling»', DIPS_HEADER.replace('Avdeling', '"Av-\r\ndeling"'), 'USK-døgn'],
    // Excel itself writes a break in a cell as LF alone, the line ends as CRLF.
    ['«Antall USK-⏎døgn» with LF alone in the cell', DIPS_HEADER.replace('USK-døgn', '"Antall USK-\ndøgn"'), 'Antall USK- døgn'],
  ] as const) {
    it(`${name} (Windows-1252, CRLF, preamble): loads, each row on its physical line, and a bad row is rejected on its own line`, async () => {
      const file = writeCp1252(dir, 'dips-alt-enter.csv', [...DIPS_PREAMBLE, header, ...ROWS]);
      const whole = await load(file);
      expect(whole.result).toMatchObject({ status: 'loaded', profile: 'dips-usk', rowsRead: 4, rowsLoaded: 3, rowsRejected: 1, asOf: '2023-01-05 07:15' });
      // A2's own cell with a line break takes lines 8–9, so A3 is on line 10.
      expect(whole.periods).toEqual([
        { stay_id: 'A1', line: 7, avdeling: 'Med. sengepost', usk_days: 4 },
        { stay_id: 'A2', line: 8, avdeling: 'Akutt-\npost', usk_days: 5 },
        { stay_id: 'A4', line: 11, avdeling: 'Medisin', usk_days: 2 },
      ]);
      // The reject names the column as the header reads it, the break as a space.
      expect(whole.rejects).toEqual([{ line: 10, column_name: column, value: 'x' }]);
      expect(whole.batch).toEqual([{ header_line: 5 }]);
      const chunked = await load(file, { chunkRecords: 1 });
      expect({ ...chunked, result: { ...chunked.result, batch: null } }).toEqual({ ...whole, result: { ...whole.result, batch: null } });
    });
  }

  it('a report that repeats such a header after a page break: the repeat is skipped, not rejected as a row', async () => {
    const header = DIPS_HEADER.replace('USK-døgn', '"Antall USK-\r\ndøgn"');
    const file = writeCp1252(dir, 'dips-side-2.csv', [...DIPS_PREAMBLE, header, ROWS[0]!, header, ROWS[3]!]);
    const r = await load(file);
    expect(r.result).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(r.periods.map((p) => [p.stay_id, p.line])).toEqual([['A1', 7], ['A4', 10]]);
  });

  it('a header whose quote is never closed is refused, naming the cell, not loaded wrong', async () => {
    // Before, the open quote ran the rows into the header DuckDB skips: an internal error.
    const file = writeCp1252(dir, 'dips-uavsluttet.csv', [...DIPS_PREAMBLE, DIPS_HEADER.replace('USK-døgn', '"USK-døgn'), ROWS[0]!, ROWS[3]!]);
    const { result } = await load(file);
    expect(result).toMatchObject({ status: 'refused', rowsLoaded: 0 });
    expect(result.error).toBe('dips-uavsluttet.csv (linje 5): overskriftsraden har et anførselstegn (") foran «USK-døgn» (kolonne 10) som aldri lukkes, '
      + 'så resten av filen ville blitt lest som en del av overskriften: lukk anførselstegnet i overskriften (eller fjern det) og prøv igjen');
    // Also when a quote in a row further down would close it.
    const closedLater = writeCp1252(dir, 'dips-lukket-i-rad.csv', [...DIPS_PREAMBLE, DIPS_HEADER.replace('Avdeling', '"Avdeling'), ROWS[0]!, ROWS[1]!]);
    expect((await load(closedLater)).result.error).toMatch(/^dips-lukket-i-rad\.csv \(linje 5\): overskriftsraden har et anførselstegn \("\) foran «Avdeling» \(kolonne 6\) som aldri lukkes/);
  });
});
