/**
 * Data-quality findings that hold whatever the rule set: each names its severity and, where it
 * has one, the stay. Stay findings are rebuilt for the stays in _scope (they need the temp tables
 * of the period build); source-crossing findings (invoices, rates) are rebuilt in full, and so are
 * the version findings (what a newer export leaves out: dips-missing.ts, hnlis-missing.ts) whenever
 * sources change.
 */
import type { UskDb } from '../db/open.ts';
import { inScope, type Scope } from './scope.ts';
import { datesOverlapSql } from './overlap.ts';
import { codeList as list, day, kr, minute, monthName, ym } from './finding-sql.ts';
import { COUNTED_EVENT_CODES } from '../profiles/values.ts';
import { DIPS_MISSING_IN_NEWER_SQL } from './dips-missing.ts';
import { HNLIS_MISSING_IN_NEWER_SQL } from './hnlis-missing.ts';

export const STAY_FINDING_CODES = [
  'dips-avvik', 'null-lengde', 'hendelse-utenfor-periode', 'avmelding-utenfor-periode',
  'duplikat-utskrivningsklar', 'uten-periode', 'kun-i-dips', 'kun-i-hnlis', 'kilde-avvik', 'klar-etter-utskrevet',
  'dips-overlapp', 'flere-utskrevet', 'hendelse-mangler-i-nyere', 'lang-periode', 'dips-dogn-over-datoene',
] as const;
export const GLOBAL_FINDING_CODES = [
  'ukjent-opphold', 'faktura-belop', 'faktura-sats', 'faktura-kommune-avvik', 'faktura-fagomrade-avvik', 'mangler-sats',
  'faktura-over-maneder', 'mangler-betalingsplikt',
] as const;
/**
 * Rows and stays a newer export leaves out: rebuilt in full whenever sources change (their stays are
 * outside an incremental refresh's scope), but not when only reference data did, since they read
 * sources alone and cost a second or two at national scale.
 */
export const VERSION_FINDING_CODES = ['dips-mangler-i-nyere', 'opphold-mangler-i-nyere'] as const;

/**
 * A USK period longer than this many days is said. Such waits happen (psykisk helsevern), but a
 * mistyped year (2012 for 2021) or a missing discharge (an open period runs to the as-of) makes one
 * too, and every day of it counts: worth a look before an invoice goes out. DIPS rows are accepted
 * up to ten years (profiles/dips-usk.ts), so this is where a long one is said.
 */
export const LONG_PERIOD_DAYS = 365;

const stayFindingsSql = (scope: Scope) => `
INSERT INTO usk_finding
SELECT 'dips-avvik', 'advarsel', s.stay_id, s.kommunenr, ${ym('s.first_date')},
  'DIPS oppgir ' || s.dips_days || ' USK-døgn, beregnet fra HN-LIS: ' || s.recomputed_days
FROM _stay s WHERE s.in_dips AND s.in_hnlis AND s.dips_days <> s.recomputed_days
UNION ALL
SELECT 'null-lengde', 'advarsel', p.stay_id, s.kommunenr, ${ym('p.first_date')},
  'USK-periode ' || p.period_no || ' har null lengde (utskrivningsklar ' || ${minute('p.t_ready_local')} || ')'
FROM _period p JOIN _stay s USING (stay_id) WHERE p.registered_days = 0
UNION ALL
SELECT 'null-lengde', 'info', d.stay_id, d.kommunenr, ${ym('d.ready')},
  'DIPS-rad med 0 USK-døgn (utskrivningsklar ' || ${day('d.ready')} || ')'
FROM src_period_current d WHERE ${inScope(scope, 'd.stay_id')} AND d.usk_days = 0
UNION ALL
SELECT 'lang-periode', 'advarsel', p.stay_id, s.kommunenr, ${ym('p.first_date')},
  'USK-periode ' || p.period_no || ' har ' || p.registered_days || ' registrerte døgn (utskrivningsklar ' || ${minute('p.t_ready_local')}
    || CASE WHEN p.pagaende THEN ', ikke avsluttet ved uttrekket' ELSE ', slutt ' || ${minute('p.t_end_local')} END
    || '): mer enn ${LONG_PERIOD_DAYS} døgn. Stemmer årstallene, og mangler en utskrivning?'
FROM _period p JOIN _stay s USING (stay_id) WHERE p.registered_days > ${LONG_PERIOD_DAYS}
UNION ALL
SELECT 'lang-periode', 'advarsel', d.stay_id, d.kommunenr, ${ym('d.ready')},
  'DIPS-rad med ' || d.usk_days || ' USK-døgn (utskrivningsklar ' || ${day('d.ready')} || '): mer enn ${LONG_PERIOD_DAYS} døgn. Stemmer årstallene?'
FROM src_period_current d WHERE ${inScope(scope, 'd.stay_id')} AND d.usk_days > ${LONG_PERIOD_DAYS}
UNION ALL
-- DIPS counts every started date from Utskrivningsklar to Utskrevet, so a row's USK-døgn cannot
-- exceed those dates; when it does, a date or the count is mistyped (a day or month of Utskrevet,
-- 16 for 6). The count is what is counted, so its days run on past the discharge. Fewer days than
-- dates is a period ended before the discharge (a revocation) and is not said.
SELECT 'dips-dogn-over-datoene', 'advarsel', d.stay_id, d.kommunenr, ${ym('d.ready')},
  'DIPS-rad med ' || d.usk_days || ' USK-døgn, men Utskrivningsklar ' || ${day('d.ready')} || ' til Utskrevet '
    || ${day('d.discharged')} || ' er bare ' || d.dates || CASE WHEN d.dates = 1 THEN ' dato' ELSE ' datoer' END
    || ': er en dato eller antallet feil? Alle ' || d.usk_days || ' telles, også døgn etter utskrivningen'
FROM (SELECT *, date_diff('day', ready::DATE, discharged::DATE) + 1 AS dates FROM src_period_current
      WHERE ${inScope(scope, 'stay_id')} AND discharged IS NOT NULL) d
WHERE d.usk_days > d.dates
UNION ALL
SELECT 'hendelse-utenfor-periode', 'advarsel', m.stay_id, m.kommunenr, ${ym('m.at_local')},
  'Hendelse ' || m.code || ' ' || ${minute('m.at_local')} || ' ligger utenfor alle USK-perioder og er ikke brukt'
FROM _mark m WHERE m.assigned IS NULL
UNION ALL
SELECT 'avmelding-utenfor-periode', 'info', e.stay_id, e.kommunenr, ${ym('e.at_local')},
  'Avmelding (4) ' || ${minute('e.at_local')} || ' uten åpen USK-periode'
FROM _ev e WHERE e.is_stray_end
UNION ALL
SELECT 'duplikat-utskrivningsklar', 'advarsel', e.stay_id, e.kommunenr, ${ym('e.at_local')},
  'Utskrivningsklar (2) ' || ${minute('e.at_local')} || ' i en allerede åpen USK-periode er ignorert'
FROM _ev e WHERE e.is_duplicate_start
UNION ALL
-- A stay is discharged once; readiness after its discharge opens a period that runs on to the
-- as-of time, which is counted, but is more likely a new stay under the old Oppholds-ID.
SELECT 'klar-etter-utskrevet', 'advarsel', e.stay_id, e.kommunenr, ${ym('e.at_local')},
  'Utskrivningsklar (2) ' || ${minute('e.at_local')} || ' kommer etter at oppholdet er utskrevet (UT): perioden er telt, men sjekk om det er et nytt opphold'
FROM _ev e WHERE e.is_start AND e.prev_boundary = 'UT'
UNION ALL
-- A stay is discharged once per period. HN-LIS events key on stay, code and time (exports.md), so a
-- discharge time corrected in a newer extract is a second UT right after the first, with no
-- readiness between them, and the first still ends the period: said, with the batch of each UT of
-- the stay. A readmission (2, UT, 2, UT) has a 2 before each UT and is no such case.
SELECT 'flere-utskrevet', 'advarsel', stay_id, arg_min(kommunenr, at_local), ${ym('min(at_local)')},
  'Oppholdet har ' || count(*) || ' utskrivningstidspunkter (UT): '
    || string_agg(${minute('at_local')} || ' (batch ' || batch_id || ')', ', ' ORDER BY at_local)
    || '. Perioden slutter ved det første; er tidspunktet rettet i et nyere uttrekk, står det gamle fortsatt'
-- The few such stays first: the message's aggregates over every discharged stay cost seconds at national scale.
FROM _ev WHERE code = 'UT' AND stay_id IN (SELECT stay_id FROM _ev WHERE code = 'UT' AND prev_boundary = 'UT') GROUP BY stay_id
UNION ALL
-- An event a newer extract leaves out still counts (exports.md supersedes by key only; query/README.md
-- decision 28), but where the newer extract has events of the same stay both before and after it, its
-- window plainly reached it: the event was deleted or corrected in HN-LIS (a revocation taken back, a
-- time moved), and the counts may be wrong. Said per event, with both batches. An event at either end
-- of the newer extract's events for the stay is not said: nothing tells a deletion there from a window
-- that ended before it.
SELECT 'hendelse-mangler-i-nyere', 'advarsel', k.stay_id, k.kommunenr, ${ym('k.at_local')},
  'Hendelse ' || k.code || ' ' || ${minute('k.at_local')} || ' (batch ' || k.batch_id || ') er ikke med i et nyere uttrekk (batch '
    || n.batch_id || ') som har oppholdets hendelser både før og etter den: er den slettet eller rettet i HN-LIS? Den telles fortsatt'
FROM (
  -- Each event (stay, code, time: its key) with its newest version, whether the stay's newest extract has it.
  SELECT v.stay_id, v.code, v.at_local, arg_max(v.batch_id, v.as_of) AS batch_id, arg_max(v.kommunenr, v.as_of) AS kommunenr,
    max(v.as_of) AS as_of, bool_or(v.batch_id = n.batch_id) AS in_newest
  FROM _ev_versions v JOIN _ev_newest n USING (stay_id) GROUP BY ALL
) k
JOIN _ev_newest n USING (stay_id)
WHERE NOT k.in_newest AND k.as_of < n.as_of AND k.at_local > n.lo AND k.at_local < n.hi
UNION ALL
-- DIPS rows key on Oppholds-ID + Utskrivningsklar (exports.md), so a corrected Utskrivningsklar in
-- a later export is a new row beside the old one, and both count. A row whose counted dates overlap
-- those of an earlier row of the stay (derive/overlap.ts) is said out loud, with the batch of each:
-- against the earlier row that reaches furthest, so a row overlapping one that is not its direct
-- predecessor is named too.
SELECT 'dips-overlapp', 'advarsel', stay_id, kommunenr, ${ym('ready')},
  'DIPS-radene med Utskrivningsklar ' || ${day('prev.ready')} || ' (' || prev.days || ' døgn, batch ' || prev.batch ||
  ') og ' || ${day('ready')} || ' (' || usk_days || ' døgn, batch ' || batch_id ||
  ') dekker de samme datoene: er den ene en rettet utgave av den andre, telles døgnene to ganger. Sjekk i DIPS'
FROM (
  -- A window over the earlier rows of the stay, not a self-join of the view.
  SELECT stay_id, kommunenr, ready, usk_days, batch_id,
    arg_max({'ready': ready, 'days': usk_days, 'batch': batch_id}, ready::DATE + usk_days) OVER w AS prev
  FROM src_period_current WHERE ${inScope(scope, 'stay_id')}
  WINDOW w AS (PARTITION BY stay_id ORDER BY ready ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
WHERE prev IS NOT NULL AND ${datesOverlapSql({ ready: 'prev.ready', days: 'prev.days' }, 'ready')}
UNION ALL
SELECT 'uten-periode', 'advarsel', s.stay_id, s.kommunenr, ${ym('s.first_date')},
  'Oppholdet har HN-LIS-hendelser, men ingen utskrivningsklar-hendelse (2): døgnene kan ikke klassifiseres'
FROM _stay s WHERE NOT s.in_hnlis AND s.ev_kommune_min IS NOT NULL
UNION ALL
SELECT 'kun-i-dips', 'advarsel', s.stay_id, s.kommunenr, ${ym('s.first_date')},
  'Oppholdet finnes i DIPS, men ikke i HN-LIS: ' || s.dips_days || ' døgn uten tidspunkt'
FROM _stay s WHERE s.in_dips AND NOT s.in_hnlis
UNION ALL
SELECT 'kun-i-hnlis', 'info', s.stay_id, s.kommunenr, ${ym('s.first_date')},
  'Oppholdet finnes i HN-LIS, men ikke i DIPS: registrerte døgn er beregnet (' || s.recomputed_days || ')'
FROM _stay s WHERE s.in_hnlis AND NOT s.in_dips
UNION ALL
SELECT 'kilde-avvik', 'advarsel', s.stay_id, s.kommunenr, ${ym('s.first_date')},
  'Kommunenr/fagområde i HN-LIS (' || s.ev_kommune_min ||
  CASE WHEN s.ev_kommune_max <> s.ev_kommune_min THEN '–' || s.ev_kommune_max ELSE '' END || ' ' || s.ev_fag_min ||
  CASE WHEN s.ev_fag_max <> s.ev_fag_min THEN '–' || s.ev_fag_max ELSE '' END ||
  ') avviker fra oppholdets (' || s.kommunenr || ' ' || s.fagomrade || ')'
FROM _stay s
-- Numbers compared as today's municipality (ref_kommune.current_nr), as faktura-kommune-avvik does:
-- 5401 on the events and 5501 on the stay is one municipality renumbered, not a disagreement.
LEFT JOIN ref_kommune ks ON ks.kommunenr = s.kommunenr
LEFT JOIN ref_kommune klo ON klo.kommunenr = s.ev_kommune_min
LEFT JOIN ref_kommune khi ON khi.kommunenr = s.ev_kommune_max
WHERE coalesce(klo.current_nr, s.ev_kommune_min) <> coalesce(ks.current_nr, s.kommunenr)
   OR coalesce(khi.current_nr, s.ev_kommune_max) <> coalesce(ks.current_nr, s.kommunenr)
   OR s.ev_fag_min <> s.fagomrade OR s.ev_fag_max <> s.fagomrade`;

const GLOBAL_FINDINGS_SQL = `
INSERT INTO usk_finding
SELECT 'ukjent-opphold', 'advarsel', i.stay_id, i.kommunenr, ${ym('i.month')},
  CASE WHEN i.stay_id IS NULL THEN 'Fakturalinje ' || i.invoice_no || ' er ikke knyttet til et opphold'
       ELSE 'Fakturalinje ' || i.invoice_no || ' gjelder et opphold som ikke finnes i DIPS eller HN-LIS' END
FROM usk_invoice i WHERE NOT i.stay_known
UNION ALL
SELECT 'faktura-belop', 'advarsel', i.stay_id, i.kommunenr, ${ym('i.month')},
  'Faktura ' || i.invoice_no || ': beløp ' || ${kr('i.amount')} || ' ≠ ' || i.days || ' døgn × ' || ${kr('i.rate')}
FROM usk_invoice i WHERE i.rate IS NOT NULL AND abs(i.amount - i.days * i.rate) > 1
UNION ALL
SELECT 'faktura-sats', 'advarsel', i.stay_id, i.kommunenr, ${ym('i.month')},
  'Faktura ' || i.invoice_no || ': døgnpris ' || ${kr('i.rate')} || ' er ikke den nasjonale for ' || year(i.from_date) || ' (' || ${kr('r.rate')} || ')'
FROM usk_invoice i JOIN ref_rate r ON r.year = year(i.from_date)
WHERE i.rate IS NOT NULL AND abs(i.rate - r.rate::DOUBLE) > 0.005
UNION ALL
SELECT 'faktura-kommune-avvik', 'advarsel', i.stay_id, i.kommunenr, ${ym('i.month')},
  'Faktura ' || i.invoice_no || ' er sendt til kommune ' || i.kommunenr || ', men oppholdet er registrert på ' || s.kommunenr
FROM usk_invoice i JOIN usk_stay s ON s.stay_id = i.stay_id
LEFT JOIN ref_kommune ki ON ki.kommunenr = i.kommunenr
LEFT JOIN ref_kommune ks ON ks.kommunenr = s.kommunenr
WHERE coalesce(ki.current_nr, i.kommunenr) <> coalesce(ks.current_nr, s.kommunenr)
UNION ALL
-- An invoice file without a Fagområde column books every line as somatikk (exports.md); a line
-- for a psychiatric stay then shows as a difference in two care areas, which this explains.
SELECT 'faktura-fagomrade-avvik', 'advarsel', i.stay_id, i.kommunenr, ${ym('i.month')},
  'Faktura ' || i.invoice_no || ' er ført på ' || replace(i.fagomrade, '-', ' ') || ', men oppholdet er registrert på ' || replace(s.fagomrade, '-', ' ')
FROM usk_invoice i JOIN usk_stay s ON s.stay_id = i.stay_id
WHERE i.fagomrade <> s.fagomrade
UNION ALL
-- domain.md books a whole invoice line in the month of its Fra dato; a line over a month's end
-- moves its later days into that month, so the differences of both months (years) shift. Said
-- per line, a warning when it crosses a year (the year's figure is what municipalities dispute).
SELECT 'faktura-over-maneder', CASE WHEN year(i.to_date) <> year(i.from_date) THEN 'advarsel' ELSE 'info' END,
  i.stay_id, i.kommunenr, ${ym('i.month')},
  'Fakturalinje ' || i.invoice_no || ' (' || ${day('i.from_date')} || '–' || ${day('i.to_date')} || ', ' || i.days ||
  ' døgn) går over ' || CASE WHEN year(i.to_date) <> year(i.from_date) THEN 'et årsskifte' ELSE 'et månedsskifte' END ||
  ': hele linjen er ført i ' || ${monthName('i.from_date')} || ' (Fra dato), så differansen i de to periodene flytter seg tilsvarende'
FROM usk_invoice i WHERE date_trunc('month', i.to_date) <> date_trunc('month', i.from_date)
UNION ALL
SELECT 'mangler-sats', 'advarsel', NULL, NULL, y::VARCHAR,
  'Ingen døgnpris for ' || y || ' i satstabellen: forventet beløp vises som manglende'
FROM (SELECT DISTINCT year(month) AS y FROM usk_stay_month UNION SELECT DISTINCT year(month) FROM usk_invoice)
WHERE y NOT IN (SELECT year FROM ref_rate)
UNION ALL
-- A care area without a payment start never became payable (query/README.md decision 32): every
-- one of its days is before the obligation, which a reader must be told, not left to find.
SELECT 'mangler-betalingsplikt', 'advarsel', NULL, NULL, NULL,
  'Ingen dato for betalingsplikt for ' || replace(f, '-', ' ') || ' i referansedataene (betalingsplikt.csv): døgnene regnes som før betalingsplikt og er ikke betalbare'
FROM (SELECT DISTINCT fagomrade AS f FROM usk_period)
WHERE f NOT IN (SELECT fagomrade FROM ref_payment_start)`;

/**
 * For 'hendelse-mangler-i-nyere': every version of the counted events of the stays in scope that
 * more than one extract has (only they can miss an event), with its as-of; and each such stay's
 * newest extract, newest as src_event_current orders versions (as-of, then batch), with the span of
 * the stay's events in it. The stays are found by a grouping on their hash (a collision only lets a
 * stay of one extract through, which then has nothing missing): at national scale about 0.8 s,
 * against 4 s for the check over every stay.
 */
const eventVersionsSql = (scope: Scope) => `
CREATE OR REPLACE TEMP TABLE _ev_versions AS
  WITH several AS (
    SELECT hash(stay_id) AS h FROM src_event
    WHERE ${inScope(scope, 'stay_id')} AND code IN (${list(COUNTED_EVENT_CODES)})
    GROUP BY h HAVING min(batch_id) <> max(batch_id))
  SELECT e.stay_id, e.code, e.at_local, e.kommunenr, e.batch_id, coalesce(e.as_of, b.as_of) AS as_of
  FROM src_event e LEFT JOIN batch b ON b.batch_id = e.batch_id
  WHERE ${inScope(scope, 'e.stay_id')} AND e.code IN (${list(COUNTED_EVENT_CODES)}) AND hash(e.stay_id) IN (SELECT h FROM several);
CREATE OR REPLACE TEMP TABLE _ev_newest AS
  SELECT * FROM (
    SELECT stay_id, batch_id, max(as_of) AS as_of, min(at_local) AS lo, max(at_local) AS hi
    FROM _ev_versions GROUP BY stay_id, batch_id)
  QUALIFY row_number() OVER (PARTITION BY stay_id ORDER BY as_of DESC NULLS LAST, batch_id DESC) = 1;`;

export async function buildStayFindings(db: UskDb, scope: Scope): Promise<void> {
  await db.run(`DELETE FROM usk_finding WHERE code IN (${list(STAY_FINDING_CODES)}) AND ${inScope(scope, 'stay_id')}`);
  await db.run(eventVersionsSql(scope));
  await db.run(stayFindingsSql(scope));
  // Not in a finally: after a failure the transaction is aborted and a DROP would hide the error; the
  // temp tables are replaced by the next build.
  await db.run('DROP TABLE temp._ev_versions; DROP TABLE temp._ev_newest');
}

export async function buildGlobalFindings(db: UskDb): Promise<void> {
  await db.run(`DELETE FROM usk_finding WHERE code IN (${list(GLOBAL_FINDING_CODES)})`);
  await db.run(GLOBAL_FINDINGS_SQL);
}

export async function buildVersionFindings(db: UskDb): Promise<void> {
  await db.run(`DELETE FROM usk_finding WHERE code IN (${list(VERSION_FINDING_CODES)})`);
  await db.run(`INSERT INTO usk_finding ${DIPS_MISSING_IN_NEWER_SQL} UNION ALL ${HNLIS_MISSING_IN_NEWER_SQL}`);
}
