/**
 * How many rows were not loaded, per month they concern and per file: the counts a report of a
 * month shows beside its figures (the notebooks' snapshot, avviste.json). Counts only: the rejected
 * values stay in the database, for `usk rejects` and the dashboard's Datakvalitet, which show them
 * to whoever may see them.
 */
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { profileByName } from '../profiles/index.ts';
import type { ReconcileQuery } from './contract.ts';
import { factFilter, parseQuery } from './filters.ts';

export interface RejectedRowCount {
  /** 'YYYY-MM' the rows concern (load/reject-month.ts); null when it could not be read, or they were loaded before the month was kept. */
  periode: string | null;
  batch: number;
  /** The file's name as loaded (a fødselsnummer in it already masked: batch.file_name). */
  fil: string;
  profil: string;
  /** The profile's title, as `usk ingest` names it. */
  profilNavn: string;
  /** Rejected rows (a row with several problems counts once). */
  antall: number;
}

export async function rejectedRowsByMonth(db: UskDb): Promise<RejectedRowCount[]> {
  const rows = await db.json<Omit<RejectedRowCount, 'profilNavn'>>(`
    SELECT strftime(r.month, '%Y-%m') AS periode, r.batch_id AS batch, b.file_name AS fil, b.profile AS profil,
      (count(DISTINCT r.line) + count(*) FILTER (WHERE r.line IS NULL))::INTEGER AS antall
    FROM reject r JOIN batch b USING (batch_id)
    GROUP BY ALL ORDER BY periode NULLS FIRST, batch`);
  return rows.map((r) => ({ ...r, profilNavn: profileByName(r.profil)?.title ?? r.profil }));
}

/** A rejected value in a municipality's selection (a row with problems in two columns is two). */
export const RejectedRow = z.object({
  fil: z.string(),
  profil: z.string(),
  innlest: z.string(), // YYYY-MM-DDTHH:MM, Norwegian time
  linje: z.number().nullable(),
  kolonne: z.string().nullable(),
  /** As stored: identifiers masked (load/chunk.ts). */
  verdi: z.string().nullable(),
  grunn: z.string(),
  periode: z.string().nullable(), // YYYY-MM the row concerns
  kommunenr: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

/**
 * The rows not loaded that concern a selection: their own municipality (as registered, under the
 * selection's grouping) and month in it; whatever the care area, which a rejected row may not have.
 * `unattributed` counts the rejected rows of those months whose municipality could not be read (or
 * that were loaded before it was kept): they are in Datakvalitet and `usk rejects`, not here.
 * A rolling extract rejects the same row once per file that holds it, so a row can be listed twice.
 */
export async function rejectedRowsFor(db: UskDb, input: ReconcileQuery): Promise<{ rows: RejectedRow[]; unattributed: number }> {
  const q = parseQuery(input);
  // Rejects carry no care area: the municipality and months only.
  const filter = factFilter({ ...q, fagomrade: undefined }, 'r.');
  const months = factFilter({ ...q, fagomrade: undefined, kommune: undefined }, 'r.');
  const rows = await db.all<RejectedRow>(`
    SELECT b.file_name AS fil, b.profile AS profil, strftime(timezone('Europe/Oslo', b.loaded_at), '%Y-%m-%dT%H:%M') AS innlest,
      r.line AS linje, r.column_name AS kolonne, r.value AS verdi, r.reason AS grunn, strftime(r.month, '%Y-%m') AS periode, r.kommunenr
    FROM reject r JOIN batch b USING (batch_id)
    WHERE r.kommunenr IS NOT NULL AND r.month IS NOT NULL AND ${filter.where}
    ORDER BY r.month, b.batch_id, r.line NULLS FIRST, r.column_name`, filter.params);
  const [un] = await db.json<{ n: number }>(`
    SELECT (count(DISTINCT (r.batch_id, r.line)) FILTER (WHERE r.line IS NOT NULL) + count(*) FILTER (WHERE r.line IS NULL))::INTEGER AS n
    FROM reject r WHERE r.kommunenr IS NULL AND r.month IS NOT NULL AND ${months.where}`, months.params);
  return { rows: rows.map((r) => RejectedRow.parse(r)), unattributed: un?.n ?? 0 };
}
