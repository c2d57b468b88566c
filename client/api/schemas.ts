/**
 * Response shapes the browser reads: the server's own zod schemas (server/schemas.ts, built on
 * pipelines/query/contract.ts), so a change to an answer is a change to what the client checks.
 */
import { RuleSet } from '../../pipelines/query/contract.ts';

export {
  FindingsResponse, MonthFactsResponse, Problem, ReconciliationResponse, RuleSetsResponse, SeriesResponse, StayDaysResponse, StaysResponse,
  UploadJobResponse, UploadListResponse,
  BatchesResponse as Batches, CoverageResponse as Coverage, RejectsResponse as Rejects,
  MetaResponse as Meta, SessionResponse as Session, SignedOutResponse as SignedOut,
} from '../../server/schemas.ts';
export type { PublishedRow } from '../../server/schemas.ts';
export type { MonthFactsResponse as MonthFactsData, PublishedMonthFact } from '../../server/queries/month-facts.ts';
export type { KommuneMeta as Kommune } from '../../pipelines/query/contract.ts';

/** POST /api/rulesets answers with the saved rule set (new id, or a new version of an own one). */
export const RuleSetSaved = RuleSet;
