import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { guessTimestampFormat } from './formats.ts';
import { labelColumn, typedSql } from './typed.ts';

/**
 * The normalised chunk's CSV columns in order, with the header each stands for: c0 the reader's line
 * number, p0… the pseudonyms of the patient columns, c1… the header's own columns (load/chunk.ts
 * names the column of a stray quote from these).
 */
export function chunkColumns(read: ReadExport): Array<{ key: string; header: string }> {
  const { cells } = read.header;
  return [
    { key: 'c0', header: '' },
    ...read.patients.map((at, i) => ({ key: `p${i}`, header: cells[at] ?? '' })),
    ...cells.map((header, i) => ({ key: `c${i + 1}`, header })),
  ];
}

/** DuckDB's limit on one record of a chunk: a longer one is a rejected row (load/chunk.ts), the rest of the file loads. */
export const MAX_LINE_BYTES = 4 * 1024 ** 2;

/**
 * The SELECT that reads a normalised CSV chunk, all VARCHAR: the line number, the pseudonyms the
 * reader put in front of the record (read/line-prefixer.ts), then the record's own fields, whose
 * patient columns the reader blanked; the pseudonyms take their place.
 */
function sourceSelect(read: ReadExport, chunkPath: string): string {
  const n = read.header.cells.length;
  const { patients } = read;
  const names = chunkColumns(read).map((c) => c.key);
  const select = Array.from({ length: n }, (_, i) => (patients.includes(i) ? `p${patients.indexOf(i)} AS c${i + 1}` : `src.c${i + 1}`));
  // A patient column as written, blanked but for a totals label the reader kept (typed.ts subtotal).
  const labels = patients.map((i) => `src.c${i + 1} AS ${labelColumn(i)}`);
  const path = chunkPath.replaceAll("'", "''");
  const delim = read.delimiter === '\t' ? '\\t' : read.delimiter;
  return `SELECT TRY_CAST(src.c0 AS INTEGER) AS line, ${[...select, ...labels].join(', ')}
     FROM read_csv('${path}', delim='${delim}', quote='"', escape='"', header=true, auto_detect=false,
       columns={${names.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, null_padding=false, encoding='utf-8',
       store_rejects=true, rejects_table='stg_rejects', rejects_scan='stg_rejects_scan', max_line_size=${MAX_LINE_BYTES}, buffer_size=${2 * MAX_LINE_BYTES}) AS src`;
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
 * The query (see typed.ts) over one normalised chunk of a read export. DuckDB's own CSV rejects
 * (wrong number of columns) land in `stg_rejects`, with the line prefix written by the reader in
 * csv_line.
 */
export function chunkQuery(read: ReadExport, chunkPath: string, p: Profile): string {
  return typedSql(p, read.header.match, read.header.cells, sourceSelect(read, chunkPath), formatGuesses(read, p)).select;
}
