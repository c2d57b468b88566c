/** Metadata for pickers, data-quality listings, health probes. */
import { z } from 'zod';
import { listRuleSets, metadata } from '../../pipelines/query/index.ts';
import { coverage, listBatches, listRejects, listWarnings } from '../queries/quality.ts';
import { BatchesResponse, CoverageResponse, MetaResponse, queryInt, RejectsResponse, RuleSetsResponse, WarningsResponse } from '../schemas.ts';
import { notebooksServable, notebooksState } from '../notebooks.ts';
import { audit } from '../http/audit.ts';
import { route } from './registry.ts';

const BatchId = z.strictObject({ batch: queryInt(1, 2 ** 31 - 1).optional(), limit: queryInt(1, 100_000).default(1000) });

export const metaRoutes = [
  route({
    method: 'get', path: '/api/meta', tag: 'Metadata', role: 'leser',
    summary: 'Perioder med data, kommuner (nåværende og historiske nummer), fagområder, regelsett, data per kilde',
    response: MetaResponse, send: { cache: true }, cacheVariant: notebooksState,
    handler: async ({ ctx }) => ({ mode: ctx.mode, uploadMaxBytes: ctx.config.uploadMaxBytes, cacheVersion: ctx.version.current, notebooks: notebooksServable(ctx.databaseId), ...(await ctx.pool.read(metadata)) }),
  }),
  route({
    method: 'get', path: '/api/quality/batches', tag: 'Datakvalitet', role: 'leser',
    summary: 'Innleste filer (batcher) med antall lest, lastet og avvist',
    response: BatchesResponse,
    send: { cache: true },
    handler: async ({ ctx }) => ({ batches: await ctx.pool.read(listBatches) }),
  }),
  route({
    method: 'get', path: '/api/quality/rejects', tag: 'Datakvalitet', role: 'analytiker',
    summary: 'Avviste rader med fil, linje, kolonne, verdi (pasientkolonner maskert) og grunn',
    query: BatchId,
    description: 'Radnivå (verdiene slik de sto i filen): hver visning logges i revisjonsloggen.',
    response: RejectsResponse,
    send: { cache: 'server' },
    auditRefused: 'stay-view',
    audit: ({ req, query, user, ctx }) => audit(ctx, req, user, 'stay-view', { target: 'quality:rejects', filters: { batch: query.batch ?? null, limit: query.limit } }),
    handler: async ({ query, ctx }) => ({ rejects: await ctx.pool.read((db) => listRejects(db, query.batch, query.limit)) }),
  }),
  route({
    method: 'get', path: '/api/quality/warnings', tag: 'Datakvalitet', role: 'analytiker',
    summary: 'Advarsler fra innlesingen (lastet, men verdt en titt)',
    query: BatchId,
    description: 'Radnivå (linje og kolonne i filen): hver visning logges i revisjonsloggen.',
    response: WarningsResponse,
    send: { cache: 'server' },
    auditRefused: 'stay-view',
    audit: ({ req, query, user, ctx }) => audit(ctx, req, user, 'stay-view', { target: 'quality:warnings', filters: { batch: query.batch ?? null, limit: query.limit } }),
    handler: async ({ query, ctx }) => ({ warnings: await ctx.pool.read((db) => listWarnings(db, query.batch, query.limit)) }),
  }),
  route({
    method: 'get', path: '/api/quality/coverage', tag: 'Datakvalitet', role: 'leser',
    summary: 'Hvilke måneder hver kilde (DIPS, HN-LIS, faktura) har data for',
    response: CoverageResponse,
    send: { cache: true },
    handler: async ({ ctx }) => ({ coverage: await ctx.pool.read(coverage) }),
  }),
  route({
    method: 'get', path: '/api/rulesets', tag: 'Regelsett', role: 'leser',
    summary: 'Regelsett (forhåndsvalg og egne), med versjon og parametre',
    response: RuleSetsResponse, send: { cache: true },
    handler: async ({ ctx }) => {
      return { ruleSets: await ctx.pool.read(listRuleSets) };
    },
  }),
];
