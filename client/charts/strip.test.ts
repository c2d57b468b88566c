import { describe, expect, it } from 'vitest';
import { stripSummary } from './strip.ts';

describe('stay strip: what a screen reader hears', () => {
  it('counts the days per category, payable first, with the first and last date instead of every date', () => {
    const days = [
      { dato: '2022-03-01', category: 'ikke_varslet' as const },
      { dato: '2022-03-02', category: 'forste_dogn' as const },
      ...Array.from({ length: 12 }, (_, i) => ({ dato: `2022-03-${String(i + 3).padStart(2, '0')}`, category: 'betalbar' as const })),
      { dato: '2022-03-15', category: 'kommune_klar' as const },
    ];
    expect(stripSummary(days, 'A123')).toBe('Opphold A123: 15 døgn, 12 betalbare, 1 første døgn, 1 ikke varslet, 1 kommunen kan ta imot (01.03.2022–15.03.2022)');
  });
  it('says one date once, and no days plainly', () => {
    expect(stripSummary([{ dato: '2022-03-01', category: 'betalbar' }], 'B')).toBe('Opphold B: 1 døgn, 1 betalbare (01.03.2022)');
    expect(stripSummary([], null)).toBe('Opphold: ingen døgn');
  });
});
