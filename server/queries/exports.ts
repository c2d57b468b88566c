/**
 * An export with or without small-number suppression: one decision for the server's /api/exports
 * and `usk export` on a database no server holds, so that `--publisering` and `publisering=true`
 * (or a minimum count) give the same file through either door.
 */
import type { UskDb } from '../../pipelines/db/open.ts';
import { exportData, type ExportFormat, type ExportKind, type ExportResult } from '../../pipelines/export/index.ts';
import { QueryInputError, type ReconcileQuery } from '../../pipelines/query/index.ts';
import { published } from './figures.ts';

export interface Suppression {
  /** The minimum a count must reach to be shown (effectiveMinCount: never below the configured one). */
  minCount: number;
  /** «Til publisering»: the aggregate only, never per-stay rows, even at a minimum of 0. */
  publication: boolean;
}

/**
 * The refusal both doors give for per-line rows asked for as a publication: per stay, per invoice
 * line (a stay and its days), per value not loaded. A publication's workbook has none of them.
 */
export const NOT_PUBLISHED: Record<Exclude<ExportKind, 'reconciliation'>, string> = {
  stays: 'Detaljer per opphold kan ikke eksporteres til publisering',
  invoices: 'Fakturalinjer kan ikke eksporteres til publisering',
  rejects: 'Avviste rader kan ikke eksporteres til publisering',
};

/**
 * Without suppression, exactly the plain export (pipelines/export). With it, the aggregate with
 * small numbers suppressed in SQL (figures.ts published, suppress.ts), laid out by the same
 * exportData for the months it runs over. Per-stay and per-line rows are never suppressed: each is
 * one stay, invoice line or value, so a minimum count does not apply to them, and a publication refuses them.
 */
export async function renderExport(db: UskDb, kind: ExportKind, q: ReconcileQuery, format: ExportFormat, s: Suppression): Promise<ExportResult> {
  if (kind !== 'reconciliation') {
    if (s.publication) throw new QueryInputError(NOT_PUBLISHED[kind]);
    return exportData(db, kind, q, format);
  }
  if (s.minCount === 0 && !s.publication) return exportData(db, kind, q, format);
  // Said whole, since a reader sees blanks above the minimum too: the secondary suppression (suppress.ts).
  const note = s.minCount > 0
    ? `tall under ${s.minCount} er prikket, og dessuten tall i samme rad eller totalen som de ellers kunne regnes ut av (sekundær prikking)`
    : 'ingen tall er prikket (minste antall 0)';
  return exportData(db, kind, q, format, {
    suppress: async (query) => {
      const { rows } = await published(db, query, s.minCount, { everyMonth: true });
      return { rows, minCount: s.minCount, note, withStays: !s.publication };
    },
  });
}
