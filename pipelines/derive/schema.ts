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
export const DERIVE_VERSION = 4;

const ready = new WeakSet<UskDb>();

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
  if ((existing[0]?.n ?? 0) < 6 || (macros[0]?.n ?? 0) < 2) await db.run(DERIVE_SCHEMA_SQL);
  ready.add(db);
}
