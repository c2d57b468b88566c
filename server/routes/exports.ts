/**
 * Exports over HTTP: the `usk export` files (pipelines/export; its CSV writer neutralises formula
 * injection for every door), with small-number suppression for exports marked "til publisering"
 * (queries/exports.ts, which `usk export --publisering` uses too), and a file name that says
 * municipality, care area, period, grouping and rule set. Every export is audited.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { collectSnapshot, DEFAULT_MIN_HOURS, MinHoursList, SnapshotTransfer, toTransfer } from '../../pipelines/export/snapshot.ts';
import type { EffectiveRules, ReconcileQuery } from '../../pipelines/query/index.ts';
import { badRequest } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { prepareDaysExport } from '../../pipelines/export/days.ts';
import { isLineKind, type LineKind } from '../../pipelines/export/index.ts';
import { NOT_PUBLISHED, renderExport } from '../queries/exports.ts';
import { toReconcileQuery } from '../queries/figures.ts';
import { effectiveMinCount } from '../queries/suppress.ts';
import { jsonExport } from '../../pipelines/export/json.ts';
import { ReconciliationRow, StayRow } from '../../pipelines/query/contract.ts';
import { InvoiceLine } from '../../pipelines/query/invoice-lines.ts';
import { RejectedRow } from '../../pipelines/query/rejected.ts';
import { ExportParams, LineExportParams, PublishedRow } from '../schemas.ts';
import { handled, route } from './registry.ts';

const DAYS_NOT_PUBLISHED = 'Døgn per opphold kan ikke eksporteres til publisering';

type Kind = 'reconciliation' | 'stays' | 'days' | 'invoices' | 'rejects';
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
    { stays: 'usk-opphold', days: 'usk-dogn', reconciliation: 'usk-avstemming', invoices: 'usk-fakturalinjer', rejects: 'usk-avviste-rader' }[kind], q.kommune ?? 'alle-kommuner', ...(q.fagomrade ? [q.fagomrade] : []), period,
    ...(q.group === 'registered' ? ['som-registrert'] : []), `${rules.ruleSet.id}-v${rules.ruleSet.version}${tuned}`,
  ];
  if (publication) parts.push('publisering');
  return `${parts.join('_')}.${format}`;
}

const SUMMARY: Record<Exclude<Kind, 'days'>, string> = {
  reconciliation: 'Eksport av avstemmingen (CSV for norsk Excel, XLSX eller JSON)',
  stays: 'Eksport av oppholdsdetaljer (CSV for norsk Excel, XLSX eller JSON)',
  invoices: 'Eksport av fakturalinjene i utvalget (CSV for norsk Excel eller JSON): arbeidsbokens ark «Fakturalinjer»',
  rejects: 'Eksport av radene i utvalget som ikke ble lastet (CSV for norsk Excel eller JSON): arbeidsbokens ark «Avviste rader»',
};

const PLAIN_DESCRIPTION = 'Som `usk export`. Uten `to`: til og med siste hele måned. publisering=true prikker små tall (minst publicationMinCount) og utelater oppholdsdetaljer. JSON er et objekt med regelsett, data per, utvalg, dataversjon og radene. Logges i revisjonsloggen.';

/**
 * The per-line files: the same rows and columns as the workbook's sheets, for the analyst who may
 * have the workbook (analytiker), and never in a publication (the publication's workbook has neither sheet).
 */
const LINE_DESCRIPTION: Record<LineKind, string> = {
  invoices: 'Som `usk export invoices`: hver fakturalinje i utvalget slik den ble lastet (kommunen under valgt gruppering, fagområde, måneden Fra dato ligger i), med nasjonal døgnpris og avviket beløp − døgn × pris; kolonnene som i XLSX-arket «Fakturalinjer». '
    + 'Én rad per linje: `by` har ingen virkning. Uten `to`: til og med siste hele måned. Aldri prikket; publisering=true avvises (400). Logges i revisjonsloggen.',
  rejects: 'Som `usk export rejects`: radene som ikke ble lastet, etter sin egen kommune (som registrert, under valgt gruppering) og måned i utvalget, uansett fagområde; kolonnene som i XLSX-arket «Avviste rader», fødselsnumre og andre identifikatorer maskert. '
    + 'Rader uten lesbar kommune eller måned telles i kolonnen «Avviste rader» (de står i Datakvalitet). Én rad per avvist verdi: `by` har ingen virkning. Uten `to`: til og med siste hele måned. Aldri prikket; publisering=true avvises (400). Logges i revisjonsloggen.',
};

function exportRoute(kind: Exclude<Kind, 'days'>) {
  const line = isLineKind(kind);
  const row = { reconciliation: z.union([ReconciliationRow, PublishedRow]), stays: StayRow, invoices: InvoiceLine, rejects: RejectedRow.omit({ batch: true }) }[kind];
  return route({
    method: 'get', path: `/api/exports/${kind}`, tag: 'Eksport', role: 'analytiker',
    summary: SUMMARY[kind],
    description: line ? LINE_DESCRIPTION[kind] : PLAIN_DESCRIPTION,
    // The JSON file's shape (format=json); CSV and XLSX are the other content types.
    query: line ? LineExportParams : ExportParams, response: jsonExport(row).describe('Filen; som JSON et objekt med radene'),
    produces: line ? ['text/csv'] : ['text/csv', TYPES.xlsx],
    auditRefused: 'export',
    handler: async ({ req, res, query, user, ctx }) => {
      if (kind !== 'reconciliation' && query.publisering) {
        throw badRequest(NOT_PUBLISHED[kind], [{ parameter: 'publisering', message: 'bare for avstemmingen', allowed: ['false'] }]);
      }
      const minCount = effectiveMinCount(ctx.config.minCount, query.minCount, query.publisering ? ctx.config.publicationMinCount : 0);
      const out = await ctx.pool.read((db) => renderExport(db, kind, toReconcileQuery(query), query.format, { minCount, publication: query.publisering }));
      // Named and audited by the months it covers: without an end month, the last complete one.
      const fileName = exportFileName(kind, out.query, out.rules, query.format, query.publisering);
      await audit(ctx, req, user, 'export', {
        target: fileName,
        filters: { ...out.query, format: query.format, publisering: query.publisering, minCount, rows: out.rows, ...(out.sheets ? { sheets: out.sheets } : {}) },
      });
      send(res, fileName, query.format, out.content);
      return handled;
    },
  });
}

/** A download's headers: its file name, never cached (the file may hold per-stay rows), its type. */
function fileHeaders(res: Response, fileName: string, format: Format): void {
  res.attachment(fileName);
  res.setHeader('Cache-Control', 'no-store');
  res.type(TYPES[format]);
}

function send(res: Response, fileName: string, format: Format, content: string | Buffer): void {
  fileHeaders(res, fileName, format);
  res.send(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

/**
 * The notebooks' snapshot (pipelines/export/snapshot.ts) from the database this server owns: what
 * `usk export snapshot` and `npm run notebooks` fetch while it runs, since no other process can open
 * the file. Unsuppressed aggregates, as the notebooks show them: the role that may export.
 */
const snapshotRoute = route({
  method: 'get', path: '/api/exports/snapshot', tag: 'Eksport', role: 'analytiker',
  summary: 'Øyeblikksbilde for notatbøkene (som `usk export snapshot`)',
  description: 'Filene i øyeblikksbildet (Arrow IPC og JSON) base64-kodet, med databasens id og dataversjon i snapshot.json. Logges i revisjonsloggen.',
  query: z.strictObject({ minHours: MinHoursList.optional().describe('Timeterskler å sammenligne, kommaseparert (standard 4,6,8,12)') }),
  response: SnapshotTransfer,
  auditRefused: 'export',
  handler: async ({ req, res, query, user, ctx }) => {
    const minHours = query.minHours ?? [...DEFAULT_MIN_HOURS];
    const { meta, files } = await ctx.pool.read((db) => collectSnapshot(db, { minHours }));
    await audit(ctx, req, user, 'export', { target: 'øyeblikksbilde', filters: { minHours, dataVersion: meta.dataVersion, rows: meta.rows } });
    res.setHeader('Cache-Control', 'no-store');
    res.json(toTransfer(files));
    return handled;
  },
});

/**
 * One row per stay × date (pipelines/export/days.ts), as `usk export days`. Never suppressed (each
 * row is one stay's date); a publication refuses it as it refuses the stays. Written to the response
 * as DuckDB reads it (~7 million rows nationally), holding one read connection until the file is
 * sent; XLSX is refused over one sheet's 1 048 575 rows before anything is sent.
 */
const daysRoute = route({
  method: 'get', path: '/api/exports/days', tag: 'Eksport', role: 'analytiker',
  summary: 'Eksport av hvert USK-døgn per opphold (CSV for norsk Excel, XLSX eller JSON)',
  description: 'Som `usk export days`: én rad per opphold × dato med kategori, USK-timer, timer i betalingsvinduet og periodens tidspunkter (lokal tid). Uten `to`: til og med siste hele måned. Aldri prikket; publisering=true avvises. XLSX høyst 1 048 575 rader. Logges i revisjonsloggen.',
  query: ExportParams, response: jsonExport(z.record(z.string(), z.unknown()).describe('Én rad per opphold × dato (kolonnene som i CSV-filen)')).describe('Filen; som JSON et objekt med radene'),
  produces: ['text/csv', TYPES.xlsx],
  auditRefused: 'export',
  handler: async ({ req, res, query, user, ctx }) => {
    if (query.publisering) throw badRequest(DAYS_NOT_PUBLISHED, [{ parameter: 'publisering', message: 'bare for avstemmingen', allowed: ['false'] }]);
    // One transaction: an upload committed meanwhile cannot make the rows written differ from the
    // rows counted (the XLSX limit, the audit entry's count).
    await ctx.pool.read((db) => db.transaction(async () => {
      const out = await prepareDaysExport(db, toReconcileQuery(query), query.format);
      const fileName = exportFileName('days', out.query, out.rules, query.format, false);
      await audit(ctx, req, user, 'export', { target: fileName, filters: { ...out.query, format: query.format, rows: out.rows } });
      fileHeaders(res, fileName, query.format);
      try {
        await out.write(res, { stallMs: ctx.config.exportStallSeconds * 1000 });
      } catch (e) {
        // Headers are sent: the client must see a broken download, not a short file that looks whole.
        res.destroy(e as Error);
        throw e;
      }
      res.end();
    }));
    return handled;
  },
});

export const exportRoutes = [exportRoute('reconciliation'), exportRoute('stays'), exportRoute('invoices'), exportRoute('rejects'), daysRoute, snapshotRoute];
