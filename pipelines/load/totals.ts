import { formatDecimal } from '../format/index.ts';
import { containsFodselsnummer, IDENTIFIER_MASK, isFodselsnummer, maskIdentifiers } from '../db/errors.ts';
import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { TARGETS } from './targets.ts';
import { UNSAVED_FORMULA_MARK } from '../read/unsaved-formula.ts';

export interface FileWarning {
  line: number | null;
  column: string | null;
  code: string;
  message: string;
}

/**
 * A trailing totals row is left out of the data; where it holds a figure in a summed column, that
 * figure is checked against the rows: all parsed values, loaded (the batch's rows in the source
 * table, whose columns are named as the profile's keys) or not (ingest_sum), subtotal rows in the
 * middle of the file left out (validate/typed.ts). A mismatch is a warning, which counts the values
 * that could not be read (not in the rows' sum, but in the report's). A column where a rejected
 * row held a fødselsnummer (load/chunk.ts) is not checked: its figures would show it.
 */
export async function checkTotals(db: UskDb, read: ReadExport, p: Profile, batch: number, unsplit = 0): Promise<FileWarning[]> {
  if (!read.totals) return [];
  const warnings: FileWarning[] = [];
  for (const key of p.totalsColumns) {
    const idx = read.header.match.columns.get(key);
    if (idx === undefined) continue;
    const stated = read.totals.cells[idx];
    if (!stated || stated.trim() === '') continue;
    const header = read.header.cells[idx] ?? key;
    if (stated === UNSAVED_FORMULA_MARK) {
      // A script's =SUM(…) without its value (read/unsaved-formula.ts): there is no figure to check.
      warnings.push({
        line: read.totals.line, column: header, code: 'summeringsrad-ikke-kontrollert',
        message: `Summeringsraden er ikke kontrollert for «${header}»: cellen har en formel uten lagret verdi (filen er ikke lagret i Excel); åpne filen i Excel og lagre den på nytt for å få summen kontrollert`,
      });
      continue;
    }
    const row = (
      await db.json<{ stated: string | null; actual: string | null; identifiers: number; unreadable: number }>(
        `SELECT usk_number($s)::VARCHAR AS stated,
           (coalesce((SELECT sum(${key}) FROM ${TARGETS[p.kind].table} WHERE batch_id = $batch), 0)
            + coalesce((SELECT sum(total) FROM ingest_sum WHERE col = $k), 0))::VARCHAR AS actual,
           coalesce((SELECT sum(identifiers) FROM ingest_sum WHERE col = $k), 0)::INT AS identifiers,
           coalesce((SELECT sum(unreadable) FROM ingest_sum WHERE col = $k), 0)::INT AS unreadable`,
        { s: stated, k: key, batch },
      )
    )[0];
    if (row && row.identifiers > 0) {
      // The stated total has the identifier in it and the rows' sum has not: either figure, or the
      // two side by side, would give it away. So the check is not made, and the warning says why.
      warnings.push({
        line: read.totals.line, column: header, code: 'summeringsrad-ikke-kontrollert',
        message: `Summeringsraden er ikke kontrollert for «${header}»: ${row.identifiers === 1 ? 'en avvist rad har' : `${row.identifiers} avviste rader har`} et fødselsnummer i kolonnen (se avviste rader), og summene ville vist det`,
      });
    } else if (!row?.stated) {
      // Quoted masked; whole when its digits are a fødselsnummer in a form the masks do not know.
      const quoted = maskIdentifiers(stated);
      warnings.push({
        line: read.totals.line, column: header, code: 'summeringsrad-uleselig',
        message: `Summeringsraden har «${mayBeFodselsnummer(quoted) ? IDENTIFIER_MASK : quoted}» i «${header}», som ikke er et tall`,
      });
    } else if (mayBeFodselsnummer(stated) || mayBeFodselsnummer(shown(Number(row.actual ?? 0)))) {
      // The figure itself may be a patient's number (a shifted column, a number typed into the sum),
      // written in any grouping: neither it nor the rows' sum is shown, and a match is not claimed.
      warnings.push({
        line: read.totals.line, column: header, code: 'summeringsrad-ikke-kontrollert',
        message: `Summeringsraden er ikke kontrollert for «${header}»: sifrene i tallet har form som et fødselsnummer (dato og kontrollsifre), så tallene vises ikke`,
      });
    } else if (Number(row.stated) !== Number(row.actual ?? 0)) {
      warnings.push({
        line: read.totals.line, column: header, code: 'summeringsrad-avvik',
        message: `Summeringsraden sier ${shown(Number(row.stated))} for «${header}», men radene summerer til ${shown(Number(row.actual ?? 0))}`
          // A value that could not be read, or a row that could not be split into columns, is in the
          // report's sum and not in the rows': say so, it may be the whole difference.
          + notCounted(row.unreadable, unsplit),
      });
    }
  }
  return warnings;
}

/**
 * As Norwegians write it (27,5; 128 000; −21 224), with as many decimals as the value has (up to
 * the four the sum is kept with), so that two different figures never print alike.
 */
function shown(n: number): string {
  let decimals = 0;
  while (decimals < 4 && Math.abs(Math.round(n * 10 ** decimals) - n * 10 ** decimals) > 1e-6) decimals++;
  return formatDecimal(n, decimals);
}

/**
 * Whether a figure's digits, however grouped («15 038 598 765», «150385 98765», «kr 211 257 093,19»),
 * are a fødselsnummer. containsFodselsnummer finds every grouping of 11; a figure is a number, so ten
 * digits over its thousands groups are also one that lost its leading zero, which free text does not
 * count (db/errors.ts: there «0» + a date with a time would pass).
 */
function mayBeFodselsnummer(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  return containsFodselsnummer(text) || isFodselsnummer(digits.length === 10 ? `0${digits}` : digits);
}

/** What the rows' sum leaves out that the report's has, in words: «(én verdi i kolonnen kunne ikke leses …)». */
function notCounted(values: number, rows: number): string {
  const parts = [
    ...(values > 0 ? [`${values === 1 ? 'én verdi' : `${values} verdier`} i kolonnen kunne ikke leses`] : []),
    ...(rows > 0 ? [`${rows === 1 ? 'én rad' : `${rows} rader`} kunne ikke deles i kolonnene (feil antall skilletegn o.l.)`] : []),
  ];
  return parts.length ? ` (${parts.join(', og ')} og er ikke med; se avviste rader)` : '';
}
