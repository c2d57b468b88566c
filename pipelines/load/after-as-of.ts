import type { UskDb } from '../db/open.ts';
import { sqlString } from '../db/sql.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { headerAsWritten } from '../read/header.ts';

/**
 * An HN-LIS event later than its extract's as-of cannot have been in that extract: the as-of is
 * wrong (a mistyped --as-of or Uttrekk) or the time is. The event loads, since its own time is
 * what periods are built from, but each such row gets a warning. Checked once per batch over the
 * loaded rows, like the validity warnings (load/validity.ts), so a clean chunk is read only once.
 * A DIPS report's times the same, against the report's as-of (its Utskriftsdato or --as-of): an
 * Utskrevet of 31.12.9999 (an open stay written as a far date) or a number cell read as year 4725.
 * An as-of at midnight has no time of its own (a report stamped «Utskriftsdato: 05.01.2023», a date
 * given as --as-of or as Uttrekk): the export may have been taken at any time that day, so only a
 * later day is after it, and the warning names the date alone (as pipelines/format formatAsOf
 * shows such an as-of). An export really taken at 00:00 loses only the warning for times later that day.
 */
export async function afterAsOfWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number, asOf: string | null): Promise<void> {
  if (p.kind === 'events') {
    await db.run(
      `INSERT INTO batch_warning
       SELECT $batch, line, $header, 'etter-uttrekket',
         'Tidspunkt ' || strftime(at_local, '%d.%m.%Y %H:%M') || ' er etter uttrekkets ' || ${asOfText('as_of')}
       FROM src_event WHERE batch_id = $batch AND ${isAfter('at_local', 'as_of')}`,
      { batch, header: headerAsWritten(read.header, 'at_local') },
    );
    return;
  }
  if (p.kind !== 'periods' || asOf === null) return;
  const columns = (['admitted', 'ready', 'discharged'] as const).filter((key) => read.header.match.columns.has(key));
  if (columns.length === 0) return;
  // One reading of the batch's rows for all three columns; only a row with a late date is unnested.
  const late = columns.map((key) => isAfter(key, '$asOf::TIMESTAMP')).join(' OR ');
  const cells = columns.map((key) => `{'header': ${sqlString(headerAsWritten(read.header, key))}, 'at': ${key}}`).join(', ');
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, line, x.header, 'etter-uttrekket',
       x.header || ' ' || strftime(x.at, '%d.%m.%Y') || ' er etter rapportens ' || ${asOfText('$asOf::TIMESTAMP')}
         || ': rapporten kan ikke ha visst det (en dato for et opphold som ikke er avsluttet, eller en feil dato?)'
     FROM (SELECT line, unnest([${cells}]) AS x FROM src_period WHERE batch_id = $batch AND (${late}))
     WHERE ${isAfter('x.at', '$asOf::TIMESTAMP')}`,
    { batch, asOf },
  );
}

/**
 * Whether `at` is after the as-of: after its day when it has no time of its own (midnight), else
 * after it. The plain comparison first: it is false for nearly every row, and DuckDB then skips the
 * rest (millions of HN-LIS rows per national file).
 */
const isAfter = (at: string, asOf: string) =>
  `(${at} > ${asOf} AND (${asOf} <> date_trunc('day', ${asOf}) OR ${at} >= ${asOf} + INTERVAL 1 DAY))`;

/** The as-of in a warning: «dato 05.01.2023» when it has no time of its own, else «tidspunkt 05.01.2023 07:15». */
const asOfText = (asOf: string) =>
  `CASE WHEN ${asOf} = date_trunc('day', ${asOf}) THEN 'dato ' || strftime(${asOf}, '%d.%m.%Y') ELSE 'tidspunkt ' || strftime(${asOf}, '%d.%m.%Y %H:%M') END`;
