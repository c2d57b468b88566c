/**
 * Data-quality listings that are plain provenance reads (batches, rejects, warnings, coverage of
 * months by source). Findings about stays come from the query layer, not from here.
 */
import type { UskDb } from '../../pipelines/db/open.ts';
import { COUNTED_EVENT_CODES } from '../../pipelines/profiles/values.ts';
import type { BatchRow, CoverageRow, RejectRow, WarningRow } from '../schemas.ts';

export async function listBatches(db: UskDb): Promise<BatchRow[]> {
  return db.json<BatchRow>(`
    SELECT b.batch_id, b.file_name, b.profile, b.kind, b.encoding, b.rows_read, b.rows_loaded, b.rows_rejected,
      (SELECT count(*)::INTEGER FROM batch_warning w WHERE w.batch_id = b.batch_id) AS warnings,
      strftime(b.as_of, '%Y-%m-%dT%H:%M:%S') AS as_of, strftime(b.loaded_at, '%Y-%m-%dT%H:%M:%S%z') AS loaded_at
    FROM batch b ORDER BY b.batch_id`);
}

export async function listRejects(db: UskDb, batch: number | undefined, limit: number): Promise<RejectRow[]> {
  return db.json<RejectRow>(
    `SELECT r.batch_id, b.file_name, r.line, r.column_name, r.value, r.reason, r.row_summary
     FROM reject r JOIN batch b USING (batch_id)
     WHERE $batch::INTEGER IS NULL OR r.batch_id = $batch
     ORDER BY r.batch_id, r.line LIMIT $limit`,
    { batch: batch ?? null, limit },
  );
}

export async function listWarnings(db: UskDb, batch: number | undefined, limit: number): Promise<WarningRow[]> {
  return db.json<WarningRow>(
    `SELECT batch_id, line, column_name, code, message FROM batch_warning
     WHERE $batch::INTEGER IS NULL OR batch_id = $batch ORDER BY batch_id, line LIMIT $limit`,
    { batch: batch ?? null, limit },
  );
}

/**
 * Which months each source has data for, so gaps (a missing monthly extract) are visible. HN-LIS
 * rows are every event loaded; its stays only those with an event period building counts
 * (derive/periods.ts): a stay with nothing but codes 1 and 12 is no stay anywhere else on the page.
 */
export async function coverage(db: UskDb): Promise<CoverageRow[]> {
  return db.json<CoverageRow>(`
    SELECT 'dips' AS source, strftime(ready, '%Y-%m') AS month, count(*)::INTEGER AS rows, count(DISTINCT stay_id)::INTEGER AS stays
      FROM src_period_current GROUP BY ALL
    UNION ALL
    SELECT 'hnlis', strftime(at_local, '%Y-%m'), count(*)::INTEGER,
        count(DISTINCT stay_id) FILTER (WHERE ${COUNTED_EVENT_CODES.map((c) => `code = '${c}'`).join(' OR ')})::INTEGER
      FROM src_event_current GROUP BY ALL
    UNION ALL
    SELECT 'faktura', strftime(from_date, '%Y-%m'), count(*)::INTEGER, count(DISTINCT stay_id)::INTEGER
      FROM src_invoice_current GROUP BY ALL
    ORDER BY source, month`);
}
