/**
 * Exports over HTTP: the `usk export` formats (pipelines/export writers), with small-number
 * suppression for exports marked "til publisering", CSV-injection neutralising and a file name
 * that says municipality, period and rule set. Every export is audited.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { describeExport, RECONCILIATION_COLUMNS, reconciliationWorkbook, STAY_COLUMNS, toCsv } from '../../pipelines/export/index.ts';
import { STATUS_TEXT } from '../../pipelines/export/columns.ts';
import { dataAsOf, resolveRules, stays, type ReconcileQuery, type ReconciliationRow, type StayRow } from '../../pipelines/query/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { neutralise, neutraliseRows } from '../../pipelines/export/csv-safety.ts';
import { published, toReconcileQuery } from '../queries/figures.ts';
import { effectiveMinCount } from '../queries/suppress.ts';
import { ExportParams, type PublishedRow } from '../schemas.ts';
import { handled, route } from './registry.ts';

type Kind = 'reconciliation' | 'stays';
type Format = 'csv' | 'xlsx' | 'json';
const TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** usk-avstemming_5501_somatikk_2022-01_2022-12_fakturagrunnlag-v2_publisering.csv — ASCII only. */
export function exportFileName(kind: Kind, q: ReconcileQuery, ruleSet: { id: string; version: number }, format: Format, publication: boolean): string {
  const period = q.from || q.to ? `${q.from ?? 'start'}_${q.to ?? 'slutt'}` : 'alle-perioder';
  // The care area when one is asked for, so a somatikk and a psykiatri download do not collide.
  const parts = [kind === 'stays' ? 'usk-opphold' : 'usk-avstemming', q.kommune ?? 'alle-kommuner', ...(q.fagomrade ? [q.fagomrade] : []), period, `${ruleSet.id}-v${ruleSet.version}`];
  if (publication) parts.push('publisering');
  return `${parts.join('_')}.${format}`;
}

/** Published rows without the flag list, in the writers' row type (suppressed cells are null). */
const asRows = (rows: PublishedRow[]) => rows.map(({ prikket: _p, ...r }) => r) as unknown as ReconciliationRow[];

async function render(ctx: AppContext, kind: Kind, q: ReconcileQuery, format: Format, minCount: number, publication: boolean) {
  return ctx.pool.read(async (db) => {
    const rules = await resolveRules(db, q);
    const extra: Record<string, string> = { Regelsett: neutralise(rules.label) };
    if (kind === 'stays') {
      // Per-stay rows are for roles that may see single stays; small-number suppression is for
      // aggregates, so the file does not claim it (a «Prikking» line here would be untrue).
      const rows = await stays(db, q);
      const content = format === 'json' ? `${JSON.stringify(rows, null, 2)}\n`
        : format === 'csv' ? toCsv(neutraliseRows(rows.map((r) => ({ ...r, status: STATUS_TEXT[r.status] }))) as unknown as StayRow[], STAY_COLUMNS, extra)
        : await reconciliationWorkbook({ summary: [], stays: neutraliseRows(rows), about: await describeExport(db, q, rules, await dataAsOf(db)) });
      return { content, rules, rows: rows.length };
    }
    if (minCount > 0) extra.Prikking = `tall under ${minCount} er prikket`;
    const { rows } = await published(db, q, minCount);
    const plain = asRows(rows);
    let content: string | Buffer;
    if (format === 'json') content = `${JSON.stringify(minCount > 0 ? rows : plain, null, 2)}\n`;
    else if (format === 'csv') content = toCsv(neutraliseRows(plain), RECONCILIATION_COLUMNS, extra);
    else {
      // A publication never carries per-stay rows; an analyst's workbook does, as `usk export` writes it.
      const detail = publication ? [] : neutraliseRows(await stays(db, q));
      const about = [...(await describeExport(db, q, rules, await dataAsOf(db))), ...(minCount > 0 ? [{ label: 'Prikking', value: extra.Prikking ?? '' }] : [])];
      content = await reconciliationWorkbook({ summary: neutraliseRows(plain), stays: detail, about });
    }
    return { content, rules, rows: rows.length };
  });
}

function exportRoute(kind: Kind) {
  return route({
    method: 'get', path: `/api/exports/${kind}`, tag: 'Eksport', role: 'analytiker',
    summary: kind === 'stays' ? 'Eksport av oppholdsdetaljer (CSV for norsk Excel, XLSX eller JSON)' : 'Eksport av avstemmingen (CSV for norsk Excel, XLSX eller JSON)',
    description: 'Som `usk export`. publisering=true prikker små tall (minst publicationMinCount) og utelater oppholdsdetaljer. Logges i revisjonsloggen.',
    query: ExportParams, response: z.string().describe('Filen'),
    produces: ['text/csv', TYPES.xlsx],
    auditRefused: 'export',
    handler: async ({ req, res, query, user, ctx }) => {
      if (kind === 'stays' && query.publisering) throw badRequest('Detaljer per opphold kan ikke eksporteres til publisering', [{ parameter: 'publisering', message: 'bare for avstemmingen', allowed: ['false'] }]);
      const q = toReconcileQuery(query);
      const minCount = effectiveMinCount(ctx.config.minCount, query.minCount, query.publisering ? ctx.config.publicationMinCount : 0);
      const out = await render(ctx, kind, q, query.format, minCount, query.publisering);
      const fileName = exportFileName(kind, q, out.rules.ruleSet, query.format, query.publisering);
      await audit(ctx, req, user, 'export', { target: fileName, filters: { ...q, format: query.format, publisering: query.publisering, minCount, rows: out.rows } });
      send(res, fileName, query.format, out.content);
      return handled;
    },
  });
}

function send(res: Response, fileName: string, format: Format, content: string | Buffer): void {
  res.attachment(fileName);
  res.setHeader('Cache-Control', 'no-store');
  res.type(TYPES[format]).send(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

export const exportRoutes = [exportRoute('reconciliation'), exportRoute('stays')];
