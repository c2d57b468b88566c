import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { MAX_QUOTED_LINES } from '../read/line-prefixer.ts';
import { ingestFiles, type IngestOptions } from './ingest.ts';
import { DIPS_HEADER, DIPS_PREAMBLE, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from './fixtures.ts';

/**
 * A quote opened in a field and never closed ("Post 5, or "a"" whose "" is an escaped quote) must
 * not make the rest of the file one quoted field: that line alone is rejected, naming its line and
 * column, and every line after it is read as usual (read/line-prefixer.ts, load/chunk.ts). Each
 * file is also loaded in tiny chunks, so that piece and chunk boundaries fall inside the open
 * quote, and must give the same database.
 */
let dir: string;
const open: UskDb[] = [];
const keyBefore = process.env.USK_PSEUDONYM_KEY;
beforeEach(() => {
  dir = tempDir();
  process.env.USK_PSEUDONYM_KEY = 'unclosed-quote-test-key-unclosed-quote-test';
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (keyBefore === undefined) delete process.env.USK_PSEUDONYM_KEY;
  else process.env.USK_PSEUDONYM_KEY = keyBefore;
});

type Reject = { line: number; column_name: string | null; value: string | null; reason: string };

let dbs = 0;
async function load(files: string[], options: IngestOptions = {}) {
  const db = await openDatabase(join(dir, `usk-${dbs++}.duckdb`));
  open.push(db);
  const results = await ingestFiles(db, files, { refresh: false, ...options });
  return {
    results,
    periods: await db.json<{ stay_id: string; line: number; avdeling: string | null }>('SELECT stay_id, line, avdeling FROM src_period ORDER BY line'),
    invoices: await db.json<{ invoice_no: string; line: number }>('SELECT invoice_no, line FROM src_invoice ORDER BY line'),
    rejects: await db.json<Reject>('SELECT line, column_name, value, reason FROM reject ORDER BY batch_id, line, column_name'),
    warnings: await db.json<{ code: string }>('SELECT code FROM batch_warning ORDER BY line NULLS FIRST, code'),
  };
}

/** Loads whole and in chunks of 1, 2 and 3 records; all must agree. Returns the whole load. */
async function loadEveryWay(file: string) {
  const whole = await load([file]);
  for (const chunkRecords of [1, 2, 3]) {
    const chunked = await load([file], { chunkRecords });
    expect({ ...chunked, results: chunked.results.map(({ batch: _, ...r }) => r) }).toEqual({ ...whole, results: whole.results.map(({ batch: _, ...r }) => r) });
  }
  return whole;
}

const row = (id: string, fnr: string, avdeling: string, days = 4) => `${id};${fnr};5401;Tromsø;Somatikk;${avdeling};;01.03.2022;04.03.2022;${days}`;
const unclosedReason = (column: string, line: number) =>
  `uavsluttet anførselstegn i kolonne «${column}» (åpnet på linje ${line}): forventet et " som avslutter feltet; bare denne linjen er avvist, linjene etter er lest som egne rader`;

describe('an unclosed quote rejects its own line only', () => {
  it('(a) in the middle of a DIPS file: that line is rejected with line, column and value; every later row loads on its own line', async () => {
    // Preamble on lines 1–4, header on 5, rows from 6, totals row last.
    const file = writeCp1252(dir, 'dips-uavsluttet.csv', [
      ...DIPS_PREAMBLE,
      DIPS_HEADER,
      row('A1', FNR[0], 'x'),
      row('A2', FNR[1], '"Post 5'),
      row('A3', FNR[2], '"Med. sengepost; 5B"'),
      row('A4', FNR[3], 'y'),
      row('A5', FNR[0], 'z', 5),
      'Sum;;;;;;;;;21',
    ]);
    const r = await loadEveryWay(file);
    expect(r.results[0]).toMatchObject({ status: 'loaded', rowsRead: 5, rowsLoaded: 4, rowsRejected: 1 });
    expect(r.periods.map((p) => [p.stay_id, p.line, p.avdeling])).toEqual([['A1', 6, 'x'], ['A3', 8, 'Med. sengepost; 5B'], ['A4', 9, 'y'], ['A5', 10, 'z']]);
    expect(r.rejects).toEqual([{ line: 7, column_name: 'Avdeling', value: '"Post 5', reason: unclosedReason('Avdeling', 7) }]);
    // The totals row was still recognised as one (it is not among the rows read) and checked: its
    // 21 counts the rejected line's 4 days, which the rows loaded do not have.
    expect(r.warnings.map((w) => w.code)).toEqual(['summeringsrad-avvik']);
  });

  it(`(a) followed by lines that are no records: the quote is given up after ${MAX_QUOTED_LINES} lines, and each line has its own verdict`, async () => {
    const notes = Array.from({ length: MAX_QUOTED_LINES + 5 }, (_, k) => `merknad ${k + 1}`);
    const file = writeUtf8(dir, 'dips-lang.csv', [DIPS_HEADER, row('A1', FNR[0], 'x'), row('A2', FNR[1], '"Post 5'), ...notes, row('A3', FNR[2], 'y'), row('A4', FNR[3], 'z')]);
    const r = await loadEveryWay(file);
    expect(r.results[0]).toMatchObject({ status: 'loaded', rowsRead: 4 + notes.length, rowsLoaded: 3, rowsRejected: 1 + notes.length });
    expect(r.periods.map((p) => [p.stay_id, p.line])).toEqual([['A1', 2], ['A3', notes.length + 4], ['A4', notes.length + 5]]);
    expect(r.rejects[0]).toEqual({ line: 3, column_name: 'Avdeling', value: '"Post 5', reason: unclosedReason('Avdeling', 3) });
    expect(r.rejects.slice(1).map((x) => [x.line, x.column_name, x.reason])).toEqual(notes.map((_, k) => [k + 4, null, expect.stringMatching(/^rapporttekst, ikke en datarad: linjen ser ut som/)]));
  });

  it('(b) on the last line, with and without a final line break, and before a totals row', async () => {
    const rows = [row('A1', FNR[0], 'x'), row('A2', FNR[1], 'y'), row('A3', FNR[2], '"Post 5')];
    const withBreak = writeUtf8(dir, 'siste.csv', [DIPS_HEADER, ...rows]);
    const noBreak = join(dir, 'siste-uten-linjeskift.csv');
    writeFileSync(noBreak, [DIPS_HEADER, ...rows].join('\r\n'), 'utf8');
    for (const file of [withBreak, noBreak]) {
      const r = await loadEveryWay(file);
      expect(r.results[0]).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
      expect(r.periods.map((p) => p.line)).toEqual([2, 3]);
      expect(r.rejects).toEqual([{ line: 4, column_name: 'Avdeling', value: '"Post 5', reason: unclosedReason('Avdeling', 4) }]);
    }
    const totals = writeUtf8(dir, 'siste-sum.csv', [DIPS_HEADER, ...rows, 'Sum;;;;;;;;;8']);
    const t = await loadEveryWay(totals);
    expect(t.results[0]).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(t.warnings).toEqual([]);
  });

  it('(b) near the end, followed by lines that are no records: each is rejected, none lost, the counts add up', async () => {
    const file = writeUtf8(dir, 'nesten-siste.csv', [DIPS_HEADER, row('A1', FNR[0], 'x'), row('A2', FNR[1], '"Post 5'), 'merknad', `A3;"${FNR[2]}`, 'slutt']);
    const r = await loadEveryWay(file);
    expect(r.results[0]).toMatchObject({ status: 'loaded', rowsRead: 5, rowsLoaded: 1, rowsRejected: 4 });
    expect(r.rejects.map((x) => [x.line, x.column_name, x.value])).toEqual([[3, 'Avdeling', '"Post 5'], [4, null, 'merknad'], [5, 'Fødselsnummer', null], [6, null, 'slutt']]);
    expect(r.rejects[2]!.reason).toBe(unclosedReason('Fødselsnummer', 5));
    expect(JSON.stringify(r)).not.toContain(FNR[2]);
  });

  it('(c) a quoted field over two lines still loads as one row, and the rows after it keep their line numbers', async () => {
    const file = writeCp1252(dir, 'dips-flerlinje.csv', [
      DIPS_HEADER,
      row('A1', FNR[0], '"Akutt-\r\npost"'),
      row('A2', FNR[1], 'x'),
      row('A3', FNR[2], '"Med.\r\nsengepost;\r\n5B"'),
      row('A4', FNR[3], 'y'),
    ]);
    const r = await loadEveryWay(file);
    expect(r.results[0]).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 4, rowsRejected: 0 });
    expect(r.periods.map((p) => [p.stay_id, p.line, p.avdeling])).toEqual([['A1', 2, 'Akutt-\npost'], ['A2', 4, 'x'], ['A3', 5, 'Med.\nsengepost;\n5B'], ['A4', 8, 'y']]);
  });

  it('(c) also when the field over lines is the first column, whose last line looks like a record by itself', async () => {
    const header = 'Avdeling;Oppholds-ID;Fødselsnummer;Kommunenr;Kommune;Fagområde;Innlagt;Utskrivningsklar;Utskrevet;USK-døgn';
    const first = (avdeling: string, id: string, fnr: string) => `${avdeling};${id};${fnr};5401;Tromsø;Somatikk;;01.03.2022;04.03.2022;4`;
    const file = writeUtf8(dir, 'avdeling-forst.csv', [header, first('"Akutt-\npost"', 'A1', FNR[0]), first('x', 'A2', FNR[1])]);
    const r = await loadEveryWay(file);
    expect(r.results[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(r.periods.map((p) => [p.stay_id, p.line, p.avdeling])).toEqual([['A1', 2, 'Akutt-\npost'], ['A2', 4, 'x']]);
  });

  it('(d) "a"" (an escaped quote, then no closing one) is an unclosed quote too', async () => {
    const file = writeUtf8(dir, 'dips-escape.csv', [DIPS_HEADER, row('A1', FNR[0], '"a"""'), row('A2', FNR[1], '"a""'), row('A3', FNR[2], 'x'), row('A4', FNR[3], '"b ""c"""')]);
    const r = await loadEveryWay(file);
    expect(r.results[0]).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 3, rowsRejected: 1 });
    expect(r.periods.map((p) => [p.stay_id, p.line, p.avdeling])).toEqual([['A1', 2, 'a"'], ['A3', 4, 'x'], ['A4', 5, 'b "c"']]);
    expect(r.rejects).toEqual([{ line: 3, column_name: 'Avdeling', value: '"a""', reason: unclosedReason('Avdeling', 3) }]);
  });

  it('in a profile without patient columns (faktura), and in a patient column, whose value is not kept', async () => {
    const invoice = (no: string, kommune: string) => `${no};31.01.2023;5401;${kommune};G1;Somatikk;01.01.2023;02.01.2023;2;5 306,00;10 612,00;Faktura`;
    const faktura = writeUtf8(dir, 'faktura.csv', [INVOICE_HEADER, invoice('F1', 'Tromsø'), invoice('F2', '"Tromsø'), invoice('F3', 'Tromsø')]);
    const f = await loadEveryWay(faktura);
    expect(f.results[0]).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(f.invoices.map((i) => [i.invoice_no, i.line])).toEqual([['F1', 2], ['F3', 4]]);
    expect(f.rejects).toEqual([{ line: 3, column_name: 'Kommune', value: '"Tromsø', reason: unclosedReason('Kommune', 3) }]);

    const dips = writeUtf8(dir, 'dips-pasient.csv', [DIPS_HEADER, row('A1', `"${FNR[0]}`, 'x'), row('A2', FNR[1], 'y')]);
    const d = await loadEveryWay(dips);
    expect(d.results[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    expect(d.rejects).toEqual([{ line: 2, column_name: 'Fødselsnummer', value: null, reason: unclosedReason('Fødselsnummer', 2) }]);
    expect(JSON.stringify(d)).not.toContain(FNR[0]);
  });

  it('--strict refuses the file, naming the line and the column', async () => {
    const file = writeUtf8(dir, 'streng.csv', [DIPS_HEADER, row('A1', FNR[0], 'x'), row('A2', FNR[1], '"Post 5'), row('A3', FNR[2], 'y')]);
    const r = await load([file], { strict: true });
    expect(r.results[0]).toMatchObject({ status: 'refused', rowsRejected: 1 });
    expect(r.results[0]!.error).toContain('linje 3');
    expect(r.results[0]!.error).toContain('uavsluttet anførselstegn i kolonne «Avdeling»');
    expect(r.periods).toEqual([]);
  });
});
