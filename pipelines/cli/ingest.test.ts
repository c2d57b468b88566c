import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/open.ts';
import { DIPS_HEADER, DIPS_PREAMBLE, EVENTS_HEADER, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from '../load/fixtures.ts';
import { AS_OF_EXPECTED } from '../load/result.ts';

const USK = resolve(import.meta.dirname, '../../bin/usk.js');
const usk = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [USK, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('usk ingest (the command as a user runs it)', () => {
  it('ends a usage error, a bad argument or a too short key with status 2 and a Norwegian line, no stack trace', () => {
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    const file = writeUtf8(dir, 'ok.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,']);
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [['ingest', '--db', db], {}, 'usk: mangler argumentet «fil»'],
      [['ingest', '--db', db, '--bogus', file], {}, 'usk: ukjent valg «--bogus»'],
      [['ingest', '--db', db, '--stirct', file], {}, 'usk: ukjent valg «--stirct» (mente du --strict?)'],
      [['ingest', '--db', db, '--profile', 'dips', file], {}, 'usk: «dips» er ikke en gyldig verdi for «--profile <profil>»: velg en av dips-usk, hnlis-hendelser, faktura'],
      [['eksport'], {}, 'usk: ukjent kommando «eksport» (mente du export?)'],
      [['ingest', '--db', db, '--as-of', '2023/01/10', file], {}, `usk: ugyldig argument: --as-of: ${AS_OF_EXPECTED}`],
      // A date that does not exist is a bad argument too (before, it passed here and each file was refused).
      [['ingest', '--db', db, '--as-of', '2023-13-01', file], {}, `usk: ugyldig argument: --as-of: ${AS_OF_EXPECTED}`],
      [['ingest', '--db', db, '--as-of', '30.02.2024 10:00', file], {}, `usk: ugyldig argument: --as-of: ${AS_OF_EXPECTED}`],
      [['ingest', '--db', db, file], { USK_PSEUDONYM_KEY: 'for-kort' }, 'usk: USK_PSEUDONYM_KEY er for kort: bruk minst 32 tegn (eller 64 heksadesimale tegn)'],
    ];
    for (const [args, env, message] of cases) {
      const r = usk(args, env);
      expect([r.status, r.stderr.split('\n')[0]], args.join(' ')).toEqual([2, message]);
      expect(r.stderr).not.toMatch(/ at |Error:/);
      // The command's help follows, in Norwegian.
      expect(r.stderr).not.toMatch(/Usage|Options|display help|error:/);
    }
    // None of them left a database behind (a too short key is refused before the file is opened, which creates it).
    expect(existsSync(db)).toBe(false);
    const help = usk(['--help']);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([0, 'Bruk: usk [valg] [kommando]']);
  });

  it('takes --as-of as dd.mm.yy (20yy), as the files\' own dates, and says it was used', () => {
    // Before, 31.12.22 was refused as a bad argument though a date in a file may be written so.
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    const file = writeUtf8(dir, 'ok.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2022-12-30T10:00,']);
    const r = usk(['ingest', '--db', db, '--json', '--as-of', '31.12.22 kl. 6.00', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'loaded', asOf: '2022-12-31 06:00', asOfFrom: 'as-of' });
  });

  it('exits 0 when every file loaded, 2 when one is refused, 1 for --strict rejects; --json is one object per file', () => {
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    const good = writeUtf8(dir, 'ok.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,']);
    const withReject = writeUtf8(dir, 'one-bad.csv', [EVENTS_HEADER, 'S2,5401,Somatikk,2,,2023-01-10T10:00,', 'S2,9998,Somatikk,3,,2023-01-10T11:00,']);
    const junk = writeUtf8(dir, 'junk.csv', ['hello;world', '1;2']);

    const ok = usk(['ingest', '--db', db, '--json', good]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ file: 'ok.csv', status: 'loaded', batch: 1, rowsRead: 1, rowsLoaded: 1, rowsRejected: 0, warnings: [] });

    const strict = usk(['ingest', '--db', db, '--json', '--strict', withReject]);
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ status: 'refused', rowsRejected: 1 });

    const mixed = usk(['ingest', '--db', db, '--json', withReject, junk, good]);
    expect(mixed.status).toBe(2);
    const lines = mixed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string; error?: string });
    expect(lines.map((l) => l.status)).toEqual(['loaded', 'refused', 'duplicate']);
    expect(lines[1]!.error).toMatch(/^junk\.csv: fant ingen overskriftsrad/);

    const rejects = usk(['rejects', '--db', db, '--batch', '2']);
    expect(rejects.stdout).toBe('one-bad.csv:3 «Kommunenr» = «9998»: kommunenummer 9998 har aldri eksistert (forventet et nummer fra SSBs kommuneliste)\n'
      + '  raden: OppholdsID: S2; Hendelseskode: 3; Tidspunkt: 10.01.2023 11:00\n');
    // A plain table: no index column, no quotes, numbers right-aligned, the whole SHA-256.
    const table = usk(['batches', '--db', db]).stdout.split('\n');
    expect(table[0]).toMatch(/^Batch +Fil +Profil +Lest +Lastet +Avvist +Uttrekk per +Lastet inn +Koding +SHA-256$/);
    expect(table[1]).toMatch(/^─+( +─+){9}$/);
    expect(table.slice(2, 4)).toEqual([
      expect.stringMatching(/^    1  ok\.csv       hnlis-hendelser     1       1       0  10\.01\.2023 10:00  \d\d\.\d\d\.\d{4} \d\d:\d\d  utf-8 +[0-9a-f]{64}$/),
      expect.stringMatching(/^    2  one-bad\.csv  hnlis-hendelser     2       1       1  10\.01\.2023 10:00  /),
    ]);
    // The day export to a file: whole, or not there at all (an unknown municipality fails it before the end).
    const daysFile = join(dir, 'dogn.csv');
    const days = usk(['export', 'days', '--db', db, '--from', '2023-01', '--to', '2023-01', '--out', daysFile]);
    expect(days.status, days.stderr).toBe(0);
    expect(readFileSync(daysFile, 'utf8')).toMatch(/^\ufeffOppholds-ID;Kommunenr;/);
    const failedDays = join(dir, 'feil.csv');
    const refusedDays = usk(['export', 'days', '--db', db, '--kommune', '9998', '--out', failedDays]);
    expect(refusedDays.status).toBe(2);
    expect(readdirSync(dir).filter((n) => n.startsWith('feil.csv'))).toEqual([]);
    const missing = usk(['rejects', '--db', db, '--batch', '99']);
    expect([missing.status, missing.stderr]).toEqual([2, `usk: batch 99 finnes ikke i ${db}: se usk batches --db ${db}\n`]);
    // Without --json: where to see the rejects and the warnings, in this database.
    const old = writeUtf8(dir, 'gamle-nr.csv', [EVENTS_HEADER, 'S3,1902,Somatikk,2,,2023-01-10T10:00,', 'S3,1902,Somatikk,3,,2023-01-10T11:00,', 'S3,9998,Somatikk,UT,,2023-01-11T11:00,']);
    const text = usk(['ingest', '--db', db, old]);
    // The as-of used, and where it came from: this extract has an Uttrekk column, but it is empty.
    expect(text.stdout.split('\n')[0]).toBe('✓ gamle-nr.csv  hnlis-hendelser  batch 3 (uttrekk 10.01.2023 11:00, seneste tidspunkt i filen): 3 rader lest, 2 lastet, 1 avvist');
    expect(text.stdout.split('\n').slice(1, 5)).toEqual([
      '    ! 2 advarsler «kommunenr-utenfor-gyldighet», den første (linje 2, «Kommunenr»): Kommunenr 1902 (Tromsø) var ikke gyldig i 2023; regnes som 5501 Tromsø',
      '    ! 1 rad avvist',
      `    → avviste rader: usk rejects --db ${db} --batch 3`,
      `    → alle advarsler: usk warnings --db ${db} --batch 3`,
    ]);
    expect(usk(['warnings', '--db', db, '--batch', '3']).stdout.split('\n')[1]).toBe(
      'gamle-nr.csv:3 «Kommunenr» [kommunenr-utenfor-gyldighet]: Kommunenr 1902 (Tromsø) var ikke gyldig i 2023; regnes som 5501 Tromsø');
    // Demo mode has no sign-in: it will not serve a database with a user's own files.
    for (const cmd of [['start', '--db', db, '--port', '39999'], ['serve', '--demo', '--db', db, '--port', '39999']]) {
      const demo = spawnSync(process.execPath, [USK, ...cmd], { encoding: 'utf8', timeout: 30_000 });
      expect(demo.status, demo.stderr).toBe(2);
      expect(demo.stderr).toMatch(/inneholder 3 filer som ikke er demodata \(batch 1, «ok\.csv»\)\. Demomodus har ingen innlogging/);
      // Nor with the benchmarks' flag, which is for a database bench:rules generated and nothing loaded into since.
      const synthetic = spawnSync(process.execPath, [USK, ...cmd, '--synthetic-data'], { encoding: 'utf8', timeout: 30_000 });
      expect(synthetic.status, synthetic.stderr).toBe(2);
      expect(synthetic.stderr).toContain('--synthetic-data gjelder bare en database med genererte testdata fra bench:rules');
    }
    const bad = usk(['ingest', '--db', db, '--as-of', 'i går', good]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`ugyldig argument: --as-of: ${AS_OF_EXPECTED}`);
    // Stated in the file (an Uttrekk column; a DIPS report's Utskriftsdato), and given with --as-of: each says so.
    const stated = writeUtf8(dir, 'med-uttrekk.csv', [EVENTS_HEADER, 'S4,5401,Somatikk,2,,2023-01-10T10:00,2023-01-15T06:00']);
    expect(usk(['ingest', '--db', db, stated]).stdout.split('\n')[0]).toMatch(/^✓ med-uttrekk\.csv  hnlis-hendelser  batch 4 \(uttrekk 15\.01\.2023 06:00, oppgitt i filen\): /);
    const given = writeUtf8(dir, 'uten.csv', [EVENTS_HEADER, 'S5,5401,Somatikk,2,,2023-01-10T10:00,']);
    expect(usk(['ingest', '--db', db, '--as-of', '2023-01-20 07:00', given]).stdout.split('\n')[0]).toMatch(/^✓ uten\.csv  hnlis-hendelser  batch 5 \(uttrekk 20\.01\.2023 07:00, fra --as-of\): /);
  }, 180_000); // about fifteen runs of the CLI, each a process that starts tsx and DuckDB: slow on a loaded machine, not a performance test

  it('shows a header cell named almost like a column the file lacks in the summary, --json and usk warnings, and beside the column a refused file lacks', () => {
    const dir = tempDir();
    const lines = [
      INVOICE_HEADER.replace('Fagområde', 'Fagomrde'),
      '2023101;30.04.2023;0301;Oslo;90000021;Psykisk helsevern;03.04.2023;05.04.2023;3;5508,00;16524,00;Faktura',
      '2023102;30.04.2023;0301;Oslo;90000022;Psykisk helsevern;10.04.2023;11.04.2023;2;5508,00;11016,00;Faktura',
    ];
    const said = 'kolonnen «Fagomrde» er ikke lest: ligner «Fagområde», som mangler i filen, så begge linjene er lest som Somatikk. Er det den, rett overskriften og last inn filen på nytt';
    const db = join(dir, 'usk.duckdb');
    const text = usk(['ingest', '--db', db, writeCp1252(dir, 'faktura-feil.csv', lines)]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout.split('\n').slice(1, 3)).toEqual([`    ! linje 1: ${said}`, `    → alle advarsler: usk warnings --db ${db} --batch 1`]);
    expect(usk(['warnings', '--db', db, '--batch', '1']).stdout).toBe(`faktura-feil.csv:1 [kolonne-ligner]: ${said}\n`);
    const events = writeUtf8(dir, 'hnlis-feil.csv', [EVENTS_HEADER.replace('Tidspunkt', 'Tidspkt'), 'S1,5401,Somatikk,2,,2023-01-10T10:00,']);
    const json = usk(['ingest', '--db', join(dir, 'annen.duckdb'), '--json', writeCp1252(dir, 'faktura-feil-2.csv', lines), events]);
    expect(json.status).toBe(2);
    const [loaded, refused] = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { warnings: string[]; error?: string });
    expect(loaded!.warnings).toEqual([`linje 1: ${said}`]);
    expect(refused!.error).toBe('hnlis-feil.csv (linje 1): ingen profil passer. Nærmest er «hnlis-hendelser», men disse kolonnene mangler: Tidspunkt (kolonnen «Tidspkt» ligner)');
  }, 60_000); // three runs of the CLI, each a process that starts tsx and DuckDB

  it('refuses with exit 2 and a message, not a stack trace: UTF-16, old .xls, a damaged .xlsx, a folder', () => {
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    const utf16 = join(dir, 'unicode.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${EVENTS_HEADER}\nS1,5401,Somatikk,2,,2023-01-10T10:00,\n`, 'utf16le')]));
    const xls = join(dir, 'gammel.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const xlsx = join(dir, 'skadet.xlsx');
    writeFileSync(xlsx, 'PK\x03\x04 ikke resten');
    const folder = join(dir, 'mappe');
    mkdirSync(folder);

    const r = usk(['ingest', '--db', db, utf16, xls, xlsx, folder]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/ at |EISDIR|zip/i);
    expect(r.stdout.trim().split('\n')).toEqual([
      '✗ unicode.csv: filen er UTF-16; lagre filen som UTF-8 eller Windows-1252 (CSV) og prøv igjen',
      '✗ gammel.xls: filen er i gammelt Excel-format (.xls) eller en passordbeskyttet arbeidsbok; lagre den uten passord som .xlsx eller CSV i Excel og prøv igjen',
      '✗ skadet.xlsx: kan ikke leses som Excel-arbeidsbok (.xlsx): filen er skadet eller ufullstendig (kanskje avbrutt under kopiering); lagre eller hent den på nytt fra Excel',
      '✗ mappe: er en mappe, ikke en fil (forventet en eksportfil: .csv, .txt eller .xlsx)',
    ]);
  });

  it('rejects, warnings, batches and export refuse a database that does not exist, and create none; ingest creates it', () => {
    const dir = tempDir();
    const db = join(dir, 'skrivefeil.duckdb');
    for (const args of [['rejects'], ['warnings'], ['batches', '--json'], ['export', 'reconciliation', '--format', 'csv']]) {
      const r = usk([...args, '--db', db]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`usk: fant ingen database i ${db}; last inn filer med usk ingest --db ${db} først\n`);
    }
    expect(readdirSync(dir)).toEqual([]);

    const file = writeUtf8(dir, 'ok.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,']);
    expect(usk(['ingest', '--db', db, file]).status).toBe(0);
    expect(existsSync(db)).toBe(true);
    const rejects = usk(['rejects', '--db', db]);
    expect([rejects.status, rejects.stdout]).toEqual([0, 'Ingen avviste rader.\n']);
  });

  it('export to a folder that does not exist (or is a file) says so in one Norwegian line naming the path, masked, with status 2', () => {
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    expect(usk(['ingest', '--db', db, writeUtf8(dir, 'ok.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,'])]).status).toBe(0);
    // A folder named after a patient (21072802893, grouped as a date) is masked in the message as a file name is.
    const missing = join(dir, 'Epikrise 21-07-28 02893', 'x', 'y.csv');
    const masked = join(dir, 'Epikrise ***********', 'x', 'y.csv');
    const cases: Array<[string[], string]> = [
      [['export', 'stays', '--out', missing], `usk: kan ikke skrive til ${masked}: mappen ${join(dir, 'Epikrise ***********', 'x')} finnes ikke; lag den først, eller velg en annen --out`],
      [['export', 'days', '--out', missing], `usk: kan ikke skrive til ${masked}: mappen ${join(dir, 'Epikrise ***********', 'x')} finnes ikke; lag den først, eller velg en annen --out`],
      [['export', 'stays', '--out', join(dir, 'ok.csv', 'y.csv')], `usk: kan ikke skrive til ${join(dir, 'ok.csv', 'y.csv')}: en del av stien er ikke en mappe; velg en annen --out`],
      [['export', 'stays', '--out', dir], `usk: kan ikke skrive til ${dir}: det er en mappe; oppgi et filnavn i --out`],
    ];
    for (const [args, message] of cases) {
      const r = usk([...args, '--db', db]);
      expect([r.status, r.stderr], args.join(' ')).toEqual([2, `${message}\n`]);
      expect(r.stdout).toBe('');
    }
    // Nothing written, not even a partial file.
    expect(readdirSync(dir).filter((n) => /Epikrise|y\.csv|delvis/.test(n))).toEqual([]);
  });

  it('never lets a raw fødselsnummer reach the database, its logs or the output', () => {
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    const file = writeCp1252(dir, 'dips.csv', [
      ...DIPS_PREAMBLE,
      DIPS_HEADER,
      `A1;${FNR[0]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2022 11:00;4`,
      `A2;${FNR[1]};5401;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2022 11:00;fire`,
      `A3;${FNR[2]};9998;Tromsø;Somatikk;;;01.03.2022 10:00;04.03.2022 11:00;4`,
      `A4;${FNR[3]};5401;Tromsø`,
      `${FNR[0]};${FNR[1]};5401;Tromsø;Somatikk;;;31.02.2022;;1`,
    ]);
    const outputs = [
      usk(['ingest', '--db', db, file]),
      usk(['ingest', '--db', db, '--json', file]),
      usk(['ingest', '--db', join(dir, 'strict.duckdb'), '--strict', file]),
      usk(['rejects', '--db', db]),
      usk(['rejects', '--db', db, '--json']),
      usk(['batches', '--db', db, '--json']),
      // A fødselsnummer typed where an argument goes is refused without being echoed back.
      usk(['ingest', '--db', db, '--profile', FNR[0], file]),
      usk(['export', 'reconciliation', '--db', db, '--kommune', FNR[1]]),
      usk(['export', 'reconciliation', '--db', db, '--from', FNR[2]]),
      usk(['rejects', '--db', db, '--batch', FNR[0]]),
      usk([FNR[3]]),
    ].map((r) => r.stdout + r.stderr);
    const dbFiles = readdirSync(dir).filter((f) => /\.duckdb/.test(f)).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    for (const text of [...outputs, ...dbFiles]) for (const fnr of FNR) expect(text).not.toContain(fnr.replace(/^0/, ''));
    // The scan must be able to fail: the archive keeps the file byte for byte, raw numbers and all.
    const archived = readdirSync(join(dir, 'archive'), { recursive: true, withFileTypes: true }).find((d) => d.isFile());
    expect(readFileSync(join(archived!.parentPath, archived!.name)).toString('latin1')).toContain(FNR[0]);
    // Eleven CLI runs, each starting Node, tsx and DuckDB: 34 s in CI on two busy cores, so more than the default minute.
  }, 180_000);

  it('while a server owns the database, ingest and export go through its API; other commands say why they cannot open it', async () => {
    const dir = tempDir();
    const db = join(dir, 'usk.duckdb');
    // Production mode: a demo server takes no files (server/routes/uploads.ts).
    writeFileSync(join(dir, 'users.json'), '[]');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auth: { usersFile: 'users.json' }, sessionSecret: 's'.repeat(40) }));
    const server = spawn(process.execPath, [USK, 'serve', '--config', join(dir, 'config.json'), '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const started = Date.now();
      while (!existsSync(`${db}.server.json`) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
      const file = writeUtf8(dir, 'hendelser.csv', [EVENTS_HEADER, 'S1,5401,Somatikk,2,,2023-01-10T10:00,', 'S1,9998,Somatikk,3,,2023-01-10T11:00,', 'S1,5401,Somatikk,UT,,2023-01-12T10:00,']);
      const run = (args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolveRun) => {
        const c = spawn(process.execPath, [USK, ...args]);
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        c.on('exit', (status) => resolveRun({ status, stdout, stderr }));
      });
      const ingest = await run(['ingest', '--db', db, '--json', file]);
      expect(ingest.status).toBe(0);
      expect(JSON.parse(ingest.stdout)).toMatchObject({ file: 'hendelser.csv', status: 'loaded', rowsLoaded: 2, rowsRejected: 1 });
      const again = await run(['ingest', '--db', db, file]);
      expect(again.stderr).toContain('Databasen eies av serveren på http://127.0.0.1:');
      expect(again.stdout).toContain('= hendelser.csv  hnlis-hendelser: allerede lastet');
      const exported = await run(['export', 'reconciliation', '--db', db, '--format', 'json', '--by', 'year']);
      expect(exported.status).toBe(0);
      expect(exported.stderr).toContain('hentet fra serveren på http://127.0.0.1:');
      expect(JSON.parse(exported.stdout)).toMatchObject({
        ruleSet: { id: 'fakturagrunnlag' }, asOf: { events: '2023-01-12T10:00' }, dataVersion: 1,
        // The only month is incomplete (the extract's as-of falls in it): kept, and said.
        selection: { from: '2023-01', to: '2023-01', lastMonthComplete: false },
        rows: [expect.objectContaining({ kommunenr: '5501', periode: '2023', registrert: 3, ikke_varslet: 3, betalbar: 0 })],
      });
      // --publisering through the server: its publication minimum (5 by default) and its suppression.
      const published = await run(['export', 'reconciliation', '--db', db, '--format', 'json', '--by', 'year', '--publisering']);
      expect(published.status, published.stderr).toBe(0);
      expect(JSON.parse(published.stdout)).toMatchObject({ suppression: { minCount: 5 }, rows: [expect.objectContaining({ registrert: null, prikket: expect.arrayContaining(['registrert']) })] });
      // The notebooks' snapshot too (what `npm run notebooks -- --db` takes), with the database's id.
      const snapshot = await run(['export', 'snapshot', '--db', db, '--out', join(dir, 'snap')]);
      expect(snapshot.status).toBe(0);
      expect(snapshot.stderr).toMatch(/\(hentet fra serveren på http:\/\/127\.0\.0\.1:\d+, som eier databasen\).* dataversjon 1 /);
      expect(JSON.parse(readFileSync(join(dir, 'snap', 'snapshot.json'), 'utf8'))).toMatchObject({ source: 'usk.duckdb', dataVersion: 1, databaseId: expect.any(String) });
      // A file with a rejected row: `usk rejects` cannot open the database while the server holds it, so the
      // summary points to Datakvalitet on the server first, and to the command for when it is stopped.
      const second = writeUtf8(dir, 'hendelser-2.csv', [EVENTS_HEADER, 'S2,5401,Somatikk,2,,2023-01-10T10:00,', 'S2,9998,Somatikk,3,,2023-01-10T11:00,']);
      const viaServer = await run(['ingest', '--db', db, second]);
      expect(viaServer.status).toBe(0);
      expect(viaServer.stdout).toMatch(new RegExp(`→ avviste rader: Datakvalitet på http://127\\.0\\.0\\.1:\\d+ \\(usk rejects --db ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --batch 2 når serveren er stoppet\\)`));
      const batches = await run(['batches', '--db', db]);
      expect(batches.status).toBe(2);
      expect(batches.stderr).toContain('er i bruk av en annen prosess');
      // What to do instead of batches/rejects/warnings/findings, not the upload advice meant for ingest.
      expect(batches.stderr).toContain('viser dashbordet det samme under Datakvalitet');
      expect(batches.stderr).not.toContain('POST /api/uploads');
      const findings = await run(['findings', '--db', db]);
      expect([findings.status, findings.stderr]).toEqual([2, expect.stringContaining('viser dashbordet det samme under Datakvalitet')]);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }, 120_000);

  it('a kill at any moment leaves the database as before the file or with all of it', async () => {
    const dir = tempDir();
    const file = join(dir, 'hendelser-stor.csv');
    const out = createWriteStream(file);
    out.write(`${EVENTS_HEADER}\n`);
    const ROWS = 300_000;
    for (let i = 0; i < ROWS; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      out.write(`S${i},5401,Somatikk,${i % 2 ? '3' : '2'},,2023-02-${day}T10:${String(i % 60).padStart(2, '0')},2023-03-01T06:00\n`);
    }
    out.end();
    await once(out, 'finish');

    let killedMidway = 0;
    let completed = 0;
    for (const extraMs of [0, 300, 700, 1200, 2000, 4000]) {
      const runDir = tempDir('usk-kill-');
      const db = join(runDir, 'usk.duckdb');
      const tmp = join(runDir, 'tmp');
      spawnSync('mkdir', ['-p', tmp]);
      const child = spawn(process.execPath, [USK, 'ingest', '--db', db, '--json', file], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
      // Wait until the child has started reading the file, then kill it without warning.
      const started = Date.now();
      while (readdirSync(tmp).length === 0 && child.exitCode === null && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, extraMs));
      const finishedBeforeKill = child.exitCode !== null;
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      if (finishedBeforeKill) completed++;
      else killedMidway++;

      const check = await openDatabase(db);
      try {
        const [state] = await check.json<{ batches: number; loaded: number | null; events: number }>(
          `SELECT (SELECT count(*) FROM batch)::INT batches, (SELECT max(rows_loaded) FROM batch)::INT loaded, (SELECT count(*) FROM src_event)::INT events`);
        if (state!.batches === 0) expect(state!.events).toBe(0);
        else expect(state).toEqual({ batches: 1, loaded: ROWS, events: ROWS });
      } finally {
        check.close();
      }
      expect(existsSync(db) || finishedBeforeKill === false).toBe(true);
    }
    expect(killedMidway).toBeGreaterThan(0);
    writeFileSync(join(dir, 'kill-report.txt'), `killed midway ${killedMidway}, completed ${completed}\n`);
  }, 240_000);
});
