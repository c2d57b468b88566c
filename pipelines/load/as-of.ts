import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import { RefusedFileError, type ReadExport } from '../read/index.ts';
import { TARGETS } from './targets.ts';

/**
 * The export's as-of when it is stated: --as-of, else the preamble's "Utskriftsdato". NULL when
 * neither is there; the as-of is then the latest time in the file (latestTime), known only
 * once every chunk is loaded.
 */
export async function statedAsOf(db: UskDb, read: ReadExport, given: string | undefined): Promise<string | null> {
  const explicit = given ?? read.asOfHint;
  if (!explicit) return null;
  const row = (await db.json<{ ts: string | null }>(`SELECT strftime(usk_timestamp($s), '%Y-%m-%d %H:%M:%S') AS ts`, { s: explicit }))[0];
  if (!row?.ts) {
    const from = given !== undefined ? '--as-of' : 'utskriftsdatoen over overskriftsraden';
    throw new RefusedFileError(read.fileName, `ugyldig uttrekkstidspunkt «${explicit}» (${from}): forventet en dato som finnes, dd.mm.åååå [tt:mm] eller åååå-mm-dd [tt:mm]`);
  }
  return row.ts;
}

/** The latest time among a batch's loaded rows (TARGETS[kind].latest), 'YYYY-MM-DD HH:MM:SS'. */
export async function latestTime(db: UskDb, p: Profile, batch: number): Promise<string | null> {
  const row = (await db.json<{ ts: string | null }>(`SELECT strftime((${TARGETS[p.kind].latest}), '%Y-%m-%d %H:%M:%S') AS ts`, { batch }))[0];
  return row?.ts ?? null;
}
