/**
 * monthFacts(): stays, patients, patients in USK now and the median USK length for one month,
 * against the previous month and the same month a year before — ONE statement over usk_stay_month,
 * usk_stay and usk_period. Definitions: contract.ts MonthFact and README.md "Månedsoversikt". A
 * month the data do not reach, or an incomplete month, is not compared (comparable.ts).
 */
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { MonthFactKey, MonthFactsQuery, type FactChange, type MonthFact, type MonthFacts } from './contract.ts';
import { factFilter, mergeParams, parseQuery } from './filters.ts';
import { noComparison } from './comparable.ts';
import { dataAsOf, dataMonths } from './meta.ts';

/** 'YYYY-MM' moved by n months. */
export function shiftMonth(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

type Which = 'current' | 'previous' | 'lastYear';
interface Row extends MonthFact {
  k: Which;
}

export async function monthFacts(db: UskDb, input: MonthFactsQuery): Promise<MonthFacts> {
  await ensureDerivedSchema(db);
  const q = MonthFactsQuery.parse(input);
  // The shared filters give the crosswalk for a municipality and the care-area condition.
  const filterQuery = parseQuery({ fagomrade: q.fagomrade, ...(q.kommune ? { kommune: q.kommune } : {}) });
  const sm = factFilter(filterQuery, 'sm.');
  const p = factFilter(filterQuery, 'p.');
  const months = { m0: `${q.month}-01`, m1: `${shiftMonth(q.month, -1)}-01`, m2: `${shiftMonth(q.month, -12)}-01` };
  // Open periods are counted at the month's end, or at the HN-LIS as-of when that is earlier: the
  // time «Data per» names for HN-LIS, which the page says they are counted at. The latest period
  // end, used before, is that time only while some period is still open; with none it was the last
  // discharge, which the page then named as the data's time. The counts differ only where an event
  // lies after the as-of (no period ends after the latest end, and an open one counts however late
  // the cut): a period that ends after it then counts as open at it (the finding etter-uttrekket).
  const asOf = await dataAsOf(db);
  const rows = await db.all<Row>(`
    WITH m(k, month) AS (VALUES ('current', $m0::DATE), ('previous', $m1::DATE), ('lastYear', $m2::DATE)),
    latest AS (SELECT epoch_us(usk_oslo_instant($asof::TIMESTAMP)) AS us),
    b AS (
      SELECT m.k, m.month,
        epoch_us(timezone('Europe/Oslo', m.month::TIMESTAMP)) AS start_us,
        epoch_us(timezone('Europe/Oslo', (m.month + INTERVAL 1 MONTH)::TIMESTAMP)) AS end_us,
        least(epoch_us(timezone('Europe/Oslo', (m.month + INTERVAL 1 MONTH)::TIMESTAMP)), coalesce(latest.us, 9223372036854775807)) AS cut_us
      FROM m CROSS JOIN latest),
    -- The months as constants, not a subquery over m: the filter then reaches the scan of
    -- usk_stay_month, before the join with usk_stay (with the subquery every stay-month of every
    -- year was joined to its stay first; national scale: the statement took 0.27 s, now 0.10 s).
    st AS (
      SELECT sm.month, count(DISTINCT sm.stay_id) AS opphold,
        count(DISTINCT coalesce(s.patient_pseudonym, 'opphold:' || sm.stay_id)) AS pasienter
      FROM usk_stay_month sm LEFT JOIN usk_stay s ON s.stay_id = sm.stay_id
      WHERE sm.registrert > 0 AND sm.month IN ($m0::DATE, $m1::DATE, $m2::DATE) AND ${sm.where}
      GROUP BY sm.month),
    -- The periods that can count in any of the three months, before they meet b (which checks
    -- each month's own bounds), instead of every period of every year against all three.
    pp AS (
      SELECT p.t_ready_us, p.t_end_us, p.pagaende, p.registered_days FROM usk_period p
      WHERE p.t_ready_us < (SELECT max(end_us) FROM b) AND (p.pagaende OR p.t_end_us >= (SELECT min(start_us) FROM b)) AND ${p.where}),
    pe AS (
      SELECT b.k,
        count(*) FILTER (WHERE p.t_ready_us < b.cut_us AND (p.pagaende OR p.t_end_us > b.cut_us)) AS usk_na,
        median(p.registered_days) FILTER (WHERE NOT p.pagaende AND p.t_end_us >= b.start_us AND p.t_end_us < b.end_us) AS median_usk_dogn,
        count(*) FILTER (WHERE NOT p.pagaende AND p.t_end_us >= b.start_us AND p.t_end_us < b.end_us) AS avsluttede
      -- Only periods that started before the month ended and were still open at its start (or pågående) count.
      FROM b JOIN pp p ON p.t_ready_us < b.end_us AND (p.pagaende OR p.t_end_us >= b.start_us)
      GROUP BY b.k)
    SELECT b.k, strftime(b.month, '%Y-%m') AS month,
      coalesce(st.opphold, 0)::INTEGER AS opphold,
      coalesce(st.pasienter, 0)::INTEGER AS pasienter,
      coalesce(pe.usk_na, 0)::INTEGER AS usk_na,
      pe.median_usk_dogn::DOUBLE AS median_usk_dogn,
      coalesce(pe.avsluttede, 0)::INTEGER AS avsluttede_perioder
    FROM b LEFT JOIN st ON st.month = b.month LEFT JOIN pe ON pe.k = b.k`,
    { ...(mergeParams(months, sm.params, p.params) as Record<string, string>), asof: asOf.events });
  const get = (k: Which): MonthFact => {
    const r = rows.find((x) => x.k === k);
    if (!r) throw new Error(`monthFacts: mangler raden for ${k}`);
    return { month: r.month, opphold: r.opphold, pasienter: r.pasienter, usk_na: r.usk_na, median_usk_dogn: r.median_usk_dogn, avsluttede_perioder: r.avsluttede_perioder };
  };
  const current = get('current');
  const previous = get('previous');
  const lastYear = get('lastYear');
  // A month outside the data, or an incomplete one, is not compared (comparable.ts): no change then, and why.
  const meta = { months: await dataMonths(db), asOf };
  const compare = (now: number | null, other: MonthFact, before: number | null): FactChange => {
    const why = noComparison(meta, q.month, other.month);
    return why ? { diff: null, share: null, reason: why.reason } : factChange(now, before);
  };
  const changes = Object.fromEntries(MonthFactKey.options.map((key) => [key, {
    previous: compare(current[key], previous, previous[key]),
    lastYear: compare(current[key], lastYear, lastYear[key]),
  }])) as MonthFacts['changes'];
  return { month: q.month, fagomrade: q.fagomrade, kommune: q.kommune ?? null, asOf: asOf.events, current, previous, lastYear, changes };
}

export function factChange(now: number | null, before: number | null): FactChange {
  if (now === null || before === null) return { diff: null, share: null };
  return { diff: now - before, share: before === 0 ? null : (now - before) / before };
}
