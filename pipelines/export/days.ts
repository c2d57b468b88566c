/**
 * The day export (`usk export days`, GET /api/exports/days): one row per stay × USK date with its
 * category, hours and the period's times (query/day-rows.ts), as CSV, XLSX or JSON, naming the rule
 * set, as-of and months as the other exports do. Never suppressed: each row is one stay's date.
 *
 * Size: ~7 million rows nationally (1.8 GB of CSV), too large to build in memory, so every format
 * is written to a stream a DuckDB chunk at a time. DuckDB still sorts the selection (day-rows.ts):
 * all 6.8 million rows of bench:rules' database took 1 min 45 s and peaked at 2.7 GB (README).
 * XLSX holds at most 1 048 575 rows on its sheet (Excel's limit): a larger selection is refused
 * before anything is written, with the advice to narrow it or use CSV. The rows are counted before
 * they are written (one more pass over usk_day) so that the refusal, the audit log and stderr know it.
 */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { UskDb } from '../db/open.ts';
import { dataAsOf, resolveRules, type DataAsOf, type EffectiveRules, type ReconcileQuery } from '../query/index.ts';
import { dayRowCount, dayRows, type DayRow } from '../query/day-rows.ts';
import { columnsFor, DAY_ROW_COLUMNS } from './columns.ts';
import { addAboutSheet, addColumnSheet, assertFitsSheet, cellValue, NUMBER_FORMAT } from './xlsx.ts';
import { csvHead, csvLines } from './csv.ts';
import { csvContext, describeExport, type ExportFormat } from './index.ts';
import { jsonEnvelope, jsonText } from './json.ts';
import { exportSelection, type ExportSelection } from './selection.ts';

export interface DaysExport {
  /** Rows the file will hold (counted before writing). */
  rows: number;
  rules: EffectiveRules;
  asOf: DataAsOf;
  /** The query that runs: the one asked for, its end month filled in when none was given. */
  query: ReconcileQuery;
  selection: ExportSelection;
  /**
   * Writes the file to `out` (not ended); uses the database the export was prepared on. With
   * `stallMs`, a reader that takes nothing for that long is cut off (`out` destroyed, the write
   * ends with ReaderGoneError): over HTTP a stalled client would otherwise hold a read connection.
   */
  write(out: Writable, options?: { stallMs?: number }): Promise<void>;
}

/** The reader went away before the file was whole (a cancelled download). */
export class ReaderGoneError extends Error {
  override readonly name = 'ReaderGoneError';
  constructor() {
    super('mottakeren lukket forbindelsen før filen var ferdig');
  }
}

/**
 * Destroys `out` when it has stayed full (waiting for a 'drain') for `ms`: a reader that stays
 * connected but reads nothing. Measured from when it filled, so a reader that is slow but reads on
 * is never cut off. Its 'close' then ends the write (writable() and writeXlsx's wait reject with
 * ReaderGoneError). Returns the function that stops watching.
 */
function cutOffWhenStalled(out: Writable, ms: number): () => void {
  let fullSince: number | undefined;
  const onDrain = () => (fullSince = undefined);
  out.on('drain', onDrain);
  const timer = setInterval(() => {
    if (!out.writableNeedDrain) {
      fullSince = undefined;
      return;
    }
    fullSince ??= Date.now();
    // Without an error: an 'error' event on a piped stream nobody listens to would be thrown; 'close' ends the write.
    if (Date.now() - fullSince >= ms) out.destroy();
  }, Math.max(10, Math.floor(ms / 4)));
  timer.unref();
  return () => {
    clearInterval(timer);
    out.off('drain', onDrain);
  };
}

type Put = (chunk: string | Buffer) => Promise<void>;

/**
 * Writes to `out`, waiting when it asks the writer to (backpressure), so a slow reader never fills
 * memory; rejects when `out` closes or fails first: a download cancelled while the writer waits must
 * end the export (and free its database connection), not leave it waiting for a 'drain' that never
 * comes. Its listeners are added once per export, not once per wait: behind the `compression`
 * middleware res.on('drain') goes to the gzip stream, where res.off cannot remove it, so listeners
 * added per wait piled up (Node's MaxListenersExceededWarning on a gzipped day export).
 */
function backpressured(out: Writable): { put: Put; stop: () => void } {
  let waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const settle = (err?: Error) => {
    if (err) failure ??= err;
    const w = waiting;
    waiting = undefined;
    if (w && err) w.reject(err);
    else w?.resolve();
  };
  const drained = () => settle();
  const closed = () => settle(new ReaderGoneError());
  const failed = (e: Error) => settle(e);
  out.on('drain', drained);
  out.on('close', closed);
  out.on('error', failed);
  return {
    put: async (chunk) => {
      if (failure) throw failure;
      if (out.destroyed || out.closed) throw new ReaderGoneError();
      if (out.write(chunk)) return;
      await new Promise<void>((resolve, reject) => (waiting = { resolve, reject }));
    },
    stop: () => {
      out.off('drain', drained);
      out.off('close', closed);
      out.off('error', failed);
    },
  };
}

/**
 * Decides the months (exportSelection), the rule set and the row count; refuses an XLSX too large
 * for one sheet. Nothing is written until write().
 */
export async function prepareDaysExport(db: UskDb, input: ReconcileQuery, format: ExportFormat): Promise<DaysExport> {
  const asOf = await dataAsOf(db);
  const { query, selection } = await exportSelection(db, input, asOf);
  const rules = await resolveRules(db, query);
  const rows = await dayRowCount(db, query);
  if (format === 'xlsx') assertFitsSheet(rows, 'døgn');
  const base = { rows, rules, asOf, query, selection };
  return {
    ...base,
    write: async (out, options = {}) => {
      const stop = options.stallMs === undefined ? () => undefined : cutOffWhenStalled(out, options.stallMs);
      const sink = backpressured(out);
      try {
        if (format === 'csv') return await writeCsv(db, base, sink.put);
        if (format === 'json') return await writeJson(db, base, sink.put);
        return await writeXlsx(db, base, out);
      } finally {
        sink.stop();
        stop();
      }
    },
  };
}

type Prepared = Omit<DaysExport, 'write'>;

async function writeCsv(db: UskDb, e: Prepared, put: Put): Promise<void> {
  const context = await csvContext(db, e.selection, e.rules, e.asOf, e.query);
  const columns = columnsFor(DAY_ROW_COLUMNS, e.rules.params);
  await put(csvHead(columns, context));
  for await (const chunk of dayRows(db, e.query)) await put(csvLines(chunk, columns, context));
}

/**
 * The envelope of the other JSON exports (json.ts), kind 'days'. Its rows are one compact object
 * per line, not indented as the others' are: indented, 7 million rows would take twice the space.
 */
async function writeJson(db: UskDb, e: Prepared, put: Put): Promise<void> {
  const text = jsonText(await jsonEnvelope<DayRow>(db, { kind: 'days', rules: e.rules, asOf: e.asOf, selection: e.selection, suppression: null }, []));
  const cut = text.lastIndexOf('[]');
  await put(`${text.slice(0, cut)}[`);
  let first = true;
  for await (const chunk of dayRows(db, e.query)) {
    const lines = chunk.map((r) => `\n    ${JSON.stringify(r)}`).join(',');
    await put(`${first ? '' : ','}${lines}`);
    first &&= chunk.length === 0;
  }
  await put(`${first ? '' : '\n  '}]${text.slice(cut + 2)}`);
}

/** exceljs's streaming writer: each row is committed (and zipped away) as it is added. */
async function writeXlsx(db: UskDb, e: Prepared, out: Writable): Promise<void> {
  // exceljs ends the stream it writes to; `out` (stdout, an HTTP response) is the caller's to end.
  const zip = new PassThrough();
  zip.pipe(out, { end: false });
  const drained = once(zip, 'end');
  // A reader gone (or cut off) at any point ends the export: exceljs waits on the zip stream, which
  // nothing reads any more, so its own promises would never settle.
  const gone = new Promise<never>((_, reject) => {
    const left = () => {
      zip.destroy();
      reject(new ReaderGoneError());
    };
    if (out.destroyed || out.closed) left();
    else out.once('close', left);
  });
  gone.catch(() => undefined);
  const write = async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: true, useSharedStrings: false });
    wb.creator = 'USK-analyse';
    wb.lastModifiedBy = 'USK-analyse';
    const ws = wb.addWorksheet('Døgn', { views: [{ state: 'frozen', ySplit: 1 }] });
    const dayColumns = columnsFor(DAY_ROW_COLUMNS, e.rules.params);
    ws.columns = dayColumns.map((c) => ({
      header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length + 2), style: { numFmt: NUMBER_FORMAT[c.kind] },
    }));
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: dayColumns.length } };
    ws.getRow(1).commit();
    for await (const chunk of dayRows(db, e.query)) {
      if (zip.destroyed) throw new ReaderGoneError();
      for (const r of chunk) ws.addRow(dayColumns.map((c) => cellValue(c, r[c.key]))).commit();
    }
    ws.commit();
    const about = wb.addWorksheet('Regelsett og data');
    addAboutSheet(about, await describeExport(db, e.selection, e.rules, e.asOf));
    about.commit();
    const columns = wb.addWorksheet('Kolonner');
    addColumnSheet(columns, [{ sheet: 'Døgn', columns: dayColumns }]);
    columns.commit();
    await wb.commit();
    await drained;
  };
  const writing = write();
  writing.catch(() => undefined);
  await Promise.race([writing, gone]).finally(() => zip.unpipe(out));
}
