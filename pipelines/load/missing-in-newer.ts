import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { headerAsWritten } from '../read/header.ts';
import { dipsMissingRowsSql } from '../derive/dips-missing.ts';
import { hnlisMissingStaysSql } from '../derive/hnlis-missing.ts';
import { day } from '../derive/finding-sql.ts';
import { otherBatchLoaded } from './targets.ts';

/** The first three Oppholds-IDs of a group, and «…» when there are more. */
const firstIds = (order: string) =>
  `array_to_string(list(stay_id ORDER BY ${order}, stay_id)[1:3], ', ') || CASE WHEN count(*) > 3 THEN ', …' ELSE '' END`;
/** The pronoun for one row or stay, or for more: as object («etter den/dem»), as subject («Den/De telles»). */
const them = "CASE WHEN count(*) = 1 THEN 'den' ELSE 'dem' END";
const they = "CASE WHEN count(*) = 1 THEN 'den' ELSE 'de' END";
const They = "CASE WHEN count(*) = 1 THEN 'Den' ELSE 'De' END";
const dayRange = (lo: string, hi: string) => `${day(lo)} || CASE WHEN ${lo}::DATE <> ${hi}::DATE THEN '–' || ${day(hi)} ELSE '' END`;

/**
 * Says, when an export is loaded, what of another version of the same export one of the two leaves
 * out although its own rows surround it: DIPS rows (the finding `dips-mangler-i-nyere`,
 * derive/dips-missing.ts) and HN-LIS stays (`opphold-mangler-i-nyere`, derive/hnlis-missing.ts),
 * by the findings' own rules, to the person who can still check the source system.
 * - What this file leaves out of an earlier version: one warning per earlier batch, with how many,
 *   their dates and the first Oppholds-IDs; they are not in this file, so the warning has no line.
 * - What of this file a newer version already loaded leaves out (an older export loaded late): a
 *   warning on each such row's line.
 * Run after the batch row is written (its as-of orders the exports).
 */
export async function missingInNewerWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  if (p.kind === 'invoices') return;
  if (!(await otherBatchLoaded(db, p.kind, batch))) return;
  const params = { batch, header: headerAsWritten(read.header, p.kind === 'periods' ? 'ready' : 'stay_id') };
  const [leftOut, leftOutOfNewer] = p.kind === 'periods'
    ? [
      `SELECT $batch, NULL, $header, 'dips-mangler-i-nyere',
         CASE WHEN count(*) = 1 THEN '1 rad' ELSE count(*) || ' rader' END || ' fra batch ' || batch_id
         || ' (Utskrivningsklar ' || ${dayRange('min(ready)', 'max(ready)')} || '; Oppholds-ID ' || ${firstIds('ready')}
         || ') er ikke med i denne rapporten, som har rader både før og etter ' || ${them} || ' og ellers gjentar rader fra batch ' || batch_id
         || ': er ' || ${they} || ' slettet eller rettet i DIPS? ' || ${They} || ' telles fortsatt'
       FROM (${dipsMissingRowsSql({ newer: '$batch' })}) GROUP BY batch_id ORDER BY batch_id`,
      `SELECT $batch, line, $header, 'dips-mangler-i-nyere',
         'Oppholds-ID ' || stay_id || ' (Utskrivningsklar ' || ${day('ready')} || ') er ikke med i en nyere rapport som alt er lest inn (batch '
         || newer || '), som har rader både før og etter den og ellers gjentar rader fra denne: er den slettet eller rettet i DIPS? Den telles fortsatt'
       FROM (${dipsMissingRowsSql({ older: '$batch' })})`,
    ]
    : [
      `SELECT $batch, NULL, $header, 'opphold-mangler-i-nyere',
         CASE WHEN count(*) = 1 THEN '1 opphold' ELSE count(*) || ' opphold' END || ' fra batch ' || batch_id
         || ' (første hendelse ' || ${dayRange('min(first)', 'max(first)')} || '; Oppholds-ID ' || ${firstIds('first')}
         || ') er ikke med i dette uttrekket, som har hendelser og utskrivninger både før og etter ' || ${them} || ' og ellers gjentar opphold fra batch '
         || batch_id || ': er Oppholds-ID rettet eller ' || CASE WHEN count(*) = 1 THEN 'oppholdet' ELSE 'oppholdene' END || ' slettet i HN-LIS? '
         || ${They} || ' telles fortsatt'
       FROM (${hnlisMissingStaysSql({ newer: '$batch' })}) GROUP BY batch_id ORDER BY batch_id`,
      `SELECT $batch, line, $header, 'opphold-mangler-i-nyere',
         'Oppholds-ID ' || stay_id || ' (første hendelse ' || ${day('first')} || ') er ikke med i et nyere uttrekk som alt er lest inn (batch '
         || newer || '), som har hendelser og utskrivninger både før og etter oppholdet og ellers gjentar opphold fra dette: '
         || 'er Oppholds-ID rettet eller oppholdet slettet i HN-LIS? Det telles fortsatt'
       FROM (${hnlisMissingStaysSql({ older: '$batch' })})`,
    ];
  await db.run(`INSERT INTO batch_warning ${leftOut}`, params);
  await db.run(`INSERT INTO batch_warning ${leftOutOfNewer}`, params);
}
