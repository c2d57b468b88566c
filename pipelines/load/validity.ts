import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { TARGETS } from './targets.ts';

/**
 * A Kommunenr that existed, but not in the row's year (exports.md: after a merger the old number
 * is still accepted, counted as today's). The row is loaded and gets a warning naming both
 * numbers. Computed once per batch from its loaded rows, whose columns are named as the
 * profile's keys, so that validation reads a clean chunk only once.
 */
export async function kommuneValidityWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  const col = p.columns.find((c) => c.type === 'kommunenr');
  const idx = col ? read.header.match.columns.get(col.key) : undefined;
  if (!col || idx === undefined) return;
  const year = `year(x.${p.yearFrom})`;
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, x.line, $header, 'kommunenr-utenfor-gyldighet',
       'Kommunenr ' || x.${col.key} || ' (' || k.navn || ') var ikke gyldig i ' || ${year} || '; regnes som ' || k.current_nr || ' ' || k.current_navn
     FROM ${TARGETS[p.kind].table} x JOIN ref_kommune k ON k.kommunenr = x.${col.key}
     WHERE x.batch_id = $batch AND (${year} < k.valid_from OR ${year} > k.valid_to)`,
    { batch, header: read.header.cells[idx] ?? col.header },
  );
}
