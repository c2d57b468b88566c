import { describe, expect, it } from 'vitest';
import type { RuleSet } from '../../pipelines/query/contract.ts';
import { currentParams, slugify } from './ruleset-form.ts';

const preset: RuleSet = {
  id: 'fakturagrunnlag', name: 'Fakturagrunnlag (UNN-praksis)', version: 1, preset: true, createdAt: '2026-01-01',
  params: { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'betalbar' },
};

describe('Lagre regelsett', () => {
  it('makes an id the server accepts from a Norwegian name', () => {
    expect(slugify('Terskel 6 t (Tromsø)')).toBe('terskel-6-t-tromso');
    expect(slugify('  Første døgn betales – Ærlig  ')).toBe('forste-dogn-betales-aerlig');
    expect(slugify('Égal')).toBe('egal');
    expect(slugify('!!!')).toBe('');
    const long = slugify('a'.repeat(39) + ' b c');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(long.endsWith('-')).toBe(false);
  });

  it('saves the rule set’s parameters with the page’s overrides on top', () => {
    expect(currentParams(preset, {})).toEqual(preset.params);
    expect(currentParams(preset, { minHours: 6, firstDayFree: false })).toEqual({ ...preset.params, minHoursPerDay: 6, firstDayFree: false });
    expect(currentParams(undefined, { minHours: 2 })).toEqual({ firstDayFree: true, minHoursPerDay: 2, notificationGate: true, municipalityReadyGate: true });
  });
});
