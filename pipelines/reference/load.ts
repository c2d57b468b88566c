import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UskDb } from '../db/open.ts';
import { sqlString } from '../db/sql.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_REFERENCE_DIR = resolve(here, '../../data/reference');


/**
 * Reloads the reference tables from the editable CSV files in data/reference/. The files are the
 * single source of these facts; nothing here knows a municipality or a rate.
 */
export async function loadReferenceData(db: UskDb, dir: string = DEFAULT_REFERENCE_DIR): Promise<void> {
  const file = (name: string) => sqlString(resolve(dir, name));
  const csv = (name: string, columns: string) =>
    `read_csv(${file(name)}, delim=';', header=true, encoding='utf-8', columns=${columns})`;
  await db.transaction(async () => {
    await db.run('DELETE FROM ref_kommune_change');
    await db.run(`INSERT INTO ref_kommune_change SELECT aar, gammelt_kommunenr, gammelt_navn, nytt_kommunenr, nytt_navn
      FROM ${csv('kommunenr-endringer.csv', "{'aar':'INTEGER','gammelt_kommunenr':'VARCHAR','gammelt_navn':'VARCHAR','nytt_kommunenr':'VARCHAR','nytt_navn':'VARCHAR'}")}
      WHERE gammelt_kommunenr <> nytt_kommunenr`);
    await db.run('DELETE FROM ref_kommune');
    // Every number that ever existed: today's list plus every old and new number in the change
    // table. A number is valid from the year it first appeared as a new number, until the year
    // before it was changed away. Chains are followed to the end (1931 → 5421 → 5530).
    await db.run(`
      INSERT INTO ref_kommune
      WITH RECURSIVE today AS (
        SELECT kommunenr, navn FROM ${csv('kommuner-2026.csv', "{'kommunenr':'VARCHAR','navn':'VARCHAR','fylkesnr':'VARCHAR'}")}
      ),
      names AS (
        SELECT kommunenr, navn, 3 AS prio FROM today
        UNION ALL SELECT new_nr, new_navn, 2 FROM ref_kommune_change
        UNION ALL SELECT old_nr, old_navn, 1 FROM ref_kommune_change
      ),
      numbers AS (
        SELECT kommunenr, arg_max(navn, prio) AS navn FROM names GROUP BY kommunenr
      ),
      chain(start_nr, nr, depth) AS (
        SELECT kommunenr, kommunenr, 0 FROM numbers
        UNION ALL
        SELECT c.start_nr, ch.new_nr, c.depth + 1
        FROM chain c JOIN ref_kommune_change ch ON ch.old_nr = c.nr
        WHERE c.depth < 10
      ),
      final AS (SELECT start_nr, arg_max(nr, depth) AS current_nr FROM chain GROUP BY start_nr)
      SELECT n.kommunenr, n.navn,
        (SELECT min(year) FROM ref_kommune_change ch WHERE ch.new_nr = n.kommunenr),
        CASE WHEN n.kommunenr IN (SELECT kommunenr FROM today) THEN NULL
             ELSE (SELECT max(year) FROM ref_kommune_change ch WHERE ch.old_nr = n.kommunenr) - 1 END,
        f.current_nr, cn.navn
      FROM numbers n JOIN final f ON f.start_nr = n.kommunenr JOIN numbers cn ON cn.kommunenr = f.current_nr`);
    await db.run('DELETE FROM ref_rate');
    await db.run(`INSERT INTO ref_rate SELECT aar, dognpris, kilde
      FROM ${csv('dognpriser.csv', "{'aar':'INTEGER','dognpris':'DECIMAL(12,2)','kilde':'VARCHAR'}")}`);
    await db.run('DELETE FROM ref_payment_start');
    await db.run(`INSERT INTO ref_payment_start SELECT fagomrade, fra_dato, kilde
      FROM ${csv('betalingsplikt.csv', "{'fagomrade':'VARCHAR','fra_dato':'DATE','kilde':'VARCHAR'}")}`);
    await db.run('DELETE FROM ref_catchment');
    await db.run(`INSERT INTO ref_catchment SELECT kommunenr, sted
      FROM ${csv('unn-opptaksomrade.csv', "{'kommunenr':'VARCHAR','sted':'VARCHAR'}")}`);
  });
}

/** When each care area's payment obligation began, as loaded (ref_payment_start): 'YYYY-MM-DD', earliest first. */
export async function paymentStarts(db: UskDb): Promise<Array<{ fagomrade: string; from_date: string }>> {
  return db.all(`SELECT fagomrade, strftime(from_date, '%Y-%m-%d') AS from_date FROM ref_payment_start ORDER BY from_date, fagomrade`);
}
