/**
 * How many rows were not loaded, per month they concern and per file: the counts a report of a
 * month shows beside its figures (the notebooks' snapshot, avviste.json). Counts only: the rejected
 * values stay in the database, for `usk rejects` and the dashboard's Datakvalitet, which show them
 * to whoever may see them.
 */
import type { UskDb } from '../db/open.ts';
import { profileByName } from '../profiles/index.ts';

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
