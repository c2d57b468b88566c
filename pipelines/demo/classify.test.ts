/**
 * The generator's own classification against the worked examples of examples.md (the cases that
 * do not need hours), and the shape arithmetic the planner relies on against the classification.
 */
import { describe, expect, it } from 'vitest';
import { dayOf, type Moment } from './calendar.ts';
import { classifyPeriod, DEFAULT_RULES, type PeriodTimes } from './classify.ts';
import { Rng } from './rng.ts';
import { payableDays, type Shape } from './shapes.ts';
import { buildTimeline } from './timeline.ts';

const at = (y: number, m: number, d: number, hh: number, mm = 0): Moment => ({ day: dayOf(y, m, d), minute: hh * 60 + mm });
const count = (p: PeriodTimes, rules = DEFAULT_RULES) => {
  const days = classifyPeriod(p, rules);
  const of = (c: string) => days.filter((d) => d.category === c).length;
  return { registrert: days.length, betalbar: of('betalbar'), forste: of('forste_dogn'), ikkeVarslet: of('ikke_varslet'), kommuneKlar: of('kommune_klar') };
};

describe('classifyPeriod mirrors domain.md on the examples', () => {
  it('before the care area\'s payment start, no payment, and the first free day is the first date after it (the product\'s decision 32)', () => {
    const tsb = { ready: at(2018, 12, 30, 10), notified: at(2018, 12, 30, 10), municipalityReady: null, end: at(2019, 1, 2, 10), paymentStart: dayOf(2019, 1, 1) };
    expect(classifyPeriod(tsb).map((d) => d.category)).toEqual(['ikke_betalingsplikt', 'ikke_betalingsplikt', 'forste_dogn', 'betalbar']);
  });
  it('A plain: 4 registered, 3 payable', () => {
    const p = { ready: at(2022, 3, 1, 10), notified: at(2022, 3, 1, 10), municipalityReady: null, end: at(2022, 3, 4, 11) };
    expect(count(p)).toMatchObject({ registrert: 4, betalbar: 3, forste: 1 });
  });
  it('B ministry example: 5 registered, 2 payable (3 without first day free)', () => {
    const p = { ready: at(2022, 5, 10, 9), notified: at(2022, 5, 10, 9), municipalityReady: at(2022, 5, 13, 8), end: at(2022, 5, 14, 12) };
    expect(count(p)).toMatchObject({ registrert: 5, betalbar: 2, kommuneKlar: 2 });
    expect(count(p, { ...DEFAULT_RULES, firstDayFree: false }).betalbar).toBe(3);
  });
  it('C late notice and D never notified', () => {
    expect(count({ ready: at(2022, 6, 1, 8), notified: at(2022, 6, 3, 14), municipalityReady: null, end: at(2022, 6, 5, 10) }))
      .toMatchObject({ registrert: 5, betalbar: 2, ikkeVarslet: 2 });
    expect(count({ ready: at(2022, 7, 1, 12), notified: null, municipalityReady: null, end: at(2022, 7, 3, 12) }))
      .toMatchObject({ registrert: 3, betalbar: 0, ikkeVarslet: 3 });
  });
  it('G year end splits by date; I ends at midnight', () => {
    const g = classifyPeriod({ ready: at(2022, 12, 30, 15), notified: at(2022, 12, 30, 15), municipalityReady: null, end: at(2023, 1, 2, 9) });
    expect(g.map((d) => d.category)).toEqual(['forste_dogn', 'betalbar', 'betalbar', 'betalbar']);
    expect(count({ ready: at(2022, 2, 10, 8), notified: at(2022, 2, 10, 8), municipalityReady: null, end: at(2022, 2, 12, 0) }))
      .toMatchObject({ registrert: 2, betalbar: 1 });
  });
  it('a notification before ready counts as given at ready', () => {
    expect(count({ ready: at(2022, 9, 1, 10), notified: at(2022, 8, 31, 9), municipalityReady: null, end: at(2022, 9, 2, 10) }))
      .toMatchObject({ registrert: 2, betalbar: 1, ikkeVarslet: 0 });
  });
});

describe('shapes and timelines', () => {
  it('payableDays(shape) equals the classification of the timeline built from it', () => {
    const rng = new Rng('shapes');
    for (let i = 0; i < 2000; i++) {
      const days = rng.int(1, 30);
      const notifyAt = rng.chance(0.1) ? null : rng.int(0, days - 1);
      const free = notifyAt === null ? 0 : days - notifyAt - 1;
      const mrAt = notifyAt !== null && free > 0 && rng.chance(0.5) ? days - rng.int(1, free) : null;
      const shape: Shape = { days, notifyAt, mrAt };
      const t = buildTimeline(shape, dayOf(2022, 3, 20) + rng.int(0, 300), rng, { gated: rng.chance(0.5) });
      const c = count(t);
      expect(c.registrert).toBe(days);
      expect(c.betalbar).toBe(payableDays(shape));
    }
  });
});
