/**
 * The generator's own day classification, a deliberately small mirror of domain.md "Day
 * classification" under rules without an hour threshold. The generator steers its timelines with it
 * (so that payable days come out where the invoices say) and the real pipeline is checked against the
 * same figures in the tests; it is not used by the product.
 *
 * Per registered date of one USK period, the first category that applies:
 *   ikke_varslet  no notification, or the date is before the notification's date
 *   kommune_klar  on or after the date the municipality said it could receive the patient (code 7)
 *   forste_dogn   the first date left, when firstDayFree
 *   betalbar      the rest
 * Registered dates are the distinct dates touched by [ready, end): an end at 00:00 does not touch
 * its date. A notification before ready counts as given at ready. First of all, when the period's
 * care area has a payment start: ikke_betalingsplikt before it (the UNN demo's days begin in 2019,
 * when every care area is paid for; the national test data begin in 2015, when psychiatry was not).
 */
import { compareMoments, type Day, type Moment } from './calendar.ts';

export type Category = 'ikke_betalingsplikt' | 'ikke_varslet' | 'kommune_klar' | 'forste_dogn' | 'betalbar';

export interface PeriodTimes {
  ready: Moment;
  end: Moment;
  notified: Moment | null;
  municipalityReady: Moment | null;
  /** The first date of the care area's payment obligation; absent: every date is obligated. */
  paymentStart?: Day;
}

export interface Rules {
  firstDayFree: boolean;
  notificationGate: boolean;
  municipalityReadyGate: boolean;
}

export const DEFAULT_RULES: Rules = { firstDayFree: true, notificationGate: true, municipalityReadyGate: true };

/** The dates [ready, end) touches, in order. */
export function registeredDates(ready: Moment, end: Moment): Day[] {
  if (compareMoments(end, ready) <= 0) return [];
  const last = end.minute === 0 ? end.day - 1 : end.day;
  const dates: Day[] = [];
  for (let d = ready.day; d <= last; d++) dates.push(d);
  return dates;
}

export function classifyPeriod(p: PeriodTimes, rules: Rules = DEFAULT_RULES): Array<{ day: Day; category: Category }> {
  const notified = p.notified && compareMoments(p.notified, p.ready) < 0 ? p.ready : p.notified;
  let firstLeft = rules.firstDayFree;
  return registeredDates(p.ready, p.end).map((day) => {
    let category: Category;
    if (p.paymentStart !== undefined && day < p.paymentStart) category = 'ikke_betalingsplikt';
    else if (rules.notificationGate && (notified === null || day < notified.day)) category = 'ikke_varslet';
    else if (rules.municipalityReadyGate && p.municipalityReady && day >= p.municipalityReady.day) category = 'kommune_klar';
    else if (firstLeft) {
      category = 'forste_dogn';
      firstLeft = false;
    } else category = 'betalbar';
    return { day, category };
  });
}
