/**
 * Day classification (domain.md "Day classification"): the one home of the rule, as SQL
 * expressions over usk_day's input columns. Each registered date gets exactly one category, the
 * first that applies, so the categories always add up to the registered (recomputed) days.
 *
 * Rule parameters are validated numbers and booleans (RuleParams), so they are written into the
 * SQL as literals: DuckDB then folds switched-off branches away, which keeps the query fast.
 */
import type { DayCategory, RuleParams } from './contract.ts';

/** Category codes as the SQL returns them, in the order of domain.md. */
export const CATEGORY_CODES = {
  ikke_varslet: 1,
  kommune_klar: 2,
  forste_dogn: 3,
  under_terskel: 4,
  betalbar: 5,
} as const satisfies Partial<Record<DayCategory, number>>;

/** Hours compared with minHoursPerDay get this slack: hours are sums of float seconds/3600. */
const HOURS_EPSILON = 1e-9;

/**
 * SQL CASE giving the category code of one usk_day row. The first free day is the first date left
 * after the gates: the notification's date when that gate is on (earlier dates are ikke_varslet),
 * else the period's first date; a date that is also kommune_klar stays kommune_klar, and then every
 * later date is too, so no first free day is left in that period (domain.md order 1–3).
 */
export function categorySql(p: RuleParams, alias = ''): string {
  const c = (col: string) => `${alias}${col}`;
  const branches: string[] = [];
  if (p.notificationGate) branches.push(`WHEN ${c('pre_notif')} THEN ${CATEGORY_CODES.ikke_varslet}`);
  if (p.municipalityReadyGate) branches.push(`WHEN ${c('post_mready')} THEN ${CATEGORY_CODES.kommune_klar}`);
  if (p.firstDayFree) {
    const first = p.notificationGate ? c('is_notif_date') : c('is_first_date');
    branches.push(`WHEN ${first} THEN ${CATEGORY_CODES.forste_dogn}`);
  }
  if (p.minHoursPerDay > 0) {
    branches.push(`WHEN ${c('hours')} < ${p.minHoursPerDay - HOURS_EPSILON} THEN ${CATEGORY_CODES.under_terskel}`);
  }
  if (branches.length === 0) return String(CATEGORY_CODES.betalbar);
  return `CASE ${branches.join(' ')} ELSE ${CATEGORY_CODES.betalbar} END`;
}

/**
 * Hours of the payable window [max(t_ready, t_notified), min(t_end, t_mready)) on the date, for the
 * gates that are on; hour-based days are these hours / 24 (domain.md "Hour-based days"). They do
 * not depend on firstDayFree or minHoursPerDay: the hour method replaces those day conventions.
 */
export function payableHoursSql(p: RuleParams, alias = ''): string {
  if (p.notificationGate && p.municipalityReadyGate) return `${alias}h_window`;
  if (p.notificationGate) return `${alias}h_notified`;
  if (p.municipalityReadyGate) return `${alias}h_until_mready`;
  return `${alias}hours`;
}

/** SQL turning a category code back into its name (for per-day detail). */
export function categoryNameSql(codeExpr: string): string {
  const whens = Object.entries(CATEGORY_CODES).map(([name, code]) => `WHEN ${code} THEN '${name}'`);
  return `CASE ${codeExpr} ${whens.join(' ')} END`;
}

/** Bits of usk_short_day.flags (pipelines/derive/cube.ts). */
const FLAG = { preNotif: 1, postMready: 2, notifDate: 4, firstDate: 8 } as const;

/**
 * The same classification over a usk_cube row (municipality × care area × month): the counts of
 * categories 1–3 are picked from the cube's precomputed counts for the rule's gate combination;
 * category 4 is counted from usk_short_day (see shortDayFilterSql); betalbar is what is left.
 * Kept next to categorySql so the two stay one rule; a property test checks they agree.
 */
export function cubeCategorySql(p: RuleParams, alias = 'c.'): { ikke_varslet: string; kommune_klar: string; forste_dogn: string; timer: string } {
  const c = (col: string) => `${alias}${col}`;
  const ng = p.notificationGate;
  const mg = p.municipalityReadyGate;
  const first = ng ? (mg ? 'n_notif_first_open' : 'n_notif_first') : (mg ? 'n_first_open' : 'n_first');
  const hours = ng && mg ? 'h_window' : ng ? 'h_notified' : mg ? 'h_until_mready' : 'h_all';
  return {
    ikke_varslet: ng ? c('n_pre') : '0',
    kommune_klar: mg ? c(ng ? 'n_post_notified' : 'n_post') : '0',
    forste_dogn: p.firstDayFree ? c(first) : '0',
    timer: c(hours),
  };
}

/** WHERE condition on usk_short_day for days that fall under the threshold; null when it is off. */
export function shortDayFilterSql(p: RuleParams): string | null {
  if (p.minHoursPerDay <= 0) return null;
  const excluded = (p.notificationGate ? FLAG.preNotif : 0) | (p.municipalityReadyGate ? FLAG.postMready : 0)
    | (p.firstDayFree ? (p.notificationGate ? FLAG.notifDate : FLAG.firstDate) : 0);
  return `hours < ${p.minHoursPerDay - HOURS_EPSILON}${excluded ? ` AND flags & ${excluded} = 0` : ''}`;
}
