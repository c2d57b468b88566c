import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles, type IngestOptions } from './ingest.ts';
import { readExport } from '../read/index.ts';
import { pseudonymFiller } from '../pseudonym/filler.ts';
import { DIPS_HEADER, DIPS_PREAMBLE, FNR, tempDir, writeCp1252, writeUtf8 } from './fixtures.ts';
import { MAX_LINE_BYTES } from '../validate/source.ts';

/**
 * A file is read in chunks (read/normalize.ts) and each chunk is validated and loaded on its own
 * inside the file's transaction. Whatever the chunk size, the database must end up the same: these
 * tests load each file once whole and again with tiny chunks, so that boundaries fall inside
 * quoted line breaks, between rejects, and right before the totals row.
 */
let dir: string;
const open: UskDb[] = [];
const keyBefore = process.env.USK_PSEUDONYM_KEY;
beforeEach(() => {
  dir = tempDir();
  // One key for the databases compared, so their pseudonyms can be compared too.
  process.env.USK_PSEUDONYM_KEY = 'chunk-test-key-chunk-test-key-chunk-test-key';
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (keyBefore === undefined) delete process.env.USK_PSEUDONYM_KEY;
  else process.env.USK_PSEUDONYM_KEY = keyBefore;
});

async function load(name: string, files: string[], options: IngestOptions = {}) {
  const db = await openDatabase(join(dir, `${name}.duckdb`));
  open.push(db);
  const results = await ingestFiles(db, files, { refresh: false, ...options });
  const dump = async (sql: string) => db.json(sql);
  return {
    results,
    batches: await dump(`SELECT batch_id, file_name, encoding, header_line, rows_read, rows_loaded, rows_rejected, strftime(as_of, '%Y-%m-%d %H:%M') AS as_of FROM batch ORDER BY batch_id`),
    periods: await dump(`SELECT * EXCLUDE (batch_id) FROM src_period ORDER BY line`),
    events: await dump(`SELECT * EXCLUDE (batch_id) FROM src_event ORDER BY line`),
    rejects: await dump(`SELECT * FROM reject ORDER BY batch_id, line, column_name`),
    warnings: await dump(`SELECT * FROM batch_warning ORDER BY batch_id, line NULLS FIRST, code`),
  };
}

const dipsRows = [
  `C1;${FNR[0]};5401;Tromsø;Somatikk;"Med. sengepost; 5B";28.02.2022;01.03.2022 10:00;04.03.2022 11:00;4`,
  `C2;${FNR[1]};5419;Sørreisa;Psykisk helsevern;"Akutt-
post
etter midnatt";;10.05.2022 09:00;14.05.2022 12:00;5`,
  `C3;${FNR[2]};9998;Ukjent;Somatikk;;;01.03.2022;02.03.2022;1`,
  `C4;${FNR[3]};1931;Lenvik;PHV;Psyk;;01.12.2021;;3`,
  `C5;${FNR[0]};5401;Tromsø;Somatikk;;;31.02.2022;02.03.2022;1`,
  `C6;${FNR[1]};5401`,
  '',
  `C7;${FNR[2]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1;ekstra`,
  `C8;${FNR[3]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;2`,
];

describe('chunked loading gives the same database as loading whole', () => {
  it('DIPS with quoted line breaks, rejects, a blank line, a validity warning and a totals row', async () => {
    const file = writeCp1252(dir, 'dips.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...dipsRows, 'Sum;;;;;;;;;19']);
    const whole = await load('whole', [file]);
    expect(whole.results[0]).toMatchObject({ status: 'loaded', rowsRead: 8, rowsLoaded: 4, rowsRejected: 4 });
    expect(whole.warnings.map((w) => (w as { code: string }).code)).toEqual(['kommunenr-utenfor-gyldighet', 'summeringsrad-avvik']);
    for (const chunkRecords of [1, 2, 3]) {
      expect(await load(`chunks-${chunkRecords}`, [file], { chunkRecords })).toEqual(whole);
    }
    // The same with every pseudonym hashed in the worker thread, chunk boundaries and all.
    expect(await load('chunks-worker', [file], { chunkRecords: 1, pseudonymWorkerFrom: 0 })).toEqual(whole);
  });

  it('the reader does cut a small file into chunks of the size asked for (what these tests rely on)', async () => {
    const file = writeCp1252(dir, 'dips.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...dipsRows, 'Sum;;;;;;;;;19']);
    const pseudonyms = pseudonymFiller(Buffer.alloc(32, 1));
    const read = await readExport(file, { chunkRecords: 2, pseudonyms });
    const records: number[] = [];
    try {
      for await (const chunk of read.chunks()) records.push(chunk.records);
    } finally {
      read.dispose();
      await pseudonyms.close();
    }
    // C2's three lines are one record, the blank line none; the last chunk held only the totals
    // row, which is taken off and checked, so it is not handed on at all.
    expect(records).toEqual([2, 2, 2, 2]);
  });

  it('a file whose records fill the last chunk exactly, so the totals row is all the next one would hold', async () => {
    const rows = [dipsRows[0]!, dipsRows[3]!, dipsRows[7]!, dipsRows[8]!];
    const file = writeCp1252(dir, 'dips-4.csv', [DIPS_HEADER, ...rows, 'Sum;;;;;;;;;9']);
    const whole = await load('whole', [file]);
    expect(whole.results[0]).toMatchObject({ rowsRead: 4, rowsLoaded: 3, rowsRejected: 1 });
    expect(await load('chunks', [file], { chunkRecords: 2 })).toEqual(whole);
  });

  it('HN-LIS without Uttrekk: the as-of is the latest time over all chunks, given to every row', async () => {
    const header = 'OppholdsID;Kommunenr;Fagomraade;Hendelseskode;Tidspunkt';
    const file = writeUtf8(dir, 'hnlis.csv', [
      header, 'S1;5401;Somatikk;2;01.12.2022 10:00', 'S1;5401;Somatikk;UT;03.12.2022 09:00', 'S2;5401;Somatikk;2;30.11.2022 08:00',
      'S2;5401;Somatikk;9;01.12.2022 08:00', 'S3;5401;Somatikk;2;27.03.2022 02:30',
    ]);
    const whole = await load('whole', [file]);
    expect(whole.batches).toMatchObject([{ rows_loaded: 4, rows_rejected: 1, as_of: '2022-12-03 09:00' }]);
    expect(new Set(whole.events.map((e) => String((e as { as_of: string }).as_of)))).toEqual(new Set(['2022-12-03 09:00:00']));
    expect(await load('chunks', [file], { chunkRecords: 1 })).toEqual(whole);
  });

  it('late Windows-1252 evidence after chunks were loaded: the file starts over, nothing twice', async () => {
    const filler = Array.from({ length: 6000 }, (_, i) => `L${i};${FNR[0]};5401;Tromso;Somatikk;Medisinsk avdeling;;01.03.2022 10:00;04.03.2022 11:00;4`);
    const file = writeCp1252(dir, 'sen-ae.csv', [DIPS_HEADER.replace('ø', 'o'), ...filler, `Z1;${FNR[1]};5419;Sørreisa;Somatikk;Kir;;10.05.2022 09:00;14.05.2022 12:00;5`]);
    const chunked = await load('chunks', [file], { chunkRecords: 500 });
    expect(chunked.results[0]).toMatchObject({ status: 'loaded', rowsRead: 6001, rowsLoaded: 6001, batch: 1 });
    expect(chunked.batches).toMatchObject([{ encoding: 'windows-1252', rows_loaded: 6001 }]);
    expect(chunked.periods.filter((p) => (p as { kommune_navn: string }).kommune_navn === 'Sørreisa')).toHaveLength(1);
  });

  it('--strict with a reject in a later chunk loads nothing from the earlier ones', async () => {
    const file = writeCp1252(dir, 'dips.csv', [DIPS_HEADER, dipsRows[0]!, dipsRows[3]!, dipsRows[8]!, dipsRows[2]!]);
    const r = await load('strict', [file], { strict: true, chunkRecords: 1 });
    expect(r.results[0]).toMatchObject({ status: 'refused', rowsRejected: 1 });
    expect(r.results[0]!.error).toContain('linje 5, kolonne «Kommunenr»');
    expect([r.batches, r.periods, r.rejects, r.warnings]).toEqual([[], [], [], []]);
  });

  it('a large file loaded before is recognised after its reading, and nothing of it is loaded again', async () => {
    const file = writeCp1252(dir, 'dips.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...dipsRows, 'Sum;;;;;;;;;19']);
    const db = await openDatabase(join(dir, 'dup.duckdb'));
    open.push(db);
    const late = { refresh: false, chunkRecords: 2, earlyHashBytes: 0 };
    const [first] = await ingestFiles(db, [file], late);
    const [again] = await ingestFiles(db, [file], late);
    expect(again).toMatchObject({ status: 'duplicate', batch: first!.batch, rowsRead: 8, rowsLoaded: 0 });
    expect(again!.warnings[0]).toMatch(/^samme fil \(SHA-256\) er allerede lastet som batch 1 \(«dips\.csv»/);
    expect(await db.json('SELECT count(*)::INT AS n FROM src_period')).toEqual([{ n: 4 }]);
    expect(await db.json('SELECT count(*)::INT AS n FROM batch')).toEqual([{ n: 1 }]);
  });
});

/** Not compared chunked, as above: tiny chunks read the file in 16-byte pieces, too slow over a line of 4 MB. */
describe('a record DuckDB\'s reader refuses', () => {
  it('a row longer than the reader\'s line limit is one rejected row, the rest loaded: it refused the file as an internal error', async () => {
    const long = `C9;${FNR[1]};5401;Tromsø;Somatikk;${'A'.repeat(MAX_LINE_BYTES + 1000)};;01.03.2022;02.03.2022;1`;
    const file = writeUtf8(dir, 'lang-rad.csv', [DIPS_HEADER, dipsRows[0]!, long, dipsRows[8]!]);
    const whole = await load('whole', [file]);
    expect(whole.results[0]).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(whole.rejects).toHaveLength(1);
    const reject = whole.rejects[0] as { line: number; column_name: string | null; value: string; reason: string };
    expect(reject).toMatchObject({ line: 3, column_name: null, reason: 'raden er for lang: forventet høyst 4 MB på én rad' });
    // What it held, cut, its patient blanked by the reader as in every record.
    expect(reject.value).toMatch(/^C9;\s*;5401;Tromsø;Somatikk;A+$/);
    expect(reject.value).not.toContain(FNR[1]);
  });
});
