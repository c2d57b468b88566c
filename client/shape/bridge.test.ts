import { describe, expect, it } from 'vitest';
import { bridgeNote, waterfall } from './bridge.ts';

// The server's bridge turns the column's sign: avvik_dips = 1 in a row (DIPS gives a day more than
// the events) is the step −1 here (s20b audit, finding 2: Harstad, December 2022).
const bridge = (avvik: number) => [
  { step: 'registrert' as const, days: 30 }, { step: 'avvik_dips' as const, days: -avvik }, { step: 'ikke_varslet' as const, days: -4 },
  { step: 'betalbar' as const, days: 26 - avvik }, { step: 'fakturert' as const, days: 25 }, { step: 'differanse' as const, days: avvik - 1 },
];

describe('bridge: the step against DIPS, the one that goes either way', () => {
  it('is named by its direction, not «Avvik mot DIPS», whose sign in the tables is the other way', () => {
    const more = waterfall(bridge(1));
    expect(more[1]).toMatchObject({ key: 'avvik_dips', label: 'DIPS har flere døgn', days: -1, kind: 'down', text: '\u22121' });
    const fewer = waterfall(bridge(-2));
    expect(fewer[1]).toMatchObject({ key: 'avvik_dips', label: 'DIPS har færre døgn', days: 2, kind: 'up', text: '+2' });
    // The other steps keep their names, and the arithmetic is untouched.
    expect(more.map((s) => s.label)).toEqual(['Registrerte døgn', 'DIPS har flere døgn', 'Ikke varslet', 'Betalbare døgn', 'Fakturerte døgn']);
    expect(more[2]).toMatchObject({ y1: 29, y2: 25 });
  });

  it('carries a note that says which way the bridge takes it and how the tables sign it', () => {
    expect(bridgeNote(waterfall(bridge(1)))).toBe('DIPS har 1 døgn flere enn hendelsene i HN-LIS gir: broen trekker det fra. I tabeller og eksporter er «Avvik mot DIPS» da 1.');
    expect(bridgeNote(waterfall(bridge(-1234)))).toBe('DIPS har 1\u00a0234 døgn færre enn hendelsene i HN-LIS gir: broen legger dem til. I tabeller og eksporter er «Avvik mot DIPS» da \u22121\u00a0234.');
  });

  it('has no note when DIPS and the events agree (no such step)', () => {
    expect(bridgeNote(waterfall(bridge(0)))).toBeNull();
    expect(waterfall(bridge(0)).some((s) => s.key === 'avvik_dips')).toBe(false);
  });
});
