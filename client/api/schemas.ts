/**
 * Response shapes the browser reads. The figure endpoints reuse the server's zod schemas
 * (server/schemas.ts → pipelines/query/contract.ts); /api/meta and the quality listings are declared
 * inside server/routes/meta.ts next to DuckDB imports, so their shapes are mirrored here (loosely:
 * extra fields from a newer server are tolerated).
 */
import { z } from 'zod';
import { RuleSet } from '../../pipelines/query/contract.ts';

export {
  FindingsResponse, MonthFactsResponse, Problem, ReconciliationResponse, RuleSetsResponse, SeriesResponse, StayDaysResponse, StaysResponse,
  UploadJobResponse, UploadListResponse,
} from '../../server/schemas.ts';
export type { PublishedRow } from '../../server/schemas.ts';
export type { MonthFactsResponse as MonthFactsData, PublishedMonthFact } from '../../server/queries/month-facts.ts';

export const Kommune = z.object({
  kommunenr: z.string(), navn: z.string(), current_nr: z.string(), current_navn: z.string(),
  valid_from: z.number().nullable(), valid_to: z.number().nullable(),
});
export type Kommune = z.infer<typeof Kommune>;

export const Meta = z.object({
  mode: z.enum(['demo', 'production']),
  /** The server's upload limit; a server that does not say gets no check before sending. */
  uploadMaxBytes: z.number().optional(),
  cacheVersion: z.string(),
  dataVersion: z.number(),
  months: z.array(z.string()),
  years: z.array(z.number()),
  kommuner: z.array(Kommune),
  fagomrader: z.array(z.string()),
  ruleSets: z.array(RuleSet),
  asOf: z.object({ periods: z.string().nullable(), events: z.string().nullable(), invoices: z.string().nullable() }),
  /** Whether the notebooks (/notebooks/) are built; a server that does not say is taken to have them. */
  notebooks: z.boolean().optional(),
});
export type Meta = z.infer<typeof Meta>;

/** POST /api/rulesets answers with the saved rule set (new id, or a new version of an own one). */
export const RuleSetSaved = RuleSet;

export const Batches = z.object({
  batches: z.array(z.object({
    batch_id: z.number(), file_name: z.string(), profile: z.string(), rows_read: z.number(), rows_loaded: z.number(),
    rows_rejected: z.number(), warnings: z.number(),
    /** The export's as-of (local 'YYYY-MM-DDTHH:MM:SS'): which of overlapping exports is newest. */
    as_of: z.string().nullable().optional(),
  }).loose()),
});
export const Rejects = z.object({
  rejects: z.array(z.object({
    batch_id: z.number(), file_name: z.string(), line: z.number().nullable(), column_name: z.string().nullable(),
    value: z.string().nullable(), reason: z.string(),
  })),
});
export const Coverage = z.object({
  coverage: z.array(z.object({ source: z.enum(['dips', 'hnlis', 'faktura']), month: z.string(), rows: z.number(), stays: z.number() })),
});
export const Session = z.object({
  mode: z.enum(['demo', 'production']).optional(),
  csrfToken: z.string().optional(),
  user: z.object({ id: z.string(), name: z.string(), role: z.enum(['leser', 'analytiker', 'admin']) }).nullable().optional(),
  /** Which ways of signing in the server offers (production). */
  login: z.object({ local: z.boolean(), oidc: z.boolean() }).optional(),
}).loose();
export type Session = z.infer<typeof Session>;
export const SignedOut = z.object({ ok: z.literal(true) });
export const UploadJob = z.object({ id: z.string().or(z.number()), status: z.string() }).loose();
