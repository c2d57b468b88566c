/** Uploads (admin): one multipart file, size-limited, ingested through the pipeline; pollable. */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { uploadTooLargeText } from '../../pipelines/format/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, HttpProblem, notFound, validationProblem } from '../errors.ts';
import { audit } from '../http/audit.ts';
import { QueryBool, UploadJobResponse, UploadListResponse } from '../schemas.ts';
import type { UploadJob } from '../uploads/jobs.ts';
import { route } from './registry.ts';
import { IngestOptions } from '../../pipelines/load/ingest.ts';
import { AsOfText } from '../../pipelines/load/result.ts';
import { maskIdentifiers } from '../../pipelines/db/errors.ts';

const UploadFields = z.strictObject({
  profile: IngestOptions.shape.profile,
  /** The worksheet of an .xlsx to read (default: the first). */
  sheet: z.string().trim().min(1).max(31).optional(),
  asOf: AsOfText.optional(),
  strict: QueryBool.optional(),
});
const UploadQuery = z.strictObject({ wait: QueryBool.default(false) });

const publicJob = (j: UploadJob): UploadJobResponse => {
  // The staged path is the server's business; users know the file by the name they uploaded.
  const { userId: _u, ...rest } = j;
  return { ...rest, results: rest.results?.map((r) => ({ ...r, file: j.fileName })) ?? null };
};

/**
 * The uploaded file's name as the server keeps and shows it: a fødselsnummer in it ("epikrise
 * 07905049806.csv", also 2+2+2+5 or 10 digits as the pipeline masks batch.file_name) masked where
 * it enters, before anything else sees it.
 */
const maskedName = (file: Express.Multer.File) => maskIdentifiers(file.originalname);
/** Base name only, no path or control characters: the name is kept in the batch table. */
const safeName = (name: string) => name.replace(/^.*[\\/]/, '').replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'opplasting';

/** Why demo mode refuses uploads, in the user's words (Last opp says it in its own before sending: client/views/upload.ts). */
const DEMO_REFUSAL = 'Serveren kjører i demomodus, uten innlogging, og tar ikke imot filer: det som lastes inn, ville vært åpent '
  + 'for alle som når serveren. Les egne filer inn i en egen database (usk ingest --db …) og start serveren med innlogging (se README).';

/** staged: each folder made for the file, for the caller to remove when no job takes it over. */
function receive(ctx: AppContext, req: Request, res: Response, staged: string[]): Promise<Express.Multer.File> {
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        const dir = mkdtempSync(join(ctx.uploadDir, 'u-'));
        staged.push(dir);
        cb(null, dir);
      },
      // Masked before safeName, which would turn a no-break space or an en dash between 6 + 5 digits into "_".
      filename: (_req, file, cb) => cb(null, safeName(maskedName(file))),
    }),
    limits: { fileSize: ctx.config.uploadMaxBytes, files: 1, fields: 5, fieldSize: 1024 },
    // Browsers send the file name as UTF-8; read as latin1 (busboy's default) "Tromsø" came out garbled
    // and a no-break space or en dash between 6 + 5 digits as two or three characters the mask does not know.
    defParamCharset: 'utf8',
  }).single('file');
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          reject(new HttpProblem(413, 'For stor fil', uploadTooLargeText(ctx.config.uploadMaxBytes)));
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
    method: 'post', path: '/api/uploads', tag: 'Opplasting', role: 'admin', bodyType: 'multipart', multipartFields: UploadFields,
    summary: 'Last opp en eksportfil (multipart, felt "file"); innlesing i bakgrunnen, status kan polles',
    description: 'Valgfrie felt: profile, sheet, asOf, strict. Med ?wait=true svarer serveren først når filen er lest inn. '
      + 'I demomodus (ingen innlogging) tas ingen filer imot: det som lastes inn, ville vært åpent for alle.',
    query: UploadQuery, response: UploadJobResponse, status: 202,
    handler: async ({ req, res, query, user, ctx }) => {
      // Demo mode serves without sign-in: a real export loaded here would be open to anyone who
      // reaches the server. Its own data are loaded at start (pipelines/demo/ensure.ts), never uploaded.
      if (ctx.mode === 'demo') throw new HttpProblem(403, 'Demomodus tar ikke imot filer', DEMO_REFUSAL);
      const staged: string[] = [];
      let job: UploadJob | undefined;
      try {
        const file = await receive(ctx, req, res, staged);
        const fields = UploadFields.safeParse(req.body ?? {});
        if (!fields.success) throw validationProblem('body', fields.error);
        const { profile, sheet, asOf, strict } = fields.data;
        const opts = { maxBytes: ctx.config.uploadMaxBytes, ...(profile ? { profile } : {}), ...(sheet ? { sheet } : {}), ...(asOf ? { asOf } : {}), ...(strict !== undefined ? { strict } : {}) };
        const fileName = maskedName(file);
        job = ctx.uploads.start(file.path, fileName, file.size, user.id, opts);
        await audit(ctx, req, user, 'upload', { target: safeName(fileName), filters: { ...opts, bytes: file.size, job: job.id } });
      } finally {
        // A refused request (invalid fields, too large, no file) leaves nothing staged; a started job removes its own folder.
        if (!job) await Promise.all(staged.map((dir) => rm(dir, { recursive: true, force: true })));
      }
      if (query.wait) return publicJob(await (ctx.uploads.wait(job.id) ?? Promise.resolve(job)));
      res.setHeader('Location', `/api/uploads/${job.id}`);
      return publicJob(job);
    },
  }),
  route({
    method: 'get', path: '/api/uploads/:id', tag: 'Opplasting', role: 'admin',
    summary: 'Status og resultat for en opplasting (som `usk ingest --json`)',
    params: z.strictObject({ id: z.uuid() }), response: UploadJobResponse,
    handler: async ({ params, ctx }) => {
      const job = ctx.uploads.get(params.id);
      if (!job) throw notFound(`Opplasting ${params.id} finnes ikke`);
      return publicJob(job);
    },
  }),
  route({
    method: 'get', path: '/api/uploads', tag: 'Opplasting', role: 'admin',
    summary: 'De siste 200 opplastingene, også fra før serveren sist startet', response: UploadListResponse,
    handler: async ({ ctx }) => ({ uploads: ctx.uploads.list().map(publicJob) }),
  }),
];
