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
  // The numbers out of their years first (a few of thousands of number × year pairs), then only
  // their rows: one narrow scan when, as usual, there are none.
  await db.run(
    `INSERT INTO batch_warning
     WITH pairs AS (SELECT DISTINCT ${col.key} AS nr, ${year} AS y FROM ${TARGETS[p.kind].table} x WHERE x.batch_id = $batch),
     invalid AS (SELECT pairs.*, k.navn, k.current_nr, k.current_navn FROM pairs JOIN ref_kommune k ON k.kommunenr = pairs.nr
                 WHERE pairs.y < k.valid_from OR pairs.y > k.valid_to)
     SELECT $batch, x.line, $header, 'kommunenr-utenfor-gyldighet',
       'Kommunenr ' || i.nr || ' (' || i.navn || ') var ikke gyldig i ' || i.y || '; regnes som ' || i.current_nr || ' ' || i.current_navn
     FROM ${TARGETS[p.kind].table} x JOIN invalid i ON i.nr = x.${col.key} AND i.y = ${year}
     WHERE x.batch_id = $batch AND EXISTS (SELECT 1 FROM invalid)`,
    { batch, header: read.header.cells[idx] ?? col.header },
  );
}
