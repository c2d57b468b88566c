/**
 * Parameter and response schemas of the HTTP API. Query strings arrive as text, so booleans and
 * numbers are parsed here; everything else reuses the query layer's contract (pipelines/query).
 * Objects are strict: an unknown parameter is a 400, never silently ignored.
 */
import { z } from 'zod';
import {
  BRIDGE_CATEGORIES,
  DayCategory,
  DEFAULT_RULE_SET,
  FagomradeFilter,
  Metadata,
  Finding,
  Kommunenr,
  ReconcileQuery,
  ReconciliationRow,
  RuleParams,
  RuleSet,
  StayDay,
  StayRow,
  YearMonth,
} from '../pipelines/query/contract.ts';
import { containsFodselsnummer } from '../pipelines/db/errors.ts';
import { IngestProgress, IngestResult } from '../pipelines/load/result.ts';
import { Role } from './auth/roles.ts';

export const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const queryInt = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'forventet et heltall').transform(Number).pipe(z.number().int().min(min).max(max));
const QueryHours = z
  .string()
  .regex(/^\d+([.,]\d+)?$/, 'forventet et tall (timer)')
  .transform((v) => Number(v.replace(',', '.')))
  .pipe(z.number().min(0).max(24));
export const IsoDate = z.iso.date('forventet ÅÅÅÅ-MM-DD');

/** Numeric reconciliation columns, in bridge order. */
export const MEASURES = [
  'registrert', ...BRIDGE_CATEGORIES, 'timebasert', 'timer', 'fakturert', 'differanse', 'belop', 'forventet_belop',
] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const fromBeforeToIssue = { message: '"to" må være samme måned som eller etter "from"', path: ['to'] };

/** Free text that others will read: a fødselsnummer in it is refused, never stored. */
const NO_FNR = 'ser ut til å inneholde et fødselsnummer; skriv teksten uten det';
const freeText = (max: number) => z.string().trim().min(1).max(max).refine((t) => !containsFodselsnummer(t), NO_FNR);

/** A rule set's id (a slug as RuleSet.id), or id@version for an older version (as `usk export --rules`). */
const RuleSetRef = z.string().regex(/^[a-z0-9-]{1,40}(@\d{1,6})?$/, 'regelsett-ID: små bokstaver, siffer og bindestrek (ev. @versjon)');

const ReconcileBase = z.strictObject({
  ...ReconcileQuery.shape,
  rules: RuleSetRef.default(DEFAULT_RULE_SET),
  firstDayFree: QueryBool.optional(),
  minHours: QueryHours.optional(),
  /** Small-number suppression for this request; never below the server's configured minimum. */
  minCount: queryInt(0, 1000).optional(),
});
export const ReconcileParams = ReconcileBase.refine(fromBeforeTo, fromBeforeToIssue);
export type ReconcileParams = z.output<typeof ReconcileParams>;

export const SeriesParams = z
  .strictObject({ ...ReconcileBase.shape, measure: Measure.default('betalbar') })
  .refine(fromBeforeTo, fromBeforeToIssue);

export const StaysParams = z
  .strictObject({ ...ReconcileBase.shape, limit: queryInt(1, 100_000).default(10_000) })
  .refine(fromBeforeTo, fromBeforeToIssue);

export const ExportParams = z
  .strictObject({
    ...ReconcileBase.shape,
    format: z.enum(['csv', 'xlsx', 'json']).default('csv'),
    /** "Til publisering": suppression at the publication minimum, whatever minCount says. */
    publisering: QueryBool.default(false),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

/** The workbook's per-line sheets as files of their own (pipelines/export LINE_KINDS): one table, so CSV or JSON. */
export const LineExportParams = z
  .strictObject({
    ...ReconcileBase.shape,
    format: z.enum(['csv', 'json']).default('csv').describe('Som XLSX er radene et ark i avstemmingens arbeidsbok'),
    /** Accepted so that it is refused with a reason: per-line rows are never published. */
    publisering: QueryBool.default(false),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

// The pipeline refuses a stay id that looks like a fødselsnummer, so no stay has one: one asked for is a mistake, and is not echoed.
export const StayId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'ugyldig opphold-ID').refine((id) => !containsFodselsnummer(id), 'ugyldig opphold-ID (ser ut som et fødselsnummer)');
export const StayIdParam = z.strictObject({ stayId: StayId });

const nullableMeasures = Object.fromEntries(
  MEASURES.map((m) => [m, z.number().nullable()]),
) as Record<Measure, z.ZodNullable<z.ZodNumber>>;

/** A reconciliation row after suppression: small cells are null and named in `prikket`. */
export const PublishedRow = z.strictObject({
  ...ReconciliationRow.shape,
  ...nullableMeasures,
  prikket: z.array(Measure).describe('Celler som er prikket (under minste antall)'),
});
export type PublishedRow = z.infer<typeof PublishedRow>;

export const BridgeStep = z.object({ step: z.enum([...DayCategory.options, 'registrert', 'fakturert', 'differanse']), days: z.number().nullable() });

export const Annotation = z.object({
  id: z.number(),
  dato: z.string(),
  kommunenr: z.string().nullable(),
  fagomrade: z.string().nullable(),
  text: z.string(),
  created_by: z.string().optional().describe('Hvem som skrev merknaden (bruker-id): bare for analytiker og admin (queries/annotations.ts seesAuthors)'),
  created_at: z.string(),
});
/** A note as the figures carry it, to every role alike: without its author. */
export const FigureNote = Annotation.omit({ created_by: true });

export const ReconciliationResponse = z.object({
  ruleSet: z.string(),
  minCount: z.number(),
  rows: z.array(PublishedRow),
  bridge: z.array(BridgeStep).describe('Fra registrerte til betalbare døgn for hele utvalget, hvert steg med fortegn: det som trekkes fra, er negativt. avvik_dips er radenes avvik_dips med motsatt fortegn (negativt når DIPS oppgir flere døgn enn hendelsene)'),
  annotations: z.array(FigureNote),
});

export const SeriesResponse = z.object({
  measure: Measure,
  ruleSet: z.string(),
  minCount: z.number(),
  points: z.array(
    z.object({ periode: z.string(), kommunenr: z.string(), kommune: z.string(), fagomrade: z.string(), value: z.number().nullable(), prikket: z.boolean() }),
  ),
  annotations: z.array(FigureNote),
});

/** Månedsoversikt: one month against the previous month and the same month last year. */
export const MonthFactsParams = z.strictObject({
  month: YearMonth, fagomrade: FagomradeFilter.default('alle'), kommune: Kommunenr.optional(), minCount: queryInt(0, 1000).optional(),
});
export { MonthFactsResponse, PublishedMonthFact } from './queries/month-facts.ts';

export const StaysResponse = z.object({ rows: z.array(StayRow), truncated: z.boolean() });
export const StayDaysResponse = z.object({ stayId: z.string(), days: z.array(StayDay) });
export const FindingsResponse = z.object({ findings: z.array(Finding) });

export const NewAnnotation = z.strictObject({
  dato: IsoDate,
  kommunenr: Kommunenr.nullable().default(null),
  fagomrade: z.enum(['somatikk', 'psykisk-helsevern', 'tsb']).nullable().default(null),
  text: freeText(2000),
});
export const AnnotationParams = z.strictObject({ kommune: Kommunenr.optional(), from: YearMonth.optional(), to: YearMonth.optional() });
export const AnnotationIdParam = z.strictObject({ id: z.string().regex(/^\d{1,9}$/, 'forventet et heltall').transform(Number) });

export const NewRuleSet = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'små bokstaver, siffer og bindestrek').refine((id) => !containsFodselsnummer(id), NO_FNR),
  name: freeText(120),
  params: RuleParams,
});
export const RuleSetsResponse = z.object({ ruleSets: z.array(RuleSet) });

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ parameter: z.string(), message: z.string(), allowed: z.array(z.string()).optional() })).optional(),
});

/**
 * An upload as the server answers for it (POST /api/uploads, GET /api/uploads/:id and the list):
 * its file as uploaded (identifiers masked), where its load is, and per file what `usk ingest
 * --json` says. Who sent it stays on the server (server/uploads/jobs.ts).
 */
export const UploadJobResponse = z.object({
  id: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  queuedAt: z.string(),
  finishedAt: z.string().nullable(),
  results: z.array(IngestResult).nullable(),
  error: z.string().nullable(),
  /** The pipeline's last progress report: phase and bytes read. */
  progress: IngestProgress.nullable(),
});
export type UploadJobResponse = z.infer<typeof UploadJobResponse>;
export const UploadListResponse = z.object({ uploads: z.array(UploadJobResponse) });

/** GET /api/meta: what the data hold (the query layer's Metadata) and how this server runs. */
export const MetaResponse = Metadata.extend({
  mode: z.enum(['demo', 'production']),
  /** The largest file POST /api/uploads takes (bytes): Last opp says so before sending a larger one. */
  uploadMaxBytes: z.number().int(),
  /** The HTTP cache version (changes on every upload or edit through this server). */
  cacheVersion: z.string(),
  notebooks: z.boolean().describe('Om notatbøkene er bygd fra denne databasen (npm run notebooks) og ligger under /notebooks/'),
});
export type MetaResponse = z.infer<typeof MetaResponse>;

/** One loaded file (server/queries/quality.ts). */
export const BatchRow = z.object({
  batch_id: z.number(),
  file_name: z.string(),
  profile: z.string(),
  kind: z.string(),
  encoding: z.string().nullable(),
  rows_read: z.number(),
  rows_loaded: z.number(),
  rows_rejected: z.number(),
  warnings: z.number(),
  /** The export's as-of (local 'YYYY-MM-DDTHH:MM:SS'): which of overlapping exports is newest. */
  as_of: z.string().nullable(),
  loaded_at: z.string(),
});
export type BatchRow = z.infer<typeof BatchRow>;
export const BatchesResponse = z.object({ batches: z.array(BatchRow) });

/** One reason a row was rejected: file, line, column, the value as it stood (identifiers masked). */
export const RejectRow = z.object({
  batch_id: z.number(), file_name: z.string(), line: z.number().nullable(), column_name: z.string().nullable(), value: z.string().nullable(), reason: z.string(),
  /** What identifies the row and what it held, as far as it could be read (identifiers masked); null for rejects loaded before it was kept. */
  row_summary: z.string().nullable(),
});
export type RejectRow = z.infer<typeof RejectRow>;
export const RejectsResponse = z.object({ rejects: z.array(RejectRow) });

export const WarningRow = z.object({ batch_id: z.number(), line: z.number().nullable(), column_name: z.string().nullable(), code: z.string(), message: z.string() });
export type WarningRow = z.infer<typeof WarningRow>;
export const WarningsResponse = z.object({ warnings: z.array(WarningRow) });

/** Which months each source has data for, so a missing monthly extract shows. */
export const CoverageRow = z.object({ source: z.enum(['dips', 'hnlis', 'faktura']), month: z.string().describe('ÅÅÅÅ-MM'), rows: z.number(), stays: z.number() });
export type CoverageRow = z.infer<typeof CoverageRow>;
export const CoverageResponse = z.object({ coverage: z.array(CoverageRow) });

/** GET /api/session and the answer to signing in. */
export const SessionResponse = z.object({
  mode: z.enum(['demo', 'production']),
  user: z.object({ id: z.string(), name: z.string(), role: Role }).nullable(),
  csrfToken: z.string().describe('Sendes i X-CSRF-Token på alle POST/PUT/DELETE'),
  login: z.object({ local: z.boolean(), oidc: z.boolean() }),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
export const SignedOutResponse = z.object({ ok: z.literal(true) });
