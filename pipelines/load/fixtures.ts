/**
 * Test fixtures: export files written the way the source systems write them (encodings, line
 * endings, preambles). Used by tests only; the identifiers below are synthetic but have the
 * shape of real fødselsnummer so that leak scans are meaningful.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FNR = ['01017012345', '15038598765', '24129955511', '30066643210'] as const;

export function tempDir(prefix = 'usk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Excel's "CSV (semikolondelt)" on Norwegian Windows: Windows-1252 and CRLF. */
export function writeCp1252(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  const text = `${lines.join('\r\n')}\r\n`;
  const bytes = Buffer.from(
    Array.from(text, (ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x100) return cp;
      const cp1252: Record<number, number> = { 0x20ac: 0x80, 0x2013: 0x96, 0x2014: 0x97, 0x2019: 0x92 };
      const b = cp1252[cp];
      if (b === undefined) throw new Error(`no cp1252 byte for U+${cp.toString(16)}`);
      return b;
    }),
  );
  writeFileSync(path, bytes);
  return path;
}

export function writeUtf8(dir: string, name: string, lines: readonly string[], options: { bom?: boolean; eol?: string } = {}): string {
  const path = join(dir, name);
  writeFileSync(path, `${options.bom ? '\ufeff' : ''}${lines.join(options.eol ?? '\n')}${options.eol ?? '\n'}`, 'utf8');
  return path;
}

export const DIPS_HEADER = 'Oppholds-ID;Fødselsnummer;Kommunenr;Kommune;Fagområde;Avdeling;Innlagt;Utskrivningsklar;Utskrevet;USK-døgn';
export const DIPS_PREAMBLE = ['Utskrivningsklare pasienter', 'Utskriftsdato: 05.01.2023 07:15', 'Utvalg: UNN HF; alle avdelinger', ''];
export const EVENTS_HEADER = 'OppholdsID,Kommunenr,Fagomraade,Hendelseskode,Hendelse,Tidspunkt,Uttrekk';
export const INVOICE_HEADER = 'Fakturanr;Fakturadato;Kommunenr;Kommune;OppholdsID;Fagområde;Fra dato;Til dato;Antall døgn;Døgnpris;Beløp;Type';
