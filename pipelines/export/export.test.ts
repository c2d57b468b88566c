/**
 * The export formats and the CLI: JSON keys, CSV for Norwegian Excel, XLSX with real numbers,
 * number formats, a summary, the per-stay detail and the rule set / as-of sheet.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { openDatabase, type UskDb } from '../db/open.ts';
import { loadSources } from '../derive/test-support.ts';
import { registerExportCommands } from '../cli/export.ts';
import { z } from 'zod';
import { exportData, jsonExport, RECONCILIATION_COLUMNS, toCsv } from './index.ts';
import { formatDecimal } from '../format/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'usk-export-'));
const dbPath = join(dir, 'usk.duckdb');
let db: UskDb;

const G = [
  { stay: 'G', code: '2' as const, at: '2022-12-30 15:00', kommunenr: '5412' },
  { stay: 'G', code: '3' as const, at: '2022-12-30 15:00', kommunenr: '5412' },
  { stay: 'G', code: 'UT' as const, at: '2023-01-02 09:00', kommunenr: '5412' },
  { stay: 'H', code: '2' as const, at: '2013-01-02 09:00', kommunenr: '1931' },
  { stay: 'H', code: '3' as const, at: '2013-01-02 09:00', kommunenr: '1931' },
  { stay: 'H', code: 'UT' as const, at: '2013-01-04 09:00', kommunenr: '1931' },
];

beforeAll(async () => {
  db = await openDatabase(dbPath);
  await loadSources(db, {
    events: G, asOf: '2023-02-01 06:00',
    invoices: [
      { invoiceNo: 'F1', stay: 'G', kommunenr: '5412', from: '2022-12-30', to: '2022-12-31', days: 1, rate: 5306, amount: 5306 },
      { invoiceNo: 'F2', stay: 'G', kommunenr: '5412', from: '2023-01-01', to: '2023-01-02', days: 2, rate: 5508, amount: 11016 },
    ],
  });
});
afterAll(() => db.close());

const Rows = jsonExport(z.record(z.string(), z.unknown()));
const rowsOf = (json: string) => Rows.parse(JSON.parse(json)).rows;
const KEYS = ['kommunenr', 'kommune', 'fagomrade', 'periode', 'registrert', 'avvik_dips', 'uten_tidspunkt', 'ikke_betalingsplikt',
  'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel', 'betalbar', 'timebasert', 'timer', 'fakturert', 'differanse', 'belop', 'forventet_belop'];

describe('exports', () => {
  it('JSON: the rows (exactly the documented keys, timebasert unrounded) beside rule set, as-of, selection and data version', async () => {
    const { content } = await exportData(db, 'reconciliation', { kommune: '5412', from: '2022-12', to: '2023-01', minHours: 10 }, 'json');
    const file = Rows.parse(JSON.parse(String(content)));
    expect(file.rows.map((r) => Object.keys(r))).toEqual([KEYS, KEYS]);
    expect(file.rows[1]).toMatchObject({ kommunenr: '5512', periode: '2023-01', betalbar: 1, timebasert: 33 / 24, forventet_belop: 5508 });
    const { rows: _rows, ...about } = file;
    expect(about).toEqual({
      kind: 'reconciliation',
      ruleSet: {
        id: 'fakturagrunnlag', version: 1, name: 'Fakturagrunnlag (UNN-praksis)', label: 'Fakturagrunnlag (UNN-praksis), versjon 1 med minst 10 timer per døgn',
        params: expect.objectContaining({ firstDayFree: true, minHoursPerDay: 10 }), overrides: { minHoursPerDay: 10 },
      },
      asOf: { periods: null, events: '2023-02-01T06:00', invoices: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/) },
      dataVersion: 2,
      selection: {
        from: '2022-12', to: '2023-01', toDefaulted: false, lastMonthComplete: true, text: '2022-12 – 2023-01',
        by: 'month', group: 'current', kommune: '5412', fagomrade: null,
      },
      suppression: null,
    });
  });

  it('without an end month, up to the last complete month, and the selection names the months; an incomplete one asked for is named as such', async () => {
    // HN-LIS was taken 01.02.2023 06:00: January 2023 is the last month every source covers completely.
    const open = await exportData(db, 'reconciliation', { kommune: '5412', by: 'year' }, 'csv');
    expect(open.query.to).toBe('2023-01');
    expect(open.selection).toMatchObject({ from: '2013-01', to: '2023-01', toDefaulted: true, lastMonthComplete: true, text: '2013-01 – 2023-01 (til siste hele måned)' });
    expect(String(open.content).split('\r\n')[1]).toContain(';2013-01 – 2023-01 (til siste hele måned);');
    const asked = await exportData(db, 'reconciliation', { kommune: '5412', from: '2022-12', to: '2023-02' }, 'csv');
    expect(asked.selection).toMatchObject({ to: '2023-02', toDefaulted: false, lastMonthComplete: false, text: '2022-12 – 2023-02 (2023-02 er ufullstendig: HN-LIS per 01.02.2023 06:00)' });
    // An end month wholly after the as-of is not «ufullstendig»: nothing of it is in.
    const past = await exportData(db, 'reconciliation', { kommune: '5412', from: '2022-12', to: '2024-06' }, 'json');
    expect(past.selection).toMatchObject({ to: '2024-06', lastMonthComplete: false, text: '2022-12 – 2024-06 (dataene slutter før 2024-06: HN-LIS per 01.02.2023 06:00)' });
    // February itself is not in the data at all: no row (unknown, not zero), but the selection says what was asked.
    expect(String(asked.content).split('\r\n').filter((l) => /;2023-0[12];/.test(l)).map((l) => l.split(';')[3])).toEqual(['2023-01']);
    // A start after the data's last month: nothing, and the selection says where the data end.
    const late = await exportData(db, 'stays', { from: '2023-02' }, 'json');
    expect([late.rows, late.selection.to, late.selection.text]).toEqual([0, null, 'fra 2023-02 (dataene går til 2023-01)']);
  });

  it('one municipality by month: a month without days is a row of zeros, within the months the data covers', async () => {
    // The data runs from 2013-01 (stay H) to 2023-01: 2022-09 to 2022-11 are known to be empty for
    // Tjeldsund, 2023-02 and later are not known at all.
    const { content } = await exportData(db, 'reconciliation', { kommune: '5412', from: '2022-09', to: '2023-03' }, 'csv');
    const lines = String(content).slice(1).split('\r\n').filter(Boolean).slice(1).map((l) => l.split(';').slice(0, 5).join(';'));
    expect(lines).toEqual([
      '5512;Dielddanuorri - Tjeldsund;Somatikk;2022-09;0', '5512;Dielddanuorri - Tjeldsund;Somatikk;2022-10;0',
      '5512;Dielddanuorri - Tjeldsund;Somatikk;2022-11;0', '5512;Dielddanuorri - Tjeldsund;Somatikk;2022-12;2',
      '5512;Dielddanuorri - Tjeldsund;Somatikk;2023-01;2',
    ]);
    // A municipality and care area without any days in the period: its months, all zeros, under the
    // care area asked for (not an empty file that reads as "no export").
    const none = await exportData(db, 'reconciliation', { kommune: '1806', from: '2022-11', to: '2022-12', fagomrade: 'psykisk-helsevern' }, 'json');
    expect(rowsOf(String(none.content)).map((r) => [r.kommunenr, r.kommune, r.fagomrade, r.periode, r.registrert, r.forventet_belop]))
      .toEqual([['1806', 'Narvik', 'psykisk-helsevern', '2022-11', 0, 0], ['1806', 'Narvik', 'psykisk-helsevern', '2022-12', 0, 0]]);
    // All municipalities: only rows with data.
    const all = await exportData(db, 'reconciliation', { from: '2022-09', to: '2023-03' }, 'json');
    expect(rowsOf(String(all.content)).map((r) => r.periode)).toEqual(['2022-12', '2023-01']);
  });

  it('CSV: BOM, semicolons, decimal comma, CRLF, the dashboard\'s headers and care-area names, rule set named', async () => {
    const { content } = await exportData(db, 'reconciliation', { by: 'year', group: 'registered' }, 'csv');
    const text = String(content);
    expect(text.startsWith('\ufeffKommunenr;Kommune;Fagområde;Periode;Registrerte døgn;Avvik mot DIPS;Uten tidspunkt (ikke i HN-LIS);Før betalingsplikt;Ikke varslet;Kommunen kan ta imot;Første døgn;Under timeterskel;Betalbare døgn;Timebaserte døgn;Timer i betalingsvinduet;Fakturerte døgn;Differanse (fakturert − betalbar);')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    // Every row says what produced it: rule set, grouping (merged municipalities differ), months, and how fresh each source is.
    expect(lines[0]!.endsWith(';Forventet beløp (kr);Regelsett;Kommunegruppering;Utvalg;Data per;Dataversjon;Nasjonal døgnpris;Avviste rader')).toBe(true);
    // The invoices have no date of their own here: their as-of is when they were loaded (any time).
    const context = 'Fakturagrunnlag (UNN-praksis), versjon 1;Slik det er registrert;2013-01 – 2023-01 (til siste hele måned);DIPS ingen data, HN-LIS 01.02.2023 06:00, faktura \\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d;\\d+;2013: ingen sats (forventet beløp mangler der det er døgn), [^;]*2023: 5\u00a0508\u00a0kr (Helsedirektoratet, døgnpris for utskrivningsklare pasienter);ingen avviste rader i utvalgets kommuner og måneder';
    // 2013 has no rate: the expected amount is empty, not 0.
    expect(lines[1]).toMatch(new RegExp(`^1931;Lenvik;Somatikk;2013;3;0;0;0;0;0;1;0;2;2;48;0;-2;0,00;;${context.replace(/[()]/g, '\\$&')}$`));
    expect(lines[2]).toMatch(new RegExp(`^5412;Tjeldsund;Somatikk;2022;2;0;0;0;0;0;1;0;1;1,375;33;1;0;5306,00;5306,00;${context.replace(/[()]/g, '\\$&')}$`));
    // Years in a row without a rate are one span, not one entry each on every row: from 1900-01 the
    // column named 112 years on each row (the day export writes it on millions).
    const early = String((await exportData(db, 'reconciliation', { by: 'year', group: 'registered', from: '1900-01' }, 'csv')).content).slice(1).split('\r\n');
    expect(early[1]).toContain(';1900–2011: ingen sats (forventet beløp mangler der det er døgn), 2012: 4\u00a0000\u00a0kr, 2013: ingen sats (forventet beløp mangler der det er døgn), 2014: ');
    expect(early[1]!.length).toBeLessThan(lines[1]!.length + 100);
    const half = String((await exportData(db, 'reconciliation', { by: 'year', from: '2022-07', to: '2023-06' }, 'csv')).content);
    expect(half.split('\r\n')[1]).toMatch(/;Nåværende kommune \(2024\);2022-07 – 2023-06 \(dataene slutter før 2023-06: HN-LIS per 01\.02\.2023 06:00\);DIPS /);
  });

  it('CSV: hour-based days and hours unrounded, so the column sums to the total the dashboard shows', () => {
    // Three rows of 8 hours (1/3 day): rounded per row they would sum to 0,9 day, not 1,0.
    const row = { kommunenr: '5501', kommune: 'Tromsø', fagomrade: 'somatikk', periode: '2023-01', registrert: 1, avvik_dips: 0, uten_tidspunkt: 0,
      ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: 0, forste_dogn: 0, under_terskel: 0, betalbar: 1, timebasert: 8 / 24, timer: 8,
      fakturert: 1, differanse: 0, belop: 5306, forventet_belop: 5306 };
    const lines = toCsv([row, row, row], RECONCILIATION_COLUMNS).slice(1).split('\r\n').filter(Boolean);
    const col = lines[0]!.split(';').indexOf('Timebaserte døgn');
    const cells = lines.slice(1).map((l) => l.split(';')[col]!);
    expect(cells).toEqual(['0,333333333', '0,333333333', '0,333333333']);
    expect(formatDecimal(cells.reduce((s, c) => s + Number(c.replace(',', '.')), 0), 1)).toBe(formatDecimal(3 * (8 / 24), 1));
  });

  it('stays: the per-stay detail with status text in CSV and slugs in JSON', async () => {
    const json = rowsOf(String((await exportData(db, 'stays', { by: 'period' }, 'json')).content));
    expect(json.map((r) => [r.stay_id, r.kommunenr, r.status])).toEqual([['G', '5512', 'kun-i-hnlis'], ['H', '5530', 'ikke-fakturert']]);
    const csv = String((await exportData(db, 'stays', { by: 'period' }, 'csv')).content);
    expect(csv).toContain(';Ikke fakturert;Nei;');
  });

  it('stays under fagomrade=alle: each stay with its own care area in CSV and in the XLSX sheet «Opphold», never «alle»', async () => {
    const csv = String((await exportData(db, 'stays', { by: 'period', fagomrade: 'alle' }, 'csv')).content).slice(1).split('\r\n');
    const col = csv[0]!.split(';').indexOf('Fagområde');
    expect(csv.slice(1).filter(Boolean).map((l) => l.split(';')[col])).toEqual(['Somatikk', 'Somatikk']);
    const { content } = await exportData(db, 'reconciliation', { by: 'period', fagomrade: 'alle' }, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as Buffer as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('Opphold')!;
    const fag = (detail.getRow(1).values as unknown[]).indexOf('Fagområde');
    expect([2, 3].map((i) => detail.getRow(i).getCell(fag).value)).toEqual(['Somatikk', 'Somatikk']);
    // The stay's USK dates are date cells, read the same in CSV (dd.mm.yyyy).
    const fra = (detail.getRow(1).values as unknown[]).indexOf('USK fra');
    const cellValue = detail.getRow(2).getCell(fra);
    expect([cellValue.value instanceof Date, cellValue.numFmt]).toEqual([true, 'dd.mm.yyyy']);
    const csvFra = csv[0]!.split(';').indexOf('USK fra');
    expect(csv[1]!.split(';')[csvFra]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    // The summary still names the filter: it is one row for all care areas.
    expect(wb.getWorksheet('Sammendrag')!.getRow(2).getCell(3).value).toBe('Alle fagområder');
  });

  it('under a rule set that deducts nothing (DIPS) no file calls its days «betalbare»: «Døgn» and «− regelsettets døgn», as on screen', async () => {
    const csv = String((await exportData(db, 'reconciliation', { by: 'year', rules: 'dips' }, 'csv')).content).slice(1).split('\r\n')[0]!.split(';');
    expect(csv).toContain('Døgn');
    expect(csv).toContain('Differanse (fakturert − regelsettets døgn)');
    expect(csv.filter((h) => /betalbar/i.test(h))).toEqual([]);
    const { content } = await exportData(db, 'reconciliation', { by: 'year', rules: 'dips' }, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as Buffer as unknown as ArrayBuffer);
    for (const sheet of ['Sammendrag', 'Opphold']) {
      const headers = (wb.getWorksheet(sheet)!.getRow(1).values as unknown[]).map(String);
      expect(headers, sheet).toContain('Døgn');
      expect(headers.filter((h) => /betalbar/i.test(h)), sheet).toEqual([]);
    }
    const text: string[] = [];
    for (const sheet of ['Kolonner', 'Regelsett og data']) wb.getWorksheet(sheet)!.eachRow((row) => text.push((row.values as unknown[]).map(String).join(' ')));
    expect(text.filter((t) => /betalbare døgn/i.test(t))).toEqual([]);
    // The default rule set deducts days: its files keep the names.
    const own = String((await exportData(db, 'reconciliation', { by: 'year' }, 'csv')).content);
    expect(own).toContain(';Betalbare døgn;');
  });

  it('XLSX: numeric cells with formats, totals as formulas, detail, rule-set and column sheets', async () => {
    const { content } = await exportData(db, 'reconciliation', { minHours: 10, by: 'month' }, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as Buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammendrag', 'Opphold', 'Fakturalinjer', 'Avviste rader', 'Regelsett og data', 'Kolonner']);
    // Every column of the four tables is explained, in order, under its sheet.
    const explained: string[] = [];
    wb.getWorksheet('Kolonner')!.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(3).value ?? '').length > 10) explained.push(`${String(row.getCell(1).value)}:${String(row.getCell(2).value)}`);
    });
    const headers = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1).map((h) => `${name}:${String(h)}`);
    expect(explained).toEqual([...headers('Sammendrag'), ...headers('Opphold'), ...headers('Fakturalinjer'), ...headers('Avviste rader')]);
    const sum = wb.getWorksheet('Sammendrag')!;
    expect(sum.getRow(1).getCell(5).value).toBe('Registrerte døgn');
    const jan = sum.getRow(3); // 5512 2022-12, 5512 2023-01, 5530 2013-01
    expect(jan.getCell(4).value).toBe('2023-01');
    expect(jan.getCell(13).value).toBe(1); // betalbar, a number (02.01: 9 h < 10 → under terskel)
    expect(typeof jan.getCell(14).value).toBe('number'); // timebasert unrounded …
    expect(jan.getCell(14).numFmt).toBe('#,##0.0'); // … shown with one decimal
    expect(sum.getRow(4).getCell(19).value).toBeNull(); // 2013: no rate → empty
    const total = sum.getRow(5);
    expect(total.getCell(1).value).toBe('Totalt');
    expect(total.getCell(5).value).toMatchObject({ formula: 'SUM(E2:E4)', result: 7 });
    expect(total.getCell(19).value).toBeNull(); // a sum with a missing part is missing
    const detail = wb.getWorksheet('Opphold')!;
    expect(detail.rowCount).toBe(4);
    const about = wb.getWorksheet('Regelsett og data')!;
    const lines = new Map<string, unknown>();
    about.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get('Regelsett')).toBe('Fakturagrunnlag (UNN-praksis), versjon 1 med minst 10 timer per døgn');
    expect(lines.get('HN-LIS-data per')).toBe('01.02.2023 06:00');
    expect(lines.get('Utvalg')).toBe('2013-01 – 2023-01 (til siste hele måned)');
    expect(lines.get('Betalingsplikt fra (døgnene før: «Før betalingsplikt», i alle regelsett)'))
      .toBe('Somatikk 01.01.2012, Psykisk helsevern 01.01.2019, TSB 01.01.2019');
    // The rate «Forventet beløp» stands on, each year of the selection, and where it comes from; 2013 has none.
    const rates = String(lines.get('Nasjonal døgnpris (forventet beløp = betalbare døgn × årets sats)'));
    expect(rates.startsWith('2013: ingen sats (forventet beløp mangler der det er døgn), 2014: ')).toBe(true);
    expect(rates).toContain('2022: 5\u00a0306\u00a0kr, 2023: 5\u00a0508\u00a0kr (Helsedirektoratet, døgnpris for utskrivningsklare pasienter)');
  });
});

describe('usk export (CLI)', () => {
  const run = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerExportCommands(program);
    await program.parseAsync(['node', 'usk', 'export', ...args]);
  };

  it('writes the reconciliation as JSON to --out, with the filters applied', async () => {
    db.close(); // the CLI opens the file itself (one writer at a time)
    try {
      const out = join(dir, 'r.json');
      await run('reconciliation', '--db', dbPath, '--format', 'json', '--out', out, '--kommune', '5412', '--by', 'year',
        '--rules', 'dips', '--fagomrade', 'alle');
      const rows = rowsOf(readFileSync(out, 'utf8'));
      expect(rows.map((r) => [r.kommunenr, r.fagomrade, r.periode, r.betalbar])).toEqual([['5512', 'alle', '2022', 2], ['5512', 'alle', '2023', 2]]);
      const xlsx = join(dir, 's.xlsx');
      await run('stays', '--db', dbPath, '--format', 'xlsx', '--out', xlsx, '--first-day-free', 'false', '--min-hours', '4');
      expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    } finally {
      db = await openDatabase(dbPath);
    }
  });

  it('CSV unless --format says otherwise; --publisering and --min-count suppress small numbers as the server does, --config giving the minimums', async () => {
    db.close();
    try {
      const csv = join(dir, 'r.csv');
      await run('reconciliation', '--db', dbPath, '--out', csv);
      expect(readFileSync(csv, 'utf8').startsWith('\ufeffKommunenr;')).toBe(true);
      const suppression = async (...args: string[]) => {
        const out = join(dir, 'p.json');
        await run('reconciliation', '--db', dbPath, '--format', 'json', '--out', out, '--by', 'period', ...args);
        const file = Rows.parse(JSON.parse(readFileSync(out, 'utf8')));
        const min = file.suppression?.minCount ?? 0;
        // The rule (server/queries/suppress.ts): no count shown is 0 < |n| < minCount.
        const shownOk = file.rows.every((r) => ['registrert', 'betalbar', 'forste_dogn', 'fakturert'].every((k) => {
          const v = r[k] as number | null;
          return v === null || v === 0 || Math.abs(v) >= min;
        }));
        return [file.suppression?.minCount ?? null, shownOk, file.rows.some((r) => ((r.prikket as string[] | undefined) ?? []).length > 0)];
      };
      // Stay G has 2 registered days, stay H 3 (each with a first day of 1): something is suppressed in each row.
      expect(await suppression('--publisering')).toEqual([5, true, true]);
      expect(await suppression('--min-count', '2')).toEqual([2, true, true]);
      // --config: its minCount is the floor, its publicationMinCount the publication's minimum (its secrets are not read).
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ sessionSecret: 'env:IKKE_SATT', minCount: 4, publicationMinCount: 3 }));
      expect(await suppression('--publisering', '--config', config)).toEqual([4, true, true]);
      expect(await suppression('--min-count', '2', '--config', config)).toEqual([4, true, true]);
      // Without either, the plain export.
      expect(await suppression()).toEqual([null, true, false]);
      // A publication has no per-stay sheet.
      const xlsx = join(dir, 'p.xlsx');
      await run('reconciliation', '--db', dbPath, '--format', 'xlsx', '--out', xlsx, '--publisering');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Opphold')!.rowCount).toBe(1);
      // Per-stay rows are never suppressed: the options are not there.
      await expect(run('stays', '--db', dbPath, '--publisering')).rejects.toMatchObject({ code: 'commander.unknownOption' });
    } finally {
      db = await openDatabase(dbPath);
    }
  });

  it('refuses a bad argument with a clear message that says what was given, and exit status 2', async () => {
    const before = process.exitCode;
    const said: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text) => said.push(String(text)) > 0);
    try {
      for (const args of [['--from', '2023-13'], ['--min-hours', 'abc'], ['--min-hours', '25'], ['--min-count', 'fem']]) {
        process.exitCode = undefined;
        await run('reconciliation', '--db', dbPath, '--format', 'json', ...args);
        expect(process.exitCode, args.join(' ')).toBe(2);
      }
    } finally {
      write.mockRestore();
      process.exitCode = before;
    }
    expect(said).toEqual([
      'usk: ugyldig argument: --from: forventet ÅÅÅÅ-MM (år 1900–2199), fikk «2023-13»\n',
      'usk: ugyldig argument: --min-hours: forventet et antall timer 0–24, fikk «abc»\n',
      'usk: ugyldig argument: --min-hours: forventet et antall timer 0–24, fikk «25»\n',
      'usk: ugyldig argument: --min-count: forventet et heltall 0–1000, fikk «fem»\n',
    ]);
  });
});
