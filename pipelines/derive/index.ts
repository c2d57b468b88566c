/**
 * pipelines/derive: everything computed from the current source rows before any rule set applies.
 *
 * refreshDerived() is called by ingestion after every loaded batch. It rebuilds only the stays that
 * the new batches touch (source rows are append-only and a superseding row has the same stay_id as
 * the row it supersedes, so the new batches name every affected stay); it falls back to a full
 * rebuild on an empty state, a changed derivation version, a changed payment start
 * (data/reference/betalingsplikt.csv), or a source that shrank.
 */
import type { UskDb } from '../db/open.ts';
import { buildCube, CROSSWALK_HASH_SQL } from './cube.ts';
import { buildDays, PAYMENT_START_HASH_SQL } from './days.ts';
import { buildGlobalFindings, buildStayFindings, buildVersionFindings, STAY_FINDING_CODES } from './findings.ts';
import { buildInvoices } from './invoices.ts';
import { buildPeriods } from './periods.ts';
import { DERIVE_VERSION, DERIVED_TABLES, ensureDerivedSchema } from './schema.ts';
import { buildStayMonths, buildStays } from './stays.ts';
import type { Scope } from './scope.ts';

export { ensureDerivedSchema } from './schema.ts';

export interface RefreshOptions {
  /** Rebuild every stay even when an incremental refresh would do. */
  full?: boolean;
}

export interface RefreshResult {
  mode: 'full' | 'incremental' | 'unchanged';
  stays: number;
  lastBatchId: number;
  /** Milliseconds per step, for the benchmark and for slow-ingest diagnosis. */
  timings: Record<string, number>;
}

const PER_STAY_TABLES = ['usk_period', 'usk_day', 'usk_stay', 'usk_stay_month'] as const;

/** A database derived by another version of this code: drop its tables (rule sets are kept). */
async function dropDerived(db: UskDb): Promise<void> {
  for (const t of DERIVED_TABLES) await db.run(`DROP TABLE IF EXISTS ${t}`);
  await ensureDerivedSchema(db, { force: true });
}

interface State { derive_version: number; last_batch_id: number; crosswalk_same: boolean; payment_same: boolean }

async function currentState(db: UskDb): Promise<{ state: State | undefined; maxBatch: number }> {
  const [state] = await db.all<State>(`SELECT derive_version, last_batch_id,
      coalesce(crosswalk_hash = (${CROSSWALK_HASH_SQL}), false) AS crosswalk_same,
      coalesce(payment_start_hash = (${PAYMENT_START_HASH_SQL}), false) AS payment_same FROM derive_state LIMIT 1`);
  const [max] = await db.all<{ b: number }>(`SELECT coalesce(max(batch_id), 0)::INTEGER AS b FROM (
    SELECT batch_id FROM src_event UNION ALL SELECT batch_id FROM src_period UNION ALL SELECT batch_id FROM src_invoice)`);
  return { state, maxBatch: max?.b ?? 0 };
}

/**
 * Clears the derived rows of the stays to rebuild: all of them (tables dropped and recreated, which
 * is faster than deleting millions of rows and leaves no dead rows behind), or those of the stays
 * in new batches, listed in _scope. Returns the number of stays.
 */
async function prepareScope(db: UskDb, scope: Scope, since: number): Promise<number> {
  if (scope.full) {
    for (const t of [...PER_STAY_TABLES, 'usk_finding']) await db.run(`DROP TABLE IF EXISTS ${t}`);
    await ensureDerivedSchema(db, { force: true });
    return 0; // counted from _stay once built
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE _scope AS
    SELECT DISTINCT stay_id FROM (SELECT stay_id FROM src_event WHERE batch_id > ${since}
      UNION ALL SELECT stay_id FROM src_period WHERE batch_id > ${since})`);
  for (const t of PER_STAY_TABLES) await db.run(`DELETE FROM ${t} WHERE stay_id IN (SELECT stay_id FROM _scope)`);
  const [n] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM _scope`);
  return n?.n ?? 0;
}

async function rebuild(db: UskDb, mode: 'full' | 'incremental', since: number, maxBatch: number, timings: Record<string, number>): Promise<number> {
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    timings[name] = Math.round(performance.now() - t);
    return r;
  };
  const scope: Scope = { full: mode === 'full' };
  const stays = await step('scope', () => prepareScope(db, scope, since));
  await step('periods', () => buildPeriods(db, scope, timings));
  await step('stays', () => buildStays(db, scope, timings));
  const [counted] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM _stay`);
  await step('days', () => buildDays(db, scope));
  await step('stayMonths', () => buildStayMonths(db, scope));
  await step('invoices', () => buildInvoices(db));
  await step('stayFindings', () => buildStayFindings(db, scope));
  await step('globalFindings', () => buildGlobalFindings(db));
  await step('versionFindings', () => buildVersionFindings(db));
  await step('cube', () => buildCube(db));
  await db.run(`DELETE FROM derive_state`);
  await db.run(`INSERT INTO derive_state SELECT ${DERIVE_VERSION}, ${maxBatch}, current_timestamp, '${mode}', cw.h, ps.h
    FROM (${CROSSWALK_HASH_SQL}) cw, (${PAYMENT_START_HASH_SQL}) ps`);
  for (const t of ['_scope', '_ev', '_mark', '_period', '_stay']) await db.run(`DROP TABLE IF EXISTS ${t}`);
  return scope.full ? (counted?.n ?? 0) : stays;
}

/** (Re)builds periods, the stay-day table, stays, invoices and findings from the current sources. */
export async function refreshDerived(db: UskDb, options: RefreshOptions = {}): Promise<RefreshResult> {
  await ensureDerivedSchema(db);
  return db.transaction(async () => {
    const { state, maxBatch } = await currentState(db);
    // The payment starts are baked into every stay's days: a changed file rebuilds them all.
    const incremental = !options.full && state !== undefined && state.derive_version === DERIVE_VERSION
      && state.last_batch_id <= maxBatch && state.payment_same;
    if (incremental && state.last_batch_id === maxBatch) {
      // Sources unchanged; invoices, rate findings and the cube are cheap and depend on reference data.
      await db.run(`CREATE OR REPLACE TEMP TABLE _scope AS SELECT NULL::VARCHAR AS stay_id LIMIT 0`);
      await buildInvoices(db);
      await buildGlobalFindings(db);
      await buildCube(db);
      await db.run(`UPDATE derive_state SET crosswalk_hash = (${CROSSWALK_HASH_SQL}), refreshed_at = current_timestamp`);
      await db.run(`DROP TABLE IF EXISTS _scope`);
      return { mode: 'unchanged', stays: 0, lastBatchId: maxBatch, timings: {} };
    }
    const mode = incremental ? 'incremental' : 'full';
    if (state && state.derive_version !== DERIVE_VERSION) await dropDerived(db);
    const timings: Record<string, number> = {};
    const stays = await rebuild(db, mode, state?.last_batch_id ?? 0, maxBatch, timings);
    return { mode, stays, lastBatchId: maxBatch, timings };
  });
}

/** Refreshes when sources are newer than the derived tables (for the CLI and the server). */
export async function ensureDerivedFresh(db: UskDb): Promise<void> {
  await ensureDerivedSchema(db);
  const { state, maxBatch } = await currentState(db);
  if (!state || state.derive_version !== DERIVE_VERSION || state.last_batch_id !== maxBatch || !state.crosswalk_same || !state.payment_same) {
    await refreshDerived(db);
  }
}

export { STAY_FINDING_CODES };
