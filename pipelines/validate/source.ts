import { blobValue, type DuckDBValue } from '@duckdb/node-api';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { hmacPads, pseudonymSql, type PseudonymKey } from '../pseudonym/key.ts';
import { guessTimestampFormat } from './formats.ts';
import { stagingColumn, typedSql } from './typed.ts';

/**
 * The SELECT that reads the normalised CSV (all VARCHAR) and replaces patient ids by pseudonyms in
 * the same expression, so raw identifiers exist only in DuckDB's transient vectors.
 */
function sourceSelect(read: ReadExport, chunkPath: string, p: Profile): { sql: string; hasPatient: boolean } {
  const n = read.header.cells.length;
  const names = Array.from({ length: n + 1 }, (_, i) => `c${i}`);
  const patientCols = new Set(p.columns.filter((c) => c.type === 'patient').map((c) => stagingColumn(read.header.match, c.key)));
  const select = names.slice(1).map((c) => (patientCols.has(c) ? `${pseudonymSql(c)} AS ${c}` : c));
  const path = chunkPath.replaceAll("'", "''");
  const delim = read.delimiter === '\t' ? '\\t' : read.delimiter;
  return {
    hasPatient: patientCols.size > 0,
    sql: `SELECT TRY_CAST(c0 AS INTEGER) AS line, ${select.join(', ')}
     FROM read_csv('${path}', delim='${delim}', quote='"', escape='"', header=true, auto_detect=false,
       columns={${names.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, null_padding=false, encoding='utf-8',
       store_rejects=true, rejects_table='stg_rejects', rejects_scan='stg_rejects_scan', max_line_size=4194304, buffer_size=8388608)`,
  };
}

/** Fast-path formats for date/time columns, guessed from the rows after the header. */
function formatGuesses(read: ReadExport, p: Profile): Map<string, string> {
  const guesses = new Map<string, string>();
  for (const col of p.columns) {
    const i = read.header.match.columns.get(col.key);
    if (i === undefined || (col.type !== 'timestamp' && col.type !== 'date')) continue;
    const guess = guessTimestampFormat(read.header.sample.map((row) => row[i] ?? ''));
    if (guess) guesses.set(col.key, guess);
  }
  return guesses;
}

/**
 * The query (see typed.ts) over one normalised chunk of a read export, with its parameters (the
 * HMAC pads when the profile has a patient column). DuckDB's own CSV rejects (wrong number of
 * columns) land in `stg_rejects`, with the line prefix written by the reader in csv_line.
 */
export function chunkQuery(read: ReadExport, chunkPath: string, p: Profile, key: PseudonymKey): { sql: string; params: Record<string, DuckDBValue> } {
  const source = sourceSelect(read, chunkPath, p);
  const { inner, outer } = hmacPads(key.key);
  return {
    sql: typedSql(p, read.header.match, read.header.cells, source.sql, formatGuesses(read, p)).select,
    params: source.hasPatient ? { kin: blobValue(inner), kout: blobValue(outer) } : {},
  };
}
