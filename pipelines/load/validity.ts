import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { TARGETS } from './targets.ts';
import { sqlString } from '../db/sql.ts';
import { headerAsWritten } from '../read/header.ts';

/**
 * A Kommunenr that existed, but not in the row's year (exports.md: after a merger the old number
 * is still accepted, counted as today's). The row is loaded and gets a warning naming both
 * numbers. Computed once per batch from its loaded rows, whose columns are named as the
 * profile's keys, so that validation reads a clean chunk only once.
 */
export async function kommuneValidityWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  const kommune = kommuneColumn(read, p);
  if (!kommune) return;
  const { col, header } = kommune;
  const table = TARGETS[p.kind].table;
  const ts = `x.${p.yearFrom}`;
  // First each number's first and last year in the batch (a few hundred groups, no year() per
  // row); only numbers whose span leaves their validity, usually none, get the per-year look.
  const suspects = await db.json<{ nr: string }>(
    `WITH spans AS (SELECT ${col.key} AS nr, year(min(${ts})) AS lo, year(max(${ts})) AS hi FROM ${table} x WHERE x.batch_id = $batch GROUP BY nr)
     SELECT spans.nr FROM spans JOIN ref_kommune k ON k.kommunenr = spans.nr WHERE spans.lo < k.valid_from OR spans.hi > k.valid_to`,
    { batch },
  );
  if (suspects.length === 0) return;
  const list = sqlList(suspects.map((r) => r.nr));
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, x.line, $header, 'kommunenr-utenfor-gyldighet',
       'Kommunenr ' || k.kommunenr || ' (' || k.navn || ') var ikke gyldig i ' || year(${ts}) || '; regnes som ' || k.current_nr || ' ' || k.current_navn
     FROM ${table} x JOIN ref_kommune k ON k.kommunenr = x.${col.key}
     WHERE x.batch_id = $batch AND x.${col.key} IN (${list}) AND (year(${ts}) < k.valid_from OR year(${ts}) > k.valid_to)`,
    { batch, header },
  );
}

/**
 * A Kommunenr that SSB's list names «Uoppgitt» (9999, in data/reference/): a real number, so the row
 * loads, but its days belong to no municipality and cannot be invoiced. Each such row gets a warning,
 * so the samhandlingssjef sees them before the reconciliation does. The numbers come from the
 * reference data; the rows are looked up by them alone (no join over the batch).
 */
export async function unstatedKommuneWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  const kommune = kommuneColumn(read, p);
  if (!kommune) return;
  const { col, header } = kommune;
  const unstated = (await db.json<{ nr: string }>(`SELECT kommunenr AS nr FROM ref_kommune WHERE lower(navn) = 'uoppgitt'`)).map((r) => r.nr);
  if (unstated.length === 0) return;
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, x.line, $header, 'kommune-uoppgitt',
       'Kommunenr ' || x.${col.key} || ' er «Uoppgitt» i kommunelisten: døgnene hører ikke til noen kommune og kan ikke faktureres (forventet pasientens bostedskommune)'
     FROM ${TARGETS[p.kind].table} x
     WHERE x.batch_id = $batch AND x.${col.key} IN (${sqlList(unstated)})`,
    { batch, header },
  );
}

/** The profile's Kommunenr column, when the file has it, and its header as written. */
function kommuneColumn(read: ReadExport, p: Profile): { col: Profile['columns'][number]; header: string } | undefined {
  const col = p.columns.find((c) => c.type === 'kommunenr');
  const idx = col ? read.header.match.columns.get(col.key) : undefined;
  return col && idx !== undefined ? { col, header: headerAsWritten(read.header, col.key) } : undefined;
}

/** Municipality numbers as an SQL IN list (from the reference data or the batch; quoted all the same). */
const sqlList = (numbers: readonly string[]) => numbers.map(sqlString).join(', ');
