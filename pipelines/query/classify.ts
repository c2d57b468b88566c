/**
 * Day classification (domain.md "Day classification"): the one home of the rule, as SQL
 * expressions over usk_day's input columns. Each registered date gets exactly one category, the
 * first that applies, so the categories always add up to the registered (recomputed) days.
 *
 * Rule parameters are validated numbers and booleans (RuleParams), so they are written into the
 * SQL as literals: DuckDB then folds switched-off branches away, which keeps the query fast.
 */
import { SHORT_DAY_FLAGS as FLAG } from '../derive/cube.ts';
import type { DayCategory, RuleParams } from './contract.ts';

/**
 * Category codes as the SQL returns them, in the order of domain.md, with ikke_betalingsplikt
 * first: a date before the care area's payment obligation began is not payable whatever else holds.
 */
export const CATEGORY_CODES = {
  ikke_betalingsplikt: 1,
  ikke_varslet: 2,
  kommune_klar: 3,
  forste_dogn: 4,
  under_terskel: 5,
  betalbar: 6,
} as const satisfies Partial<Record<DayCategory, number>>;

/** Hours compared with minHoursPerDay get this slack: hours are sums of float seconds/3600. */
const HOURS_EPSILON = 1e-9;

/**
 * SQL CASE giving the category code of one usk_day row. The payment obligation is law, not a rule
 * setting, so its branch is there in every rule set (the DIPS preset too: README decision 32). The
 * first free day is the first date left after the payment start and the gates: the notification's
 * date when that gate is on (earlier dates are ikke_varslet), else the period's first date, moved to
 * the payment start when the period began before it (first_notified / first_obligated); a date that
 * is also kommune_klar stays kommune_klar, and then every later date is too, so no first free day is
 * left in that period (domain.md order 1–3).
 */
export function categorySql(p: RuleParams, alias = ''): string {
  const c = (col: string) => `${alias}${col}`;
  const branches: string[] = [`WHEN ${c('before_payment')} THEN ${CATEGORY_CODES.ikke_betalingsplikt}`];
  if (p.notificationGate) branches.push(`WHEN ${c('pre_notif')} THEN ${CATEGORY_CODES.ikke_varslet}`);
  if (p.municipalityReadyGate) branches.push(`WHEN ${c('post_mready')} THEN ${CATEGORY_CODES.kommune_klar}`);
  if (p.firstDayFree) {
    const first = p.notificationGate ? c('first_notified') : c('first_obligated');
    branches.push(`WHEN ${first} THEN ${CATEGORY_CODES.forste_dogn}`);
  }
  if (p.minHoursPerDay > 0) {
    branches.push(`WHEN ${c('hours')} < ${p.minHoursPerDay - HOURS_EPSILON} THEN ${CATEGORY_CODES.under_terskel}`);
  }
  return `CASE ${branches.join(' ')} ELSE ${CATEGORY_CODES.betalbar} END`;
}

/**
 * Hours of the payable window [max(t_ready, t_notified), min(t_end, t_mready)) on the date, for the
 * gates that are on; hour-based days are these hours / 24 (domain.md "Hour-based days"). They do
 * not depend on firstDayFree or minHoursPerDay: the hour method replaces those day conventions.
 * Before the payment obligation no hour is payable.
 */
export function payableHoursSql(p: RuleParams, alias = ''): string {
  const hours = p.notificationGate && p.municipalityReadyGate ? 'h_window'
    : p.notificationGate ? 'h_notified' : p.municipalityReadyGate ? 'h_until_mready' : 'hours';
  return `CASE WHEN ${alias}before_payment THEN 0.0 ELSE ${alias}${hours} END`;
}

/** SQL turning a category code back into its name (for per-day detail). */
export function categoryNameSql(codeExpr: string): string {
  const whens = Object.entries(CATEGORY_CODES).map(([name, code]) => `WHEN ${code} THEN '${name}'`);
  return `CASE ${codeExpr} ${whens.join(' ')} END`;
}

/**
 * The same classification over a usk_cube row (municipality × care area × month): ikke_betalingsplikt
 * is the cube's n_unpaid, and every other count and hour sum of the cube leaves those days out; the
 * counts of ikke_varslet, kommune_klar and forste_dogn are picked from the cube's precomputed counts
 * for the rule's gate combination; under_terskel is counted from usk_short_day (see
 * shortDayFilterSql); betalbar is what is left. Kept next to categorySql so the two stay one rule; a
 * property test checks they agree.
 */
export function cubeCategorySql(p: RuleParams, alias = 'c.'): {
  ikke_betalingsplikt: string; ikke_varslet: string; kommune_klar: string; forste_dogn: string; timer: string;
} {
  const c = (col: string) => `${alias}${col}`;
  const ng = p.notificationGate;
  const mg = p.municipalityReadyGate;
  const first = ng ? (mg ? 'n_notif_first_open' : 'n_notif_first') : (mg ? 'n_first_open' : 'n_first');
  const hours = ng && mg ? 'h_window' : ng ? 'h_notified' : mg ? 'h_until_mready' : 'h_all';
  return {
    ikke_betalingsplikt: c('n_unpaid'),
    ikke_varslet: ng ? c('n_pre') : '0',
    kommune_klar: mg ? c(ng ? 'n_post_notified' : 'n_post') : '0',
    forste_dogn: p.firstDayFree ? c(first) : '0',
    timer: c(hours),
  };
}

/**
 * WHERE condition on usk_short_day for days that fall under the threshold; null when it is off.
 * usk_short_day holds no day before the payment obligation, so nothing here has to leave them out.
 */
export function shortDayFilterSql(p: RuleParams): string | null {
  if (p.minHoursPerDay <= 0) return null;
  const excluded = (p.notificationGate ? FLAG.preNotif : 0) | (p.municipalityReadyGate ? FLAG.postMready : 0)
    | (p.firstDayFree ? (p.notificationGate ? FLAG.firstNotified : FLAG.firstObligated) : 0);
  return `hours < ${p.minHoursPerDay - HOURS_EPSILON}${excluded ? ` AND flags & ${excluded} = 0` : ''}`;
}
