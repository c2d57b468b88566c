/**
 * Rejected values stored before a mask was widened are masked again when the database is opened,
 * once per widening (the marker names it): a database loaded by an older version must not keep an
 * identifier in clear that this version would have masked. Session 12 widened the rejected-value
 * mask to a fødselsnummer in any form (validate/parsers.ts usk_hides_fnr); session 20 to a birth date
 * with a four-digit year and the personnummer after it (17.10.1974 78450), whose digits read together
 * are none.
 */
import { IDENTIFIER_MASK } from '../db/errors.ts';
import type { UskDb } from '../db/open.ts';
import { PARSERS_SQL } from '../validate/parsers.ts';

const SCRUB = 'reject-value-date-then-pnr-2';

export async function scrubRejectedValues(db: UskDb): Promise<void> {
  if ((await db.json('SELECT 1 FROM scrub_done WHERE name = $n', { n: SCRUB })).length > 0) return;
  await db.run(PARSERS_SQL);
  await db.transaction(async () => {
    await db.run(`UPDATE reject SET value = '${IDENTIFIER_MASK}' WHERE value <> '${IDENTIFIER_MASK}' AND usk_hides_fnr(value)`);
    await db.run('INSERT INTO scrub_done VALUES ($n, now())', { n: SCRUB });
  });
}
