/** Admin edits: rule sets, annotations; and the audit log (admin only). */
import { z } from 'zod';
import { RuleSet } from '../../pipelines/query/contract.ts';
import { audit } from '../http/audit.ts';
import { notFound } from '../errors.ts';
import { createAnnotation, deleteAnnotation, listAnnotations, seesAuthors } from '../queries/annotations.ts';
import { readAudit } from '../queries/audit.ts';
import { saveRuleSet } from '../../pipelines/query/index.ts';
import { Annotation, AnnotationIdParam, AnnotationParams, IsoDate, NewAnnotation, NewRuleSet, queryInt } from '../schemas.ts';
import { route } from './registry.ts';

const AuditParams = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: z.string().regex(/^[a-z-]{1,40}$/).optional(),
  user: z.string().max(200).optional(),
  limit: queryInt(1, 10_000).default(500),
});

export const adminRoutes = [
  route({
    method: 'post', path: '/api/rulesets', tag: 'Regelsett', role: 'admin',
    conflict: 'Et forhåndsdefinert regelsett kan ikke endres (query/rules.ts saveRuleSet)',
    summary: 'Lag et regelsett, eller en ny versjon av et eksisterende (samme id)',
    body: NewRuleSet, response: RuleSet, status: 201,
    handler: async ({ req, body, user, ctx }) => {
      const saved = await ctx.pool.write((db) => saveRuleSet(db, body));
      ctx.version.bump();
      await audit(ctx, req, user, 'ruleset-save', { target: `ruleset:${saved.id}@${saved.version}`, filters: body.params });
      return saved;
    },
  }),
  route({
    method: 'get', path: '/api/annotations', tag: 'Merknader', role: 'leser',
    summary: 'Daterte merknader på en kommune eller på alle (vises i grafer og eksporter)',
    description: 'created_by (hvem som skrev merknaden) er med bare for analytiker og admin; en leser får merknadene uten.',
    query: AnnotationParams, response: z.object({ annotations: z.array(Annotation) }), send: { cache: true },
    // The answer differs by whether the reader sees authors: a leser must not be given an admin's cached one.
    cacheVariant: (_ctx, user) => (seesAuthors(user) ? 'forfattere' : ''),
    handler: async ({ query, user, ctx }) => ({ annotations: await ctx.pool.read((db) => listAnnotations(db, query, seesAuthors(user))) }),
  }),
  route({
    method: 'post', path: '/api/annotations', tag: 'Merknader', role: 'admin',
    summary: 'Ny merknad (kommunenr null = alle kommuner)',
    body: NewAnnotation, response: Annotation, status: 201,
    handler: async ({ req, body, user, ctx }) => {
      const row = await ctx.pool.write((db) => createAnnotation(db, body, user.id));
      ctx.version.bump();
      await audit(ctx, req, user, 'annotation-create', { target: `annotation:${row.id}` });
      return row;
    },
  }),
  route({
    method: 'delete', path: '/api/annotations/:id', tag: 'Merknader', role: 'admin',
    summary: 'Fjern en merknad (beholdes i historikken)',
    params: AnnotationIdParam, response: z.object({ deleted: z.number() }),
    handler: async ({ req, params, user, ctx }) => {
      const ok = await ctx.pool.write((db) => deleteAnnotation(db, params.id));
      if (!ok) throw notFound(`Merknad ${params.id} finnes ikke`);
      ctx.version.bump();
      await audit(ctx, req, user, 'annotation-delete', { target: `annotation:${params.id}` });
      return { deleted: params.id };
    },
  }),
  route({
    method: 'get', path: '/api/audit', tag: 'Revisjon', role: 'admin',
    summary: 'Revisjonsloggen: innlogginger, visninger per opphold, eksporter og opplastinger',
    query: AuditParams,
    // Reading the log is itself logged: it shows who looked at which patients' stays, when.
    audit: ({ req, query, user, ctx }) => audit(ctx, req, user, 'audit-read', { target: 'audit', filters: query }),
    response: z.object({ entries: z.array(z.object({ audit_id: z.number(), at: z.string(), user_id: z.string(), role: z.string().nullable(), action: z.string(), target: z.string().nullable(), filters: z.string().nullable(), client_ip: z.string().nullable(), outcome: z.string() })) }),
    handler: async ({ query, ctx }) => {
      await ctx.auditLog.flush(); // the journal's latest entries too
      return { entries: await ctx.pool.read((db) => readAudit(db, query)) };
    },
  }),
];
