import { describe, expect, it } from 'vitest';
import { bestProfile, normalizeHeader } from './index.ts';

describe('header names as systems and people write them', () => {
  it('compares without case, spaces, hyphens and dots, and with æ/ae, ø/o/oe, å/a/aa', () => {
    expect(['Fagområde', 'FAGOMRÅDE', 'Fagomraade', 'FAGOMRADE', 'fag-område'].map(normalizeHeader)).toEqual(Array(5).fill('fagomrade'));
    expect(['Antall døgn', 'ANTALL DOEGN', 'Antall dogn'].map(normalizeHeader)).toEqual(Array(3).fill('antalldogn'));
    expect(['Beløp', 'BELOEP', 'Belop'].map(normalizeHeader)).toEqual(Array(3).fill('belop'));
  });

  it('ignores a unit in parentheses after the name («Beløp (kr)», «Døgnpris (NOK)»), but not one that changes the figure («(øre)»)', () => {
    expect(['Beløp (kr)', 'Beløp(KR)', 'Beløp (kr.)', 'Beløp [NOK]', 'Beløp (kroner)'].map(normalizeHeader)).toEqual(Array(5).fill('belop'));
    expect(['USK-døgn (antall)', 'USK-døgn (døgn)', 'Antall døgn (dager)'].map(normalizeHeader)).toEqual(['uskdogn', 'uskdogn', 'antalldogn']);
    expect(normalizeHeader('Beløp (øre)')).not.toBe('belop');
    expect(normalizeHeader('Beløp (1000 kr)')).not.toBe('belop');
    const m = bestProfile(['Fakturanr', 'Fakturadato', 'Kommunenr', 'Fra dato', 'Til dato', 'Antall døgn (døgn)', 'Døgnpris (kr)', 'Beløp (NOK)']);
    expect(m.profile.name).toBe('faktura');
    expect(m.missing).toEqual([]);
    // Døgnpris is optional: before, «Døgnpris (kr)» was passed over without a word and the rate check never ran.
    expect(m.columns.get('rate')).toBe(6);
    expect(m.columns.get('amount')).toBe(7);
  });

  it('reads every column of an invoice export written without æøå, Fagområde included (before, it was left out: care area somatikk)', () => {
    const m = bestProfile(['FAKTURANR', 'FAKTURADATO', 'KOMMUNENR', 'KOMMUNE', 'OPPHOLDSID', 'FAGOMRADE', 'FRA DATO', 'TIL DATO', 'ANTALL DOEGN', 'DOEGNPRIS', 'BELOEP', 'TYPE']);
    expect(m.profile.name).toBe('faktura');
    expect(m.missing).toEqual([]);
    expect([...m.columns.keys()].sort()).toEqual(['amount', 'days', 'fagomrade', 'from_date', 'invoice_date', 'invoice_no', 'kommune_navn', 'kommunenr', 'line_type', 'rate', 'stay_id', 'to_date']);
  });
});
