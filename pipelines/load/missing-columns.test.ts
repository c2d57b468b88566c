import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from './ingest.ts';
import type { IngestResult } from './result.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from './fixtures.ts';

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
const warnings = (batch: number) =>
  db.json<{ line: number | null; code: string; message: string }>('SELECT line, code, message FROM batch_warning WHERE batch_id = $b ORDER BY code', { b: batch });

describe('a column the file lacks, and a header cell named almost like it', () => {
  it('says an invoice file\'s «Fagomrde» is near Fagområde and that every line was read as Somatikk; it does not read the column', async () => {
    // The audit's file (finding 1), as Excel saves it: Windows-1252, CRLF, a totals row. Before, the
    // only word was «kolonnen «Fagomrde» er ikke lest: profilen «faktura» bruker den ikke».
    const file = writeCp1252(dir, 'faktura-feil.csv', [
      INVOICE_HEADER.replace('Fagområde', 'Fagomrde'),
      '2023101;30.04.2023;0301;Oslo;90000021;Psykisk helsevern;03.04.2023;05.04.2023;3;5508,00;16524,00;Faktura',
      '2023102;30.04.2023;0301;Oslo;90000022;Psykisk helsevern;31.03.2023;01.04.2023;2;5508,00;11016,00;Faktura',
      '2023103;30.04.2023;0301;Oslo;90000023;Psykisk helsevern;10.04.2023;10.04.2023;1;5508,00;5508,00;Faktura',
      'Sum;;;;;;;;6;;33048,00;',
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 3, rowsRejected: 0 });
    expect(r.warnings).toEqual(['linje 1: kolonnen «Fagomrde» er ikke lest: ligner «Fagområde», som mangler i filen, så alle 3 linjene er lest som Somatikk. '
      + 'Er det den, rett overskriften og last inn filen på nytt']);
    // Said once: no «the profile does not use it», no second warning that Fagområde is missing.
    expect((await warnings(r.batch!)).map((w) => [w.line, w.code])).toEqual([[1, 'kolonne-ligner']]);
    // Reported, not read: a guess would be an error of its own when it is wrong.
    expect(await db.json('SELECT DISTINCT fagomrade FROM src_invoice')).toEqual([{ fagomrade: 'somatikk' }]);
  });

  it('counts the lines loaded, and says no cost when none was', async () => {
    const header = INVOICE_HEADER.replace('Fagområde', 'Fagomrde');
    const two = writeCp1252(dir, 'to-av-tre.csv', [header,
      '2023101;30.04.2023;0301;Oslo;90000021;Psykisk helsevern;03.04.2023;05.04.2023;3;5508,00;16524,00;Faktura',
      '2023102;30.04.2023;0301;Oslo;90000022;Psykisk helsevern;31.02.2023;02.03.2023;2;5508,00;11016,00;Faktura',
      '2023103;30.04.2023;0301;Oslo;90000023;Psykisk helsevern;10.04.2023;10.04.2023;1;5508,00;5508,00;Faktura',
    ]);
    const r = only(await ingestFiles(db, [two], { refresh: false }));
    expect(r).toMatchObject({ rowsLoaded: 2, rowsRejected: 1 });
    expect(r.warnings[0]).toBe('linje 1: kolonnen «Fagomrde» er ikke lest: ligner «Fagområde», som mangler i filen, så begge linjene er lest som Somatikk. '
      + 'Er det den, rett overskriften og last inn filen på nytt');
    const none = writeCp1252(dir, 'ingen.csv', [header, '2023104;30.04.2023;0301;Oslo;90000024;Psykisk helsevern;31.02.2023;02.03.2023;2;5508,00;11016,00;Faktura']);
    const n = only(await ingestFiles(db, [none], { refresh: false }));
    expect(n).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsRejected: 1 });
    expect(n.warnings).toEqual(['linje 1: kolonnen «Fagomrde» er ikke lest: ligner «Fagområde», som mangler i filen. Er det den, rett overskriften og last inn filen på nytt', '1 rad avvist']);
  });

  it('says so when an invoice file has no Fagområde or Type at all: the default every line got', async () => {
    const file = writeUtf8(dir, 'faktura-uten.csv', [
      'Fakturanr;Fakturadato;Kommunenr;OppholdsID;Fra dato;Til dato;Antall døgn;Beløp',
      'U1;31.01.2023;5401;G1;01.01.2023;02.01.2023;2;11 016,00',
      'U2;31.01.2023;5401;G2;01.01.2023;02.01.2023;-2;-11 016,00',
      'U3;31.01.2023;5401;G3;01.01.2023;01.01.2023;1;5 508,00',
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r.warnings).toEqual(['linje 1: kolonnen «Fagområde» mangler i filen, så alle 3 linjene er lest som Somatikk; '
      + 'kolonnen «Type» mangler i filen, så alle 3 linjene er lest som faktura, eller som kreditnota der antall døgn eller beløp er negativt']);
    expect((await warnings(r.batch!)).map((w) => w.code)).toEqual(['kolonne-mangler']);
    // One near, one not: each said once, each in its own words.
    const mixed = writeUtf8(dir, 'faktura-tpye.csv', ['Fakturanr;Fakturadato;Kommunenr;OppholdsID;Fra dato;Til dato;Antall døgn;Beløp;Tpye', 'V1;31.01.2023;5401;G1;01.01.2023;01.01.2023;1;5 508,00;Faktura']);
    const m = only(await ingestFiles(db, [mixed], { refresh: false }));
    expect(m.warnings.sort()).toEqual([
      'linje 1: kolonnen «Fagområde» mangler i filen, så linjen er lest som Somatikk',
      'linje 1: kolonnen «Tpye» er ikke lest: ligner «Type», som mangler i filen, så linjen er lest som faktura, eller som kreditnota der antall døgn eller beløp er negativt. '
        + 'Er det den, rett overskriften og last inn filen på nytt',
    ]);
  });

  it('says what a misspelled Uttrekk cost: the as-of the extract was loaded with instead, and where open periods end', async () => {
    const header = EVENTS_HEADER.replace('Uttrekk', 'Utrekk');
    const rows = ['S1,5401,Somatikk,2,,2023-01-10T10:00,2023-01-20T06:00', 'S1,5401,Somatikk,3,,2023-01-11T09:00,2023-01-20T06:00'];
    const fromRows = only(await ingestFiles(db, [writeUtf8(dir, 'hnlis-utrekk.csv', [header, ...rows])], { refresh: false }));
    expect(fromRows).toMatchObject({ status: 'loaded', asOf: '2023-01-11 09:00', asOfFrom: 'rows' });
    expect(fromRows.warnings).toEqual(['linje 1: kolonnen «Utrekk» er ikke lest: ligner «Uttrekk», som mangler i filen, så uttrekkstidspunktet er det seneste «Tidspunkt» i filen (11.01.2023 09:00), '
      + 'og åpne perioder regnes til det. Er det den, rett overskriften og last inn filen på nytt']);
    const given = only(await ingestFiles(db, [writeUtf8(dir, 'hnlis-utrekk-as-of.csv', [header, ...rows.map((r) => r.replace('S1', 'S2'))])], { refresh: false, asOf: '2023-01-20 06:00' }));
    expect(given.warnings).toEqual(['linje 1: kolonnen «Utrekk» er ikke lest: ligner «Uttrekk», som mangler i filen, så --as-of (20.01.2023 06:00) er uttrekkstidspunktet for begge hendelsene. '
      + 'Er det den, rett overskriften og last inn filen på nytt']);
    const preamble = only(await ingestFiles(db, [writeUtf8(dir, 'hnlis-utrekk-utskrift.csv', ['Utskriftsdato: 20.01.2023 06:00', header, rows[0]!.replace('S1', 'S3')])], { refresh: false }));
    expect(preamble.warnings).toEqual(['linje 2: kolonnen «Utrekk» er ikke lest: ligner «Uttrekk», som mangler i filen, så uttrekkstidspunktet er 20.01.2023 06:00, som står over overskriftsraden. '
      + 'Er det den, rett overskriften og last inn filen på nytt']);
    // An extract without the column and nothing like it: the summary's «seneste tidspunkt i filen» says it, no warning.
    const without = only(await ingestFiles(db, [writeUtf8(dir, 'hnlis-uten.csv', [EVENTS_HEADER.replace(',Uttrekk', ''), 'S4,5401,Somatikk,2,,2023-01-10T10:00'])], { refresh: false }));
    expect(without).toMatchObject({ asOfFrom: 'rows', warnings: [] });
  });

  it('names the column a plain optional cell is near, without a cost, and keeps the other unread cells in their own warning', async () => {
    const file = writeUtf8(dir, 'dips-kommne.csv', [
      DIPS_HEADER.replace('Kommune;', 'Kommne;').replace('Avdeling', 'Avdling') + ';Merknad',
      `K1;${FNR[0]};5401;Tromsø;Somatikk;Med;;05.03.2022;;3;ok`,
    ]);
    const r = only(await ingestFiles(db, [file], { refresh: false }));
    expect(r.warnings.sort()).toEqual([
      'linje 1: kolonnen «Kommne» er ikke lest: ligner «Kommune», som mangler i filen; kolonnen «Avdling» er ikke lest: ligner «Avdeling», som mangler i filen. '
        + 'Er det dem, rett overskriftene og last inn filen på nytt',
      'linje 1: kolonnen «Merknad» er ikke lest: profilen «dips-usk» bruker den ikke',
    ]);
    expect(await db.json('SELECT kommune_navn, avdeling FROM src_period')).toEqual([{ kommune_navn: null, avdeling: null }]);
  });
});
