/**
 * Upload jobs: each uploaded file is ingested on the write connection, one at a time, while reads
 * go on. A job can be polled; its result is what `usk ingest --json` prints for the same file. A
 * finished job is kept in the table upload_job, so the list of earlier uploads outlives a restart.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { DbPool } from '../db/pool.ts';
import type { DataVersion } from '../http/version.ts';
import { maskIdentifiers } from '../../pipelines/db/errors.ts';
import { ingestFiles, type IngestOptions } from '../../pipelines/load/ingest.ts';
import { UploadJobResponse } from '../schemas.ts';

/** An upload as the server keeps it: what it answers (server/schemas.ts), and who sent it. */
export type UploadJob = UploadJobResponse & { userId: string };


const KEEP_JOBS = 200;

export class UploadJobs {
  private readonly jobs = new Map<string, UploadJob>();
  private readonly done = new Map<string, Promise<UploadJob>>();

  constructor(
    private readonly pool: DbPool,
    private readonly version: DataVersion,
    private readonly log: Logger,
  ) {}

  /** The jobs, with the last KEEP_JOBS finished ones of earlier runs read back from upload_job. */
  static async open(pool: DbPool, version: DataVersion, log: Logger): Promise<UploadJobs> {
    const jobs = new UploadJobs(pool, version, log);
    const rows = await pool.read((db) => db.all<{ user_id: string; answer: string }>(
      `SELECT user_id, answer::VARCHAR AS answer FROM (SELECT * FROM upload_job ORDER BY finished_at DESC LIMIT ${KEEP_JOBS}) ORDER BY finished_at`));
    for (const row of rows) {
      const answer = UploadJobResponse.safeParse(JSON.parse(row.answer));
      // One written by another version of the server is left out of the list, not a reason to fail the start.
      if (answer.success) jobs.jobs.set(answer.data.id, { ...answer.data, userId: row.user_id });
      else log.warn({ issues: answer.error.issues.length }, 'en tidligere opplasting kunne ikke leses');
    }
    return jobs;
  }

  /**
   * Queues ingestion of a staged file; the file's folder is removed when the job ends. fileName is
   * what users see (answers, progress, results): masked here too, whoever calls.
   */
  start(file: string, fileName: string, bytes: number, userId: string, opts: IngestOptions): UploadJob {
    const job: UploadJob = {
      id: randomUUID(), fileName: maskIdentifiers(fileName), bytes, status: 'queued', queuedAt: new Date().toISOString(),
      finishedAt: null, results: null, error: null, userId, progress: null,
    };
    this.jobs.set(job.id, job);
    this.trim();
    this.done.set(job.id, this.run(job, file, opts));
    return job;
  }

  get(id: string): UploadJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the job has finished (for ?wait=true and tests). */
  wait(id: string): Promise<UploadJob> | undefined {
    return this.done.get(id);
  }

  list(): UploadJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Lets running jobs finish (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled(this.done.values());
  }

  private async run(job: UploadJob, file: string, opts: IngestOptions): Promise<UploadJob> {
    try {
      job.results = await this.pool.ingest(async (db) => {
        job.status = 'running';
        return ingestFiles(db, [file], opts, (p) => {
          job.progress = { ...p, file: job.fileName };
        });
      });
      job.status = 'done';
      if (job.results.some((r) => r.status === 'loaded')) this.version.bump();
    } catch (e) {
      job.status = 'failed';
      // Ingestion errors are written for users and mask identifiers; log the class, not the rows.
      job.error = e instanceof Error ? e.message : 'Ukjent feil under innlesing';
      this.log.error({ job: job.id, err: e instanceof Error ? { name: e.name, message: e.message } : undefined }, 'opplasting feilet');
    } finally {
      job.finishedAt = new Date().toISOString();
      await rm(dirname(file), { recursive: true, force: true });
      await this.remember(job);
    }
    return job;
  }

  /** Keeps the finished job for the list after a restart; a failure to is logged, the job stands. */
  private async remember(job: UploadJob): Promise<void> {
    const { userId, ...answer } = job;
    await this.pool.write((db) => db.run('INSERT OR REPLACE INTO upload_job VALUES ($id, $user, $answer::JSON, current_timestamp)', {
      id: job.id, user: userId, answer: JSON.stringify(UploadJobResponse.parse(answer)),
    })).catch((e: unknown) => this.log.error({ job: job.id, err: e instanceof Error ? { name: e.name, message: e.message } : undefined }, 'opplastingen ble ikke lagret i listen'));
  }

  private trim(): void {
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEEP_JOBS) break;
      const j = this.jobs.get(id);
      if (j && (j.status === 'done' || j.status === 'failed')) {
        this.jobs.delete(id);
        this.done.delete(id);
      }
    }
  }
}
