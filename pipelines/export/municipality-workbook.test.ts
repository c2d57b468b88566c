/**
 * The workbook a municipality's controller gets, through the real ingest pipeline: every invoice
 * line of the selection with its national rate, the rows of that municipality that were not loaded,
 * the stays whose amount is off, and the rates the expected amounts stand on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, type UskDb } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { EVENTS_HEADER, INVOICE_HEADER, tempDir, writeUtf8 } from '../load/fixtures.ts';
import { exportData } from './index.ts';
import { invoiceLines } from '../query/invoice-lines.ts';

let db: UskDb;
beforeAll(async () => {
  const dir = tempDir('usk-muni-');
  db = await openDatabase(join(dir, 'usk.duckdb'));
  const events = writeUtf8(dir, 'hendelser.csv', [
    EVENTS_HEADER,
    // Tromsø (5401 then, 5501 now): 10–13 March 2023, notified at once; Balsfjord: 1–3 March.
    'T1,5401,Somatikk,2,,2023-03-10T10:00,2023-04-05T06:00', 'T1,5401,Somatikk,3,,2023-03-10T10:00,2023-04-05T06:00', 'T1,5401,Somatikk,UT,,2023-03-13T10:00,2023-04-05T06:00',
    'B1,5532,Somatikk,2,,2023-03-01T10:00,2023-04-05T06:00', 'B1,5532,Somatikk,3,,2023-03-01T10:00,2023-04-05T06:00', 'B1,5532,Somatikk,UT,,2023-03-03T10:00,2023-04-05T06:00',
  ]);
  const invoices = writeUtf8(dir, 'faktura.csv', [
    INVOICE_HEADER,
    // T1's three payable days (11, 12, 13 March) at 2022's rate instead of 2023's 5 508: 606 kr short.
    'F10;31.03.2023;5401;Tromsø;T1;Somatikk;11.03.2023;13.03.2023;3;5306;15918;Faktura',
    // A date that does not exist: rejected, but the municipality received it.
    'F11;31.03.2023;5401;Tromsø;T9;Somatikk;30.02.2023;01.03.2023;2;5508;11016;Faktura',
    'F12;31.03.2023;5532;Balsfjord;B1;Somatikk;02.03.2023;03.03.2023;2;5508;11016;Faktura',
    // A municipality number that has never existed: no municipality's file can list it, each must count it.
    'F13;31.03.2023;9998;Ukjent;T8;Somatikk;05.03.2023;06.03.2023;2;5508;11016;Faktura',
  ]);
  const results = await ingestFiles(db, [events, invoices]);
  expect(results.map((r) => [r.status, r.rowsRejected])).toEqual([['loaded', 0], ['loaded', 2]]);
});
afterAll(() => db?.close());

async function workbook(query: Parameters<typeof exportData>[2]) {
  const { content } = await exportData(db, 'reconciliation', query, 'xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) return undefined;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    return rows;
  };
  return { wb, sheet };
}

describe("a municipality's reconciliation workbook", () => {
  it('lists every invoice line of the municipality with the national rate and how far its amount is from days × rate', async () => {
    const { sheet } = await workbook({ kommune: '5501', from: '2023-03', to: '2023-03' });
    const lines = sheet('Fakturalinjer')!;
    expect(lines.map((l) => [l['Fakturanr'], l['Kommunenr'], l['Oppholds-ID'], l['Antall døgn'], l['Beløp (kr)'], l['Nasjonal døgnpris (kr)'], l['Beløp − døgn × nasjonal pris (kr)']]))
      .toEqual([['F10', '5501', 'T1', 3, 15918, 5508, 15918 - 3 * 5508], ['Totalt', null, null, expect.objectContaining({ result: 3 }), expect.objectContaining({ result: 15918 }), null, expect.objectContaining({ result: -606 })]]);
  });

  it('marks the stay whose days agree and whose amount does not, with the amount expected', async () => {
    const { sheet } = await workbook({ kommune: '5501', from: '2023-03', to: '2023-03' });
    expect(sheet('Opphold')!.map((s) => [s['Oppholds-ID'], s['Betalbare døgn'], s['Fakturerte døgn'], s['Fakturert beløp (kr)'], s['Forventet beløp (kr)'], s['Status']]))
      .toEqual([['T1', 3, 3, 15918, 3 * 5508, 'Beløpsavvik']]);
  });

  it("lists the municipality's rows that were not loaded, and says so where the rule set is named", async () => {
    const { sheet } = await workbook({ kommune: '5501', from: '2023-02', to: '2023-03' });
    // What identifies the line (to match the invoice received) and what it held, beside the value that failed.
    expect(sheet('Avviste rader')!.map((r) => [r['Periode'], r['Kommunenr (registrert)'], r['Fil'], r['Linje'], r['Kolonne'], r['Verdi'], r['Raden']]))
      .toEqual([['2023-02', '5401', 'faktura.csv', 3, 'Fra dato', '30.02.2023', 'Fakturanr: F11; OppholdsID: T9; Type: Faktura; Antall døgn: 2; Beløp: 11016,00']]);
    const about = new Map(sheet('Regelsett og data')!.map((l) => [l['Hva'], l['Verdi']]));
    const unknown = 'dessuten 1 avvist rad i de samme månedene med et kommunenummer som ikke kunne leses eller ikke finnes, som ingen kommunes fil kan vise (sykehuset ser dem i Datakvalitet)';
    expect(about.get('Avviste rader (ikke lastet, ikke med i tallene)')).toBe(`1 avvist rad i utvalgets kommuner og måneder, i arket «Avviste rader»; ${unknown}`);
    // Another municipality's file does not show Tromsø's rejected row.
    const other = await workbook({ kommune: '5532', from: '2023-02', to: '2023-03' });
    expect(other.sheet('Avviste rader')).toEqual([]);
    expect(new Map(other.sheet('Regelsett og data')!.map((l) => [l['Hva'], l['Verdi']])).get('Avviste rader (ikke lastet, ikke med i tallene)'))
      .toBe(`ingen avviste rader i utvalgets kommuner og måneder; ${unknown}`);
  });

  it('explains the new sheets column by column', async () => {
    const { sheet } = await workbook({ kommune: '5501', from: '2023-03', to: '2023-03' });
    const sheets = new Set(sheet('Kolonner')!.map((c) => c['Ark']));
    expect([...sheets]).toEqual(['Sammendrag', 'Opphold', 'Fakturalinjer', 'Avviste rader']);
  });
});

describe('an invoice line over a year end', () => {
  it('is priced date by date at each year\'s rate, so a line priced right is not flagged', async () => {
    const dir = tempDir('usk-muni-ny-');
    const yearEnd = await openDatabase(join(dir, 'usk.duckdb'));
    try {
      const invoices = writeUtf8(dir, 'faktura.csv', [
        INVOICE_HEADER,
        'F20;31.01.2024;5401;Tromsø;T1;Somatikk;30.12.2023;02.01.2024;4;5508;22506;Faktura',
        'F21;31.01.2024;5401;Tromsø;T2;Somatikk;30.12.2023;02.01.2024;4;5508;22032;Faktura',
      ]);
      expect((await ingestFiles(yearEnd, [invoices])).map((r) => r.status)).toEqual(['loaded']);
      const lines = await invoiceLines(yearEnd, { kommune: '5501', from: '2023-12', to: '2023-12' });
      expect(lines.map((l) => [l.fakturanr, l.nasjonal_sats, l.belop_avvik])).toEqual([['F20', 5508, 0], ['F21', 5508, 22032 - 22506]]);
    } finally {
      yearEnd.close();
    }
  });
});
