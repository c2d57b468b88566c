/**
 * Exports over HTTP: the `usk export` files (pipelines/export; its CSV writer neutralises formula
 * injection for every door), with small-number suppression for exports marked "til publisering",
 * and a file name that says municipality, care area, period, grouping and rule set. Every export
 * is audited.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { exportData } from '../../pipelines/export/index.ts';
import type { EffectiveRules, ReconcileQuery } from '../../pipelines/query/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { published, toReconcileQuery } from '../queries/figures.ts';
import { effectiveMinCount } from '../queries/suppress.ts';
import { ExportParams } from '../schemas.ts';
import { handled, route } from './registry.ts';

type Kind = 'reconciliation' | 'stays';
type Format = 'csv' | 'xlsx' | 'json';
const TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * usk-avstemming_5501_somatikk_2022-01_2022-12_som-registrert_fakturagrunnlag-v2-tilpasset_publisering.csv,
 * ASCII only. Two downloads that differ in content differ in name: the care area when one is
 * asked for, the grouping when it is not today's municipalities, and «tilpasset» when the rule set's
 * parameters were overridden (the file itself says how: EffectiveRules.label).
 */
export function exportFileName(kind: Kind, q: ReconcileQuery, rules: Pick<EffectiveRules, 'ruleSet' | 'overrides'>, format: Format, publication: boolean): string {
  const period = q.from || q.to ? `${q.from ?? 'start'}_${q.to ?? 'slutt'}` : 'alle-perioder';
  const tuned = Object.keys(rules.overrides).length > 0 ? '-tilpasset' : '';
  const parts = [
    kind === 'stays' ? 'usk-opphold' : 'usk-avstemming', q.kommune ?? 'alle-kommuner', ...(q.fagomrade ? [q.fagomrade] : []), period,
    ...(q.group === 'registered' ? ['som-registrert'] : []), `${rules.ruleSet.id}-v${rules.ruleSet.version}${tuned}`,
  ];
  if (publication) parts.push('publisering');
  return `${parts.join('_')}.${format}`;
}

/**
 * Without suppression, exactly what `usk export` writes (pipelines/export), so the CLI through a
 * running server and a download from the dashboard are the same file. With it (an export "til
 * publisering", or a configured minimum), the aggregate with small numbers suppressed in SQL here,
 * laid out by the same exportData, and never per-stay rows in a publication.
 */
async function render(ctx: AppContext, kind: Kind, q: ReconcileQuery, format: Format, minCount: number, publication: boolean) {
  return ctx.pool.read(async (db) => {
    // A publication never carries per-stay rows, even when its minimum is 0 (publicationMinCount may be).
    if (kind === 'stays' || (minCount === 0 && !publication)) return exportData(db, kind, q, format);
    const note = minCount > 0 ? `tall under ${minCount} er prikket` : 'ingen tall er prikket (minste antall 0)';
    const { rows } = await published(db, q, minCount, { everyMonth: true });
    return exportData(db, kind, q, format, { rows, note, withStays: !publication });
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
      const fileName = exportFileName(kind, q, out.rules, query.format, query.publisering);
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
