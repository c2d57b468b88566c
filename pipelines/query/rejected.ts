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

/** Rejected rows in `reject r`: a file's line is one row however many of its values failed; a whole-row problem without a line is one each. */
const ROW_COUNT = '(count(DISTINCT (r.batch_id, r.line)) FILTER (WHERE r.line IS NOT NULL) + count(*) FILTER (WHERE r.line IS NULL))::INTEGER';

export async function rejectedRowsByMonth(db: UskDb): Promise<RejectedRowCount[]> {
  const rows = await db.json<Omit<RejectedRowCount, 'profilNavn'>>(`
    SELECT strftime(r.month, '%Y-%m') AS periode, r.batch_id AS batch, b.file_name AS fil, b.profile AS profil,
      ${ROW_COUNT} AS antall
    FROM reject r JOIN batch b USING (batch_id)
    GROUP BY ALL ORDER BY periode NULLS FIRST, batch`);
  return rows.map((r) => ({ ...r, profilNavn: profileByName(r.profil)?.title ?? r.profil }));
}

/** A rejected value in a municipality's selection (a row with problems in two columns is two). */
export const RejectedRow = z.object({
  batch: z.number(),
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
  /** What identifies the row and what it held (load/chunk.ts rowSummarySql); null for rejects from before it was kept. */
  rad: z.string().nullable(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

/**
 * The rows not loaded that concern a selection: their own municipality (as registered, under the
 * selection's grouping) and month in it; whatever the care area, which a rejected row may not have.
 * Beside them, counts of what no municipality's file can list, so that none thinks it has seen
 * every row that was dropped: `unattributed`, the rejected rows of those months whose municipality
 * could not be read, names no municipality there is (9998: counted when one municipality is selected,
 * listed when all are), or was not kept (loaded before it was);
 * and `undated`, the rejected rows of no readable month, in any municipality. They are in
 * Datakvalitet and `usk rejects`. `rowCount` counts rows, `values` the rejected values (a row
 * rejected in two columns has two). A rolling extract rejects the same row once per file that holds
 * it, so a row can be listed twice. rejectedCountsFor() gives the counts without the rows (a CSV).
 */
export interface RejectedCounts {
  rowCount: number;
  values: number;
  unattributed: number;
  undated: number;
}
export interface RejectedInSelection extends RejectedCounts {
  rows: RejectedRow[];
}

/**
 * The selection's filters on reject: the rows its file lists (`listed`: a municipality and month
 * were read, both in the selection) and its months alone (`months`). Rejects carry no care area.
 */
function rejectFilters(input: ReconcileQuery) {
  const q = parseQuery(input);
  const own = factFilter({ ...q, fagomrade: undefined }, 'r.');
  return {
    q,
    listed: { where: `r.kommunenr IS NOT NULL AND r.month IS NOT NULL AND ${own.where}`, params: own.params },
    months: factFilter({ ...q, fagomrade: undefined, kommune: undefined }, 'r.'),
  };
}

export async function rejectedCountsFor(db: UskDb, input: ReconcileQuery): Promise<RejectedCounts> {
  const { q, listed, months } = rejectFilters(input);
  const [counts] = await db.json<RejectedCounts>(`
    SELECT
      (SELECT ${ROW_COUNT} FROM reject r WHERE ${listed.where}) AS "rowCount",
      (SELECT count(*)::INTEGER FROM reject r WHERE ${listed.where}) AS "values",
      (SELECT ${ROW_COUNT} FROM reject r WHERE r.month IS NOT NULL AND ${months.where}
         AND (r.kommunenr IS NULL${q.kommune ? ' OR r.kommunenr NOT IN (SELECT kommunenr FROM ref_kommune)' : ''})) AS unattributed,
      (SELECT ${ROW_COUNT} FROM reject r WHERE r.month IS NULL) AS undated`, { ...listed.params, ...months.params });
  return counts ?? { rowCount: 0, values: 0, unattributed: 0, undated: 0 };
}

export async function rejectedRowsFor(db: UskDb, input: ReconcileQuery): Promise<RejectedInSelection> {
  const { listed } = rejectFilters(input);
  const rows = await db.all<RejectedRow>(`
    SELECT r.batch_id AS batch, b.file_name AS fil, b.profile AS profil, strftime(timezone('Europe/Oslo', b.loaded_at), '%Y-%m-%dT%H:%M') AS innlest,
      r.line AS linje, r.column_name AS kolonne, r.value AS verdi, r.reason AS grunn, strftime(r.month, '%Y-%m') AS periode, r.kommunenr,
      r.row_summary AS rad
    FROM reject r JOIN batch b USING (batch_id)
    WHERE ${listed.where}
    ORDER BY r.month, b.batch_id, r.line NULLS FIRST, r.column_name`, listed.params);
  return { rows: rows.map((r) => RejectedRow.parse(r)), ...(await rejectedCountsFor(db, input)) };
}
