import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync as writeBytes } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles, ingestRun } from './ingest.ts';
import type { IngestResult } from './result.ts';
import { joinedReportReason } from './report-text.ts';
import { readExport } from '../read/index.ts';
import { pseudonymFiller } from '../pseudonym/filler.ts';
import { PseudonymKeyError } from '../pseudonym/key.ts';
import { DIPS_HEADER, DIPS_PREAMBLE, EVENTS_HEADER, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from './fixtures.ts';

let dir: string;
let db: UskDb;
beforeEach(async () => {
  dir = tempDir();
  db = await openDatabase(join(dir, 'usk.duckdb'));
});
afterEach(() => db.close());

const only = (results: IngestResult[]) => {
  expect(results).toHaveLength(1);
  return results[0]!;
};
/** A line of report text among the rows, in a file of DIPS_HEADER's 10 columns (report-text.ts). */
const REPORT_TEXT = 'rapporttekst, ikke en datarad: linjen ser ut som en overskrift, en bunntekst eller innledningen til en annen rapport (tekst i én celle, eller en linje fra filens innledning); en datarad har 10 kolonner som overskriftsraden';
const SUBTOTAL_REASON = 'delsumrad midt i filen (ser ut som en summeringsrad): ikke en datarad, så den er ikke lastet, og tallene i den er ikke med i kontrollen mot summeringsraden til slutt; '
  + 'er to rapporter satt sammen i én fil, er dette summeringsraden til den første';
const rejects = (batch: number) =>
  db.json<{ line: number; column_name: string | null; value: string | null; reason: string }>(
    'SELECT line, column_name, value, reason FROM reject WHERE batch_id = $b ORDER BY line, column_name', { b: batch });

describe('dips-usk as DIPS writes it (Windows-1252, ;, CRLF, preamble, totals row)', () => {
  const rows = [
    `A1;${FNR[0]};5401;Tromsø;Somatikk;"Med. sengepost; 5B";28.02.2022;01.03.2022 10:00;04.03.2022 11:00;4`,
    `A2;${FNR[1]};5419;Sørreisa;Psykisk helsevern;"Akutt-
post";;10.05.2022 09:00;14.05.2022 12:00;5`,
    `A3;${FNR[2]};1931;Lenvik;PHV;Psyk – barn’s;;01.12.2019;;3`,
  ];

  it('loads every row with æøå and cp1252\'s – and ’ intact, quoted ; and line breaks, and the as-of from the preamble', async () => {
    const file = writeCp1252(dir, 'dips-2022.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...rows, '', 'Sum;;;;;;;;;12']);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', profile: 'dips-usk', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0, warnings: [] });
    const loaded = await db.json(
      `SELECT stay_id, kommunenr, kommune_navn, fagomrade, avdeling, strftime(ready, '%Y-%m-%d %H:%M') ready, ready_has_time, usk_days, line
       FROM src_period ORDER BY stay_id`);
    expect(loaded).toEqual([
      { stay_id: 'A1', kommunenr: '5401', kommune_navn: 'Tromsø', fagomrade: 'somatikk', avdeling: 'Med. sengepost; 5B', ready: '2022-03-01 10:00', ready_has_time: true, usk_days: 4, line: 6 },
      { stay_id: 'A2', kommunenr: '5419', kommune_navn: 'Sørreisa', fagomrade: 'psykisk-helsevern', avdeling: 'Akutt-\npost', ready: '2022-05-10 09:00', ready_has_time: true, usk_days: 5, line: 7 },
      { stay_id: 'A3', kommunenr: '1931', kommune_navn: 'Lenvik', fagomrade: 'psykisk-helsevern', avdeling: 'Psyk – barn’s', ready: '2019-12-01 00:00', ready_has_time: false, usk_days: 3, line: 9 },
    ]);
    const [batch] = await db.json(`SELECT encoding, delimiter, header_line, strftime(as_of, '%Y-%m-%d %H:%M') as_of FROM batch`);
    expect(batch).toEqual({ encoding: 'windows-1252', delimiter: ';', header_line: 5, as_of: '2023-01-05 07:15' });
  });

  it('checks the totals row against the rows and warns on a mismatch', async () => {
    const file = writeCp1252(dir, 'dips-feil-sum.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...rows, 'Totalt;;;;;;;;;13']);
    const r = only(await ingestFiles(db, [file]));
    expect(r.rowsLoaded).toBe(3);
    expect(r.warnings).toEqual(['linje 10, «USK-døgn»: Summeringsraden sier 13 for «USK-døgn», men radene summerer til 12']);
    // A value that cannot be read is in the report's sum, not in the rows': the warning says so.
    const unreadable = writeCp1252(dir, 'dips-uleselig-sum.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...rows, `B1;${FNR[3]};5401;Tromsø;Somatikk;;;01.03.2022;;2,5`, 'Totalt;;;;;;;;;14,5']);
    expect(only(await ingestFiles(db, [unreadable], { refresh: false })).warnings).toEqual([
      'linje 11, «USK-døgn»: Summeringsraden sier 14,5 for «USK-døgn», men radene summerer til 12 (én verdi i kolonnen kunne ikke leses og er ikke med; se avviste rader)',
      '1 rad avvist',
    ]);
    // A row of the wrong width: none of its values is read, so none is in the rows' sum either.
    const unsplit = writeCp1252(dir, 'dips-delt-feil-sum.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...rows, `B2;${FNR[3]};5401;Tromsø;Somatikk;Med; 5B;;01.03.2022;;3`, 'Totalt;;;;;;;;;15']);
    expect(only(await ingestFiles(db, [unsplit], { refresh: false })).warnings).toEqual([
      'linje 11, «USK-døgn»: Summeringsraden sier 15 for «USK-døgn», men radene summerer til 12 (én rad kunne ikke deles i kolonnene (feil antall skilletegn o.l.) og er ikke med; se avviste rader)',
      '1 rad avvist',
    ]);
  });

  it('skips a report footer after the totals row (or after the last row), says so, and still checks the totals row', async () => {
    const withTotals = writeCp1252(dir, 'dips-bunntekst.csv', [
      ...DIPS_PREAMBLE, DIPS_HEADER, ...rows, 'Totalt;;;;;;;;;12', '', 'Utskrevet av: dips_bruker 15038598765', 'Side 2 av 2;;;;;;;;;',
    ]);
    const r = only(await ingestFiles(db, [withTotals], { refresh: false, strict: true }));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    expect(r.warnings).toEqual(['linje 12: 2 linjer (her den første) etter siste rad er rapporttekst («Utskrevet av: dips_bruker ***********», «Side 2 av 2»); de er hoppet over, ikke lest som data']);
    const mismatch = writeCp1252(dir, 'dips-bunntekst-feil-sum.csv', [...DIPS_PREAMBLE, DIPS_HEADER, ...rows, 'Sum;;;;;;;;;13', 'Rapporten er generert av DIPS']);
    expect(only(await ingestFiles(db, [mismatch], { refresh: false })).warnings).toEqual([
      'linje 10, «USK-døgn»: Summeringsraden sier 13 for «USK-døgn», men radene summerer til 12',
      'linje 11: linjen etter siste rad er rapporttekst («Rapporten er generert av DIPS»); den er hoppet over, ikke lest som data',
    ]);
    // No totals row: the footer alone. A cut-off last row is no footer: it is rejected as before.
    const cut = writeUtf8(dir, 'dips-avkuttet.csv', [DIPS_HEADER, `E06;${FNR[2]};5401;Tromsø;Somatikk;;;05.03.2022;;3`, 'Side 1 av 1', `E07;${FNR[3]};5401;Tromsø;Som`]);
    const c = only(await ingestFiles(db, [cut], { refresh: false }));
    expect(c).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsRejected: 2 });
    expect((await rejects(c.batch!)).map((x) => [x.line, x.value])).toEqual([[3, 'Side 1 av 1'], [4, 'E07;***********;5401;Tromsø;Som']]);
    const rowThenFooter = writeUtf8(dir, 'dips-rad-og-bunntekst.csv', [DIPS_HEADER, `E08;${FNR[2]};5401;Tromsø;Somatikk;;;05.03.2022;;3`, 'Side 1 av 1']);
    expect(only(await ingestFiles(db, [rowThenFooter], { refresh: false }))).toMatchObject({ rowsRead: 1, rowsLoaded: 1, rowsRejected: 0 });
    const everything = JSON.stringify(await db.json(`SELECT (SELECT list(w) FROM batch_warning w)::VARCHAR AS w, (SELECT list(r) FROM reject r)::VARCHAR AS r`));
    expect(everything).not.toContain('15038598765');
  });

  it('finds the footer and totals row wherever the chunks happen to end', async () => {
    const file = writeCp1252(dir, 'dips-bunntekst-biter.csv', [
      ...DIPS_PREAMBLE, DIPS_HEADER, ...rows, 'Totalt;;;;;;;;;12', '', 'Utskrevet av: dips_bruker', 'Side 2 av 2;;;;;;;;;',
    ]);
    const seen: unknown[] = [];
    for (const chunkRecords of [1, 2, 3, 4, 5, 6]) {
      const fresh = await openDatabase(join(dir, `biter-${chunkRecords}.duckdb`));
      try {
        const r = only(await ingestFiles(fresh, [file], { refresh: false, chunkRecords }));
        seen.push([r.rowsRead, r.rowsLoaded, r.rowsRejected, r.warnings]);
      } finally {
        fresh.close();
      }
    }
    expect(seen).toEqual(Array(6).fill([3, 3, 0, ['linje 12: 2 linjer (her den første) etter siste rad er rapporttekst («Utskrevet av: dips_bruker», «Side 2 av 2»); de er hoppet over, ikke lest som data']]));
  });

  it('takes no row of data for a footer: values in a column it reads, a number of five digits, another separator', async () => {
    const file = writeUtf8(dir, 'dips-ikke-bunntekst.csv', [
      DIPS_HEADER, `F1;${FNR[2]};5401;Tromsø;Somatikk;;;05.03.2022;;3`,
      ';;;;Psykisk helsevern;;;;;', 'Pasient 1234567 mangler', 'Oppholds-ID,Merknad',
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsRejected: 3 });
    expect(r.warnings.some((w) => w.includes('rapporttekst'))).toBe(false);
    const got = await rejects(r.batch!);
    // A line of the wrong width keeps what it said, but no run of five digits: it may be a patient number.
    expect(got.filter((x) => x.line > 3).map((x) => [x.line, x.value])).toEqual([[4, 'Pasient ******* mangler'], [5, 'Oppholds-ID,Merknad']]);
    expect(got.some((x) => x.line === 3)).toBe(true);
  });

  it('warns when a DIPS date is after the report\'s own time: an open stay written as 31.12.9999, or a mistyped year', async () => {
    const file = writeCp1252(dir, 'dips-fremtid.csv', [
      ...DIPS_PREAMBLE, DIPS_HEADER,
      `Z1;${FNR[0]};5401;Tromsø;Somatikk;;01.01.1900;01.12.2022 10:00;31.12.9999;2`,
      `Z2;${FNR[1]};5401;Tromsø;Somatikk;;;01.12.2022 10:00;04.01.2023;3`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
    expect(r.warnings).toEqual(['linje 6, «Utskrevet»: Utskrevet 31.12.9999 er etter rapportens tidspunkt 05.01.2023 07:15: rapporten kan ikke ha visst det (en dato for et opphold som ikke er avsluttet, eller en feil dato?)']);
  });

  it('reads a date-only Utskriftsdato as the whole day: a time later that day is no warning, the next day is', async () => {
    const file = writeCp1252(dir, 'dips-utskriftsdag.csv', [
      'Utskrivningsklare pasienter', 'Utskriftsdato: 05.01.2023', '', DIPS_HEADER,
      `D1;${FNR[0]};5401;Tromsø;Somatikk;;;02.01.2023 10:00;05.01.2023 14:30;3`,
      `D2;${FNR[1]};5401;Tromsø;Somatikk;;;02.01.2023 10:00;06.01.2023;4`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 0, asOf: '2023-01-05 00:00', asOfFrom: 'file' });
    expect(r.warnings).toEqual(['linje 6, «Utskrevet»: Utskrevet 06.01.2023 er etter rapportens dato 05.01.2023: rapporten kan ikke ha visst det (en dato for et opphold som ikke er avsluttet, eller en feil dato?)']);
  });

  it('knows the totals row by Totalsum, Sum totalt, Totalt sum and Summer too, also in the patient column', async () => {
    const files = ['Totalsum;;;;;;;;;12', 'Sum totalt;;;;;;;;;12', 'Totalt sum;;;;;;;;;13', ';Summer;;;;;;;;12'].map((totals, i) =>
      writeCp1252(dir, `dips-sum-${i}.csv`, [DIPS_HEADER, ...rows.map((r) => r.replace(/^A/, `A${i}-`)), totals]));
    const results = await ingestFiles(db, files, { refresh: false });
    expect(results.map((r) => [r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual(Array(4).fill([3, 3, 0]));
    expect(results.map((r) => r.warnings.filter((w) => w.includes('Summeringsraden')))).toEqual(
      [[], [], ['linje 6, «USK-døgn»: Summeringsraden sier 13 for «USK-døgn», men radene summerer til 12'], []]);
  });

  it('says which columns it does not read, once per file: a time in a column of its own is not lost without a word', async () => {
    const file = writeUtf8(dir, 'dips-ekstra-kolonner.csv', [
      'Oppholds-ID;Fødselsnummer;Kommunenr;Fagområde;Utskrivningsklar dato;Utskrivningsklar kl.;USK-døgn;;Merknad',
      `K1;${FNR[0]};5401;Somatikk;05.03.2022;10:30;3;;`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(r.warnings).toEqual(['linje 1: 2 kolonner er ikke lest («Utskrivningsklar kl.», «Merknad»): profilen «dips-usk» bruker dem ikke']);
    const one = writeUtf8(dir, 'dips-en-ekstra.csv', [DIPS_HEADER + ';Pasientnavn', `K2;${FNR[1]};5401;Tromsø;Somatikk;;;05.03.2022;;3;Ola`]);
    expect(only(await ingestFiles(db, [one], { refresh: false })).warnings).toEqual(['linje 1: kolonnen «Pasientnavn» er ikke lest: profilen «dips-usk» bruker den ikke']);
    // A second patient column is not «not used»: the reader took its values out too.
    const two = writeUtf8(dir, 'dips-to-pasientkolonner.csv', [DIPS_HEADER + ';Personnummer', `K3;${FNR[1]};5401;Tromsø;Somatikk;;;05.03.2022;;3;${FNR[1]}`]);
    const twice = only(await ingestFiles(db, [two], { refresh: false }));
    expect(twice).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(twice.warnings).toEqual(['linje 1: «Personnummer» er også en pasientkolonne: verdiene er tatt ut og pseudonymisert som «Fødselsnummer», men ikke lest (profilen «dips-usk» leser én)']);
  });

  it('knows a totals row whose label stands in the patient column, at the end; in the middle it is a rejected subtotal row', async () => {
    const first = writeUtf8(dir, 'sum-foerst.csv', [
      'Fødselsnummer;Oppholds-ID;Kommunenr;Fagområde;Utskrivningsklar;USK-døgn',
      `${FNR[0]};E01;5401;Somatikk;05.03.2022;5`, `${FNR[1]};E02;5401;Somatikk;05.03.2022;4`, 'Sum;;;;;10',
    ]);
    const second = writeUtf8(dir, 'sum-andre.csv', [DIPS_HEADER, `E03;${FNR[2]};5401;Tromsø;Somatikk;;;05.03.2022;;3`, ';Totalt;;;;;;;;3']);
    const middle = writeUtf8(dir, 'sum-midt.csv', [DIPS_HEADER, `E04;${FNR[2]};5401;Tromsø;Somatikk;;;05.03.2022;;3`, ';Sum;;;;;;;;3', `E05;${FNR[3]};5401;Tromsø;Somatikk;;;05.03.2022;;2`]);
    const [a, b, c] = await ingestFiles(db, [first, second, middle], { refresh: false });
    expect([a, b, c].map((r) => [r!.rowsRead, r!.rowsLoaded, r!.rowsRejected])).toEqual([[2, 2, 0], [1, 1, 0], [3, 2, 1]]);
    expect(a!.warnings).toEqual(['linje 4, «USK-døgn»: Summeringsraden sier 10 for «USK-døgn», men radene summerer til 9']);
    expect(b!.warnings).toEqual([]);
    const middleRejects = await rejects(c!.batch!);
    expect(new Set(middleRejects.map((x) => x.line))).toEqual(new Set([3]));
    expect(middleRejects).toEqual([{ line: 3, column_name: null, value: 'Sum', reason: SUBTOTAL_REASON }]);
    // A label behind a no-break space or a tab (Excel's own padding) in the patient column is the
    // same label, not an identifier to hash: a subtotal in the middle, the totals row at the end.
    const padded = writeUtf8(dir, 'sum-nbsp.csv', [DIPS_HEADER, `E06;${FNR[2]};5401;Tromsø;Somatikk;;;05.03.2022;;3`, ';\u00a0Sum;;;;;;;;3',
      `E07;${FNR[3]};5401;Tromsø;Somatikk;;;05.03.2022;;2`, ';\tTotalt;;;;;;;;5']);
    const d = only(await ingestFiles(db, [padded], { refresh: false }));
    expect([d.rowsRead, d.rowsLoaded, d.rowsRejected, d.warnings]).toEqual([3, 2, 1, ['1 rad avvist']]);
    expect(await rejects(d.batch!)).toEqual([{ line: 3, column_name: null, value: 'Sum', reason: SUBTOTAL_REASON }]);
  });

  it('rejects subtotal rows in the middle as such, and leaves their figures out of the check against the final totals row', async () => {
    const file = writeCp1252(dir, 'dips-delsum.csv', [
      ...DIPS_PREAMBLE, DIPS_HEADER, rows[0]!, 'Sum mars;;;;;;;;;4', rows[2]!, ';;;;Sum Lenvik;;;;;3', `B1;${FNR[3]};5401;Tromsø;Somatikk;;;01.03.2022;;x`,
      'Totalt;;;;;;;;;7',
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([5, 2, 3]);
    // 4 + 3 = 7 loaded; the subtotals (4, 3) are not counted again, so the totals row agrees.
    expect(r.warnings.filter((w) => w.includes('Summeringsraden'))).toEqual([]);
    expect(await rejects(r.batch!)).toEqual([
      { line: 7, column_name: null, value: 'Sum mars', reason: SUBTOTAL_REASON },
      { line: 9, column_name: null, value: 'Sum Lenvik', reason: SUBTOTAL_REASON },
      { line: 10, column_name: 'USK-døgn', value: 'x', reason: expect.stringContaining('heltall') },
    ]);
  });

  it('knows the totals row of the first of two reports joined into one file by its label in a first column the profile does not read («Nr»): rejected as such, not for every value it lacks', async () => {
    const header = `Nr;${DIPS_HEADER}`;
    const file = writeCp1252(dir, 'to-rapporter.csv', [
      ...DIPS_PREAMBLE, header, `1;${rows[0]!}`, `2;${rows[2]!}`, 'Sum;;;;;;;;;;7',
      ...DIPS_PREAMBLE, header, `1;B1;${FNR[3]};5401;Tromsø;Somatikk;;;01.03.2022;;2`, 'Totalt;;;;;;;;;;9',
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    // The second report's preamble is three rows of the wrong width («Utvalg: UNN HF; alle
    // avdelinger» of two cells, as the first report's); its header is skipped as a repeat.
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([7, 3, 4]);
    const joined = joinedReportReason(13);
    expect(joined).toBe('rapporttekst, ikke en datarad: innledningen til en ny rapport, for overskriftsraden kommer igjen rett etter (linje 13); to rapporter ser ut til å være satt sammen i én fil (radene under begge overskriftene er lest)');
    expect(await rejects(r.batch!)).toEqual([
      { line: 8, column_name: null, value: 'Sum', reason: SUBTOTAL_REASON },
      { line: 9, column_name: null, value: 'Utskrivningsklare pasienter', reason: joined },
      { line: 10, column_name: null, value: 'Utskriftsdato: 05.01.2023 07:15', reason: joined },
      { line: 11, column_name: null, value: 'Utvalg: UNN HF; alle avdelinger', reason: joined },
    ]);
    // 4 + 3 + 2 = 9 loaded: the first report's 7 is not counted again, so the final totals row agrees.
    expect(r.warnings.filter((w) => w.includes('Summeringsraden'))).toEqual([]);
  });

  it('pseudonymises patients: same patient, same pseudonym; never the raw number', async () => {
    const file = writeCp1252(dir, 'a.csv', [DIPS_HEADER, rows[0]!, `A9;${FNR[0]};5401;Tromsø;Somatikk;;;02.04.2022;03.04.2022;2`]);
    only(await ingestFiles(db, [file]));
    const ids = await db.json<{ p: string }>('SELECT DISTINCT patient_pseudonym p FROM src_period');
    expect(ids).toHaveLength(1);
    expect(ids[0]!.p).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[0]!.p).not.toContain(FNR[0]);
  });

  it.each([
    ['hashed in this thread', 2048],
    ['hashed in the worker thread', 0],
  ])('writes no raw identifier to its temporary chunks: not from records it cannot read, xlsx, or a column the profile does not read (%s)', async (_, workerFrom) => {
    // B10 and B11: written in parts, in records whose patient field cannot be found.
    const [date, personal] = [FNR[3].slice(0, 6), FNR[3].slice(6)];
    const csv = writeCp1252(dir, 'b.csv', [DIPS_HEADER, ...rows, `B8;${FNR[3]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1;ekstra`, `B9;5401;${FNR[3]}`,
      `B10;${date} ${personal};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1;ekstra`, `B11;${date.replace(/(\d\d)(\d\d)/, '$1.$2.')} ${personal};5401`]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('USK').addRows([DIPS_HEADER.split(';'), rows[0]!.replaceAll('"', '').split(';'), [`X1`, Number(FNR[1]), 5401, 'Tromsø', 'Somatikk', '', '', '01.03.2022', '', 1]]);
    const xlsx = join(dir, 'c.xlsx');
    await wb.xlsx.writeFile(xlsx);
    // An HN-LIS extract does not read patients, but one with patient columns (by any of the names
    // a patient column goes by) gets them blanked.
    const events = writeUtf8(dir, 'd.csv', [`${EVENTS_HEADER},Fødselsnummer,Fnr,Pasient-ID`, `S1,5401,Somatikk,2,,2023-10-28T22:00,2023-11-01T06:00,${FNR[2]},${FNR[0]},${FNR[1]}`]);
    const seen: string[] = [];
    const pseudonyms = pseudonymFiller(Buffer.alloc(32, 7), { workerFrom });
    try {
      for (const file of [csv, xlsx, events]) {
        const read = await readExport(file, { pseudonyms });
        try {
          for await (const chunk of read.chunks()) seen.push(readFileSync(chunk.path, 'utf8'));
        } finally {
          read.dispose();
        }
      }
    } finally {
      await pseudonyms.close();
    }
    expect(seen).toHaveLength(3);
    for (const text of seen) for (const fnr of FNR) expect(text).not.toContain(fnr);
    expect(seen[0]).not.toContain(personal);
    expect(seen[0]).toMatch(/^8;\?;B10;\*{6} \*{5};5401;/m);
    // The scan can fail: the pseudonyms are there, and the unreadable records too, masked.
    expect(seen[0]).toMatch(/^2;[0-9a-f]{32};A1; {11};5401;/m);
    expect(seen[0]).toMatch(/^6;\?;B8;\*{11};5401;.*;ekstra\n7;\?;B9;5401;\*{11}$/m);
    expect(seen[1]).toMatch(/^3;[0-9a-f]{32};X1; *;5401;/m);
    expect(seen[2]).toMatch(/^2,[0-9a-f]{32},[0-9a-f]{32},[0-9a-f]{32},S1,5401,.*, {11}, {11}, {11}$/m);
  });
});

describe('spaces a reader cannot see', () => {
  it('takes no-break spaces and tabs around a value off, and reads one inside a care area or between date and time as a space', async () => {
    const file = writeCp1252(dir, 'nbsp.csv', [
      DIPS_HEADER,
      `N1\u00a0;${FNR[0]};5401;Tromsø\u00a0;Somatikk\t;;;01.03.2022\u00a010:00;;2`,
      `N1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;;3`,
      `N2;${FNR[1]};5401;\tTromsø;Psykisk\u00a0helsevern;;;\u00a001.03.2022 10:00;;1`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 3, rowsRejected: 0 });
    // The two N1 lines are one key: the later counts, and the earlier is named in a warning.
    expect(r.warnings.some((w) => w.includes('Oppholds-ID N1 med Utskrivningsklar 01.03.2022 10:00 står også på linje 3'))).toBe(true);
    expect(await db.json(`SELECT stay_id, kommune_navn, fagomrade, strftime(ready, '%d.%m.%Y %H:%M') AS ready FROM src_period_current ORDER BY stay_id`)).toEqual([
      { stay_id: 'N1', kommune_navn: 'Tromsø', fagomrade: 'somatikk', ready: '01.03.2022 10:00' },
      { stay_id: 'N2', kommune_navn: 'Tromsø', fagomrade: 'psykisk-helsevern', ready: '01.03.2022 10:00' },
    ]);
  });
});

describe('="…", a tool\'s way to make Excel keep a number as text', () => {
  it('reads the value inside in every column, the patient column too, quoted by the CSV or not', async () => {
    const file = writeCp1252(dir, 'likhet.csv', [
      DIPS_HEADER,
      `="0012345";="${FNR[0]}";="0301";Oslo;Somatikk;;;01.03.2022 10:00;;2`,
      `G2;${FNR[0]};="0301";Oslo;Somatikk;;;02.03.2022 10:00;;="2"`,
      `"=""G3""";"=""${FNR[1]}""";"=""0301""";Oslo;Somatikk;;;01.03.2022 10:00;;2`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 3, rowsRejected: 0 });
    const rows = await db.json<{ stay_id: string; kommunenr: string; usk_days: number; patient: string }>(
      'SELECT stay_id, kommunenr, usk_days, patient_pseudonym AS patient FROM src_period ORDER BY line');
    expect(rows.map(({ stay_id, kommunenr, usk_days }) => ({ stay_id, kommunenr, usk_days }))).toEqual([
      { stay_id: '12345', kommunenr: '0301', usk_days: 2 }, { stay_id: 'G2', kommunenr: '0301', usk_days: 2 }, { stay_id: 'G3', kommunenr: '0301', usk_days: 2 },
    ]);
    // The same patient written ="…" and plain is one pseudonym.
    expect(rows[0]!.patient).toBe(rows[1]!.patient);
    expect(rows[2]!.patient).not.toBe(rows[0]!.patient);
  });
});

describe('line endings as files come back from Excel and other tools', () => {
  const rows = [`K1;${FNR[0]};5401;Tromsø;Somatikk;Med;;01.03.2022;04.03.2022;4`, `K2;${FNR[1]};5401;Tromsø;Somatikk;Kir;;02.03.2022;04.03.2022;3`];

  it('reads lines ended by CR alone («CSV (Macintosh)», Windows-1252) and by CR CR LF (a CRLF file converted twice)', async () => {
    const mac = join(dir, 'mac.csv');
    writeBytes(mac, Buffer.from(`${[...DIPS_PREAMBLE, DIPS_HEADER, ...rows].join('\r')}\r`, 'latin1'));
    const twice = join(dir, 'crcrlf.csv');
    writeBytes(twice, Buffer.from(`${[DIPS_HEADER, ...rows].join('\r\r\n')}\r\r\n`, 'latin1'));
    const results = await ingestFiles(db, [mac, twice], { refresh: false });
    expect(results.map((r) => [r.file, r.status, r.rowsLoaded, r.rowsRejected, r.warnings])).toEqual([['mac.csv', 'loaded', 2, 0, []], ['crcrlf.csv', 'loaded', 2, 0, []]]);
    expect(await db.json(`SELECT batch_id, stay_id, kommune_navn, line FROM src_period ORDER BY batch_id, line`)).toEqual([
      { batch_id: 1, stay_id: 'K1', kommune_navn: 'Tromsø', line: 6 }, { batch_id: 1, stay_id: 'K2', kommune_navn: 'Tromsø', line: 7 },
      { batch_id: 2, stay_id: 'K1', kommune_navn: 'Tromsø', line: 2 }, { batch_id: 2, stay_id: 'K2', kommune_navn: 'Tromsø', line: 3 },
    ]);
  });

  it('warns when a column is named twice, or also by an alias, and says which one is read', async () => {
    const file = writeUtf8(dir, 'dobbel.csv', [
      'Oppholds-ID;Fødselsnummer;Kommunenr;Kommunenr;Fagområde;Utskrivningsklar;USK-døgn;Døgn',
      `D1;${FNR[0]};5401;5402;Somatikk;05.03.2022;5;7`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 1, rowsRejected: 0 });
    expect(await db.json('SELECT line, column_name, code, message FROM batch_warning WHERE batch_id = $b ORDER BY column_name', { b: r.batch! })).toEqual([
      { line: 1, column_name: 'Kommunenr', code: 'dobbel-kolonne', message: '«Kommunenr» (kolonne 3) er lest; «Kommunenr» (kolonne 4) har samme betydning og er ikke lest. Sjekk at det er riktig kolonne, eller fjern den andre' },
      { line: 1, column_name: 'USK-døgn', code: 'dobbel-kolonne', message: '«USK-døgn» (kolonne 7) er lest; «Døgn» (kolonne 8) har samme betydning og er ikke lest. Sjekk at det er riktig kolonne, eller fjern den andre' },
    ]);
    expect(await db.json('SELECT kommunenr, usk_days FROM src_period')).toEqual([{ kommunenr: '5401', usk_days: 5 }]);
  });

  it('skips the header where a report repeats it after a page break, with a warning; other report lines are rejects, but for the footer', async () => {
    const file = writeCp1252(dir, 'sideskift.csv', [...DIPS_PREAMBLE, DIPS_HEADER, rows[0]!, 'Side 1 av 2', '', DIPS_HEADER, rows[1]!, 'Side 2 av 2']);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(r.warnings.slice(0, 2)).toEqual([
      'linje 9: linjen gjentar overskriftsraden (som en rapport gjør etter sideskift); den er hoppet over, ikke lest som data',
      'linje 11: linjen etter siste rad er rapporttekst («Side 2 av 2»); den er hoppet over, ikke lest som data',
    ]);
    // Report text before the header a page break repeats, but no second report: not in the file's preamble.
    expect((await rejects(r.batch!)).map((x) => [x.line, x.value, x.reason])).toEqual([[7, 'Side 1 av 2', REPORT_TEXT]]);
  });

  it('rejects a line of report text in the middle (a title, a date line) as such, and a short row that looks like data for its missing columns', async () => {
    const file = writeCp1252(dir, 'tekst-inni.csv', [
      DIPS_HEADER, rows[0]!, 'Utskrivningsklare pasienter;;', rows[1]!, `Utskriftsdato: 05.01.2023 07:15`,
      `B9;${FNR[0]};5401`, 'Somatikk', '12345 67', `Merknad ${FNR[1]}`, 'Sum alle 7', `K3;${FNR[2]};5401;Tromsø;Somatikk;Med;;03.03.2022;04.03.2022;1`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([10, 3, 7]);
    const short = 'for få kolonner: forventet 10 (som overskriftsraden)';
    expect(await rejects(r.batch!)).toEqual([
      { line: 3, column_name: null, value: 'Utskrivningsklare pasienter;;', reason: REPORT_TEXT },
      { line: 5, column_name: null, value: 'Utskriftsdato: 05.01.2023 07:15', reason: REPORT_TEXT },
      // Several cells, one word, digits alone, a patient's number, a totals label: a row cut short.
      { line: 6, column_name: null, value: 'B9;***********;5401', reason: short },
      { line: 7, column_name: null, value: 'Somatikk', reason: short },
      { line: 8, column_name: null, value: '***** 67', reason: short },
      { line: 9, column_name: null, value: 'Merknad ***********', reason: short },
      { line: 10, column_name: null, value: 'Sum alle 7', reason: short },
    ]);
  });

  it('reads a CR without an LF after it as a line end also in a file with LFs: nothing runs together, a split value is a reject, the run goes on', async () => {
    // CR-only records, then one CRLF (the reviewer's case: before, the records up to the LF ran together into one).
    const mixed = join(dir, 'cr-blandet.csv');
    const records = [DIPS_HEADER, ...Array.from({ length: 6 }, (_, i) => `M${i};${FNR[i % 4]};5401;Tromsø;Somatikk;Med;;01.03.2022;04.03.2022;4`)];
    writeBytes(mixed, Buffer.from(`${records.slice(0, 4).join('\r')}\r\n${records.slice(4).join('\r')}\r`, 'latin1'));
    const inside = writeUtf8(dir, 'cr-inni.csv', [DIPS_HEADER, rows[0]!.replace(';Med;', ';Med\rpost;'), `\r${rows[1]}`]);
    const next = writeUtf8(dir, 'neste.csv', [EVENTS_HEADER, 'S9,5401,Somatikk,2,,2023-01-10T10:00,']);
    const [m, r, after] = await ingestFiles(db, [mixed, inside, next], { refresh: false });
    expect(m).toMatchObject({ status: 'loaded', rowsRead: 6, rowsLoaded: 6, rowsRejected: 0 });
    expect(await db.json(`SELECT stay_id, line FROM src_period WHERE batch_id = $b ORDER BY line`, { b: m!.batch! })).toEqual(
      Array.from({ length: 6 }, (_, i) => ({ stay_id: `M${i}`, line: i + 2 })),
    );
    expect(m!.warnings).toEqual([expect.stringMatching(/^filen har 6 vognretur-tegn \(CR\) uten linjeskift \(LF\) etter seg/)]);
    // «Med\rpost»: two lines, each short of columns, both rejected and counted; the next line loads.
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 1, rowsRejected: 2 });
    expect((await rejects(r!.batch!)).map((x) => [x.line, x.reason.slice(0, 15)])).toEqual([[2, 'for få kolonner'], [3, 'for få kolonner']]);
    expect(after).toMatchObject({ file: 'neste.csv', status: 'loaded', rowsLoaded: 1 });
    // Read 16 bytes at a time, so that CR runs are cut by piece ends (normalize.ts carries them over): the same rows.
    const small = await openDatabase(join(dir, 'smaa-biter.duckdb'));
    try {
      const [again] = await ingestFiles(small, [mixed], { refresh: false, chunkRecords: 1 });
      expect(again).toMatchObject({ status: 'loaded', rowsRead: 6, rowsLoaded: 6 });
      expect(await small.json(`SELECT stay_id, line FROM src_period ORDER BY line`)).toEqual(Array.from({ length: 6 }, (_, i) => ({ stay_id: `M${i}`, line: i + 2 })));
    } finally {
      small.close();
    }
  });
});

describe('hnlis-hendelser as HN-LIS writes it (UTF-8 with BOM, comma, ISO times)', () => {
  it('reads codes or texts, converts to instants with the compatible DST rule, keeps Uttrekk', async () => {
    const file = writeUtf8(dir, 'hendelser.csv', [
      EVENTS_HEADER,
      'S1,5401,Somatikk,2,,2023-10-28T22:00,2023-11-01T06:00',
      'S1,5401,Somatikk,,Varslet kommune,2023-10-29 02:30,2023-11-01T06:00',
      'S1,5401,Somatikk,UT,Utskrevet,2023-03-26 02:30:00,2023-11-01T06:00',
    ], { bom: true, eol: '\r\n' });
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 3 });
    const ev = await db.json(`SELECT code, strftime(at_utc AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') utc FROM src_event ORDER BY line`);
    expect(ev).toEqual([
      { code: '2', utc: '2023-10-28 20:00' },
      { code: '3', utc: '2023-10-29 00:30' }, // overlap → earlier (summer time, +02)
      { code: 'UT', utc: '2023-03-26 01:30' }, // gap → 03:30+02
    ]);
  });
});

describe('times written with a dot or after «kl.», the Norwegian way', () => {
  it('reads «01.02.2024 10.30», «kl. 10.30» and «kl 10:30» in every time column; a date alone stays a date alone', async () => {
    const dips = writeUtf8(dir, 'dips-klokke.csv', ['Utskriftsdato: 05.03.2024 kl. 07.15', DIPS_HEADER,
      `K1;${FNR[0]};5401;Tromsø;Somatikk;;30.01.2024 kl. 08.05;01.02.2024 10.30;03.02.2024 kl 12:00;2`,
      `K2;${FNR[1]};5401;Tromsø;Somatikk;;30.01.2024;01.02.2024, kl. 9.45;03.02.2024;2`,
    ]);
    // Every row with a dotted time: the fast path guesses the form (validate/formats.ts) and reads it the same.
    const events = writeUtf8(dir, 'hendelser-klokke.csv', ['OppholdsID;Kommunenr;Fagomraade;Hendelseskode;Tidspunkt',
      'S1;5401;Somatikk;2;01.02.2024 10.30', 'S1;5401;Somatikk;3;01.02.2024 11.05']);
    const [d, e] = await ingestFiles(db, [dips, events], { refresh: false });
    expect(d).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
    expect(e).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
    expect(await db.json(`SELECT stay_id, strftime(admitted, '%Y-%m-%d %H:%M') admitted, strftime(ready, '%Y-%m-%d %H:%M') ready, ready_has_time,
        strftime(discharged, '%Y-%m-%d %H:%M') discharged, discharged_has_time FROM src_period ORDER BY line`)).toEqual([
      { stay_id: 'K1', admitted: '2024-01-30 08:05', ready: '2024-02-01 10:30', ready_has_time: true, discharged: '2024-02-03 12:00', discharged_has_time: true },
      { stay_id: 'K2', admitted: '2024-01-30 00:00', ready: '2024-02-01 09:45', ready_has_time: true, discharged: '2024-02-03 00:00', discharged_has_time: false },
    ]);
    expect(await db.json(`SELECT strftime(at_local, '%Y-%m-%d %H:%M') t FROM src_event ORDER BY line`)).toEqual([{ t: '2024-02-01 10:30' }, { t: '2024-02-01 11:05' }]);
    expect(await db.json(`SELECT strftime(as_of, '%Y-%m-%d %H:%M') as_of FROM batch ORDER BY batch_id`)).toEqual([{ as_of: '2024-03-05 07:15' }, { as_of: '2024-02-01 11:05' }]);
  });

  it('rejects a time after the date with one minute digit («9.5», «kl. 9:5») when the fast path guessed the form, as without it', async () => {
    const file = writeUtf8(dir, 'dips-ett-minuttsiffer.csv', [DIPS_HEADER,
      `K4;${FNR[0]};5401;Tromsø;Somatikk;;01.02.2024 kl. 08.05;01.02.2024 10.30;03.02.2024 kl. 12:00;2`,
      `K5;${FNR[1]};5401;Tromsø;Somatikk;;01.02.2024 kl. 08.15;01.02.2024 11.05;03.02.2024 kl. 13:00;2`,
      `K6;${FNR[2]};5401;Tromsø;Somatikk;;01.02.2024 kl. 8.5;01.02.2024 9.5;03.02.2024 kl. 9:5;2`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 1 });
    const reason = 'ugyldig dato/tid: forventet dd.mm.åååå, dd.mm.åå eller åååå-mm-dd, eventuelt med klokkeslett tt:mm, tt:mm:ss eller tt.mm (også etter «kl.»), og en dato som finnes';
    expect(await rejects(r.batch!)).toEqual([
      { line: 4, column_name: 'Innlagt', value: '01.02.2024 kl. 8.5', reason },
      { line: 4, column_name: 'Utskrevet', value: '03.02.2024 kl. 9:5', reason },
      { line: 4, column_name: 'Utskrivningsklar', value: '01.02.2024 9.5', reason },
    ]);
  });

  it('says which forms it reads when a time is not one of them', async () => {
    const file = writeUtf8(dir, 'dips-feil-klokke.csv', [DIPS_HEADER, `K3;${FNR[0]};5401;Tromsø;Somatikk;;;01.02.2024 10.30.15;;2`]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(await rejects(r.batch!)).toEqual([{ line: 2, column_name: 'Utskrivningsklar', value: '01.02.2024 10.30.15',
      reason: 'ugyldig dato/tid: forventet dd.mm.åååå, dd.mm.åå eller åååå-mm-dd, eventuelt med klokkeslett tt:mm, tt:mm:ss eller tt.mm (også etter «kl.»), og en dato som finnes' }]);
  });
});

describe('as-of and late encoding evidence', () => {
  it('takes the as-of from --as-of when the extract has no Uttrekk column, else the latest time in it', async () => {
    const header = 'OppholdsID;Kommunenr;Fagomraade;Hendelseskode;Tidspunkt';
    const a = writeUtf8(dir, 'a.csv', [header, 'S1;5401;Somatikk;2;01.12.2022 10:00']);
    const b = writeUtf8(dir, 'b.csv', [header, 'S2;5401;Somatikk;2;01.12.2022 10:00', 'S2;5401;Somatikk;3;02.12.2022 11:30']);
    // The time written the Norwegian way, as the columns take it (load/result.ts AsOfText).
    await ingestFiles(db, [a], { asOf: '05.12.2022 kl. 06.00' });
    await ingestFiles(db, [b]);
    const rows = await db.json(`SELECT stay_id, strftime(as_of, '%Y-%m-%d %H:%M') as_of FROM src_event ORDER BY stay_id, line`);
    expect(rows).toEqual([
      { stay_id: 'S1', as_of: '2022-12-05 06:00' },
      { stay_id: 'S2', as_of: '2022-12-02 11:30' },
      { stay_id: 'S2', as_of: '2022-12-02 11:30' },
    ]);
    // An event after the extract's as-of loads, with a warning.
    const c = writeUtf8(dir, 'c.csv', [header, 'S3;5401;Somatikk;2;01.12.2022 10:00', 'S3;5401;Somatikk;UT;06.12.2022 08:00']);
    const [r] = await ingestFiles(db, [c], { asOf: '05.12.2022 06:00' });
    expect(r).toMatchObject({ rowsLoaded: 2, warnings: ['linje 3, «Tidspunkt»: Tidspunkt 06.12.2022 08:00 er etter uttrekkets tidspunkt 05.12.2022 06:00'] });
    // An as-of without a time of its own (00:00: a date given, or an Uttrekk date) is the whole day.
    const day = writeUtf8(dir, 'dag.csv', [header, 'S6;5401;Somatikk;2;05.12.2022 10:00', 'S6;5401;Somatikk;UT;06.12.2022 08:00']);
    expect(only(await ingestFiles(db, [day], { asOf: '05.12.2022' }))).toMatchObject({
      rowsLoaded: 2, warnings: ['linje 3, «Tidspunkt»: Tidspunkt 06.12.2022 08:00 er etter uttrekkets dato 05.12.2022'],
    });
    // A row's own Uttrekk is its as-of, --as-of only that of rows without one (exports.md); the
    // summary says what is stored, and a --as-of that disagrees with the file is said.
    const d = writeUtf8(dir, 'd.csv', [`${header};Uttrekk`, 'S4;5401;Somatikk;2;01.12.2022 10:00;06.12.2022 06:00', 'S5;5401;Somatikk;2;01.12.2022 11:00;']);
    const [given] = await ingestFiles(db, [d], { asOf: '05.12.2022 06:00' });
    expect(given).toMatchObject({ asOf: '2022-12-06 06:00', asOfFrom: 'file' });
    expect(given!.warnings).toEqual(['linje 2, «Uttrekk»: --as-of 05.12.2022 06:00 gjelder bare rader uten eget uttrekkstidspunkt: 1 rad har et annet i filens Uttrekk-kolonne, og det er brukt (her den første). Er filens Uttrekk feil, rett det i eksporten og last den inn på nytt']);
    expect(await db.json(`SELECT stay_id, strftime(as_of, '%Y-%m-%d %H:%M') AS as_of FROM src_event WHERE stay_id IN ('S4', 'S5') ORDER BY stay_id`))
      .toEqual([{ stay_id: 'S4', as_of: '2022-12-06 06:00' }, { stay_id: 'S5', as_of: '2022-12-05 06:00' }]);
    expect(await db.json(`SELECT strftime(as_of, '%Y-%m-%d %H:%M') AS as_of FROM batch WHERE batch_id = $b`, { b: given!.batch })).toEqual([{ as_of: '2022-12-06 06:00' }]);
    // Over an Uttrekk column that agrees, or is empty, --as-of is the as-of, without a warning.
    const e = writeUtf8(dir, 'e.csv', [`${header};Uttrekk`, 'S6;5401;Somatikk;2;01.12.2022 10:00;05.12.2022 06:00', 'S7;5401;Somatikk;2;01.12.2022 11:00;']);
    const [agrees] = await ingestFiles(db, [e], { asOf: '05.12.2022 06:00' });
    expect(agrees).toMatchObject({ asOf: '2022-12-05 06:00', asOfFrom: 'as-of', warnings: [] });
    // An earlier Uttrekk beside rows without one: those rows take --as-of, the later, which is then the file's as-of.
    const f = writeUtf8(dir, 'f.csv', [`${header};Uttrekk`, 'S8;5401;Somatikk;2;01.12.2022 10:00;03.12.2022 06:00', 'S9;5401;Somatikk;2;01.12.2022 11:00;']);
    const [mixed] = await ingestFiles(db, [f], { asOf: '05.12.2022 06:00' });
    expect(mixed).toMatchObject({ asOf: '2022-12-05 06:00', asOfFrom: 'as-of' });
    expect(mixed!.warnings).toHaveLength(1); // the row that kept its own
  });

  it('warns when an as-of taken from the rows rests on one row far after the rest (a mistyped year)', async () => {
    const typo = writeUtf8(dir, 'dips-skrivefeil.csv', [
      DIPS_HEADER,
      `T1;${FNR[0]};5401;Tromsø;Somatikk;;;01.12.2022;10.01.2025;4`,
      `T2;${FNR[1]};5401;Tromsø;Somatikk;;;10.12.2022;16.12.2022;6`,
    ]);
    const fine = writeUtf8(dir, 'dips-uten-skrivefeil.csv', [DIPS_HEADER, `T3;${FNR[0]};5401;Tromsø;Somatikk;;;01.12.2022;05.12.2022;4`, `T4;${FNR[1]};5401;Tromsø;Somatikk;;;10.12.2022;16.12.2022;6`]);
    const [r, ok] = await ingestFiles(db, [typo, fine], { refresh: false });
    expect(r).toMatchObject({ asOf: '2025-01-10 00:00', asOfFrom: 'rows' });
    expect(r!.warnings).toEqual([
      'linje 2: filen oppgir ikke uttrekkstidspunkt, så det seneste tidspunktet i radene er brukt: 10.01.2025 00:00 på denne linjen, 756 dager etter det nest seneste (16.12.2022 00:00). '
        + 'Er datoen feil skrevet? Et for sent uttrekkstidspunkt gjør at senere eksporter ikke erstatter radene i denne filen; oppgi riktig tidspunkt med --as-of',
    ]);
    expect(ok!.warnings).toEqual([]);
  });

  it('says which as-of it used and where from, and warns when it lies in the future', async () => {
    const rows = [DIPS_HEADER, `A1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2022 11:00;4`];
    const inferred = only(await ingestFiles(db, [writeUtf8(dir, 'uten-dato.csv', rows)]));
    expect(inferred).toMatchObject({ asOf: '2022-03-04 11:00', asOfFrom: 'rows', warnings: [] });
    const typo = only(await ingestFiles(db, [writeUtf8(dir, 'skrivefeil.csv', [DIPS_HEADER, `A2;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2204 11:00;4`])]));
    expect(typo.warnings).toEqual([expect.stringMatching(/^uttrekkstidspunktet 04\.03\.2204 11:00 er i fremtiden: .* Sjekk tidspunktene i filen \(den oppgir ikke uttrekkstidspunkt/)]);
    const stated = only(await ingestFiles(db, [writeUtf8(dir, 'med-dato.csv', ['Utskriftsdato: 05.03.2022 07:15', ...rows])]));
    expect(stated).toMatchObject({ asOf: '2022-03-05 07:15', asOfFrom: 'file', warnings: [] });
    const given = only(await ingestFiles(db, [writeUtf8(dir, 'gitt.csv', [...rows, `A3;${FNR[1]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2022 11:00;4`])], { asOf: '2099-01-01 00:00' }));
    expect(given).toMatchObject({ asOfFrom: 'as-of', warnings: [expect.stringMatching(/^uttrekkstidspunktet 01\.01\.2099 00:00 er i fremtiden: .* Sjekk --as-of$/)] });
  });

  it('reads a Windows-1252 file whose first letter outside ASCII comes after the encoding sample', async () => {
    const filler = Array.from({ length: 8000 }, (_, i) => `L${i};${FNR[0]};5401;Tromso;Somatikk;Medisinsk avdeling;;01.03.2022 10:00;04.03.2022 11:00;4`);
    const file = writeCp1252(dir, 'sen-ae.csv', ['Oppholds-ID;Pasient;Kommunenr;Kommune;Fagomraade;Avdeling;Innlagt;Utskrivningsklar;Utskrevet;Antall USK-dogn', ...filler, `Z1;${FNR[1]};5419;Sørreisa;Somatikk;Kir;;10.05.2022 09:00;14.05.2022 12:00;5`]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 8001 });
    expect(await db.json(`SELECT encoding FROM batch`)).toEqual([{ encoding: 'windows-1252' }]);
    expect(await db.json(`SELECT kommune_navn FROM src_period WHERE stay_id = 'Z1'`)).toEqual([{ kommune_navn: 'Sørreisa' }]);
  });
});

describe('faktura with Norwegian amounts', () => {
  /** An invoice file without Fagområde and Type says what every line was read as (missing-columns.ts). */
  const withoutAreaAndType = (lines: string) => `linje 1: kolonnen «Fagområde» mangler i filen, så ${lines} er lest som Somatikk; `
    + `kolonnen «Type» mangler i filen, så ${lines} er lest som faktura, eller som kreditnota der antall døgn eller beløp er negativt`;
  it('reads "kr 5 306,00" with no-break spaces and U+2212 minus; warns on amount and rate', async () => {
    const file = writeUtf8(dir, 'faktura.csv', [
      INVOICE_HEADER,
      'F1;31.01.2023;5401;Tromsø;G1;Somatikk;30.12.2022;31.12.2022;1;kr 5\u00a0306,00;kr 5\u00a0306,00;Faktura',
      'F2;31.01.2023;5401;Tromsø;G1;;01.01.2023;02.01.2023;2;5\u202f508;11\u00a0016,00 kr;F',
      'F3;28.02.2023;5401;Tromsø;G1;Somatikk;01.01.2023;01.01.2023;\u22121;5508;\u22125\u00a0508,00;K',
      'F4;28.02.2023;5401;Tromsø;G2;Somatikk;01.02.2023;02.02.2023;2;5000;10\u00a0500;',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 4, rowsRejected: 0 });
    const lines = await db.json(`SELECT invoice_no, days, rate::DOUBLE rate, amount::DOUBLE amount, line_type, fagomrade FROM src_invoice ORDER BY line`);
    expect(lines).toEqual([
      { invoice_no: 'F1', days: 1, rate: 5306, amount: 5306, line_type: 'faktura', fagomrade: 'somatikk' },
      { invoice_no: 'F2', days: 2, rate: 5508, amount: 11016, line_type: 'faktura', fagomrade: 'somatikk' },
      { invoice_no: 'F3', days: -1, rate: 5508, amount: -5508, line_type: 'kreditnota', fagomrade: 'somatikk' },
      { invoice_no: 'F4', days: 2, rate: 5000, amount: 10500, line_type: 'faktura', fagomrade: 'somatikk' },
    ]);
    expect(r.warnings).toEqual([
      'linje 5, «Beløp»: Beløp (10\u00a0500) er ikke Antall døgn × Døgnpris (±1 kr)',
      'linje 5, «Døgnpris»: Døgnpris (5000) er ikke den nasjonale satsen for året',
    ]);
  });

  it('without a Døgnpris column, warns when Beløp is not Antall døgn × the national rate', async () => {
    const file = writeUtf8(dir, 'faktura-uten-pris.csv', [
      'Fakturanr;Fakturadato;Kommunenr;Kommune;OppholdsID;Fra dato;Til dato;Antall døgn;Beløp',
      'P1;31.01.2023;5401;Tromsø;G1;01.01.2023;02.01.2023;2;11 016,00',
      'P2;31.01.2023;5401;Tromsø;G2;01.01.2023;02.01.2023;2;1101,60',
      'P3;31.01.2013;1902;Tromsø;G3;01.01.2013;02.01.2013;2;9000',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 3, rowsRejected: 0 });
    // 2013 has no national rate (domain.md): nothing to compare with.
    expect(r.warnings).toEqual([withoutAreaAndType('alle 3 linjene'), 'linje 3, «Beløp»: Beløp (1101,60) er ikke Antall døgn × den nasjonale døgnprisen for året (±1 kr; filen oppgir ingen Døgnpris)']);
  });

  it('says so when days and amount have opposite signs: without a Type the line is taken for a credit note', async () => {
    const file = writeUtf8(dir, 'faktura-fortegn.csv', [
      'Fakturanr;Fakturadato;Kommunenr;Kommune;OppholdsID;Fra dato;Til dato;Antall døgn;Døgnpris;Beløp',
      'S1;31.01.2022;5401;Tromsø;G1;01.01.2022;04.01.2022;4;5306;-21 224,00',
      'S2;31.01.2022;5401;Tromsø;G2;01.01.2022;04.01.2022;-4;5306;-21 224,00',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
    expect(await db.json(`SELECT invoice_no, line_type FROM src_invoice WHERE invoice_no LIKE 'S%' ORDER BY line`)).toEqual([
      { invoice_no: 'S1', line_type: 'kreditnota' }, { invoice_no: 'S2', line_type: 'kreditnota' },
    ]);
    expect(r.warnings).toEqual([
      withoutAreaAndType('begge linjene'),
      'linje 2, «Beløp»: Beløp (-21 224,00) er ikke Antall døgn × Døgnpris (±1 kr)',
      'linje 2, «Beløp»: Beløp (-21 224,00) og Antall døgn har ulikt fortegn: er linjen en kreditnota? (uten Type trekkes den fra)',
    ]);
  });

  it('says so when a date column holds a time: the date is used, the time is not lost unseen (midnight is a date alone)', async () => {
    const file = writeUtf8(dir, 'faktura-klokkeslett.csv', [
      'Fakturanr;Fakturadato;Kommunenr;Kommune;OppholdsID;Fra dato;Til dato;Antall døgn;Beløp',
      'T1;31.01.2023 00:00;5401;Tromsø;G1;01.01.2023 00:00:00;02.01.2023;2;11 016,00',
      'T2;31.01.2023;5401;Tromsø;G2;01.01.2023 10:30;02.01.2023;2;11 016,00',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
    expect(r.warnings).toEqual([withoutAreaAndType('begge linjene'), 'linje 3, «Fra dato»: «Fra dato» er en dato, så klokkeslettet i 01.01.2023 10:30 er ikke brukt (bare datoen)']);
    expect(await db.json('SELECT invoice_no, from_date::VARCHAR AS d FROM src_invoice ORDER BY invoice_no')).toEqual([
      { invoice_no: 'T1', d: '2023-01-01' }, { invoice_no: 'T2', d: '2023-01-01' },
    ]);
  });
});

describe('headers with a unit after the name', () => {
  it('reads «Beløp (kr)» and «Døgnpris (kr)» as Beløp and Døgnpris: before, the first refused the file and the second was passed over', async () => {
    const header = INVOICE_HEADER.replace('Døgnpris', 'Døgnpris (kr)').replace('Beløp', 'Beløp (kr)').replace('Antall døgn', 'Antall døgn (døgn)');
    const file = writeUtf8(dir, 'faktura-enheter.csv', [header, 'F1;31.01.2023;5401;Tromsø;G1;Somatikk;01.01.2023;02.01.2023;2;5000;10 000,00;Faktura']);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 0 });
    expect(await db.json('SELECT days, rate::DOUBLE rate, amount::DOUBLE amount FROM src_invoice')).toEqual([{ days: 2, rate: 5000, amount: 10000 }]);
    // The rate is read, so it is checked: the message names the column as the file does.
    expect(r.warnings).toEqual(['linje 2, «Døgnpris (kr)»: Døgnpris (5000) er ikke den nasjonale satsen for året']);
  });
});

describe('xlsx as Excel saves it', () => {
  it('reads serial dates, Date cells and a Kommunenr that lost its leading zero (with a validity warning)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Rapport: utskrivningsklare']);
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'Utskrevet', 'USK-døgn']);
    ws.addRow(['X1', Number(FNR[1]), 901, 'Somatikk', 45293.4375, new Date(Date.UTC(2024, 0, 5, 12, 0)), 3]);
    ws.addRow(['X2', FNR[2], 5501, 'Somatikk', new Date(Date.UTC(2024, 1, 1)), '', 0]);
    ws.getCell('F3').numFmt = 'dd.mm.yyyy hh:mm';
    ws.getCell('E4').numFmt = 'dd.mm.yyyy';
    const file = join(dir, 'usk.xlsx');
    await wb.xlsx.writeFile(file);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 2 });
    expect(r.warnings).toEqual(['linje 3, «Kommunenr»: Kommunenr 0901 (Risør) var ikke gyldig i 2024; regnes som 4201 Risør']);
    const rows = await db.json(`SELECT stay_id, kommunenr, strftime(ready, '%Y-%m-%d %H:%M') ready, strftime(discharged, '%Y-%m-%d %H:%M') discharged FROM src_period ORDER BY line`);
    expect(rows).toEqual([
      { stay_id: 'X1', kommunenr: '0901', ready: '2024-01-02 10:30', discharged: '2024-01-05 12:00' },
      { stay_id: 'X2', kommunenr: '5501', ready: '2024-02-01 00:00', discharged: null },
    ]);
  });

  it('takes an Oppholds-ID or Fakturanr that lost its leading zeros in an xlsx number cell as the CSV\'s: a newer export replaces the older, nothing counts twice', async () => {
    const csv = writeCp1252(dir, 'null-foran.csv', ['Utskriftsdato: 05.01.2023 07:15', DIPS_HEADER, `0012345;${FNR[0]};5401;Tromsø;Somatikk;;;01.12.2022 10:00;;5`, `0;${FNR[1]};5401;Tromsø;Somatikk;;;01.12.2022 10:00;;5`]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Utskriftsdato: 05.02.2023 07:15']);
    ws.addRow(DIPS_HEADER.split(';'));
    ws.addRow([12345, FNR[0], 5401, 'Tromsø', 'Somatikk', '', '', '01.12.2022 10:00', '20.12.2022 10:00', 20]);
    const xlsx = join(dir, 'null-borte.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const invoices = writeUtf8(dir, 'faktura-null-foran.csv', [INVOICE_HEADER, '000777;31.12.2022;5401;Tromsø;012345;Somatikk;02.12.2022;20.12.2022;19;5 306,00;100 814,00;Faktura']);
    const results = await ingestFiles(db, [csv, xlsx, invoices], { refresh: false });
    expect(results.map((r) => [r.status, r.rowsLoaded, r.rowsRejected])).toEqual([['loaded', 2, 0], ['loaded', 1, 0], ['loaded', 1, 0]]);
    expect(await db.json('SELECT stay_id, usk_days FROM src_period_current ORDER BY stay_id')).toEqual([{ stay_id: '0', usk_days: 5 }, { stay_id: '12345', usk_days: 20 }]);
    expect(await db.json('SELECT invoice_no, stay_id FROM src_invoice')).toEqual([{ invoice_no: '777', stay_id: '12345' }]);
  });

  it('loads a date-only Utskrevet that a formula gives (=DATE(2022;3;1), dd.mm.yyyy) as the same date typed in: discharged that day, not before 10:00', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'Utskrevet', 'USK-døgn']);
    ws.addRow(['F', FNR[0], 5401, 'Somatikk', new Date(Date.UTC(2022, 2, 1, 10)), { formula: 'DATE(2022,3,1)', result: new Date(Date.UTC(2022, 2, 1)) }, 0]);
    ws.addRow(['P', FNR[1], 5401, 'Somatikk', new Date(Date.UTC(2022, 2, 1, 10)), new Date(Date.UTC(2022, 2, 1)), 0]);
    for (const cell of ['E2', 'E3']) ws.getCell(cell).numFmt = 'dd.mm.yyyy hh:mm';
    for (const cell of ['F2', 'F3']) ws.getCell(cell).numFmt = 'dd.mm.yyyy';
    const file = join(dir, 'formel-dato.xlsx');
    await wb.xlsx.writeFile(file);
    expect(only(await ingestFiles(db, [file]))).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
    const rows = await db.json(`SELECT stay_id, strftime(discharged, '%Y-%m-%d %H:%M') discharged, discharged_has_time FROM src_period ORDER BY stay_id`);
    expect(rows).toEqual([
      { stay_id: 'F', discharged: '2022-03-01 00:00', discharged_has_time: false },
      { stay_id: 'P', discharged: '2022-03-01 00:00', discharged_has_time: false },
    ]);
  });

  it('rejects an error cell (#N/A, a formula\'s #VALUE!) with the error as its value, not as a value missing; a line break in a cell keeps the rows after it on their own line numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Avdeling', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow(['E1', FNR[0], 5401, 'Somatikk', 'Akutt-\npost', '01.03.2022', 1]);
    ws.addRow(['E2', FNR[1], 5401, 'Somatikk', 'Med.', { error: '#N/A' }, { formula: 'G2*"x"', result: { error: '#VALUE!' } }]);
    ws.addRow(['E3', FNR[1], 5401, 'Somatikk', { error: '#REF!' }, '01.03.2022', 1]);
    const file = join(dir, 'feilverdier.xlsx');
    await wb.xlsx.writeFile(file);
    expect(only(await ingestFiles(db, [file]))).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 2 });
    // Row 3 in Excel is line 3: the line break in E1's Avdeling (row 2) is a space (read/xlsx.ts).
    expect(await rejects(1)).toEqual([
      { line: 3, column_name: 'USK-døgn', value: '#VALUE!', reason: expect.stringMatching(/^ugyldig heltall/) },
      { line: 3, column_name: 'Utskrivningsklar', value: '#N/A', reason: expect.stringMatching(/^ugyldig dato\/tid/) },
      // In a text column it would be taken as text: rejected as what it is.
      { line: 4, column_name: 'Avdeling', value: '#REF!', reason: expect.stringMatching(/^en feilverdi fra Excel/) },
    ]);
    expect(await db.json('SELECT avdeling FROM src_period')).toEqual([{ avdeling: 'Akutt- post' }]);
  });

  it('rejects a formula a script saved without its value as that, naming line and column, not as a value missing; the formula is not read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Avdeling', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow(['S1', FNR[0], 5401, 'Somatikk', 'Med.', '01.03.2022', 2]);
    // As a script writes them (exceljs, openpyxl): the formula alone, its value left for Excel to compute.
    ws.addRow(['S2', { formula: 'B2' }, 5401, 'Somatikk', 'Med.', '01.03.2022', 1]);
    ws.addRow(['S3', FNR[1], 5401, 'Somatikk', { formula: `"${FNR[2]}"` }, { formula: 'F2+1' }, { formula: 'G2*2' }]);
    ws.addRow(['Sum', '', '', '', '', '', { formula: 'SUM(G2:G4)' }]);
    const file = join(dir, 'skript.xlsx');
    await wb.xlsx.writeFile(file);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 1, rowsRejected: 2 });
    const formula = expect.stringMatching(/^cellen har en formel uten lagret verdi .*åpne filen i Excel og lagre den på nytt, eller eksporter verdiene/);
    // Avdeling may be empty: its formula is read as empty (Excel saves one that gives "" so too), and said.
    expect(await rejects(r.batch!)).toEqual([
      { line: 3, column_name: 'Fødselsnummer', value: null, reason: formula },
      { line: 4, column_name: 'USK-døgn', value: null, reason: formula },
      { line: 4, column_name: 'Utskrivningsklar', value: null, reason: formula },
    ]);
    expect(r.warnings).toContainEqual('linje 4, «Avdeling»: cellen har en formel uten lagret verdi, lest som tom: Excel lagrer slik en formel som gir tom tekst (=HVIS(…;"";…)). '
      + 'Er filen skrevet av et program eller skript, har formelen ikke fått noen verdi ennå: åpne filen i Excel og lagre den på nytt, eller eksporter verdiene');
    // Only the first row is a patient: the mark of the formula in S2's patient column is not hashed as one.
    expect(await db.json('SELECT count(DISTINCT patient_pseudonym)::INT n FROM src_period')).toEqual([{ n: 1 }]);
    // The totals row's =SUM has no figure to check against, and says so.
    expect(r.warnings).toContainEqual(expect.stringMatching(/^linje 5, «USK-døgn»: Summeringsraden er ikke kontrollert for «USK-døgn»: cellen har en formel uten lagret verdi/));
    const stored = JSON.stringify(await db.json('SELECT * FROM reject')) + JSON.stringify(await db.json('SELECT * FROM batch_warning'));
    expect(stored).not.toMatch(/\\u0002|formel"|B2|F2|G2/);
    for (const fnr of FNR) expect(stored).not.toContain(fnr);
  });

  it('loads a row whose optional cell has a formula Excel saved with the result "" (=HVIS(…;"";…)), read as empty with a warning, not rejected', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Avdeling', 'Utskrivningsklar', 'Utskrevet', 'USK-døgn']);
    ws.addRow(['T1', FNR[0], 5401, 'Somatikk', { formula: 'IF(1=1,"","Med.")', result: '' }, '01.03.2022', '03.03.2022', 2]);
    ws.addRow(['T2', FNR[1], 5401, 'Somatikk', { formula: 'IF(1=1,"","Med.")', result: '' }, '01.03.2022', '04.03.2022', 3]);
    const file = join(dir, 'tom-formel.xlsx');
    await wb.xlsx.writeFile(file);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(r.warnings).toEqual([expect.stringMatching(/^linje 2, «Avdeling»: 2 celler i kolonner som kan stå tomme har \(her den første\) en formel uten lagret verdi, lest som tom: /)]);
  });

  it('reads amounts a sum left with float noise (0.1 + 0.2, 17234.999999999996) as Excel shows them, not masked as a fødselsnummer', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Faktura');
    ws.addRow(INVOICE_HEADER.split(';'));
    ws.addRow(['F1', '31.01.2024', 5401, 'Tromsø', 'G1', 'Somatikk', '01.01.2024', '03.01.2024', 3, 0.1 + 0.2, 17234.999999999996, 'Faktura']);
    const file = join(dir, 'faktura-flyttall.xlsx');
    await wb.xlsx.writeFile(file);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 0 });
    expect(await db.json('SELECT rate::DOUBLE rate, amount::DOUBLE amount FROM src_invoice')).toEqual([{ rate: 0.3, amount: 17235 }]);
    expect(r.warnings).toContain('linje 2, «Døgnpris»: Døgnpris (0,3) er ikke den nasjonale satsen for året');
  });

  it('gives a fødselsnummer stored as a number, its leading zero lost, the pseudonym of the same number stored as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('USK');
    ws.addRow(['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'USK-døgn']);
    ws.addRow(['A', 1017012345, 5401, 'Somatikk', '01.03.2022', 1]);
    ws.addRow(['B', '01017012345', 5401, 'Somatikk', '02.03.2022', 1]);
    const file = join(dir, 'tall-og-tekst.xlsx');
    await wb.xlsx.writeFile(file);
    expect(only(await ingestFiles(db, [file]))).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
    const ids = await db.json<{ stay_id: string; p: string }>('SELECT stay_id, patient_pseudonym p FROM src_period ORDER BY stay_id');
    expect(ids.map((r) => r.stay_id)).toEqual(['A', 'B']);
    expect(ids[0]!.p).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]!.p).toBe(ids[0]!.p);
  });

  it('gives a fødselsnummer the same pseudonym in the forms a spreadsheet or a person writes it, and keeps none of them', async () => {
    // The en dash as Windows-1252 writes it (0x96), which the reader hands on as UTF-8.
    const forms = ['01017012345', '010170-12345', '"=""01017012345"""', "'01017012345", '1017012345.0', '"010170 12345"', '010170\u201312345', '010170/12345'];
    const file = writeCp1252(dir, 'former.csv', [DIPS_HEADER, ...forms.map((f, i) => `F${i};${f};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;2`)]);
    expect(only(await ingestFiles(db, [file]))).toMatchObject({ status: 'loaded', rowsLoaded: forms.length, rowsRejected: 0 });
    const ids = await db.json<{ p: string }>(`SELECT DISTINCT patient_pseudonym p FROM src_period WHERE stay_id LIKE 'F_'`);
    expect(ids).toEqual([{ p: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
  });
});

describe('rejected rows: the rest loads, each reject names line, column, value and reason', () => {
  it('gives every reason of exports.md', async () => {
    const file = writeCp1252(dir, 'dips-feil.csv', [
      DIPS_HEADER,
      `B1;${FNR[0]};9998;Ukjent;Somatikk;;;01.03.2022;02.03.2022;1`,
      `B2;${FNR[1]};5401;Tromsø;Somatikk;;;31.02.2022;02.03.2022;1`,
      `B3;${FNR[2]};5401;Tromsø;Kirurgi;;;01.03.2022;02.03.2022;1`,
      `B4;${FNR[3]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;to`,
      `B5;;5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1`,
      `B6;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;-1`,
      `B7;${FNR[0]};5401;Tromsø;Somatikk;;;05.03.2022;02.03.2022;1`,
      `B8;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1;ekstra`,
      `B9;${FNR[0]};5401`,
      `B10;${FNR[1]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;2`,
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 10, rowsLoaded: 1, rowsRejected: 9 });
    const got = await rejects(r.batch!);
    expect(got).toEqual([
      { line: 2, column_name: 'Kommunenr', value: '9998', reason: 'kommunenummer 9998 har aldri eksistert (forventet et nummer fra SSBs kommuneliste)' },
      { line: 3, column_name: 'Utskrivningsklar', value: '31.02.2022', reason: expect.stringMatching(/^ugyldig dato\/tid: forventet dd\.mm\.åååå/) },
      { line: 4, column_name: 'Fagområde', value: 'Kirurgi', reason: expect.stringMatching(/^ukjent fagområde: forventet Somatikk/) },
      { line: 5, column_name: 'USK-døgn', value: 'to', reason: expect.stringMatching(/^ugyldig heltall/) },
      { line: 6, column_name: 'Fødselsnummer', value: null, reason: 'mangler verdi (påkrevd kolonne)' },
      { line: 7, column_name: 'USK-døgn', value: '-1', reason: 'verdien kan ikke være under 0' },
      { line: 8, column_name: 'Utskrevet', value: '02.03.2022', reason: 'Utskrevet (02.03.2022) er før Utskrivningsklar' },
      // What a line of the wrong width held, the patient masked.
      { line: 9, column_name: null, value: 'B8;***********;5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1;ekstra', reason: expect.stringMatching(/^for mange kolonner: forventet 10/) },
      { line: 10, column_name: null, value: 'B9;***********;5401', reason: expect.stringMatching(/^for få kolonner: forventet 10/) },
    ]);
  });

  it('names the hour 24 as what is wrong with a time, in both date forms', async () => {
    const file = writeUtf8(dir, 'dips-24.csv', [
      DIPS_HEADER,
      `C1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 24:00;02.03.2022;1`,
      `C2;${FNR[1]};5401;Tromsø;Somatikk;;;2022-03-01T24:00;02.03.2022;1`,
      `C3;${FNR[2]};5401;Tromsø;Somatikk;;;01.03.2022 23:59;02.03.2022;1`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect([r.rowsLoaded, r.rowsRejected]).toEqual([1, 2]);
    const reason = 'klokkeslettet 24:00 leses ikke: forventet 00:00–23:59 (midnatt ved slutten av dagen skrives 00:00 dagen etter)';
    expect(await rejects(r.batch!)).toEqual([
      { line: 2, column_name: 'Utskrivningsklar', value: '01.03.2022 24:00', reason },
      { line: 3, column_name: 'Utskrivningsklar', value: '2022-03-01T24:00', reason },
    ]);
  });

  it('a stray quote in a field, or a number too large for its column or for a stay, is that row\'s concern, not the run\'s', async () => {
    const dips = writeUtf8(dir, 'dips-sitat.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;Post 5"B;;01.03.2022;04.03.2022;4`,
      `A2;${FNR[1]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;3000000000`,
      `A3;${FNR[2]};5401;Tromsø;Somatikk;"a"b;;01.03.2022;04.03.2022;4`,
      `A4;${FNR[2]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`,
      `A5;${FNR[2]};5401;Tromsø;Somatikk;x;;01.03.2022;;3661`,
    ]);
    const invoices = writeUtf8(dir, 'faktura-stor.csv', [
      INVOICE_HEADER,
      'F1;31.01.2023;5401;Tromsø;G1;Somatikk;01.01.2023;02.01.2023;2;53 060 000 000,00;10 612,00;Faktura',
      'F2;31.01.2023;5401;Tromsø;G2;Somatikk;01.01.2023;02.01.2023;2;5 306,00;10 612,004;Faktura',
      'F3;31.01.2023;5401;Tromsø;G3;Somatikk;01.01.2023;02.01.2023;2;5 306,00;10 612,00;Faktura',
      'F4;31.01.2023;5401;Tromsø;G4;Somatikk;01.01.2023;02.01.2023;2;5 306 000 000 000,00;10 612,00;Faktura',
      'F5;31.01.2023;5401;Tromsø;G5;Somatikk;01.01.2023;02.01.2023;2;5 306,00;10612.125;Faktura',
      'F6;31.01.2023;5401;Tromsø;G6;Somatikk;01.01.2023;02.01.2023;2;5 306,00;10 612,00001;Faktura',
      // Six decimals as Excel writes them: the zeros are no øre, so it loads; 5306,123 still is no amount.
      'F7;31.01.2023;5401;Tromsø;G7;Somatikk;01.01.2023;02.01.2023;2,000000;5306,000000;10612,000000;Faktura',
      'F8;31.01.2023;5401;Tromsø;G8;Somatikk;01.01.2023;02.01.2023;2;5306,123;10 612,00;Faktura',
    ]);
    const [d, f] = await ingestFiles(db, [dips, invoices]);
    expect(d).toMatchObject({ status: 'loaded', rowsRead: 5, rowsLoaded: 2, rowsRejected: 3 });
    expect(await db.json('SELECT avdeling FROM src_period ORDER BY line')).toEqual([{ avdeling: 'Post 5"B' }, { avdeling: 'x' }]);
    expect(await rejects(d!.batch!)).toEqual([
      { line: 3, column_name: 'USK-døgn', value: '***********', reason: 'verdien er urimelig stor: forventet høyst 3\u00a0660 (ti år)' },
      { line: 4, column_name: 'Avdeling', value: null, reason: 'anførselstegn på feil sted i kolonne «Avdeling»: forventet et felt som starter og slutter med "' },
      { line: 6, column_name: 'USK-døgn', value: '3661', reason: 'verdien er urimelig stor: forventet høyst 3\u00a0660 (ti år)' },
    ]);
    expect(f).toMatchObject({ status: 'loaded', rowsRead: 8, rowsLoaded: 2, rowsRejected: 6 });
    expect(await db.json(`SELECT stay_id, days, rate::VARCHAR AS rate, amount::VARCHAR AS amount FROM src_invoice WHERE stay_id = 'G7'`))
      .toEqual([{ stay_id: 'G7', days: 2, rate: '5306.00', amount: '10612.00' }]);
    // Before, 10 612,004 was «forventet tall med desimalkomma», which it has; 10 612,00001 loaded as 10 612,00.
    const decimals = 'ugyldig beløp: forventet kroner med høyst to desimaler (øre), f.eks. «kr 5 745,13»; verdien har flere desimaler, og den rundes ikke av';
    expect(await rejects(f!.batch!)).toEqual([
      { line: 2, column_name: 'Døgnpris', value: '53 060 000 000,00', reason: 'beløpet er for stort: forventet under 10 000 000 000 kr' },
      { line: 3, column_name: 'Beløp', value: '10 612,004', reason: decimals },
      { line: 5, column_name: 'Døgnpris', value: '5 306 000 000 000,00', reason: 'beløpet er for stort: forventet under 10 000 000 000 kr' },
      { line: 6, column_name: 'Beløp', value: '10612.125', reason: decimals },
      { line: 7, column_name: 'Beløp', value: '10 612,00001', reason: 'ugyldig beløp: forventet kroner med høyst to desimaler (øre), med desimalkomma, f.eks. «kr 5 306,00»' },
      { line: 9, column_name: 'Døgnpris', value: '5306,123', reason: decimals },
    ]);
  });

  it('reads rows and a header that end in a delimiter, and the time of "Utskriftsdato: … kl. 14:30"', async () => {
    const rows = [`A1;${FNR[0]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4;`, `A2;${FNR[1]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`];
    const [a, b] = await ingestFiles(db, [
      writeUtf8(dir, 'slutt-skilletegn.csv', ['Rapport', 'Utskriftsdato: 05.01.2024 kl. 14:30', DIPS_HEADER, ...rows]),
      writeUtf8(dir, 'overskrift-skilletegn.csv', [`${DIPS_HEADER};`, ...rows.map((r) => r.replace('A', 'B'))]),
    ]);
    expect(a).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(b).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(await db.json(`SELECT strftime(as_of, '%Y-%m-%d %H:%M') AS as_of FROM batch ORDER BY batch_id`)).toEqual([{ as_of: '2024-01-05 14:30' }, { as_of: '2022-03-04 00:00' }]);
  });

  it('masks a fødselsnummer written 6 + 5 with a space or hyphen in any rejected value', async () => {
    const file = writeUtf8(dir, 'dips-fnr.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};079050 49806;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`,
      `A2;${FNR[0]};5401;Tromsø;Somatikk;x;;079050-49807;04.03.2022;4`,
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect((await rejects(r.batch!)).map((x) => x.value)).toEqual(['***********', '***********']);
  });

  it('masks whole a rejected value whose digits hide a fødselsnummer in any form, in any column (a date, a code, a care area)', async () => {
    const F = '07905049806';
    const invoices = writeUtf8(dir, 'faktura-former.csv', [
      INVOICE_HEADER,
      'F1;31.03.2023;5401;Tromsø;T1;Somatikk;11.03.2023;13.03.2023;3;5508;16524;Faktura',
      'F2;7 905 049 806;5401;Tromsø;T1;Somatikk;11.03.2023;13.03.2023;3;5508;16524;Faktura',
      'F3;31.03.2023;5401;Tromsø;T1;Somatikk;11.03.2023;0790-5049806;3;5508;16524;Faktura',
      'F4;31.03.2023;5401;Tromsø;T1;Somatikk;11.03.2023;13.03.2023;3;5508;16524;07905 049806',
      'F5;31.03.2023;5401;Tromsø;T1;\uff10\uff17\uff19\uff10\uff15\uff10\uff14\uff19\uff18\uff10\uff16;11.03.2023;13.03.2023;3;5508;16524;Faktura',
      'F6;31.03.2023;5401;Tromsø;T1;Somatikk;11.03.2023;13.03.2023;3;5508;16524;0790.50.49806',
      // Not a fødselsnummer: the value stays, for the user to mend the file.
      'F7;31.03.2023;5401;Tromsø;T1;Somatikk;30.02.2023;13.03.2023;3;5508;16524;Faktura',
    ]);
    const events = writeUtf8(dir, 'hendelser-former.csv', [
      EVENTS_HEADER,
      'T2,5401,Somatikk,7 905 049 806,,2023-03-10T10:00,2023-04-05T06:00',
      'T3,5401,Somatikk 079-050-498-06,2,,2023-03-10T10:00,2023-04-05T06:00',
      'T4,5401,Somatikk,2,,2023-03-10T10:00,07-90-50-49806',
    ]);
    const [inv, ev] = await ingestFiles(db, [invoices, events]);
    const values = [...await rejects(inv!.batch!), ...await rejects(ev!.batch!)].map((x) => x.value);
    expect(values).toEqual([...Array(5).fill('***********'), '30.02.2023', ...Array(3).fill('***********')]);
    // Nowhere in the stored rejects or warnings do those digits remain.
    const stored = JSON.stringify(await db.json('SELECT value, reason FROM reject UNION ALL SELECT NULL, message FROM batch_warning'));
    expect(stored.replace(/\D/g, '')).not.toContain(F.slice(1));
  });

  it('rejects, masked, a row with a valid fødselsnummer outside the patient column; 11 digits without valid control digits load', async () => {
    const file = writeUtf8(dir, 'dips-fnr-feil-kolonne 079050 49806.csv', [
      DIPS_HEADER,
      `20915421122;${FNR[0]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`,
      `A2;${FNR[0]};5401;Tromsø;Somatikk;079050-49806;;01.03.2022;04.03.2022;4`,
      `01017012345;${FNR[0]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`,
      `A4;${FNR[0]};5401;Tromsø;Somatikk;Med pas 07 90 50 49806;;01.03.2022;04.03.2022;4`,
      `A5;${FNR[0]};5401;Tromsø 7905049806;Somatikk;x;;01.03.2022;04.03.2022;4`,
      `A6;${FNR[0]};5401;Tromsø;Somatikk;Med 079050/49806;;01.03.2022;04.03.2022;4`,
      `A7;${FNR[0]};5401;Tromsø;Somatikk;f. 07.90.50 49806;;01.03.2022;04.03.2022;4`,
      'Sum;;;;;;;;;pas 079050-49806',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ file: 'dips-fnr-feil-kolonne ***********.csv', rowsLoaded: 1, rowsRejected: 6 });
    const reason = expect.stringMatching(/^ser ut som et fødselsnummer/);
    expect(await rejects(r.batch!)).toEqual([
      { line: 2, column_name: 'Oppholds-ID', value: '***********', reason },
      { line: 3, column_name: 'Avdeling', value: '***********', reason },
      { line: 5, column_name: 'Avdeling', value: 'Med pas ***********', reason },
      { line: 6, column_name: 'Kommune', value: 'Tromsø ***********', reason },
      { line: 7, column_name: 'Avdeling', value: 'Med ***********', reason },
      { line: 8, column_name: 'Avdeling', value: 'f. ***********', reason },
    ]);
    // Loaded as an all-digit Oppholds-ID is: without its leading zero (xlsx drops them; types.ts 'id').
    expect(await db.json('SELECT stay_id FROM src_period')).toEqual([{ stay_id: '1017012345' }]);
    // The file name and the totals row's text are stored and shown masked.
    expect(await db.json('SELECT file_name FROM batch WHERE batch_id = $b', { b: r.batch! })).toEqual([{ file_name: 'dips-fnr-feil-kolonne ***********.csv' }]);
    expect(r.warnings).toEqual([expect.stringMatching(/Summeringsraden har «pas \*{11}» i «USK-døgn»/), '6 rader avvist']);
    // An invoice number is the economy system's own: only a fødselsnummer as its whole value (11
    // digits, or 6 + 5) rejects it, not a longer number or a year-first one. An Oppholds-ID is an id:
    // a fødselsnummer as its whole value or as a run of exactly 11 digits inside it rejects it; a
    // longer run is the id's own digits.
    const invoices = only(await ingestFiles(db, [writeUtf8(dir, 'faktura-langt-nr.csv', [
      INVOICE_HEADER,
      '07905049806;04.01.2023;5416;Bardu;G7;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F2;04.01.2023;5416;Bardu;079050 49806;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F3;04.01.2023;5416;Bardu;X07905049806Y;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F4;04.01.2023;5416;Bardu;2023-07905049806;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F5;04.01.2023;5416;Bardu;207905049806;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F6;04.01.2023;5416;Bardu;X01017012345;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F7;04.01.2023;5416;Bardu;1034510160;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F8;04.01.2023;5416;Bardu;07.90.50 49806;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F9;04.01.2023;5416;Bardu;opphold 079050-49806;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F10;04.01.2023;5416;Bardu;1234567 89012;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      '079050 49806;04.01.2023;5416;Bardu;G11;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      '20231234567;04.01.2023;5416;Bardu;G12;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      '9907905049806;04.01.2023;5416;Bardu;G13;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
    ])]));
    // F7: 10 digits load (01034510160 without its zero, but random 10-digit ids would pass too often).
    // F10: a run of 7 and one of 5 are no 6 + 5.
    expect(invoices).toMatchObject({ rowsLoaded: 6, rowsRejected: 7 });
    expect((await rejects(invoices.batch!)).map((x) => [x.line, x.column_name, x.value])).toEqual([
      [2, 'Fakturanr', '***********'],
      [3, 'OppholdsID', '***********'], [4, 'OppholdsID', 'X***********Y'], [5, 'OppholdsID', '2023-***********'],
      [9, 'OppholdsID', '***********'], [10, 'OppholdsID', 'opphold ***********'],
      [12, 'Fakturanr', '***********'],
    ]);
    expect((await db.json<{ n: string }>(`SELECT invoice_no AS n FROM src_invoice WHERE batch_id = ${invoices.batch} ORDER BY line`)).map((x) => x.n))
      .toEqual(['F5', 'F6', 'F7', 'F10', '20231234567', '9907905049806']);
  });

  it('masks a fødselsnummer grouped any other way (21-07-28 02893) in the file name it stores and every message it gives', async () => {
    // 21072802893 and 17047630843 are valid (date and both control digits), written as the audit found them.
    const file = writeUtf8(dir, 'Epikrise 21-07-28 02893.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`,
      'Sum;;;;;;;;;pas 17-04-76 30843',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ file: 'Epikrise ***********.csv', rowsLoaded: 1 });
    const [{ file_name }] = await db.json<{ file_name: string }>('SELECT file_name FROM batch WHERE batch_id = $b', { b: r.batch! }) as [{ file_name: string }];
    expect(file_name).toBe('Epikrise ***********.csv');
    const said = JSON.stringify(r) + JSON.stringify(await db.json('SELECT * FROM batch_warning WHERE batch_id = $b', { b: r.batch! }));
    expect(said).toContain('«pas ***********»');
    for (const fnr of [/21\D{0,3}07\D{0,3}28\D{0,3}02893/, /17\D{0,3}04\D{0,3}76\D{0,3}30843/]) expect(said).not.toMatch(fnr);
    expect(file_name.replace(/\D/g, '')).toBe('');
  });

  it('rejects, masked, a fødselsnummer written with any separator or full-width digits (the s20c audit), in the rows, the file name and a header', async () => {
    // All valid (date and both control digits right), written as the audit got them past the checks.
    const wide = (d: string) => [...d].map((c) => String.fromCharCode(0xff10 + Number(c))).join('');
    const row = (id: string, avdeling = 'Med') => `${id};${FNR[0]};5401;Tromsø;Somatikk;${avdeling};;01.03.2022;04.03.2022;4`;
    const file = writeUtf8(dir, 'Pasient 080843\u201425172.csv', [
      `${DIPS_HEADER};Pas 030759\u201410362`,
      row('ST110351:10005'), row('21-11-44-14171'), row('S010548\u201436070'), row('S100936\u201121153'), row('S141039|22055'),
      row('S(150337)15673'), row('S110351\u221210005'), row(wide('18114535822')),
      row('A1', 'P (260536) 08484'), row('A2', 'P 100550\u201444479'), row('A3', 'P 240632\u201143244'), row('A4', `P ${wide('20065119863')}`),
      row('A5', 'P 170435|12633'), row('A6', 'P 270956\u221215355'),
      // Not one: separated digits whose control digits are wrong, an amount, a date and time.
      row('ST110351:10006'), row('S(150337)15674', 'Post 1 234 567,89'), row('A7', 'Vakt 01.03.2022 10:00\u201412:00'),
    ].map((l) => `${l};`));
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ file: 'Pasient ***********.csv', rowsLoaded: 3, rowsRejected: 14 });
    const reason = expect.stringMatching(/^ser ut som et fødselsnummer/);
    const got = await rejects(r.batch!);
    expect(got.map((x) => [x.line, x.column_name, x.value])).toEqual([
      [2, 'Oppholds-ID', '***********'], [3, 'Oppholds-ID', '***********'], [4, 'Oppholds-ID', 'S***********'], [5, 'Oppholds-ID', 'S***********'],
      [6, 'Oppholds-ID', '***********'], [7, 'Oppholds-ID', '***********'], [8, 'Oppholds-ID', 'S***********'], [9, 'Oppholds-ID', '***********'],
      [10, 'Avdeling', '***********'], [11, 'Avdeling', 'P ***********'], [12, 'Avdeling', 'P ***********'], [13, 'Avdeling', 'P ***********'],
      [14, 'Avdeling', '***********'], [15, 'Avdeling', 'P ***********'],
    ]);
    for (const x of got) expect(x.reason).toEqual(reason);
    expect((await db.json<{ s: string }>('SELECT stay_id AS s FROM src_period ORDER BY line')).map((x) => x.s)).toEqual(['ST110351:10006', 'S(150337)15674', 'A7']);
    // Neither the file name nor the warning quoting the header keeps one.
    const said = JSON.stringify(r) + JSON.stringify(await db.json('SELECT b.file_name, w.message FROM batch b LEFT JOIN batch_warning w USING (batch_id)'));
    expect(said).toContain('«Pas ***********»');
    for (const fnr of ['08084325172', '03075910362']) expect(said.replace(/\D/g, '')).not.toContain(fnr);
  });

  it('rejects, masked, a birth date with a four-digit year and the personnummer after it (f. 17.10.1974 pnr 78450), as the JS masks it', async () => {
    // 17107478450 and 01027412307 are valid (date and both control digits).
    const row = (id: string, kommune: string, avdeling: string, innlagt = '') => `${id};${FNR[0]};5401;${kommune};Somatikk;${avdeling};${innlagt};01.03.2022;04.03.2022;4`;
    const file = writeUtf8(dir, 'dips-fodt.csv', [
      DIPS_HEADER,
      row('A1', 'Tromsø', 'f. 17.10.1974 pnr 78450'), row('A2', 'født 1/2/1974, personnr. 12307', 'Med'), row('A3', 'Tromsø', 'Med 17.10.1974 78450'),
      // Unreadable as a date: rejected for that, its value masked all the same.
      row('A4', 'Tromsø', 'Med', '17.10.1974 78450'),
      // Not one: an amount after the date, control digits wrong, a date and a time.
      row('A5', 'Tromsø', 'Vakt 17.10.1974 kr 78 450'), row('A6', 'Tromsø', 'f. 17.10.1974 pnr 78451'), row('A7', 'Tromsø', 'Innlagt 17.10.1974 10:45'),
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ rowsLoaded: 3, rowsRejected: 4 });
    const got = await rejects(r.batch!);
    expect(got.map((x) => [x.line, x.column_name, x.value])).toEqual([
      [2, 'Avdeling', '***********'], [3, 'Kommune', '***********'], [4, 'Avdeling', '***********'], [5, 'Innlagt', '***********'],
    ]);
    expect(got.slice(0, 3).map((x) => x.reason)).toEqual(Array(3).fill(expect.stringMatching(/^ser ut som et fødselsnummer/)));
    expect(got[3]!.reason).toMatch(/^ugyldig dato/);
    expect((await db.json<{ a: string }>('SELECT avdeling AS a FROM src_period ORDER BY line')).map((x) => x.a))
      .toEqual(['Vakt 17.10.1974 kr 78 450', 'f. 17.10.1974 pnr 78451', 'Innlagt 17.10.1974 10:45']);
    expect(JSON.stringify(await db.json('SELECT * FROM reject'))).not.toMatch(/78450|12307/);
  });

  it('rejects, masked, a fødselsnummer in a number column, and leaves the totals row unchecked rather than show it in a sum', async () => {
    // 07905049806 parses as 7 905 049 806 kr, under the amount bound; 7905049806 is it with its zero lost.
    const invoices = only(await ingestFiles(db, [writeUtf8(dir, 'faktura-fnr-belop.csv', [
      INVOICE_HEADER,
      'F1;04.01.2023;5416;Bardu;G1;Somatikk;01.12.2022;02.12.2022;2;5 306,00;07905049806;Faktura',
      'F2;04.01.2023;5416;Bardu;G2;Somatikk;01.12.2022;02.12.2022;2;7905049806;10 612,00;Faktura',
      'F3;04.01.2023;5416;Bardu;G3;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      // Grouped as numbers are (no pattern over the text sees these), and in the integer column.
      'F4;04.01.2023;5416;Bardu;G4;Somatikk;01.12.2022;02.12.2022;2;5 306,00;7 905 049 806;Faktura',
      'F5;04.01.2023;5416;Bardu;G5;Somatikk;01.12.2022;02.12.2022;2;5 306,00;7.905.049.806,00;Faktura',
      'F6;04.01.2023;5416;Bardu;G6;Somatikk;01.12.2022;02.12.2022;7\u00a0905\u00a0049\u00a0806;5 306,00;10 612,00;Faktura',
      // A thin space between 6 + 5 in a text column.
      'F7;04.01.2023;5416;Bardu;opphold 079050\u200949806;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
    ])]));
    expect(invoices).toMatchObject({ rowsLoaded: 1, rowsRejected: 6 });
    const fnr = expect.stringMatching(/^ser ut som et fødselsnummer/);
    expect((await rejects(invoices.batch!)).map((x) => [x.line, x.column_name, x.value, x.reason])).toEqual([
      [2, 'Beløp', '***********', fnr],
      [3, 'Døgnpris', '***********', fnr],
      [5, 'Beløp', '***********', fnr],
      [6, 'Beløp', '***********', fnr],
      [7, 'Antall døgn', '***********', fnr],
      [8, 'OppholdsID', 'opphold ***********', fnr],
    ]);
    const dips = only(await ingestFiles(db, [writeCp1252(dir, 'dips-fnr-dogn.csv', [
      ...DIPS_PREAMBLE, DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`,
      `A2;${FNR[1]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;15038500047`,
      'Sum;;;;;;;;;15038500051',
    ])]));
    expect(dips).toMatchObject({ rowsLoaded: 1, rowsRejected: 1 });
    expect(dips.warnings).toEqual([
      'linje 8, «USK-døgn»: Summeringsraden er ikke kontrollert for «USK-døgn»: en avvist rad har et fødselsnummer i kolonnen (se avviste rader), og summene ville vist det',
      '1 rad avvist',
    ]);
    // Nowhere in the database: not as the value, not as a sum, not with digit groups.
    const everything = JSON.stringify(await db.json(`SELECT (SELECT list(r) FROM reject r)::VARCHAR AS r, (SELECT list(w) FROM batch_warning w)::VARCHAR AS w,
      (SELECT list(i) FROM src_invoice i)::VARCHAR AS i, (SELECT list(p) FROM src_period p)::VARCHAR AS p`));
    for (const digits of ['7905049806', '7 905 049 806', '7.905.049.806', '15038500047', '15 038 500 047', '5038500', '49806']) expect(everything).not.toContain(digits);
  });

  it('shows no figure of a totals row whose own digits are a fødselsnummer, in any grouping', async () => {
    const rows = [`T1;${FNR[0]};5401;Tromsø;Somatikk;x;;01.03.2022;04.03.2022;4`];
    // A valid one (date and both control digits): the fixtures' FNR are shaped like one but are not.
    const results = await ingestFiles(db, ['18049306810', '180493 06810', '18 049 306 810'].map((sum, i) =>
      writeCp1252(dir, `dips-fnr-sum-${i}.csv`, [DIPS_HEADER, ...rows.map((r) => r.replace('T1', `T1-${i}`)), `Sum;;;;;;;;;${sum}`])));
    expect(results.map((r) => r.warnings)).toEqual(Array(3).fill([
      'linje 3, «USK-døgn»: Summeringsraden er ikke kontrollert for «USK-døgn»: sifrene i tallet har form som et fødselsnummer (dato og kontrollsifre), så tallene vises ikke',
    ]));
    const invoices = only(await ingestFiles(db, [writeUtf8(dir, 'faktura-fnr-sum.csv', [
      INVOICE_HEADER, 'S1;04.01.2023;5401;Tromsø;S1;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura', 'Sum;;;;;;;;;;kr 211 257 093,19;',
    ])]));
    expect(invoices.warnings).toEqual([
      'linje 3, «Beløp»: Summeringsraden er ikke kontrollert for «Beløp»: sifrene i tallet har form som et fødselsnummer (dato og kontrollsifre), så tallene vises ikke',
    ]);
    const everything = JSON.stringify(await db.json('SELECT list(w)::VARCHAR AS w FROM batch_warning w'));
    for (const digits of ['18049306810', '049 306 810', '06810', '211 257 093', '093,19']) expect(everything).not.toContain(digits);
  });

  it('rejects a patient number Excel rounded to E-notation (1,20699E+10): two patients would share one pseudonym', async () => {
    const file = writeUtf8(dir, 'dips-avrundet.csv', [
      DIPS_HEADER,
      `R1;1,20699E+10;5401;Tromsø;Somatikk;Med;;01.03.2022;04.03.2022;4`,
      `R2; 1.20699e+10 ;5401;Tromsø;Somatikk;Med;;01.03.2022;04.03.2022;4`,
      `R3;${FNR[0]};5401;Tromsø;Somatikk;Med;;01.03.2022;04.03.2022;4`,
      `R4;12E3A;5401;Tromsø;Somatikk;Med;;01.03.2022;04.03.2022;4`,
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 2 });
    expect(await rejects(r.batch!)).toEqual([2, 3].map((line) => ({
      line, column_name: 'Fødselsnummer', value: '(maskert)', reason: expect.stringMatching(/^pasientnummeret er et avrundet tall i Excels E-format/),
    })));
  });

  it('loads a row whose Kommunenr is 9999 («Uoppgitt» in the list) with a warning: its days belong to no municipality', async () => {
    const file = writeUtf8(dir, 'dips-uoppgitt.csv', [DIPS_HEADER, `U1;${FNR[0]};9999;;Somatikk;;;01.03.2022;04.03.2022;4`, `U2;${FNR[1]};5401;Tromsø;Somatikk;;;01.03.2022;04.03.2022;4`]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
    expect(r.warnings).toEqual(['linje 2, «Kommunenr»: Kommunenr 9999 er «Uoppgitt» i kommunelisten: døgnene hører ikke til noen kommune og kan ikke faktureres (forventet pasientens bostedskommune)']);
  });

  it('loads a date-only Utskrevet on the day of a timed Utskrivningsklar, and rejects one the day before', async () => {
    const file = writeUtf8(dir, 'samme-dag.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;;;30.12.2023 10:00;30.12.2023;0`,
      `A2;${FNR[0]};5401;Tromsø;Somatikk;;;30.12.2023 10:00;29.12.2023;0`,
      `A3;${FNR[0]};5401;Tromsø;Somatikk;;;30.12.2023 10:00;30.12.2023 09:00;0`,
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 });
    expect((await rejects(r.batch!)).map((x) => x.line)).toEqual([3, 4]);
  });

  it('warns about rows of one file that share a natural key, naming the line that counts; invoice lines without a stay differ by fagområde', async () => {
    const file = writeUtf8(dir, 'faktura-dobbel.csv', [
      INVOICE_HEADER,
      'F100;04.01.2023;5416;Bardu;;Somatikk;01.12.2022;31.12.2022;10;5 306,00;53 060,00;Faktura',
      'F100;04.01.2023;5416;Bardu;;Psykisk helsevern;01.12.2022;31.12.2022;4;5 306,00;21 224,00;Faktura',
      'F101;04.01.2023;5416;Bardu;G7;Somatikk;01.12.2022;02.12.2022;2;5 306,00;10 612,00;Faktura',
      'F101;04.01.2023;5416;Bardu;G7;Somatikk;01.12.2022;03.12.2022;3;5 306,00;15 918,00;Faktura',
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ rowsLoaded: 4, rowsRejected: 0 });
    expect(await db.json('SELECT sum(days)::INT AS days FROM src_invoice_current')).toEqual([{ days: 17 }]);
    expect(await db.json('SELECT line, code, message FROM batch_warning WHERE batch_id = $b', { b: r.batch! })).toEqual([
      { line: 4, code: 'samme-nokkel-i-filen', message: 'Fakturanr F101, Oppholds-ID G7, Fra dato 01.12.2022 og type faktura står også på linje 5 i filen; bare linje 5 telles' },
    ]);
  });

  it('warns about DIPS rows that share Oppholds-ID and Utskrivningsklar, with or without a time', async () => {
    const file = writeUtf8(dir, 'dips-dobbel.csv', [
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2022;4`,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;05.03.2022;5`,
      `A2;${FNR[1]};5401;Tromsø;Somatikk;;;02.03.2022;04.03.2022;3`,
      `A2;${FNR[1]};5401;Tromsø;Somatikk;;;02.03.2022;06.03.2022;5`,
    ]);
    const r = only(await ingestFiles(db, [file]));
    expect(r).toMatchObject({ rowsLoaded: 4, rowsRejected: 0 });
    expect(await db.json('SELECT line, message FROM batch_warning WHERE batch_id = $b AND code = $c ORDER BY line', { b: r.batch!, c: 'samme-nokkel-i-filen' })).toEqual([
      { line: 2, message: 'Oppholds-ID A1 med Utskrivningsklar 01.03.2022 10:00 står også på linje 3 i filen; bare linje 3 telles' },
      { line: 4, message: 'Oppholds-ID A2 med Utskrivningsklar 02.03.2022 står også på linje 5 i filen; bare linje 5 telles' },
    ]);
  });

  it('gives the reasons of the other profiles: amounts, periods, event codes, invoice types', async () => {
    const invoices = writeUtf8(dir, 'faktura-feil.csv', [
      INVOICE_HEADER,
      'F1;31.01.2023;5401;Tromsø;G1;Somatikk;05.01.2023;02.01.2023;2;5508;11016;Faktura',
      'F2;31.01.2023;5401;Tromsø;G1;Somatikk;01.01.2023;02.01.2023;2;5508;elleve tusen;Faktura',
      'F3;31.01.2023;5401;Tromsø;G1;Somatikk;01.01.2023;02.01.2023;2;5508;11016;Purring',
    ]);
    const inv = only(await ingestFiles(db, [invoices]));
    expect(inv).toMatchObject({ rowsRead: 3, rowsLoaded: 0, rowsRejected: 3 });
    expect(await rejects(inv.batch!)).toEqual([
      { line: 2, column_name: 'Til dato', value: '02.01.2023', reason: 'Til dato (02.01.2023) er før Fra dato' },
      { line: 3, column_name: 'Beløp', value: 'elleve tusen', reason: 'ugyldig beløp: forventet kroner med høyst to desimaler (øre), med desimalkomma, f.eks. «kr 5 306,00»' },
      { line: 4, column_name: 'Type', value: 'Purring', reason: 'ukjent bilagstype: forventet Faktura, Kreditnota, F eller K' },
    ]);
    const events = writeUtf8(dir, 'hendelser-feil.csv', [
      EVENTS_HEADER,
      'S1,5401,Somatikk,5,,2023-01-10T10:00,',
      'S1,5401,Somatikk,2,Utskrevet,2023-01-10T10:00,',
      'S1,5401,Somatikk,,,2023-01-10T10:00,',
      'S1,5401,Somatikk,,Ferdigbehandlet,2023-01-10T10:00,',
      'S1,5401,Somatikk,UT,,2023-03-28,',
    ]);
    const ev = only(await ingestFiles(db, [events]));
    expect(await rejects(ev.batch!)).toEqual([
      { line: 2, column_name: 'Hendelseskode', value: '5', reason: 'ukjent hendelseskode: forventet 1, 2, 3, 4, 6, 7, 12 eller UT' },
      { line: 3, column_name: 'Hendelseskode', value: '2', reason: 'Hendelseskode (2) og Hendelse sier ulike ting' },
      { line: 4, column_name: 'Hendelseskode', value: null, reason: 'mangler både Hendelseskode og Hendelse (forventet minst én av dem)' },
      { line: 5, column_name: 'Hendelse', value: 'Ferdigbehandlet', reason: expect.stringMatching(/^ukjent hendelse: forventet Utskrivningsklar/) },
      { line: 6, column_name: 'Tidspunkt', value: '2023-03-28', reason: 'Tidspunkt (2023-03-28) mangler klokkeslett: forventet dato og tid, f.eks. 28.03.2023 14:30 (timene telles fra tidspunktet)' },
    ]);
    // The row's summary shows the date as written, not a time the file did not give («28.03.2023 00:00»).
    expect(await db.json(`SELECT row_summary FROM reject WHERE batch_id = ${ev.batch} AND line = 6`)).toEqual([{ row_summary: 'OppholdsID: S1; Hendelseskode: UT; Tidspunkt: 28.03.2023' }]);
  });

  it('loads the NPR codes no rule uses (1, 12), by code or by text, in a Windows-1252 file', async () => {
    const events = writeCp1252(dir, 'hendelser-npr.csv', [
      EVENTS_HEADER,
      'N1,5401,Somatikk,01,,2023-01-10T08:00,',
      'N1,5401,Somatikk,,Kommune varslet om innlagt pasient,2023-01-10T08:05,',
      'N1,5401,Somatikk,12,,2023-01-11T10:00,',
      'N1,5401,Somatikk,,Overføringsklar,2023-01-11T10:05,',
      'N1,5401,Somatikk,12,Overføringsklar,2023-01-11T10:10,',
    ]);
    const r = only(await ingestFiles(db, [events]));
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 5, rowsLoaded: 5, rowsRejected: 0 });
    expect(await db.json(`SELECT code FROM src_event WHERE batch_id = ${r.batch} ORDER BY line`)).toEqual(
      ['1', '1', '12', '12', '12'].map((code) => ({ code })));
  });

  it('masks the patient column in rejects', async () => {
    const file = writeCp1252(dir, 'd.csv', [DIPS_HEADER, `C1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;x`, `C2;${FNR[1]};5401`]);
    const r = only(await ingestFiles(db, [file]));
    const text = JSON.stringify(await rejects(r.batch!));
    for (const f of FNR) expect(text).not.toContain(f);
  });

  it('--strict refuses the whole file when any row would be rejected', async () => {
    const file = writeCp1252(dir, 'd.csv', [DIPS_HEADER, `C1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022;02.03.2022;1`, `C2;${FNR[1]};9998;X;Somatikk;;;01.03.2022;02.03.2022;1`]);
    const r = only(await ingestFiles(db, [file], { strict: true }));
    expect(r).toMatchObject({ status: 'refused', rowsRejected: 1, batch: null });
    expect(r.error).toContain('linje 3, kolonne «Kommunenr»: kommunenummer 9998 har aldri eksistert');
    expect(await db.json('SELECT count(*)::INT n FROM src_period')).toEqual([{ n: 0 }]);
    expect(await db.json('SELECT count(*)::INT n FROM batch')).toEqual([{ n: 0 }]);
  });
});

describe('files refused whole: nothing loaded, one clear message', () => {
  const refusal = async (file: string, opts = {}) => {
    const r = only(await ingestFiles(db, [file], opts));
    expect(r.status).toBe('refused');
    expect(await db.json('SELECT count(*)::INT n FROM batch')).toEqual([{ n: 0 }]);
    return r.error!;
  };

  it('an empty file', async () => {
    expect(await refusal(writeUtf8(dir, 'tom.csv', []))).toMatch(/^tom\.csv: filen er tom/);
    expect(await refusal(writeUtf8(dir, 'bare-overskrift.csv', [EVENTS_HEADER]))).toBe(
      'bare-overskrift.csv (linje 1): filen har en overskriftsrad, men ingen datarader');
  });

  it('no profile matches: names the closest profile and the missing columns', async () => {
    const msg = await refusal(writeUtf8(dir, 'x.csv', ['Oppholds-ID;Fødselsnummer;Kommunenr;Utskrivningsklar', 'A;1;5401;01.01.2022']));
    expect(msg).toBe('x.csv (linje 1): ingen profil passer. Nærmest er «dips-usk», men disse kolonnene mangler: Fagområde, USK-døgn');
    expect(await refusal(writeUtf8(dir, 'adresser.csv', ['Navn;Adresse;Postnr;Kommunenr;Beløp', 'Ola;Vei 1;9000;5401;100']))).toBe(
      'adresser.csv (linje 1): ingen profil passer. Nærmest er «faktura», men disse kolonnene mangler: Fakturanr, Fakturadato, Fra dato, Til dato, Antall døgn. '
      + 'Kolonnene «Navn», «Adresse», «Postnr» er ikke gjenkjent');
  });

  it('required columns missing for a forced profile', async () => {
    const msg = await refusal(writeUtf8(dir, 'y.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-10-28T22:00,']), { profile: 'faktura' });
    expect(msg).toMatch(/^y\.csv \(linje 1\): filen passer ikke profilen «faktura» som er valgt: disse kolonnene mangler: Fakturanr, Fakturadato/);
  });

  it('a workbook renamed .csv, a binary file, and a workbook whose first sheet is a cover page: each said as it is', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Forside').addRow(['Fakturalinjer 2022']);
    wb.addWorksheet('Data').addRow(INVOICE_HEADER.split(';'));
    const xlsx = join(dir, 'arbeidsbok.xlsx');
    await wb.xlsx.writeFile(xlsx);
    writeBytes(join(dir, 'arbeidsbok.csv'), readFileSync(xlsx));
    writeBytes(join(dir, 'binær.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)));
    expect(await refusal(join(dir, 'arbeidsbok.csv'))).toMatch(/^arbeidsbok\.csv: filen er et ZIP-arkiv, som en Excel-arbeidsbok \(\.xlsx\), men heter ikke \.xlsx/);
    expect(await refusal(join(dir, 'binær.csv'))).toMatch(/^binær\.csv: filen ser ut som en binærfil, ikke tekst/);
    expect(await refusal(xlsx)).toMatch(/fant ingen overskriftsrad .* \(i arket «Forside»; arbeidsboken har også «Data»: velg arket med usk ingest --sheet/);
    // The sheet named as the user wrote it, in any case: there is only one «Data».
    const dataSheet = await ingestFiles(db, [xlsx], { sheet: 'data' });
    expect(dataSheet[0]!.error).toBe('arbeidsbok.xlsx (linje 1): filen har en overskriftsrad, men ingen datarader');
  });

  it('undecodable and mixed encodings name the line', async () => {
    const bad = join(dir, 'udefinert.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, Buffer.concat([Buffer.from(`${EVENTS_HEADER}\nS1,5401,Somatikk,2,,2023-10-28T22:00,\nS1,5401,Som`, 'latin1'), Buffer.from([0x81]), Buffer.from('atikk,3,,2023-10-28T22:00,\n')]));
    expect(await refusal(bad)).toBe('udefinert.csv (linje 3): ugyldig tegnkoding: byte 0x81 finnes ikke i Windows-1252');
    const mixed = join(dir, 'blandet.csv');
    writeFileSync(mixed, Buffer.concat([Buffer.from(`${DIPS_HEADER}\r\n`, 'utf8'), Buffer.from(`A;${FNR[0]};5401;Troms\xf8;Somatikk;;;01.03.2022;02.03.2022;1\r\n`, 'latin1')]));
    expect(await refusal(mixed)).toBe(
      'blandet.csv (linje 2): blandet tegnkoding: filen er UTF-8, men denne linjen har tegn i en annen koding (forventet én koding i hele filen)');
  });

  it('a UTF-8 BOM before Windows-1252 text is a mixed file, named by its line, in the header, a row or far below', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const mixedMessage = 'blandet tegnkoding: filen er UTF-8, men denne linjen har tegn i en annen koding (forventet én koding i hele filen)';
    // The header's ø as one byte: it was refused for lacking Fødselsnummer, Fagområde and USK-døgn.
    const header = join(dir, 'bom-overskrift.csv');
    writeBytes(header, Buffer.concat([bom, Buffer.from(`${DIPS_HEADER}\r\nA;${FNR[0]};5401;Troms\xf8;Somatikk;;;01.03.2022;02.03.2022;1\r\n`, 'latin1')]));
    expect(await refusal(header)).toBe(`bom-overskrift.csv (linje 1): ${mixedMessage}`);
    // An ASCII header (aliases): the row was read again as Windows-1252, the BOM as «ï»¿» in «Oppholds-ID».
    const ascii = 'Oppholds-ID;Pasient;Kommunenr;Kommune;Fagomraade;Avdeling;Innlagt;Utskrivningsklar;Utskrevet;USK-dogn';
    const row = join(dir, 'bom-rad.csv');
    writeBytes(row, Buffer.concat([bom, Buffer.from(`${ascii}\r\nA;${FNR[0]};5401;Troms\xf8;Somatikk;;;01.03.2022;02.03.2022;1\r\n`, 'latin1')]));
    expect(await refusal(row)).toBe(`bom-rad.csv (linje 2): ${mixedMessage}`);
    // The first ø below the sample read when the file is opened: refused by the reading pass.
    const far = join(dir, 'bom-langt-nede.csv');
    const good = Array.from({ length: 5000 }, (_, i) => `S${i},5401,Somatikk,2,Utskrivningsklar,2023-01-10T10:00,Tromso`).join('\n');
    writeBytes(far, Buffer.concat([bom, Buffer.from(`${EVENTS_HEADER}\n${good}\n`, 'utf8'), Buffer.from('S9,5401,Somatikk,2,Utskrivningsklar,2023-01-10T10:00,Troms\xf8\n', 'latin1')]));
    expect(await refusal(far)).toBe(`bom-langt-nede.csv (linje 5002): ${mixedMessage}`);
    expect(await db.json('SELECT count(*)::INT n FROM batch')).toEqual([{ n: 0 }]);
  });

  it('a file larger than the configured limit', async () => {
    const file = writeUtf8(dir, 'stor.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-10-28T22:00,']);
    expect(await refusal(file, { maxBytes: 20 })).toMatch(/^stor\.csv: filen er .* MB, større enn grensen/);
  });
});

describe('batches, duplicates and overlapping exports', () => {
  const month = (name: string, rows: string[]) => writeUtf8(dir, name, [EVENTS_HEADER, ...rows]);

  it('the same file twice loads nothing new and names the earlier batch', async () => {
    const file = month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,2023-02-01T06:00']);
    chmodSync(file, 0o644); // as an export is often saved: the archive's copy is still the owner's alone
    const [first] = await ingestFiles(db, [file]);
    const [again] = await ingestFiles(db, [file]);
    expect(again).toMatchObject({ status: 'duplicate', batch: first!.batch, rowsLoaded: 0 });
    expect(again!.warnings[0]).toContain(`allerede lastet som batch ${first!.batch} («jan.csv»`);
    expect(await db.json('SELECT count(*)::INT n FROM src_event')).toEqual([{ n: 1 }]);
    const [b] = await db.json<{ sha256: string; archive_path: string }>('SELECT sha256, archive_path FROM batch');
    expect(readFileSync(join(dir, b!.archive_path))).toEqual(readFileSync(file));
    expect(b!.archive_path).toBe(`archive/${b!.sha256.slice(0, 2)}/${b!.sha256}.csv`);
    expect(statSync(join(dir, b!.archive_path)).mode & 0o777).toBe(0o600);
  });

  it('the archive copy, made while the file is read, is the file; no copy is left behind, loaded, duplicate or refused', async () => {
    const late = { earlyHashBytes: 0 }; // hashed in the reading pass, as every CSV over 64 MB is (the longest window)
    const incoming = () => readdirSync(join(dir, 'archive')).filter((n) => n.startsWith('.incoming-'));
    const stale = join(dir, 'archive', '.incoming-999999999-abc.tmp'); // left by a process that was killed
    const file = month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,2023-02-01T06:00']);
    await ingestFiles(db, [month('start.csv', ['S0,5401,Somatikk,2,,2023-01-01T10:00,'])], late);
    writeBytes(stale, 'rester');
    const [first] = await ingestFiles(db, [file], late);
    expect(first).toMatchObject({ status: 'loaded' });
    const [b] = await db.json<{ archive_path: string }>('SELECT archive_path FROM batch WHERE batch_id = $id', { id: first!.batch! });
    expect(readFileSync(join(dir, b!.archive_path))).toEqual(readFileSync(file));
    const [again] = await ingestFiles(db, [file], late);
    expect(again).toMatchObject({ status: 'duplicate' });
    const mixed = join(dir, 'blandet.csv');
    // UTF-8 (Tromsø) at the top, a Windows-1252 ø far below the sample read when the file is opened:
    // refused by the reading pass, after it has copied part of the file.
    const good = Array.from({ length: 5000 }, (_, i) => `S${i},5401,Somatikk,2,Utskrivningsklar,2023-01-10T10:00,Tromsø`).join('\n');
    writeBytes(mixed, Buffer.concat([Buffer.from(`${EVENTS_HEADER}\n${good}\n`, 'utf8'), Buffer.from('S9,5401,Somatikk,2,Utskrivningsklar,2023-01-10T10:00,Troms\xf8\n', 'latin1')]));
    const [refused] = await ingestFiles(db, [mixed], late);
    expect(refused).toMatchObject({ status: 'refused', error: expect.stringContaining('blandet tegnkoding') });
    expect(incoming()).toEqual([]);
  });

  it('keeps the archive folder its owner\'s alone, also one made before with a looser mode', async () => {
    const { mkdirSync, statSync } = await import('node:fs');
    mkdirSync(join(dir, 'archive'), { mode: 0o755 });
    chmodSync(join(dir, 'archive'), 0o755);
    await ingestFiles(db, [month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,'])]);
    expect(statSync(join(dir, 'archive')).mode & 0o777).toBe(0o700);
  });

  it('a file written to while it is loaded is refused, and nothing of it is kept', async () => {
    const file = month('skrives.csv', Array.from({ length: 2000 }, (_, i) => `S${i},5401,Somatikk,2,,2023-01-10T10:00,2023-02-01T06:00`));
    let appended = false;
    const [r] = await ingestFiles(db, [file], { earlyHashBytes: 0, chunkRecords: 500 }, (p) => {
      // The export is still being written when the load has begun.
      if (p.phase === 'leser' && !appended) {
        appended = true;
        appendFileSync(file, 'S9,5401,Somatikk,2,,2023-01-11T10:00,2023-02-01T06:00\n');
      }
    });
    expect(appended).toBe(true);
    expect(r).toMatchObject({ status: 'refused', error: expect.stringContaining('filen ble endret mens den ble lest inn') });
    expect(await db.json('SELECT (SELECT count(*) FROM batch)::INT AS b, (SELECT count(*) FROM src_event)::INT AS e')).toEqual([{ b: 0, e: 0 }]);
    expect(readdirSync(join(dir, 'archive')), 'no archived file and no copy in progress').toEqual([]);
  });

  it('a newer rolling export supersedes rows by natural key and keeps the older version in history', async () => {
    await ingestFiles(db, [month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,2023-02-01T06:00', 'S1,5401,Somatikk,3,,2023-01-10T11:00,2023-02-01T06:00'])]);
    await ingestFiles(db, [month('feb.csv', [
      'S1,5402,Somatikk,3,,2023-01-10T11:00,2023-03-01T06:00', // same event, corrected municipality
      'S1,5402,Somatikk,UT,,2023-02-02T09:00,2023-03-01T06:00',
      'S1,5402,Somatikk,UT,,2023-02-02T09:00,2023-03-01T06:00', // exact duplicate within the file
    ])]);
    expect(await db.json('SELECT count(*)::INT n FROM src_event')).toEqual([{ n: 5 }]);
    const current = await db.json(`SELECT code, kommunenr, batch_id FROM src_event_current ORDER BY at_local, code`);
    expect(current).toEqual([
      { code: '2', kommunenr: '5401', batch_id: 1 },
      { code: '3', kommunenr: '5402', batch_id: 2 },
      { code: 'UT', kommunenr: '5402', batch_id: 2 },
    ]);
  });

  it('an older export loaded after a newer one does not undo it: "newer" is the as-of, not the load order', async () => {
    await ingestFiles(db, [month('feb.csv', ['S1,5402,Somatikk,3,,2023-01-10T11:00,2023-03-01T06:00'])]);
    await ingestFiles(db, [month('jan.csv', ['S1,5401,Somatikk,3,,2023-01-10T11:00,2023-02-01T06:00'])]);
    expect(await db.json('SELECT kommunenr, batch_id FROM src_event_current')).toEqual([{ kommunenr: '5402', batch_id: 1 }]);
    const dips = (name: string, printed: string, row: string) =>
      writeUtf8(dir, name, [`Utskriftsdato: ${printed}`, DIPS_HEADER, row]);
    await ingestFiles(db, [dips('dips-feb.csv', '05.02.2024', `5001;${FNR[0]};5416;Bardu;Somatikk;A;23.12.2023;30.12.2023;10.01.2024;11`)]);
    await ingestFiles(db, [dips('dips-jan.csv', '05.01.2024', `5001;${FNR[0]};5416;Bardu;Somatikk;A;23.12.2023;30.12.2023;;6`)]);
    expect(await db.json("SELECT strftime(discharged, '%d.%m.%Y') AS discharged, usk_days FROM src_period_current"))
      .toEqual([{ discharged: '10.01.2024', usk_days: 11 }]);
  });

  it('warns when a newer DIPS export corrects a stay\'s Utskrivningsklar, since the older row stays current and both count', async () => {
    const dips = (name: string, printed: string, rows: string[]) => writeUtf8(dir, name, [`Utskriftsdato: ${printed}`, DIPS_HEADER, ...rows]);
    await ingestFiles(db, [dips('dips-jan.csv', '05.01.2024', [
      `6001;${FNR[0]};5416;Bardu;Somatikk;A;20.12.2023;22.12.2023;28.12.2023;6`,
      `6002;${FNR[1]};5416;Bardu;Somatikk;A;20.12.2023;22.12.2023;24.12.2023;2`,
      `6003;${FNR[2]};5416;Bardu;Somatikk;A;20.12.2023;22.12.2023;23.12.2023;2`,
    ])], { refresh: false });
    const [r] = await ingestFiles(db, [dips('dips-feb.csv', '05.02.2024', [
      `6001;${FNR[0]};5416;Bardu;Somatikk;A;20.12.2023;24.12.2023;28.12.2023;4`, // corrected: dates 24–27 overlap 22–27
      `6002;${FNR[1]};5416;Bardu;Somatikk;A;20.12.2023;27.12.2023;29.12.2023;2`, // a later period after a revocation
      `6003;${FNR[2]};5416;Bardu;Somatikk;A;20.12.2023;23.12.2023;24.12.2023;1`, // declared again on the day it ended: one date shared
    ])], { refresh: false });
    expect(r!.warnings).toEqual([
      'linje 3, «Utskrivningsklar»: Oppholds-ID 6001: Utskrivningsklar 24.12.2023 (4 døgn) dekker de samme datoene som raden med Utskrivningsklar 22.12.2023 (6 døgn) fra batch 1: er den ene en rettet utgave av den andre, telles døgnene to ganger. Sjekk i DIPS',
    ]);
  });

  it('keeps the key file beside the database, readable only by its owner', async () => {
    await ingestFiles(db, [month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,'])]);
    const { statSync } = await import('node:fs');
    expect(existsSync(join(dir, 'usk.key'))).toBe(true);
    expect(statSync(join(dir, 'usk.key')).mode & 0o777).toBe(0o600);
  });

  it('binds a database to a key only when a file is loaded, and an in-memory one to one key for all its runs', async () => {
    const saved = process.env.USK_PSEUDONYM_KEY;
    try {
      process.env.USK_PSEUDONYM_KEY = 'den første nøkkelen, bare prøvd på en fil som ble avvist';
      expect(only(await ingestFiles(db, [writeUtf8(dir, 'tom.csv', [''])])).status).toBe('refused');
      expect(await db.json('SELECT count(*)::INT AS n FROM pseudonym_key')).toEqual([{ n: 0 }]);
      process.env.USK_PSEUDONYM_KEY = 'den andre nøkkelen, som filene faktisk leses med';
      expect(only(await ingestFiles(db, [month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,'])])).status).toBe('loaded');
      delete process.env.USK_PSEUDONYM_KEY;
      const memory = await openDatabase(':memory:');
      try {
        for (const name of ['a.csv', 'b.csv']) expect(only(await ingestFiles(memory, [month(name, [`${name},5401,Somatikk,2,,2023-01-10T10:00,`])])).status).toBe('loaded');
      } finally {
        memory.close();
      }
    } finally {
      if (saved === undefined) delete process.env.USK_PSEUDONYM_KEY;
      else process.env.USK_PSEUDONYM_KEY = saved;
    }
  });

  it('refuses a run under another key than the database was loaded with, before reading any file', async () => {
    const saved = process.env.USK_PSEUDONYM_KEY;
    try {
      delete process.env.USK_PSEUDONYM_KEY;
      expect(only(await ingestFiles(db, [month('jan.csv', ['S1,5401,Somatikk,2,,2023-01-10T10:00,'])])).status).toBe('loaded');
      process.env.USK_PSEUDONYM_KEY = 'en annen nøkkel enn den i nøkkelfilen, lang nok';
      const run = ingestFiles(db, [month('feb.csv', ['S2,5401,Somatikk,2,,2023-02-10T10:00,'])]);
      await expect(run).rejects.toThrow(PseudonymKeyError);
      await expect(run).rejects.toThrow(
        `pseudonymnøkkelen (USK_PSEUDONYM_KEY) er ikke den pasientene i databasen ble pseudonymisert med: samme pasient ville fått et annet pseudonym og blitt telt to ganger. `
          + `Bruk den opprinnelige nøkkelen (kanskje nøkkelfilen ${join(dir, 'usk.key')}: kjør da uten USK_PSEUDONYM_KEY satt); ingen filer er lest`,
      );
      // Without the variable and without the key file, no new key is made for a database that has one: refused, nothing read.
      const keyFile = join(dir, 'usk.key');
      const original = readFileSync(keyFile, 'utf8');
      rmSync(keyFile);
      delete process.env.USK_PSEUDONYM_KEY;
      await expect(ingestFiles(db, [month('feb.csv', ['S2,5401,Somatikk,2,,2023-02-10T10:00,'])]))
        .rejects.toThrow(`nøkkelfilen ${keyFile} finnes ikke. Sett USK_PSEUDONYM_KEY til nøkkelen databasen ble lastet med, eller legg nøkkelfilen tilbake; ingen filer er lest, og ingen ny nøkkel er laget`);
      expect(existsSync(keyFile)).toBe(false);
      // Another key in the key file: told to give the original through the variable, not pointed back at that file.
      writeBytes(keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
      await expect(ingestFiles(db, [month('feb.csv', ['S2,5401,Somatikk,2,,2023-02-10T10:00,'])]))
        .rejects.toThrow(`pseudonymnøkkelen (nøkkelfilen ${keyFile}) er ikke den pasientene i databasen ble pseudonymisert med: samme pasient ville fått et annet pseudonym og blitt telt to ganger. Bruk den opprinnelige nøkkelen (sett USK_PSEUDONYM_KEY til den); ingen filer er lest`);
      writeBytes(keyFile, original, { mode: 0o600 });
      expect(await db.json('SELECT count(*)::INT AS n FROM batch')).toEqual([{ n: 1 }]);
      expect(await db.json('SELECT count(*)::INT AS n FROM batch')).toEqual([{ n: 1 }]);
      // The key it was loaded with goes on working; the fingerprint is no pseudonym of anything loaded.
      delete process.env.USK_PSEUDONYM_KEY;
      expect(only(await ingestFiles(db, [month('feb.csv', ['S2,5401,Somatikk,2,,2023-02-10T10:00,'])])).status).toBe('loaded');
      expect(await db.json('SELECT fingerprint FROM pseudonym_key')).toEqual([{ fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
      expect(await db.json('SELECT count(*)::INT AS n FROM pseudonym_key')).toEqual([{ n: 1 }]);
      // A database loaded before fingerprints were kept: its next load records the key, and says it could not check it.
      await db.run('DELETE FROM pseudonym_key');
      const unchecked = await ingestRun(db, [month('mar.csv', ['S3,5401,Somatikk,2,,2023-03-10T10:00,'])]);
      expect(unchecked.key).toMatchObject({ source: 'file', unverified: true });
      expect(await db.json('SELECT count(*)::INT AS n FROM pseudonym_key')).toEqual([{ n: 1 }]);
      // Such a database without its key file is refused too: a new random key is not the one it was loaded with.
      await db.run('DELETE FROM pseudonym_key');
      const saved2 = readFileSync(keyFile, 'utf8');
      rmSync(keyFile);
      await expect(ingestFiles(db, [month('apr.csv', ['S4,5401,Somatikk,2,,2023-04-10T10:00,'])])).rejects.toThrow(/ingen ny nøkkel er laget/);
      expect(existsSync(keyFile)).toBe(false);
      writeBytes(keyFile, saved2, { mode: 0o600 });
    } finally {
      if (saved === undefined) delete process.env.USK_PSEUDONYM_KEY;
      else process.env.USK_PSEUDONYM_KEY = saved;
    }
  });
});
