/**
 * stayDays(): one stay's dates with hours, payable-window hours, category under the rule set and
 * the events of that date: the data behind the stay strip ("every figure explained day by day").
 *
 * A stay known only from DIPS has no clock times: its walked DIPS dates come back as uten_tidspunkt
 * with 0 hours (period_no = the DIPS row's order). avvik_dips is a per-month count and has no dates.
 */
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { StayDay, type ReconcileQuery } from './contract.ts';
import { categoryNameSql, categorySql, payableHoursSql } from './classify.ts';
import { parseQuery } from './filters.ts';
import { resolveRules } from './rules.ts';

interface DayRow {
  stay_id: string;
  period_no: number;
  dato: string;
  timer: number;
  betalbare_timer: number;
  category: string;
  events: Array<{ code: string; at: string }> | null;
}

export async function stayDays(db: UskDb, stayId: string, input: ReconcileQuery = {}): Promise<StayDay[]> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  const { params } = await resolveRules(db, q);
  const month = [q.from ? `month >= $from::DATE` : '', q.to ? `month <= $to::DATE` : ''].filter(Boolean);
  const monthWhere = month.length ? `AND ${month.join(' AND ')}` : '';
  const sqlParams: Record<string, string> = { stay: stayId };
  if (q.from) sqlParams.from = `${q.from}-01`;
  if (q.to) sqlParams.to = `${q.to}-01`;
  const rows = await db.all<DayRow>(`
    WITH events AS (
      SELECT at_local::DATE AS dato,
        list({'code': code, 'at': strftime(at_local, '%Y-%m-%dT%H:%M')} ORDER BY at_utc, code) AS events
      FROM src_event_current WHERE stay_id = $stay GROUP BY ALL
    ),
    days AS (
      SELECT stay_id, period_no, dato, hours AS timer, ${payableHoursSql(params)} AS betalbare_timer,
        ${categoryNameSql(categorySql(params))} AS category
      FROM usk_day WHERE stay_id = $stay ${monthWhere}
      UNION ALL
      SELECT d.stay_id, d.period_no, d.dato, 0.0, 0.0, 'uten_tidspunkt'
      FROM (SELECT stay_id, row_number() OVER (ORDER BY ready)::INTEGER AS period_no, ready::DATE + unnest(range(greatest(usk_days, 0)))::INTEGER AS dato
            FROM src_period_current WHERE stay_id = $stay) d
      WHERE d.stay_id IN (SELECT stay_id FROM usk_stay WHERE in_dips AND NOT in_hnlis)
        ${monthWhere.replaceAll('month', `date_trunc('month', d.dato)`)}
    )
    SELECT d.stay_id, d.period_no, strftime(d.dato, '%Y-%m-%d') AS dato, d.timer::DOUBLE AS timer,
      d.betalbare_timer::DOUBLE AS betalbare_timer, d.category, e.events
    FROM days d LEFT JOIN events e ON e.dato = d.dato
    ORDER BY d.period_no, d.dato`, sqlParams);
  return rows.map((r) => StayDay.parse({ ...r, events: r.events ?? [] }));
}
