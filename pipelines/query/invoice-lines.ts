/**
 * The invoice lines behind a reconciliation, one row per line as it was loaded, for the workbook a
 * municipality gets (sheet «Fakturalinjer»): the controller holds them against the invoices the
 * municipality received. Selected as the reconciliation selects them (municipality under the
 * grouping, care area, the month of Fra dato: domain.md attributes a line to the month its period
 * starts in), with the national rate of that year and how far the amount is from days × rate, so a
 * line priced at last year's rate is found by its own row, not only as a sum.
 *
 * The lines that were not loaded (a date that does not exist, a fødselsnummer in a field) are not
 * here: they are in rejectedRowsFor() (query/rejected.ts) and the workbook's «Avviste rader».
 */
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import type { ReconcileQuery } from './contract.ts';
import { factFilter, kommuneSql, parseQuery } from './filters.ts';
import { requireKnownKommune } from './reconcile.ts';

export const InvoiceLine = z.object({
  fakturanr: z.string(),
  fakturadato: z.string(), // YYYY-MM-DD
  kommunenr: z.string(),
  kommune: z.string(),
  stay_id: z.string().nullable(),
  /** Whether the stay is known in DIPS or HN-LIS (an unknown one is «Ukjent opphold» in the reconciliation). */
  kjent_opphold: z.boolean(),
  fagomrade: z.string(),
  periode: z.string(), // YYYY-MM the line counts in
  fra: z.string(),
  til: z.string(),
  /** Days and amount as they count: a Kreditnota line negative even when the file wrote it positive (derive/invoices.ts). */
  dogn: z.number(),
  sats: z.number().nullable(),
  belop: z.number(),
  type: z.string().nullable(),
  nasjonal_sats: z.number().nullable(),
  /** Beløp − døgn × the national rate of the year of Fra dato; null without a rate. */
  belop_avvik: z.number().nullable(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/**
 * What the line should come to at the national rates: days × the rate of Fra dato's year; for a
 * line over a year's end whose days are its dates (30.12–02.01, 4 døgn), each date at its own
 * year's rate (2 × 5 508 + 2 × 5 745), so a correctly priced line is not flagged. A year without a
 * rate makes it missing. The sign follows the days (a credit line).
 */
const expectedAmount = `CASE
  WHEN year(f.from_date) <> year(f.to_date) AND abs(f.days) = date_diff('day', f.from_date, f.to_date) + 1 THEN sign(f.days) * (
    SELECT CASE WHEN count(rr.rate) = count(*) THEN sum(rr.rate * (date_diff('day', greatest(f.from_date, make_date(y.y::INTEGER, 1, 1)), least(f.to_date, make_date(y.y::INTEGER, 12, 31))) + 1)) END
    FROM range(year(f.from_date), year(f.to_date) + 1) y(y) LEFT JOIN ref_rate rr ON rr.year = y.y)
  ELSE f.days * r.rate END`;

export async function invoiceLines(db: UskDb, input: ReconcileQuery): Promise<InvoiceLine[]> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  await requireKnownKommune(db, q);
  const filter = factFilter(q, 'f.');
  const kommune = kommuneSql(q);
  const rows = await db.all<InvoiceLine>(`
    SELECT f.invoice_no AS fakturanr, strftime(f.invoice_date, '%Y-%m-%d') AS fakturadato,
      ${kommune.nr} AS kommunenr, ${kommune.navn} AS kommune,
      f.stay_id, f.stay_known AS kjent_opphold, f.fagomrade, strftime(f.month, '%Y-%m') AS periode,
      strftime(f.from_date, '%Y-%m-%d') AS fra, strftime(f.to_date, '%Y-%m-%d') AS til,
      f.days::INTEGER AS dogn, f.rate::DOUBLE AS sats, f.amount::DOUBLE AS belop, f.line_type AS type,
      r.rate::DOUBLE AS nasjonal_sats, (f.amount - ${expectedAmount})::DOUBLE AS belop_avvik
    FROM usk_invoice f
    LEFT JOIN ref_kommune k ON k.kommunenr = f.kommunenr
    LEFT JOIN ref_rate r ON r.year = year(f.from_date)
    WHERE ${filter.where}
    ORDER BY kommunenr, f.month, f.invoice_no, f.from_date, f.stay_id NULLS LAST`, filter.params);
  return rows.map((r) => InvoiceLine.parse(r));
}
