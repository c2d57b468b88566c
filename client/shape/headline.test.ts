import { describe, expect, it } from 'vitest';
import type { RuleParams } from '../../pipelines/query/contract.ts';
import { daysLabel, deductsDays, headlineLabel, headlineNoun } from './headline.ts';

// The presets as pipelines/derive/schema.sql seeds them.
const DIPS: RuleParams = { firstDayFree: false, minHoursPerDay: 0, notificationGate: false, municipalityReadyGate: false, headline: 'betalbar' };
const FAKTURAGRUNNLAG: RuleParams = { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'betalbar' };
const TIMEBASERT: RuleParams = { firstDayFree: false, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'timebasert' };

describe('the noun after a rule set’s main figure', () => {
  it('calls the days payable only where the rule set takes days away', () => {
    expect(headlineNoun(FAKTURAGRUNNLAG)).toBe('betalbare døgn');
    expect(headlineNoun(TIMEBASERT)).toBe('timebaserte døgn');
    // DIPS counts every started day: not «betalbare døgn».
    expect(deductsDays(DIPS)).toBe(false);
    expect(headlineNoun(DIPS)).toBe('døgn');
    expect(headlineLabel(DIPS)).toBe('Døgn');
    expect(headlineLabel(FAKTURAGRUNNLAG)).toBe('Betalbare døgn');
  });

  it('follows the parameters the figure was computed with (a free first day or a threshold on top of DIPS)', () => {
    expect(headlineNoun({ ...DIPS, firstDayFree: true })).toBe('betalbare døgn');
    expect(headlineNoun({ ...DIPS, minHoursPerDay: 4 })).toBe('betalbare døgn');
    expect(headlineNoun({ ...DIPS, notificationGate: true })).toBe('betalbare døgn');
    expect(headlineNoun({ ...FAKTURAGRUNNLAG, headline: undefined })).toBe('betalbare døgn');
  });
});

describe('the name of the whole-day column (Månedsoversikt’s differences)', () => {
  it('is «Døgn» under DIPS, «Betalbare døgn» where days are deducted, also under an hour-based headline', () => {
    expect(daysLabel(DIPS)).toBe('Døgn');
    expect(daysLabel(FAKTURAGRUNNLAG)).toBe('Betalbare døgn');
    expect(daysLabel(TIMEBASERT)).toBe('Betalbare døgn');
    expect(daysLabel({ ...DIPS, firstDayFree: true })).toBe('Betalbare døgn');
  });
});
