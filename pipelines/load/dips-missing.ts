import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { headerAsWritten } from '../read/header.ts';
import { dipsMissingRowsSql } from '../derive/dips-missing.ts';

/**
 * Says, when a DIPS report is loaded, which rows of an earlier version of the same report it leaves
 * out although its own rows surround them (the rule of the finding `dips-mangler-i-nyere`,
 * derive/dips-missing.ts): one warning per earlier batch, with how many rows, their Utskrivningsklar
 * dates and the first Oppholds-IDs, to the person who can still check DIPS. They are not in this
 * file, so the warning has no line. Run after the batch row is written (its as-of orders the reports).
 */
export async function dipsMissingWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  if (p.kind !== 'periods') return;
  // A first load (the national file of the benchmark) has no earlier report: no query at all.
  const [earlier] = await db.json<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM src_period WHERE batch_id <> $batch) AS any', { batch });
  if (!earlier?.any) return;
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, NULL, $header, 'dips-mangler-i-nyere',
       CASE WHEN count(*) = 1 THEN '1 rad' ELSE count(*) || ' rader' END || ' fra batch ' || batch_id
       || ' (Utskrivningsklar ' || strftime(min(ready), '%d.%m.%Y')
       || CASE WHEN min(ready)::DATE <> max(ready)::DATE THEN '–' || strftime(max(ready), '%d.%m.%Y') ELSE '' END
       || '; Oppholds-ID ' || array_to_string(list(stay_id ORDER BY ready, stay_id)[1:3], ', ') || CASE WHEN count(*) > 3 THEN ', …' ELSE '' END
       || ') er ikke med i denne rapporten, som har rader både før og etter dem og ellers gjentar rader fra batch ' || batch_id
       || ': er de slettet eller rettet i DIPS? De telles fortsatt'
     FROM (${dipsMissingRowsSql('$batch')}) GROUP BY batch_id ORDER BY batch_id`,
    { batch, header: headerAsWritten(read.header, 'ready') },
  );
}
