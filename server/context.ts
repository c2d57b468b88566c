/** Everything a route needs, created once per server. */
import type { Logger } from 'pino';
import type { ServerConfig } from './config.ts';
import type { DbPool } from './db/pool.ts';
import type { DataVersion } from './http/version.ts';
import type { UploadJobs } from './uploads/jobs.ts';
import type { Auth } from './auth/index.ts';
import type { AuditLog } from './http/audit.ts';
import type { AnonymousRefusals } from './http/anonymous-refusals.ts';
import type { FairShare } from './http/fair-share.ts';

export type Mode = 'demo' | 'production';

export interface AppContext {
  mode: Mode;
  config: ServerConfig;
  pool: DbPool;
  /** The database's own id (database_identity): built notebooks are served only when their snapshot has it (notebooks.ts). */
  databaseId: string;
  log: Logger;
  version: DataVersion;
  uploads: UploadJobs;
  auth: Auth;
  auditLog: AuditLog;
  /** Anonymous refusals written at most once a minute each, their counts written by server.ts's timer. */
  refusals: AnonymousRefusals;
  /** Each user's share of the read connections for answers not in the cache (http/fair-share.ts). */
  share: FairShare;
  /** Where uploads are staged before ingestion (removed after): `<db>.uploads/`, uploads/staging.ts. */
  uploadDir: string;
}
