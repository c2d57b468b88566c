/**
 * Reads a result of numeric columns straight from DuckDB's vectors into typed arrays.
 *
 * Why: turning 10⁵ result rows into JS objects value by value (getRowObjectsJS) costs far more than
 * the query itself (stack-probe §3: the public row API spends its time decoding one value at a
 * time). The reconciliation therefore returns only INTEGER and DOUBLE columns (strings as codes),
 * and this reader copies each vector's memory once per chunk. Uses @duckdb/node-bindings, the C API
 * binding that @duckdb/node-api itself is built on (same pinned version).
 */
import duckdb from '@duckdb/node-bindings';
import type { Params, UskDb } from '../db/open.ts';
import { QueryError, maskIdentifiers } from '../db/errors.ts';

export type NumericKind = 'int32' | 'float64';

export interface NumericColumns<K extends string> {
  rowCount: number;
  values: Record<K, Int32Array | Float64Array>;
  /** Per column: null when every value is present, else 1 = present / 0 = NULL per row. */
  present: Record<K, Uint8Array | null>;
}

const BYTES: Record<NumericKind, number> = { int32: 4, float64: 8 };

function typedCopy(kind: NumericKind, bytes: Uint8Array, n: number): Int32Array | Float64Array {
  const copy = bytes.slice(0, n * BYTES[kind]); // own aligned buffer; the chunk's memory is DuckDB's
  return kind === 'int32' ? new Int32Array(copy.buffer, 0, n) : new Float64Array(copy.buffer, 0, n);
}

/** Runs sql; its columns must be, in order, exactly `spec` (INTEGER → int32, DOUBLE → float64). */
export async function readNumericColumns<K extends string>(
  db: UskDb, sql: string, params: Params, spec: ReadonlyArray<readonly [K, NumericKind]>,
): Promise<NumericColumns<K>> {
  let result;
  try {
    result = await db.conn.run(sql, params);
  } catch (e) {
    throw new QueryError(maskIdentifiers((e as Error).message), sql, { cause: e });
  }
  const parts = spec.map(() => [] as Array<Int32Array | Float64Array>);
  const validity = spec.map(() => [] as Array<{ offset: number; n: number; bits: Uint8Array }>);
  let rowCount = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    spec.forEach(([, kind], j) => {
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
      parts[j]!.push(typedCopy(kind, duckdb.vector_get_data(vector, n * BYTES[kind]), n));
      const bits = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
      if (bits) validity[j]!.push({ offset: rowCount, n, bits: bits.slice() });
    });
    rowCount += n;
  }
  const values = {} as Record<K, Int32Array | Float64Array>;
  const present = {} as Record<K, Uint8Array | null>;
  spec.forEach(([name, kind], j) => {
    const out = kind === 'int32' ? new Int32Array(rowCount) : new Float64Array(rowCount);
    let offset = 0;
    for (const part of parts[j]!) {
      out.set(part, offset);
      offset += part.length;
    }
    values[name] = out;
    if (validity[j]!.length === 0) {
      present[name] = null;
      return;
    }
    const mask = new Uint8Array(rowCount).fill(1);
    for (const { offset: o, n, bits } of validity[j]!) {
      for (let r = 0; r < n; r++) mask[o + r] = (bits[r >> 3]! >> (r & 7)) & 1;
    }
    present[name] = mask;
  });
  return { rowCount, values, present };
}
