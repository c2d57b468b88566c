import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from './ingest.ts';
import { refreshDerived } from '../derive/index.ts';
import { findings } from '../query/findings.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, tempDir, writeUtf8 } from './fixtures.ts';

let dir: string;
let db: UskDb;
beforeEach(async () => {
  dir = tempDir();
  db = await openDatabase(join(dir, 'usk.duckdb'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = (name: string, printed: string, rows: string[]) => writeUtf8(dir, name, [`Utskriftsdato: ${printed}`, DIPS_HEADER, ...rows]);
const row = (stay: number, fnr: string, ready: string, out: string, days: number) => `${stay};${fnr};0301;Oslo;Somatikk;A;${ready};${ready};${out};${days}`;

const janRows = [
  row(7000, FNR[3], '01.12.2023', '03.12.2023', 3), // before the newer report's first row: not said
  row(7001, FNR[0], '10.12.2023', '15.12.2023', 6),
  row(7002, FNR[1], '18.12.2023', '20.12.2023', 3),
  row(7003, FNR[2], '22.12.2023', '24.12.2023', 3),
  row(7004, FNR[3], '28.12.2023', '30.12.2023', 3),
];
const febRows = [
  row(7001, FNR[0], '10.12.2023', '15.12.2023', 6),
  row(7004, FNR[3], '28.12.2023', '30.12.2023', 3),
  row(7005, FNR[1], '05.01.2024', '10.01.2024', 6),
];

describe('a newer export that leaves out what an earlier version of it had', () => {
  it('DIPS: warns at the load, once per earlier report, naming the rows it surrounds (not those at its edges)', async () => {
    await ingestFiles(db, [report('dips-jan.csv', '05.01.2024', janRows)], { refresh: false });
    const [r] = await ingestFiles(db, [report('dips-feb.csv', '05.02.2024', febRows)], { refresh: false });
    expect(r!.warnings).toEqual([
      '«Utskrivningsklar»: 2 rader fra batch 1 (Utskrivningsklar 18.12.2023–22.12.2023; Oppholds-ID 7002, 7003) er ikke med i denne rapporten, '
        + 'som har rader både før og etter dem og ellers gjentar rader fra batch 1: er de slettet eller rettet i DIPS? De telles fortsatt',
    ]);
    // Another report that repeats none of these rows (another hospital's, a department's) says nothing.
    const [other] = await ingestFiles(db, [report('dips-annen.csv', '06.02.2024', [
      row(9001, FNR[2], '01.11.2023', '02.11.2023', 2),
      row(9002, FNR[0], '20.01.2024', '25.01.2024', 6),
    ])], { refresh: false });
    expect(other!.warnings).toEqual([]);
  });

  it('DIPS: an older report loaded after the newer one gets the warning on each line the newer one leaves out', async () => {
    await ingestFiles(db, [report('dips-feb.csv', '05.02.2024', febRows)], { refresh: false });
    const [r] = await ingestFiles(db, [report('dips-jan.csv', '05.01.2024', janRows)], { refresh: false });
    expect(r!.warnings).toEqual([
      '2 advarsler «dips-mangler-i-nyere», den første (linje 5, «Utskrivningsklar»): Oppholds-ID 7002 (Utskrivningsklar 18.12.2023) er ikke med i en nyere '
        + 'rapport som alt er lest inn (batch 1), som har rader både før og etter den og ellers gjentar rader fra denne: er den slettet eller rettet i DIPS? Den telles fortsatt',
    ]);
    expect(await db.json('SELECT line FROM batch_warning WHERE batch_id = 2 ORDER BY line')).toEqual([{ line: 5 }, { line: 6 }]);
    // Datakvalitet lists each row once, as the derived finding, not again as the load's warning.
    await refreshDerived(db);
    expect((await findings(db, { code: 'dips-mangler-i-nyere' })).map((f) => f.stay_id)).toEqual(['7002', '7003']);
  });

  const extract = (name: string, asOf: string, stays: [string, string, string][]) => writeUtf8(dir, name, [EVENTS_HEADER,
    ...stays.flatMap(([id, ready, out]) => [`${id},5501,Somatikk,2,,${ready},${asOf}`, `${id},5501,Somatikk,UT,,${out},${asOf}`])]);
  const feb1 = () => extract('feb-1.csv', '2024-02-05T06:00', [
    ['KEEP', '2024-02-01T10:00', '2024-02-03T10:00'],
    ['OLDID', '2024-02-02T10:00', '2024-02-04T10:00'],
  ]);
  const feb2 = () => extract('feb-2.csv', '2024-02-09T06:00', [
    ['KEEP', '2024-02-01T10:00', '2024-02-03T10:00'],
    ['NEWID', '2024-02-02T10:00', '2024-02-04T10:00'],
    ['LATE', '2024-02-05T10:00', '2024-02-08T10:00'],
  ]);

  it('HN-LIS: warns at the load of an extract that leaves out a discharged stay it surrounds', async () => {
    await ingestFiles(db, [feb1()], { refresh: false });
    const [r] = await ingestFiles(db, [feb2()], { refresh: false });
    expect(r!.warnings).toEqual([
      '«OppholdsID»: 1 opphold fra batch 1 (første hendelse 02.02.2024; Oppholds-ID OLDID) er ikke med i dette uttrekket, som har hendelser og '
        + 'utskrivninger både før og etter den og ellers gjentar opphold fra batch 1: er Oppholds-ID rettet eller oppholdet slettet i HN-LIS? Den telles fortsatt',
    ]);
  });

  it('HN-LIS: an older extract loaded after the newer one gets the warning on the line of the stay\'s first event', async () => {
    await ingestFiles(db, [feb2()], { refresh: false });
    const [r] = await ingestFiles(db, [feb1()], { refresh: false });
    expect(r!.warnings).toEqual([
      'linje 4, «OppholdsID»: Oppholds-ID OLDID (første hendelse 02.02.2024) er ikke med i et nyere uttrekk som alt er lest inn (batch 1), som har '
        + 'hendelser og utskrivninger både før og etter oppholdet og ellers gjentar opphold fra dette: er Oppholds-ID rettet eller oppholdet slettet i HN-LIS? Det telles fortsatt',
    ]);
  });
});
