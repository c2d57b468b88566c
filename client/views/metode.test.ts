import { describe, expect, it } from 'vitest';
import type { RuleParams } from '../../pipelines/query/contract.ts';
import { methodWords } from './metode.ts';

const DIPS: RuleParams = { firstDayFree: false, minHoursPerDay: 0, notificationGate: false, municipalityReadyGate: false, headline: 'betalbar' };
const FAKTURAGRUNNLAG: RuleParams = { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'betalbar' };

describe('Metode: the chosen rule set’s figure against the standard’s payable days', () => {
  it('does not call DIPS’s days (every started day) «betalbare»', () => {
    const w = methodWords(DIPS);
    expect(w).toEqual({
      same: false,
      title: 'Døgn per kommune (valgt regelsett) mot betalbare døgn (standard)',
      chosen: 'Valgt regelsett, døgn',
      standard: 'Standard (Fakturagrunnlag), betalbare døgn',
      total: 'Døgn',
    });
  });
  it('payable days against payable days need no nouns; hour-based days say so', () => {
    expect(methodWords(FAKTURAGRUNNLAG)).toMatchObject({ same: true, title: 'Betalbare døgn per kommune', chosen: 'Valgt regelsett', total: 'Betalbare døgn' });
    // DIPS with the first day free (the checkbox) takes a day away: payable days again.
    expect(methodWords({ ...DIPS, firstDayFree: true })).toMatchObject({ same: true, total: 'Betalbare døgn' });
    expect(methodWords({ ...FAKTURAGRUNNLAG, firstDayFree: false, headline: 'timebasert' })).toMatchObject({ same: false, chosen: 'Valgt regelsett, timebaserte døgn', total: 'Timebaserte døgn' });
  });
});
