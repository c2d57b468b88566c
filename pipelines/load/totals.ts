import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { stagingColumn } from '../validate/typed.ts';

export interface FileWarning {
  line: number | null;
  column: string | null;
  code: string;
  message: string;
}

/**
 * A trailing totals row is left out of the data; where it holds a figure in a summed column, that
 * figure is checked against the rows (all parsed values, loaded or not). A mismatch is a warning.
 */
export async function checkTotals(db: UskDb, read: ReadExport, p: Profile): Promise<FileWarning[]> {
  if (!read.totals) return [];
  const warnings: FileWarning[] = [];
  for (const key of p.totalsColumns) {
    const col = stagingColumn(read.header.match, key);
    const idx = read.header.match.columns.get(key);
    if (!col || idx === undefined) continue;
    const stated = read.totals.cells[idx + 0];
    if (!stated || stated.trim() === '') continue;
    const row = (
      await db.json<{ stated: string | null; actual: string | null }>(
        `SELECT usk_number($s)::VARCHAR AS stated, (SELECT sum(${key})::VARCHAR FROM typed) AS actual`,
        { s: stated },
      )
    )[0];
    const header = read.header.cells[idx] ?? key;
    if (!row?.stated) {
      warnings.push({ line: read.totals.line, column: header, code: 'summeringsrad-uleselig', message: `Summeringsraden har «${stated}» i «${header}», som ikke er et tall` });
    } else if (Number(row.stated) !== Number(row.actual ?? 0)) {
      warnings.push({
        line: read.totals.line, column: header, code: 'summeringsrad-avvik',
        message: `Summeringsraden sier ${Number(row.stated)} for «${header}», men radene summerer til ${Number(row.actual ?? 0)}`,
      });
    }
  }
  return warnings;
}
