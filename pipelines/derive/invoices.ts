/**
 * Current invoice lines, attributed to the month of their "Fra dato" (domain.md), with whether
 * their stay is known in either source. Rebuilt in full every time: the table is small next to
 * usk_day, and whether a stay is known changes whenever any source changes.
 *
 * A line typed Kreditnota is subtracted even when its days and amount are written without a minus
 * (domain.md: "credit lines subtracted"; economy systems often print credit notes positive). The
 * load warns about it (type-motsier-fortegn). A Faktura line keeps its sign as written.
 */
import type { UskDb } from '../db/open.ts';

const INVOICES_SQL = `
INSERT INTO usk_invoice
SELECT i.invoice_no, i.invoice_date, i.stay_id,
  i.stay_id IS NOT NULL AND i.stay_id IN (SELECT stay_id FROM usk_stay) AS stay_known,
  i.kommunenr, i.fagomrade, date_trunc('month', i.from_date)::DATE AS month,
  i.from_date, i.to_date,
  CASE WHEN i.line_type = 'kreditnota' THEN -abs(i.days) ELSE i.days END,
  (CASE WHEN i.line_type = 'kreditnota' THEN -abs(i.amount) ELSE i.amount END)::DOUBLE,
  i.rate::DOUBLE, i.line_type
FROM src_invoice_current i`;

export async function buildInvoices(db: UskDb): Promise<void> {
  await db.run('DELETE FROM usk_invoice');
  await db.run(INVOICES_SQL);
}
