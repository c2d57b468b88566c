import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryError, maskIdentifiers } from './errors.ts';
import { loadReferenceData } from '../reference/load.ts';
import { scrubRejectedValues } from '../load/scrub.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMA_SQL = readFileSync(resolve(here, 'schema.sql'), 'utf8');
export const DEFAULT_DB_PATH = 'data/usk.duckdb';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];

/** One open database: the instance, one connection, and typed helpers around it. */
export class UskDb {
  constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    readonly path: string,
  ) {}

  /** Runs a statement (or several, without params). */
  async run(sql: string, params?: Params): Promise<void> {
    try {
      if (params) await this.conn.run(sql, params);
      else await this.conn.run(sql);
    } catch (e) {
      throw new QueryError(maskIdentifiers((e as Error).message), sql, { cause: e });
    }
  }

  /** Rows as plain JS objects (BIGINT → bigint, TIMESTAMP → DuckDB value objects; cast in SQL). */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = params ? await this.conn.runAndReadAll(sql, params) : await this.conn.runAndReadAll(sql);
      return reader.getRowObjectsJS() as T[];
    } catch (e) {
      throw new QueryError(maskIdentifiers((e as Error).message), sql, { cause: e });
    }
  }

  /** Rows as JSON-safe objects (BIGINT/DECIMAL → string unless cast, dates → ISO strings). */
  async json<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = params ? await this.conn.runAndReadAll(sql, params) : await this.conn.runAndReadAll(sql);
      return reader.getRowObjectsJson() as T[];
    } catch (e) {
      throw new QueryError(maskIdentifiers((e as Error).message), sql, { cause: e });
    }
  }

  /**
   * Rows one DuckDB chunk at a time (about 2 048 rows), for results too large to hold at once (the
   * day export: ~7 million rows nationally). Values are DuckDB values: cast to VARCHAR, INTEGER or
   * DOUBLE in SQL to get plain strings and numbers. The connection is busy until the loop ends.
   */
  async *chunks<T = Record<string, unknown>>(sql: string, params?: Params): AsyncGenerator<T[]> {
    try {
      const result = params ? await this.conn.stream(sql, params) : await this.conn.stream(sql);
      const names = result.deduplicatedColumnNames();
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        yield chunk.getRowObjects(names) as T[];
      }
    } catch (e) {
      throw new QueryError(maskIdentifiers((e as Error).message), sql, { cause: e });
    }
  }

  private depth = 0;

  /**
   * Runs fn inside BEGIN/COMMIT; rolls back on any error and rethrows it. A transaction opened
   * inside another one joins it: the outermost commits or rolls back the whole.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) {
      this.depth++;
      try {
        return await fn();
      } finally {
        this.depth--;
      }
    }
    await this.run('BEGIN TRANSACTION');
    this.depth = 1;
    try {
      const result = await fn();
      await this.run('COMMIT');
      return result;
    } catch (e) {
      // The rollback's own failure must not hide the error that caused it.
      await this.run('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      this.depth = 0;
    }
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

export interface OpenOptions {
  readOnly?: boolean;
  /** Folder with the reference CSVs; defaults to the repository's data/reference. */
  referenceDir?: string;
}

/**
 * The database holds pseudonymised rows and per-stay figures: readable by its owner only, like the
 * key beside it (bin/usk.js also sets the umask, so the WAL DuckDB creates later is too).
 */
function ownerOnly(path: string): void {
  for (const p of [path, `${path}.wal`]) {
    try {
      if ((statSync(p).mode & 0o077) !== 0) chmodSync(p, 0o600);
    } catch (e) {
      // Not there yet (the WAL), or not ours to change: the umask covers new files.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
    }
  }
}

/**
 * Opens (creating if needed) a USK database, applies the schema and reloads the reference data.
 * ':memory:' is allowed for tests. Time zone is pinned to Europe/Oslo for every session.
 */
export async function openDatabase(path: string = DEFAULT_DB_PATH, options: OpenOptions = {}): Promise<UskDb> {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const instance = await DuckDBInstance.create(path, {
    // Never reach for the network: every extension we use is built in (stack-probe §2).
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
    ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
  });
  if (path !== ':memory:' && !options.readOnly) ownerOnly(path);
  const conn = await instance.connect();
  const db = new UskDb(instance, conn, path);
  await db.run("SET TimeZone = 'Europe/Oslo'");
  if (!options.readOnly) {
    await db.run(SCHEMA_SQL);
    await scrubRejectedValues(db);
    await loadReferenceData(db, options.referenceDir);
  }
  return db;
}
