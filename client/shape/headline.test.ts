import { describe, expect, it } from 'vitest';
import type { RuleParams } from '../../pipelines/query/contract.ts';
import { daysLabel, deductsDays, differenceLabel, headlineLabel, headlineNoun, measureLabel, trioText } from './headline.ts';

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

describe('the three figures side by side, and each measure by name', () => {
  it('names the middle figure as the rule set counts it: payable, hour-based, or the rule set’s own days (DIPS)', () => {
    expect(trioText(FAKTURAGRUNNLAG)).toBe('Registrerte, betalbare og fakturerte døgn');
    expect(trioText(TIMEBASERT)).toBe('Registrerte, timebaserte og fakturerte døgn');
    expect(trioText(DIPS)).toBe('Registrerte, regelsettets og fakturerte døgn');
    // A view that draws the whole days under «Timebasert» says payable: its gates take days away.
    expect(trioText({ ...TIMEBASERT, headline: 'betalbar' })).toBe('Registrerte, betalbare og fakturerte døgn');
  });

  it('calls DIPS’s days payable once the page turns on a free first day', () => {
    const p = { ...DIPS, firstDayFree: true };
    expect(trioText(p)).toBe('Registrerte, betalbare og fakturerte døgn');
    expect(measureLabel('betalbar', p)).toBe('Betalbare døgn');
    expect(differenceLabel(p)).toBe('Differanse (fakturert − betalbar)');
  });

  it('names the whole days as daysLabel does and their difference to match; other measures as the files', () => {
    expect(measureLabel('betalbar', FAKTURAGRUNNLAG)).toBe('Betalbare døgn');
    expect(measureLabel('betalbar', TIMEBASERT)).toBe('Betalbare døgn');
    expect(measureLabel('betalbar', DIPS)).toBe('Døgn');
    expect(measureLabel('differanse', FAKTURAGRUNNLAG)).toBe('Differanse (fakturert − betalbar)');
    expect(measureLabel('differanse', TIMEBASERT)).toBe('Differanse (fakturert − betalbar)');
    expect(measureLabel('differanse', DIPS)).toBe('Differanse (fakturert − regelsettets døgn)');
    for (const p of [DIPS, FAKTURAGRUNNLAG, TIMEBASERT]) {
      expect(measureLabel('registrert', p)).toBe('Registrerte døgn');
      expect(measureLabel('timebasert', p)).toBe('Timebaserte døgn');
      expect(measureLabel('fakturert', p)).toBe('Fakturerte døgn');
      expect(measureLabel('belop', p)).toBe('Fakturert beløp');
      expect(measureLabel('ukjent', p)).toBe('ukjent');
    }
  });
});
