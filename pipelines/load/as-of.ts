import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import { RefusedFileError, type ReadExport } from '../read/index.ts';
import { TARGETS } from './targets.ts';

/** The export's as-of: --as-of, else the preamble's "Utskriftsdato", else the latest time in the file. */
export async function resolveAsOf(db: UskDb, read: ReadExport, p: Profile, given: string | undefined): Promise<string | null> {
  const explicit = given ?? read.asOfHint;
  if (explicit) {
    const row = (await db.json<{ ts: string | null }>(`SELECT strftime(usk_timestamp($s), '%Y-%m-%d %H:%M:%S') AS ts`, { s: explicit }))[0];
    if (!row?.ts) throw new RefusedFileError(read.fileName, `ugyldig as-of-tidspunkt «${explicit}»: forventet åååå-mm-dd tt:mm eller dd.mm.åååå tt:mm`);
    return row.ts;
  }
  const row = (await db.json<{ ts: string | null }>(`SELECT strftime((${TARGETS[p.kind].asOf}), '%Y-%m-%d %H:%M:%S') AS ts`))[0];
  return row?.ts ?? null;
}

