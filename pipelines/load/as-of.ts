import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import { RefusedFileError, type ReadExport } from '../read/index.ts';
import { AS_OF_EXPECTED, parseAsOf } from './result.ts';
import { TARGETS } from './targets.ts';
import type { FileWarning } from './totals.ts';

/**
 * The export's as-of when it is stated: --as-of, else the preamble's "Utskriftsdato". NULL when
 * neither is there; the as-of is then the latest time in the file (latestTime), known only
 * once every chunk is loaded. A given as-of is read by the rule its argument was checked with
 * (result.ts parseAsOf), so one that passed the check is never refused here; the preamble's is
 * text of the file, read as its date columns are (usk_timestamp).
 */
export async function statedAsOf(db: UskDb, read: ReadExport, given: string | undefined): Promise<string | null> {
  const explicit = given ?? read.asOfHint;
  if (!explicit) return null;
  const ts = given !== undefined
    ? parseAsOf(given)
    : (await db.json<{ ts: string | null }>(`SELECT strftime(usk_timestamp($s), '%Y-%m-%d %H:%M:%S') AS ts`, { s: explicit }))[0]?.ts;
  if (!ts) {
    const from = given !== undefined ? '--as-of' : 'utskriftsdatoen over overskriftsraden';
    throw new RefusedFileError(read.fileName, `ugyldig uttrekkstidspunkt «${explicit}» (${from}): ${AS_OF_EXPECTED}`);
  }
  return ts;
}

/** The latest time among a batch's loaded rows (TARGETS[kind].latest), 'YYYY-MM-DD HH:MM:SS'. */
export async function latestTime(db: UskDb, p: Profile, batch: number): Promise<string | null> {
  const row = (await db.json<{ ts: string | null }>(`SELECT strftime((${TARGETS[p.kind].latest}), '%Y-%m-%d %H:%M:%S') AS ts`, { batch }))[0];
  return row?.ts ?? null;
}

/** Where a batch's as-of came from, for the summary: the user, the file, or its rows' latest time. */
export type AsOfSource = 'as-of' | 'file' | 'rows';

export async function asOfSource(db: UskDb, p: Profile, stated: string | null, given: string | undefined, batch: number): Promise<AsOfSource> {
  if (given !== undefined) return 'as-of';
  if (stated !== null) return 'file';
  // An HN-LIS extract states its as-of row by row (Uttrekk), when the column is there and filled.
  if (p.kind !== 'events') return 'rows';
  const [row] = await db.json<{ n: number }>('SELECT count(as_of)::INT AS n FROM src_event WHERE batch_id = $batch', { batch });
  return row?.n ? 'file' : 'rows';
}

/**
 * The as-of decides which export supersedes which (db/schema.sql, the *_current views). One in the
 * future (a mistyped year in --as-of, the preamble or, when inferred, in a row) would keep these
 * rows current against every later export, so it loads with a warning that says where to look.
 */
export async function futureAsOfWarnings(db: UskDb, source: AsOfSource, used: string | null): Promise<FileWarning[]> {
  if (used === null) return [];
  const [row] = await db.json<{ shown: string; future: boolean }>(
    `SELECT strftime($used::TIMESTAMP, '%d.%m.%Y %H:%M') AS shown, $used::TIMESTAMP > now()::TIMESTAMP + INTERVAL 1 DAY AS future`,
    { used },
  );
  if (!row?.future) return [];
  const where = { 'as-of': '--as-of', file: 'uttrekkstidspunktet i filen', rows: 'tidspunktene i filen (den oppgir ikke uttrekkstidspunkt, så det seneste er brukt)' }[source];
  return [{
    line: null, column: null, code: 'uttrekkstid-i-fremtiden',
    message: `uttrekkstidspunktet ${row.shown} er i fremtiden: en senere eksport erstatter ikke disse radene før den har et senere tidspunkt. Sjekk ${where}`,
  }];
}

/** A gap this long between the two latest times of a file's rows makes the latest one suspect. */
const LONELY_LATEST_DAYS = 31;

/**
 * An as-of taken from the rows' latest time (no --as-of, nothing in the preamble) rests on one row:
 * a mistyped year there (Utskrevet 10.01.2025 in a 2022 export) would keep the whole file current
 * against every later export, silently, as long as the date is not in the future. When the latest
 * time stands more than a month after the next one, the file loads with a warning naming the line.
 */
export async function lonelyLatestWarnings(db: UskDb, p: Profile, source: AsOfSource, batch: number): Promise<FileWarning[]> {
  if (source !== 'rows') return [];
  const { table, rowTime } = TARGETS[p.kind];
  const [row] = await db.json<{ line: number; shown: string; next: string; days: number }>(
    `WITH top AS (SELECT ${rowTime} AS t, line FROM ${table} WHERE batch_id = $batch ORDER BY t DESC, line LIMIT 2)
     SELECT arg_max(line, t) AS line, strftime(max(t), '%d.%m.%Y %H:%M') AS shown, strftime(min(t), '%d.%m.%Y %H:%M') AS next,
            date_diff('day', min(t), max(t))::INT AS days
     FROM top HAVING count(*) = 2`,
    { batch },
  );
  if (!row || row.days <= LONELY_LATEST_DAYS) return [];
  return [{
    line: row.line, column: null, code: 'uttrekkstid-fra-enkeltrad',
    message: `filen oppgir ikke uttrekkstidspunkt, så det seneste tidspunktet i radene er brukt: ${row.shown} på denne linjen, ${row.days} dager etter det nest seneste (${row.next}). `
      + 'Er datoen feil skrevet? Et for sent uttrekkstidspunkt gjør at senere eksporter ikke erstatter radene i denne filen; oppgi riktig tidspunkt med --as-of',
  }];
}
