/**
 * Data-quality findings (domain.md / issue 3): derived findings (usk_finding, rebuilt with the
 * derived tables) and the warnings ingestion recorded per batch, as one list with a severity and,
 * where there is one, the stay it concerns.
 */
import { z } from 'zod';
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { VERSION_FINDING_CODES } from '../derive/findings.ts';
import { Finding, Kommunenr, YearMonth } from './contract.ts';
import { findingTitle } from './finding-titles.ts';

export const FindingFilter = z.object({
  code: z.string().optional(),
  severity: Finding.shape.severity.optional(),
  stayId: z.string().optional(),
  kommune: Kommunenr.optional(), // registered number or any number mapping to the same 2024 one
  from: YearMonth.optional(),
  to: YearMonth.optional(),
  limit: z.number().int().positive().max(100_000).default(10_000),
});
export type FindingFilter = z.input<typeof FindingFilter>;

const SEVERITY_ORDER = `CASE severity WHEN 'feil' THEN 0 WHEN 'advarsel' THEN 1 ELSE 2 END`;

/**
 * Ingestion warnings that usk_finding states again with the stay and month they concern
 * (faktura-belop, faktura-sats, dips-overlapp, and what a newer export leaves out, which the load
 * sums up per earlier batch): listed once, from usk_finding.
 */
const RESTATED_WARNINGS = ['belop-ulikt-dogn-ganger-pris', 'dognpris-ikke-nasjonal', 'dips-overlapp', ...VERSION_FINDING_CODES];

/**
 * The loaded row a warning is about, by its batch and line: its stay, municipality and own month,
 * so the warning is listed under the month it concerns (not the export's as-of) and links to its
 * stay. Only the batches that have warnings are read.
 */
const WARNED_ROWS = `
  SELECT batch_id, line, stay_id, kommunenr, ready AS at FROM src_period WHERE batch_id IN (SELECT batch_id FROM batch_warning)
  UNION ALL SELECT batch_id, line, stay_id, kommunenr, at_local FROM src_event WHERE batch_id IN (SELECT batch_id FROM batch_warning)
  UNION ALL SELECT batch_id, line, stay_id, kommunenr, from_date::TIMESTAMP FROM src_invoice WHERE batch_id IN (SELECT batch_id FROM batch_warning)`;

export async function findings(db: UskDb, filter: FindingFilter = {}): Promise<Finding[]> {
  await ensureDerivedSchema(db);
  const f = FindingFilter.parse(filter);
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (f.code) { where.push('code = $code'); params.code = f.code; }
  if (f.severity) { where.push('severity = $severity'); params.severity = f.severity; }
  if (f.stayId) { where.push('stay_id = $stay'); params.stay = f.stayId; }
  if (f.kommune) {
    where.push(`(kommunenr = $kommune OR kommunenr IN (SELECT kommunenr FROM ref_kommune
      WHERE current_nr = (SELECT coalesce(max(current_nr), $kommune) FROM ref_kommune WHERE kommunenr = $kommune)))`);
    params.kommune = f.kommune;
  }
  // Findings without a period (e.g. a stay only in one source) are kept under any period filter.
  if (f.from) { where.push('(periode IS NULL OR left(periode, 7) >= $from)'); params.from = f.from; }
  if (f.to) { where.push('(periode IS NULL OR left(periode, 7) <= $to)'); params.to = f.to; }
  const rows = await db.all<Omit<Finding, 'title'>>(`
    SELECT * FROM (
      SELECT code, severity, stay_id, kommunenr, periode, message FROM usk_finding
      UNION ALL
      SELECT w.code, 'advarsel', r.stay_id, r.kommunenr, strftime(coalesce(r.at, b.as_of), '%Y-%m'),
        b.file_name || coalesce(', linje ' || w.line, '') || coalesce(', «' || w.column_name || '»', '') || ': ' || w.message
      FROM batch_warning w JOIN batch b USING (batch_id) LEFT JOIN (${WARNED_ROWS}) r ON r.batch_id = w.batch_id AND r.line = w.line
      WHERE w.code NOT IN (${RESTATED_WARNINGS.map((c) => `'${c}'`).join(', ')})
    ) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SEVERITY_ORDER}, code, kommunenr NULLS LAST, periode NULLS LAST, stay_id NULLS LAST
    LIMIT ${f.limit}`, params);
  return rows.map((r) => Finding.parse({ ...r, title: findingTitle(r.code) }));
}
