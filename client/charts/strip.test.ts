import { describe, expect, it } from 'vitest';
import { stripRows, stripSummary } from './strip.ts';

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
  it('does not call the days of a rule set that deducts nothing (DIPS) payable', () => {
    const days = [{ dato: '2022-03-01', category: 'ikke_betalingsplikt' as const }, { dato: '2022-03-02', category: 'betalbar' as const }];
    expect(stripSummary(days, 'C', false)).toBe('Opphold C: 2 døgn, 1 som telles, 1 før betalingsplikt (01.03.2022–02.03.2022)');
    expect(stripRows(days.map((d) => ({ ...d, timer: 24, events: [] })), false).map((r) => r.kategori)).toEqual(['Før betalingsplikt', 'Telles']);
  });
});

describe('stay strip: every day as text, for those who cannot hover', () => {
  it('gives each square a row with its date, category, hours and events, in the strip’s order', () => {
    const rows = stripRows([
      { dato: '2022-03-01', category: 'ikke_varslet', timer: 13.75, events: [{ code: '2', at: '2022-03-01T10:15' }] },
      { dato: '2022-03-02', category: 'betalbar', timer: 24, events: [] },
      { dato: '2022-03-03', category: 'kommune_klar', timer: 8, events: [{ code: '7', at: '2022-03-03T08:00' }, { code: 'ut', at: '2022-03-03T16:00' }] },
    ]);
    expect(rows).toEqual([
      { dato: '01.03.2022', kategori: 'Ikke varslet', timer: '13,8', hendelser: 'Utskrivningsklar 01.03.2022 10:15' },
      { dato: '02.03.2022', kategori: 'Betalbar', timer: '24,0', hendelser: '–' },
      { dato: '03.03.2022', kategori: 'Kommunen kan ta imot', timer: '8,0', hendelser: 'Kommunen kan ta imot 03.03.2022 08:00; Utskrevet 03.03.2022 16:00' },
    ]);
  });
});
