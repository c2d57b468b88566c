/** Reconciliation figures: table + bridge, time series, per-stay detail, a stay's days, findings. */
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { audit } from '../http/audit.ts';
import { listAnnotations } from '../queries/annotations.ts';
import { bridge, reconciliation, toReconcileQuery, toSeries } from '../queries/figures.ts';
import { findings, monthFacts, stayDays, stays } from '../../pipelines/query/index.ts';
import { effectiveMinCount } from '../queries/suppress.ts';
import { publishMonthFacts } from '../queries/month-facts.ts';
import {
  FindingsResponse, MonthFactsParams, MonthFactsResponse, ReconcileParams, ReconciliationResponse, SeriesParams, SeriesResponse, StayDaysResponse, StayIdParam,
  StaysParams, StaysResponse, type PublishedRow,
} from '../schemas.ts';
import { route } from './registry.ts';

// Without their authors: these answers are cached once for every role (queries/annotations.ts seesAuthors).
const notes = (ctx: AppContext, q: { kommune?: string | undefined; from?: string | undefined; to?: string | undefined }) =>
  ctx.pool.read((db) => listAnnotations(db, q, false));

/** The reconciliation behind /api/reconciliation and /api/series, with its minCount and annotations. */
async function reconciledWithNotes(ctx: AppContext, query: Parameters<typeof toReconcileQuery>[0] & { minCount?: number | undefined }) {
  const minCount = effectiveMinCount(ctx.config.minCount, query.minCount);
  const [result, annotations] = await Promise.all([reconciliation(ctx.pool, toReconcileQuery(query), minCount), notes(ctx, query)]);
  return { ...result, minCount, annotations };
}

export const figureRoutes = [
  route({
    method: 'get', path: '/api/reconciliation', tag: 'Avstemming', role: 'leser',
    summary: 'Avstemmingstabell og bro fra registrerte til betalbare og fakturerte døgn',
    description: 'Én rad per kommune × periode × fagområde. Små tall prikkes (null) når minCount > 0.',
    query: ReconcileParams, response: ReconciliationResponse,
    produces: ['application/vnd.apache.arrow.stream'],
    send: { cache: true, arrow: (d: z.infer<typeof ReconciliationResponse>) => d.rows.map(({ prikket, ...r }) => ({ ...r, prikket: prikket.join(',') })) },
    handler: async ({ query, ctx }) => {
      const { rows, total, ruleSetLabel, minCount, annotations } = await reconciledWithNotes(ctx, query);
      return { ruleSet: ruleSetLabel, minCount, rows, bridge: bridge(total), annotations };
    },
  }),
  route({
    method: 'get', path: '/api/series', tag: 'Avstemming', role: 'leser',
    summary: 'Tidsserie for ett mål i avstemmingen per kommune, måned/år og fagområde',
    query: SeriesParams, response: SeriesResponse,
    produces: ['application/vnd.apache.arrow.stream'],
    send: { cache: true, arrow: (d: z.infer<typeof SeriesResponse>) => d.points },
    handler: async ({ query, ctx }) => {
      const { rows, ruleSetLabel, minCount, annotations } = await reconciledWithNotes(ctx, query);
      return { measure: query.measure, ruleSet: ruleSetLabel, minCount, points: toSeries(rows, query.measure), annotations };
    },
  }),
  route({
    method: 'get', path: '/api/month-facts', tag: 'Avstemming', role: 'leser',
    summary: 'Månedsoversikt: opphold, pasienter, pasienter USK nå og median USK-lengde, mot forrige måned og samme måned i fjor',
    description: 'Pasienter USK nå = USK-perioder som er åpne ved utgangen av måneden, eller ved HN-LIS-uttrekkets tidspunkt (asOf, det samme som asOf.events i /api/meta) om det er tidligere. '
      + 'Median USK-lengde = median av registrerte døgn for perioder som ble avsluttet i måneden (null når ingen ble avsluttet). '
      + 'Små tall prikkes (null) når minCount > 0.',
    query: MonthFactsParams, response: MonthFactsResponse, send: { cache: true },
    handler: async ({ query, ctx }) => {
      const { minCount: requested, ...q } = query;
      const minCount = effectiveMinCount(ctx.config.minCount, requested);
      return publishMonthFacts(await ctx.pool.read((db) => monthFacts(db, q)), minCount);
    },
  }),
  route({
    method: 'get', path: '/api/stays', tag: 'Detaljer', role: 'analytiker',
    summary: 'Opphold bak avstemmingen, med døgn per kategori (bare pseudonyme ID-er)',
    description: 'Hver visning logges i revisjonsloggen.',
    query: StaysParams, response: StaysResponse,
    produces: ['application/vnd.apache.arrow.stream'],
    send: { cache: 'server', arrow: (d: z.infer<typeof StaysResponse>) => d.rows },
    auditRefused: 'stay-view',
    audit: ({ req, query, user, ctx }) => audit(ctx, req, user, 'stay-view', { target: 'stays', filters: { ...toReconcileQuery(query), limit: query.limit } }),
    handler: async ({ query, ctx }) => {
      const q = toReconcileQuery(query);
      // One row more than asked for says whether there were more, without reading them all.
      const rows = await ctx.pool.read((db) => stays(db, q, { limit: query.limit + 1 }));
      return { rows: rows.slice(0, query.limit), truncated: rows.length > query.limit };
    },
  }),
  route({
    method: 'get', path: '/api/stays/:stayId/days', tag: 'Detaljer', role: 'analytiker',
    summary: 'Ett oppholds døgn med kategori, timer og hendelser',
    params: StayIdParam, query: ReconcileParams, response: StayDaysResponse,
    send: { cache: 'server' },
    auditRefused: 'stay-view',
    audit: ({ req, query, params, user, ctx }) => audit(ctx, req, user, 'stay-view', { target: `stay:${params.stayId}`, filters: toReconcileQuery(query) }),
    handler: async ({ query, params, ctx }) => {
      const q = toReconcileQuery(query);
      return { stayId: params.stayId, days: await ctx.pool.read((db) => stayDays(db, params.stayId, q)) };
    },
  }),
  route({
    method: 'get', path: '/api/quality/findings', tag: 'Datakvalitet', role: 'analytiker',
    summary: 'Funn i datakvaliteten (avvik mot DIPS, nullengde perioder, hendelser utenfor periode …)',
    description: 'Funnene nevner opphold (stay_id): hver visning logges i revisjonsloggen.',
    response: FindingsResponse, send: { cache: 'server' },
    auditRefused: 'stay-view',
    audit: ({ req, user, ctx }) => audit(ctx, req, user, 'stay-view', { target: 'quality:findings' }),
    handler: async ({ ctx }) => {
      return { findings: await ctx.pool.read((db) => findings(db)) };
    },
  }),
];

export type { PublishedRow };
