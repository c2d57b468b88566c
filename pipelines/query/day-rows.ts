/**
 * dayRows(): every stay's USK dates under a rule set and the export's filters, one row per stay ×
 * date, for `usk export days` and GET /api/exports/days. The same days, categories and hours as
 * stayDays() (the stay strip) gives one stay at a time, with the municipality named as stays()
 * names it and the period's times beside each date.
 *
 * Nationally this is ~7 million rows, so the rows are read chunk by chunk (UskDb.chunks) and never
 * held at once; dayRowCount() counts them first (an XLSX sheet's limit, the audit log, stderr).
 *
 * A stay known only from DIPS has no clock times: its walked DIPS dates are uten_tidspunkt with 0
 * hours and no period times, as in stayDays(). avvik_dips (DIPS − recomputed, per month) has no
 * dates, so a stay's day rows number its registered days minus its avvik_dips.
 */
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { DayCategory, type ReconcileQuery, type RuleParams } from './contract.ts';
import { categoryNameSql, categorySql, payableHoursSql } from './classify.ts';
import { factFilter, kommuneSql, mergeParams, parseQuery, type ParsedQuery } from './filters.ts';
import type { Params } from '../db/open.ts';
import { requireKnownKommune } from './reconcile.ts';
import { resolveRules } from './rules.ts';

/** One stay × date. Times are local 'YYYY-MM-DDTHH:MM' (as stayDays() gives event times); null where the period has none. */
export interface DayRow {
  stay_id: string;
  kommunenr: string;
  kommune: string;
  /** The stay's own care area (somatikk, psykisk-helsevern, tsb), whatever the filter grouped. */
  fagomrade: string;
  /** The USK period within the stay, 1.. in time order (as stayDays() numbers them). */
  periode_nr: number;
  dato: string;
  kategori: DayCategory;
  timer: number;
  betalbare_timer: number;
  t_ready: string | null;
  t_notified: string | null;
  t_municipality_ready: string | null;
  t_end: string | null;
}

const MINUTE = `'%Y-%m-%dT%H:%M'`;

/** The statement (unordered when `ordered` is false, for the count). */
export function dayRowsSql(rules: RuleParams, q: ParsedQuery, ordered = true): { sql: string; params: Params } {
  const filter = factFilter(q);
  const kommune = kommuneSql(q);
  const sql = `
WITH dips_only AS (
  SELECT p.stay_id, row_number() OVER (PARTITION BY p.stay_id ORDER BY p.ready)::INTEGER AS period_no,
    p.ready::DATE + unnest(range(greatest(p.usk_days, 0)))::INTEGER AS dato, s.kommunenr, s.fagomrade
  FROM src_period_current p JOIN usk_stay s ON s.stay_id = p.stay_id
  WHERE s.in_dips AND NOT s.in_hnlis
),
days AS (
  SELECT stay_id, period_no, dato, kommunenr, fagomrade, hours AS timer, ${payableHoursSql(rules)} AS betalbare_timer,
    ${categoryNameSql(categorySql(rules))} AS kategori
  FROM usk_day WHERE ${filter.where}
  UNION ALL
  SELECT stay_id, period_no, dato, kommunenr, fagomrade, 0.0, 0.0, 'uten_tidspunkt'
  FROM (SELECT *, date_trunc('month', dato)::DATE AS month FROM dips_only) WHERE ${filter.where}
)
SELECT f.stay_id, ${kommune.nr} AS kommunenr, ${kommune.navn} AS kommune, f.fagomrade, f.period_no AS periode_nr,
  strftime(f.dato, '%Y-%m-%d') AS dato, f.kategori, f.timer::DOUBLE AS timer, f.betalbare_timer::DOUBLE AS betalbare_timer,
  strftime(p.t_ready_local, ${MINUTE}) AS t_ready, strftime(p.t_notified_local, ${MINUTE}) AS t_notified,
  strftime(p.t_mready_local, ${MINUTE}) AS t_municipality_ready, strftime(p.t_end_local, ${MINUTE}) AS t_end
FROM days f
LEFT JOIN ref_kommune k ON k.kommunenr = f.kommunenr
-- usk_day's periods are usk_period's; a DIPS-only stay has none (its numbers are the DIPS rows'),
-- so an equality join alone leaves its times empty. A further condition here that is not an equality
-- made DuckDB compare every day with every period (8.6 s for the demo's 95 000 days; 46 ms without).
LEFT JOIN usk_period p ON p.stay_id = f.stay_id AND p.period_no = f.period_no
${ordered ? 'ORDER BY kommunenr, f.fagomrade, f.stay_id, f.period_no, f.dato' : ''}`;
  return { sql, params: mergeParams(filter.params) };
}

async function prepared(db: UskDb, input: ReconcileQuery, ordered: boolean): Promise<{ sql: string; params: Params }> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  await requireKnownKommune(db, q);
  const { params } = await resolveRules(db, q);
  return dayRowsSql(params, q, ordered);
}

/** How many rows dayRows() will give for the same query. */
export async function dayRowCount(db: UskDb, input: ReconcileQuery): Promise<number> {
  const { sql, params } = await prepared(db, input, false);
  const [row] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`, params);
  return row?.n ?? 0;
}

/** The rows in municipality, care area, stay, period and date order, a DuckDB chunk at a time. */
export async function* dayRows(db: UskDb, input: ReconcileQuery): AsyncGenerator<DayRow[]> {
  const { sql, params } = await prepared(db, input, true);
  yield* db.chunks<DayRow>(sql, params);
}
