/** Uploads (admin): one multipart file, size-limited, ingested through the pipeline; pollable. */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, HttpProblem, notFound, validationProblem } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { IsoDate, QueryBool } from '../schemas.ts';
import { route } from './registry.ts';
import { IngestResult } from '../../pipelines/load/ingest.ts';

const UploadFields = z.strictObject({
  profile: z.enum(['dips-usk', 'hnlis-hendelser', 'faktura']).optional(),
  asOf: z.union([IsoDate, z.iso.datetime({ local: true })]).optional(),
  strict: QueryBool.optional(),
});
const UploadQuery = z.strictObject({ wait: QueryBool.default(false) });

const Job = z.object({
  id: z.string(), fileName: z.string(), bytes: z.number(), status: z.enum(['queued', 'running', 'done', 'failed']),
  queuedAt: z.string(), finishedAt: z.string().nullable(), results: z.array(IngestResult).nullable(), error: z.string().nullable(),
  progress: z.object({ file: z.string(), phase: z.enum(['leser', 'validerer', 'laster', 'utleder']), bytes: z.number().optional(), total: z.number().optional() }).nullable(),
});
const publicJob = (j: z.infer<typeof Job> & { userId?: string }) => {
  // The staged path is the server's business; users know the file by the name they uploaded.
  const { userId: _u, ...rest } = j;
  return { ...rest, results: rest.results?.map((r) => ({ ...r, file: j.fileName })) ?? null };
};

/** Base name only, no path or control characters: the name is kept in the batch table. */
const safeName = (name: string) => name.replace(/^.*[\\/]/, '').replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'opplasting';

function receive(ctx: AppContext, req: Request, res: Response): Promise<Express.Multer.File> {
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => cb(null, mkdtempSync(join(ctx.uploadDir, 'u-'))),
      filename: (_req, file, cb) => cb(null, safeName(file.originalname)),
    }),
    limits: { fileSize: ctx.config.uploadMaxBytes, files: 1, fields: 5, fieldSize: 1024 },
  }).single('file');
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          reject(new HttpProblem(413, 'For stor fil', `Filen er større enn grensen på ${ctx.config.uploadMaxBytes} byte; ingenting er lastet.`));
        } else reject(badRequest(`Opplastingen ble avvist (${err.code}); send ett felt "file" som multipart/form-data.`));
        return;
      }
      if (err) return reject(err);
      if (!req.file) return reject(badRequest('Mangler filen: send den i feltet "file" (multipart/form-data).'));
      resolve(req.file);
    });
  });
}

export const uploadRoutes = [
  route({
    method: 'post', path: '/api/uploads', tag: 'Opplasting', role: 'admin', bodyType: 'multipart',
    summary: 'Last opp en eksportfil (multipart, felt "file"); innlesing i bakgrunnen, status kan polles',
    description: 'Valgfrie felt: profile, asOf, strict. Med ?wait=true svarer serveren først når filen er lest inn.',
    query: UploadQuery, response: Job, status: 202,
    handler: async ({ req, res, query, user, ctx }) => {
      const file = await receive(ctx, req, res);
      const fields = UploadFields.safeParse(req.body ?? {});
      if (!fields.success) throw validationProblem('body', fields.error);
      const { profile, asOf, strict } = fields.data;
      const opts = { maxBytes: ctx.config.uploadMaxBytes, ...(profile ? { profile } : {}), ...(asOf ? { asOf: asOf.replace('T', ' ') } : {}), ...(strict !== undefined ? { strict } : {}) };
      const job = ctx.uploads.start(file.path, file.originalname, file.size, user.id, opts);
      await audit(ctx, req, user, 'upload', { target: safeName(file.originalname), filters: { ...opts, bytes: file.size, job: job.id } });
      if (query.wait) return publicJob(await (ctx.uploads.wait(job.id) ?? Promise.resolve(job)));
      res.setHeader('Location', `/api/uploads/${job.id}`);
      return publicJob(job);
    },
  }),
  route({
    method: 'get', path: '/api/uploads/:id', tag: 'Opplasting', role: 'admin',
    summary: 'Status og resultat for en opplasting (som `usk ingest --json`)',
    params: z.strictObject({ id: z.uuid() }), response: Job,
    handler: async ({ params, ctx }) => {
      const job = ctx.uploads.get(params.id);
      if (!job) throw notFound(`Opplasting ${params.id} finnes ikke`);
      return publicJob(job);
    },
  }),
  route({
    method: 'get', path: '/api/uploads', tag: 'Opplasting', role: 'admin',
    summary: 'Siste opplastinger i denne serverøkten', response: z.object({ uploads: z.array(Job) }),
    handler: async ({ ctx }) => ({ uploads: ctx.uploads.list().map(publicJob) }),
  }),
];
