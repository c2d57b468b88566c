/** Rows → Apache Arrow IPC stream (the format the dashboard and notebooks read large tables in). */
import { tableFromJSON, tableToIPC, Table } from 'apache-arrow';

export function rowsToArrowIpc(rows: Record<string, unknown>[]): Uint8Array {
  // An empty result still needs a valid stream so readers get a table with no rows.
  const table = rows.length === 0 ? new Table() : tableFromJSON(rows as Record<string, never>[]);
  return tableToIPC(table, 'stream');
}
