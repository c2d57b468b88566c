import { IDENTIFIER_MASK, maskSql } from '../db/errors.ts';
import type { UskDb } from '../db/open.ts';
import { sqlString } from '../db/sql.ts';
import type { ColumnType, Profile } from '../profiles/index.ts';
import { keptAsWritten } from '../profiles/types.ts';
import type { NormalizedChunk, ReadExport } from '../read/index.ts';
import { UNCLOSED_MARK, UNCLOSED_SEP } from '../read/line-prefixer.ts';
import { UNSAVED_FORMULA, UNSAVED_FORMULA_MARK } from '../read/unsaved-formula.ts';
import { FNR_OUTSIDE_PATIENT, hasWarnings, stagingColumn } from '../validate/typed.ts';
import { maskRejectedSql, wholeIfHidesFnrSql } from '../validate/parsers.ts';
import { chunkColumns, chunkQuery, MAX_LINE_BYTES } from '../validate/source.ts';
import { TARGETS } from './targets.ts';
import { reportTextReasonSql, reportTextSql } from './report-text.ts';
import { monthOfDateText } from './reject-month.ts';

export interface ChunkCounts {
  loaded: number;
  rejected: number;
  /** Of the rejected: rows the CSV reader could not split into the header's columns, none of whose values is read. */
  unsplit: number;
}

export interface BatchContext {
  batch: number;
  read: ReadExport;
  profile: Profile;
  /** The as-of given or written in the preamble; NULL until the end when it comes from the rows. */
  asOf: string | null;
  /** Given with --as-of: it is the as-of of rows without an Uttrekk of their own (HN-LIS). */
  asOfGiven: boolean;
  /** Loaded rows whose own Uttrekk differs from --as-of, and so kept it, and the first of them (for the warning). */
  ownUttrekk: { rows: number; firstLine: number | null };
}

/**
 * Validates one chunk and writes it inside the file's open transaction: its good rows into the
 * kind's source table, its rejects (values with 11-digit runs masked) and its warnings. The typed
 * query feeds the source table directly; only when the chunk has rows that were not loaded, or
 * the profile has warning checks, it runs a second time for those rows (temp table `odd`).
 * Materialising every row instead would cost a copy and, since a transaction keeps every replaced
 * temp table until it commits, memory in proportion to the file. Every record of the chunk is
 * loaded or rejected; anything else is an internal error.
 */
export async function loadChunk(db: UskDb, ctx: BatchContext, chunk: NormalizedChunk): Promise<ChunkCounts> {
  const { read, profile: p, batch } = ctx;
  const typed = `(${chunkQuery(read, chunk.path, p)})`;
  await db.run('DROP TABLE IF EXISTS temp.stg_rejects; DROP TABLE IF EXISTS temp.stg_rejects_scan');
  // Two settings for the insert only (they are the session's, so they are put back at once):
  // rows carry their batch and line, so their physical order means nothing, and without keeping
  // it DuckDB's threads append independently; and strings are stored with dictionary or plain
  // compression, not FSST, whose analysis was a fifth of the write (the source tables grow by
  // about 15 %). Together about a fifth faster on national files.
  await db.run("SET preserve_insertion_order = false; SET disabled_compression_methods = 'fsst,dict_fsst'");
  // Not reset when the insert fails: the transaction is then aborted, a RESET in it would fail
  // too and hide the real error, and the file's rollback resets them (load/ingest.ts).
  const inserted = await db.json<{ Count: string }>(TARGETS[p.kind].insert(typed), { batch, ...(p.kind === 'events' ? { asOf: ctx.asOf } : {}) });
  await db.run(RESET_INSERT_SETTINGS);
  const loaded = Number(inserted[0]?.Count ?? 0);
  const structural = Number((await db.json<{ n: number }>('SELECT count(DISTINCT line)::INT AS n FROM stg_rejects'))[0]!.n);
  if (p.kind === 'events' && ctx.asOfGiven && stagingColumn(read.header.match, 'as_of')) {
    // A second reading, only on this rare path (--as-of over an Uttrekk column): how many rows said another time, and kept it.
    const [r] = await db.json<{ n: number; first: number | null }>(
      `SELECT count(*)::INT AS n, min(line)::INT AS first FROM ${typed} typed WHERE ok AND as_of IS NOT NULL AND as_of <> $asOf::TIMESTAMP`,
      { asOf: ctx.asOf },
    );
    if (r && r.n > 0) {
      ctx.ownUttrekk.rows += r.n;
      ctx.ownUttrekk.firstLine = Math.min(ctx.ownUttrekk.firstLine ?? Infinity, r.first ?? Infinity);
    }
  }
  // The second reading, for rows rejected or warned about, only when there can be any.
  const hasWarningChecks = hasWarnings(p, read.header.match);
  if (loaded + structural === chunk.records && !hasWarningChecks) {
    if (structural > 0) await structuralRejects(db, ctx);
    return { loaded, rejected: structural, unsplit: structural };
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE odd AS SELECT * FROM ${typed} typed WHERE NOT ok OR warns IS NOT NULL`);
  const [counts] = await db.json<{ bad: number; warned: number }>('SELECT count(*) FILTER (WHERE NOT ok)::INT AS bad, count(*) FILTER (WHERE ok)::INT AS warned FROM odd');
  const bad = Number(counts!.bad);
  const warned = Number(counts!.warned);
  if (loaded + bad + structural !== chunk.records) {
    throw new Error(`${read.fileName}: intern feil: ${chunk.records} rader lest, men ${loaded} lastet, ${bad} avvist og ${structural} avvist av CSV-leseren`);
  }
  // Totals rows sum every parsed value, loaded or not: the rejected rows' part is kept here; a
  // subtotal row's is not (validate/typed.ts), nor a fødselsnummer's, which is only counted: a sum
  // with one in it would show it (load/totals.ts).
  // Each statement below only when it has rows to work on: their masks make them costly to plan.
  for (const k of bad > 0 ? p.totalsColumns.filter((c) => stagingColumn(read.header.match, c)) : []) {
    const fnr = `list_bool_or(list_transform(errors, e -> e.column_name = $header AND e.reason = $reason))`;
    await db.run(
      `INSERT INTO ingest_sum SELECT $k, sum(${k}) FILTER (WHERE NOT ${fnr}), count(*) FILTER (WHERE ${fnr}),
         count(*) FILTER (WHERE ${k} IS NULL AND NOT ${fnr} AND list_bool_or(list_transform(errors, e -> e.column_name = $header AND (e.value IS NOT NULL OR e.reason = $formula))))
       FROM odd WHERE NOT ok AND NOT subtotal`,
      // A formula saved without its value has no value in its reject, but one in the report's sum.
      { k, header: read.header.cells[read.header.match.columns.get(k)!]!, reason: FNR_OUTSIDE_PATIENT, formula: UNSAVED_FORMULA },
    );
  }
  // Each rejected row's month (load/reject-month.ts): its own date's, or the month its unreadable date
  // names; and its municipality when it could be read, so that municipality's export lists the row.
  const rowKommunenr = p.columns.some((c) => c.key === 'kommunenr') ? 'kommunenr' : 'NULL::VARCHAR';
  const dateColumn = read.header.match.columns.get(p.yearFrom);
  if (bad > 0) await db.run(
    `INSERT INTO reject (batch_id, line, column_name, value, reason, month, kommunenr, row_summary)
     SELECT $batch, line, column_name,
       -- A value rejected as a fødselsnummer in a form no pattern masks (a number grouped as
       -- 7 905 049 806), or whose digits left after the usual masks still hide one in any form
       -- (validate/parsers.ts usk_hides_fnr: a value that failed to parse can be written any way),
       -- is masked whole; one the usual masks caught keeps its words («Med pas ***********»).
       CASE WHEN reason = $fnr AND masked = value THEN '${IDENTIFIER_MASK}' ELSE ${wholeIfHidesFnrSql('masked')} END,
       reason, month, row_kommunenr, row_summary
     FROM (
       SELECT line, e.column_name, e.value, ${maskSql('e.value')} AS masked, e.reason, row_kommunenr, row_summary,
         coalesce(row_month, max(CASE WHEN e.column_name = $dateHeader::VARCHAR THEN ${monthOfDateText('e.value')} END) OVER (PARTITION BY line)) AS month
       -- The row's own month, municipality and summary once per row, before its problems are unnested.
       FROM (SELECT line, unnest(errors) AS e, row_month, row_kommunenr, row_summary
             FROM (SELECT line, errors, date_trunc('month', ${p.yearFrom})::DATE AS row_month, ${rowKommunenr} AS row_kommunenr,
                     ${rowSummarySql(ctx)} AS row_summary FROM odd WHERE NOT ok)))`,
    { batch, fnr: FNR_OUTSIDE_PATIENT, dateHeader: dateColumn === undefined ? null : (read.header.cells[dateColumn] ?? null) },
  );
  if (structural > 0) await structuralRejects(db, ctx);
  if (warned > 0) await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, line, w.column_name, w.code, ${maskSql('w.reason')}
     FROM (SELECT line, unnest(warns) AS w FROM odd WHERE ok AND warns IS NOT NULL)`,
    { batch },
  );
  return { loaded, rejected: bad + structural, unsplit: structural };
}

/**
 * What identifies a rejected row and what it held, so that a municipality can match it to an invoice
 * it received: the profile's natural key and totals columns that could be read, as «Header: value»
 * in the file's own header names, Norwegian formats. Never a patient column (none is in a natural
 * key or a total); a column that failed is missing here (its value is the reject's own). Each part
 * masked as what it is: a text (an id) as a rejected value is, a number that is a fødselsnummer
 * whole; dates, times and codes are parsed values and cannot hold one. Masking the joined text
 * instead cost 11 ms a row and hid 6 % of summaries (a date's digits start a birth date).
 */
function rowSummarySql(ctx: BatchContext): string {
  const { profile: p, read } = ctx;
  const keys = [...new Set([...p.naturalKey, ...p.totalsColumns])];
  const parts = keys.flatMap((key) => {
    const col = p.columns.find((c) => c.key === key);
    const i = read.header.match.columns.get(key);
    if (!col || col.type === 'patient' || i === undefined) return [];
    const number = (text: string) => `CASE WHEN usk_number_is_fnr(${key}) THEN '${IDENTIFIER_MASK}' ELSE ${text} END`;
    const formats: Partial<Record<ColumnType, string>> = {
      text: maskRejectedSql(key),
      id: maskRejectedSql(key),
      integer: number(`CAST(${key} AS VARCHAR)`),
      amount: number(`replace(printf('%.2f', ${key}), '.', ',')`),
      date: `strftime(${key}, '%d.%m.%Y')`,
      // A time only where the file wrote one: a date alone is shown as written, not as «00:00».
      timestamp: `CASE WHEN ${key}_has_time THEN strftime(${key}, '%d.%m.%Y %H:%M') ELSE strftime(${key}, '%d.%m.%Y') END`,
      invoice_type: `CASE ${key} WHEN 'kreditnota' THEN 'Kreditnota' ELSE 'Faktura' END`,
    };
    // Masked unless the type's format is known to hold no identifier: a new type is safe by default.
    const text = formats[col.type] ?? maskRejectedSql(`CAST(${key} AS VARCHAR)`);
    // A text keeps the xlsx reader's mark for a formula saved without its value: that is no value.
    const held = keptAsWritten(col.type) ? `${key} IS NOT NULL AND ${key} <> ${sqlString(UNSAVED_FORMULA_MARK)}` : `${key} IS NOT NULL`;
    return [`CASE WHEN ${held} THEN ${sqlString(`${read.header.cells[i] ?? col.header}: `)} || ${text} END`];
  });
  return parts.length ? `nullif(concat_ws('; ', ${parts.join(', ')}), '')` : 'NULL::VARCHAR';
}

/** How much of a line of the wrong width its reject keeps as the value. */
const ROW_VALUE_CHARS = 200;
/** The reader's line limit as a reject names it. */
const MAX_LINE_MB = MAX_LINE_BYTES / 1024 ** 2;

/**
 * DuckDB's own CSV rejects (wrong number of columns, stray quotes), one per line. Among them the
 * lines the reader cut off at a quote that was never closed (read/line-prefixer.ts): it writes a
 * marker record in their place, [SEP mark SEP field SEP base64 of the field's text], which DuckDB
 * rejects for its missing columns; here it becomes the reject with the column and the reason.
 */
/** Called only when there are some: the statement's masks make it costly to plan, even over no rows. */
async function structuralRejects(db: UskDb, ctx: BatchContext): Promise<void> {
  const sep = UNCLOSED_SEP.charCodeAt(0);
  const columns = chunkColumns(ctx.read);
  // Where the profile has a patient column, every run of five digits or more is masked too. The
  // reader masks them already in a record it cannot split (read/line-prefixer.ts unreadable); this
  // holds for a line DuckDB splits otherwise than the reader did. Decided here, not per row: the
  // masking macros cost to plan, and once is enough.
  const rest = ctx.read.patients.length > 0 ? `regexp_replace(${maskRejectedSql('rest')}, '[0-9]{5,}', '*****', 'g')` : maskRejectedSql('rest');
  await db.run(
    `INSERT INTO reject (batch_id, line, column_name, value, reason)
     SELECT $batch, line,
       CASE WHEN unclosed THEN nullif(split_part($cells, chr(${sep}), field + 1), '') WHEN error_type = 'UNQUOTED VALUE' THEN quoted_in END,
       CASE WHEN unclosed THEN ${maskRejectedSql(`nullif(decode(from_base64(split_part(csv_line, chr(${sep}), 4))), '')`)}
         -- A line of the wrong width: what it held (a page footer «Side 1 av 2», a row cut off), without
         -- the reader's prefix (its line and pseudonyms), masked as any rejected value, then cut.
         WHEN error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS', 'LINE SIZE OVER MAXIMUM') THEN nullif(trim(left(${rest}, ${ROW_VALUE_CHARS})), '') END,
       CASE
         WHEN unclosed THEN 'uavsluttet anførselstegn i kolonne '
           || coalesce('«' || nullif(split_part($cells, chr(${sep}), field + 1), '') || '»', 'nr. ' || (field + 1))
           || ' (åpnet på linje ' || coalesce(line::VARCHAR, '?') || '): forventet et " som avslutter feltet; bare denne linjen er avvist, linjene etter er lest som egne rader'
         -- A line of one cell of words (a title, «Utskriftsdato: …», a page footer) is report text, not a
         -- row cut short (report-text.ts; joinedReportRejects tells a second report's introduction).
         WHEN error_type = 'MISSING COLUMNS' AND ${reportTextSql(`string_split(rest, $d)`, 'csv_line', 'rest', `list_filter(string_split($preamble, chr(${sep})), x -> x <> '')`)} THEN ${reportTextReasonSql('$n')}
         WHEN error_type = 'MISSING COLUMNS' THEN 'for få kolonner: forventet ' || $n || ' (som overskriftsraden)'
         WHEN error_type = 'TOO MANY COLUMNS' THEN 'for mange kolonner: forventet ' || $n || ' (et skilletegn for mye, eller tekst som mangler anførselstegn?)'
         WHEN error_type = 'UNQUOTED VALUE' THEN 'anførselstegn på feil sted' || coalesce(' i kolonne «' || quoted_in || '»', '') || ': forventet et felt som starter og slutter med "'
         WHEN error_type = 'LINE SIZE OVER MAXIMUM' THEN 'raden er for lang: forventet høyst ${MAX_LINE_MB} MB på én rad'
         ELSE 'kan ikke lese raden som CSV (' || coalesce(lower(error_type), 'ukjent feil') || ')' END
     FROM (
       SELECT line, csv_line, error_type, field, marked AND field IS NOT NULL AS unclosed,
         nullif(array_to_string(string_split(csv_line, $d)[$prefix + 1:], $d), '') AS rest,
         nullif(split_part($names, chr(${sep}), list_position(string_split($keys, chr(${sep})), chunk_column)), '') AS quoted_in
       FROM (
         SELECT TRY_CAST(split_part(csv_line, $d, 1) AS INTEGER) AS line, csv_line, error_type, chunk_column,
           split_part(csv_line, chr(${sep}), 2) = $mark AS marked, TRY_CAST(split_part(csv_line, chr(${sep}), 3) AS INTEGER) AS field
         -- A line over the reader's limit has no column (column_idx NULL), which arg_min passes over:
         -- its error was NULL, and so the reject's reason, refusing the file as an internal error.
         FROM (SELECT any_value(csv_line) AS csv_line, arg_min(error_type, coalesce(column_idx, 0)) AS error_type,
                 arg_min(column_name, coalesce(column_idx, 0)) AS chunk_column
               FROM stg_rejects GROUP BY line)))`,
    {
      batch: ctx.batch, d: ctx.read.delimiter, n: ctx.read.header.cells.length, prefix: columns.length - ctx.read.header.cells.length,
      mark: UNCLOSED_MARK, cells: ctx.read.header.cells.join(UNCLOSED_SEP),
      preamble: ctx.read.header.preamble.map((l) => l.trim()).join(UNCLOSED_SEP),
      // The chunk's columns (validate/source.ts) and the header name each stands for, to name the
      // column of a stray quote: c0 the line number, p0… the patient columns, c1… the header's.
      keys: columns.map((c) => c.key).join(UNCLOSED_SEP),
      names: columns.map((c) => c.header).join(UNCLOSED_SEP),
    },
  );
}

/** Puts back the two settings loadChunk changes for its insert. */
export const RESET_INSERT_SETTINGS = 'RESET preserve_insertion_order; RESET disabled_compression_methods';

/** The temp tables one file's load uses; dropped after each file, loaded or not. */
export const CHUNK_TEMP_TABLES = ['odd', 'stg_rejects', 'stg_rejects_scan', 'ingest_sum'];
