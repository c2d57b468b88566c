import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UskDb } from '../db/open.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DERIVE_SCHEMA_SQL = readFileSync(resolve(here, 'schema.sql'), 'utf8');

/**
 * Bumped whenever the derivation's meaning changes, so that a database built by an older version
 * is rebuilt in full instead of being patched incrementally.
 */
export const DERIVE_VERSION = 5;

const ready = new WeakSet<UskDb>();

/** Tables derived by this code; rule_set is application data and is kept across versions. */
export const DERIVED_TABLES = ['usk_period', 'usk_day', 'usk_stay', 'usk_stay_month', 'usk_invoice', 'usk_finding',
  'usk_cube_current', 'usk_cube', 'usk_short_day', 'usk_calendar', 'derive_state'] as const;

/**
 * A database derived by another version of this code may have other table shapes: drop them so
 * the schema is created anew and the next refresh rebuilds in full.
 */
async function dropIfOtherVersion(db: UskDb): Promise<boolean> {
  // No state row means nothing was derived yet: recreating the (then empty) tables is harmless and
  // also replaces tables an older version created before its first refresh.
  const rows = await db.all<{ v: number }>(`SELECT derive_version AS v FROM derive_state LIMIT 1`).catch(() => []);
  if (rows[0]?.v === DERIVE_VERSION) return false;
  try {
    for (const t of DERIVED_TABLES) await db.run(`DROP TABLE IF EXISTS ${t}`);
    return true;
  } catch {
    // A read-only database: leave it; a writer will rebuild it on its next refresh.
    return false;
  }
}

/**
 * Creates the derived tables, macros and preset rule sets if they are missing. Idempotent and
 * cheap after the first call per open database. A read-only database that already has them is
 * left alone (the server may open one read-only).
 */
export async function ensureDerivedSchema(db: UskDb, options: { force?: boolean } = {}): Promise<void> {
  if (options.force) await db.run(DERIVE_SCHEMA_SQL);
  if (ready.has(db)) return;
  const existing = await db.all<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN ('rule_set', 'usk_day', 'derive_state', 'usk_cube', 'usk_cube_current', 'usk_short_day')`,
  );
  const macros = await db.all<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_functions() WHERE function_name IN ('usk_local_instant', 'usk_overlap_hours')`,
  );
  // Dropped tables must be created again at once: another connection of the same database (the
  // server's ingestion connection) may be the one that dropped them.
  const dropped = (existing[0]?.n ?? 0) >= 3 && (await dropIfOtherVersion(db));
  if (dropped || (existing[0]?.n ?? 0) < 6 || (macros[0]?.n ?? 0) < 2) await db.run(DERIVE_SCHEMA_SQL);
  ready.add(db);
}
