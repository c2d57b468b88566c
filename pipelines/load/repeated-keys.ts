import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';

/**
 * Rows of one file that share a natural key (exports.md). Only the file's last such line is
 * current (db/schema.sql, the *_current views), which is right for a row the export repeats, but
 * two different invoice lines that happen to share a key would silently count as one. So every
 * earlier line gets a warning naming the line that counts. HN-LIS events are left out: exact
 * duplicate events are expected there and count once (exports.md).
 */
const KEYS: Partial<Record<Profile['kind'], { table: string; partition: string; describe: string }>> = {
  periods: {
    table: 'src_period',
    partition: 'stay_id, ready',
    // strftime needs a constant format, so the choice of format is outside it.
    describe: `'Oppholds-ID ' || stay_id || ' med Utskrivningsklar ' || CASE WHEN ready_has_time THEN strftime(ready, '%d.%m.%Y %H:%M') ELSE strftime(ready, '%d.%m.%Y') END`,
  },
  invoices: {
    table: 'src_invoice',
    partition: `invoice_no, coalesce(stay_id, ''), from_date, line_type, CASE WHEN stay_id IS NULL THEN fagomrade END`,
    describe: `'Fakturanr ' || invoice_no || ', ' || coalesce('Oppholds-ID ' || stay_id, 'uten Oppholds-ID') || ', Fra dato ' || strftime(from_date, '%d.%m.%Y') || ' og type ' || line_type`,
  },
};

export async function repeatedKeyWarnings(db: UskDb, p: Profile, batch: number): Promise<void> {
  const key = KEYS[p.kind];
  if (!key) return;
  // A grouping first (usually nothing comes back), then the lines of the repeated keys only. The
  // grouping is by the key's hash: rows with the same key have the same hash, so no repeat is
  // missed, and a collision only costs the exact second statement, which finds nothing; grouping
  // national files by one integer instead of a text and a time takes about half the time.
  const [repeated] = await db.json<{ n: number }>(
    `SELECT count(*)::INT AS n FROM (SELECT 1 FROM ${key.table} WHERE batch_id = $batch GROUP BY hash(${key.partition}) HAVING count(*) > 1)`,
    { batch },
  );
  if (!repeated?.n) return;
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, line, NULL, 'samme-nokkel-i-filen',
       ${key.describe} || ' står også på linje ' || last_line || ' i filen; bare linje ' || last_line || ' telles'
     FROM (SELECT *, max(line) OVER (PARTITION BY ${key.partition}) AS last_line, count(*) OVER (PARTITION BY ${key.partition}) AS n
           FROM ${key.table} WHERE batch_id = $batch)
     WHERE n > 1 AND line < last_line`,
    { batch },
  );
}
