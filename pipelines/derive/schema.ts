import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { UskDb } from '../db/open.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DERIVE_SCHEMA_SQL = readFileSync(resolve(here, 'schema.sql'), 'utf8');

/**
 * Bumped whenever the derivation's meaning changes, so that a database built by an older version
 * is rebuilt in full instead of being patched incrementally.
 */
export const DERIVE_VERSION = 18; // 6: newer by as-of, same-minute 4+2, Kreditnota subtracted, findings in nb-NO; 7: dips-overlapp, faktura-over-maneder, usk_stay.usk_fra/usk_til; 8: dips-overlapp against the earlier row reaching furthest; 9: usk_til of a period ending at 00:00 is the date before; 10: a duplicate code 2 is a warning (exports.md); 11: flere-utskrevet; 12: usk_day.before_payment and the first free day from the payment start, usk_cube.n_unpaid; 13: flere-utskrevet only for a UT after a UT; 14: hendelse-mangler-i-nyere; 15: lang-periode; 16: dips-mangler-i-nyere; 17: opphold-mangler-i-nyere; 18: dips-dogn-over-datoene

const ready = new WeakSet<UskDb>();

/** Tables derived by this code; rule_set is application data and is kept across versions. */
export const DERIVED_TABLES = ['usk_period', 'usk_day', 'usk_stay', 'usk_stay_month', 'usk_invoice', 'usk_finding',
  'usk_cube_current', 'usk_cube', 'usk_short_day', 'usk_calendar', 'derive_state'] as const;

const tableList = DERIVED_TABLES.map((t) => `'${t}'`).join(', ');
/** The derived tables' columns and types in this database, as one comparable string. */
const SHAPE_SQL = `SELECT coalesce(string_agg(table_name || '.' || column_name || ' ' || data_type, ','
    ORDER BY table_name, column_index), '') AS shape
  FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN (${tableList})`;

let expectedShape: Promise<string> | undefined;
/** The shape this code creates, read once per process from a scratch in-memory database. */
function shapeOfThisVersion(): Promise<string> {
  expectedShape ??= (async () => {
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
    const conn = await instance.connect();
    try {
      await conn.run(DERIVE_SCHEMA_SQL);
      return String((await conn.runAndReadAll(SHAPE_SQL)).getRows()[0]?.[0] ?? '');
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  })();
  return expectedShape;
}

/**
 * Tables created by another version of this code with other columns are dropped (and created
 * again at once by the caller). Only a different shape is dropped: a different DERIVE_VERSION
 * with the same shape just makes the next refresh a full one, and nothing is dropped while
 * another connection of the same database may be using the tables.
 */
async function dropIfOtherShape(db: UskDb): Promise<boolean> {
  const [row] = await db.all<{ shape: string }>(SHAPE_SQL);
  if (!row?.shape || row.shape === (await shapeOfThisVersion())) return false;
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
    `SELECT count(*)::INTEGER AS n FROM duckdb_functions() WHERE function_name IN ('usk_overlap_hours')`,
  );
  // Dropped tables must be created again at once: another connection of the same database may
  // be about to use them.
  const dropped = (existing[0]?.n ?? 0) > 0 && (await dropIfOtherShape(db));
  if (dropped || (existing[0]?.n ?? 0) < 6 || (macros[0]?.n ?? 0) < 1) await db.run(DERIVE_SCHEMA_SQL);
  ready.add(db);
}
