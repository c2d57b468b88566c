import { describe, expect, it } from 'vitest';
import { monthColumns, ssuTable } from '../shape/ssu.ts';
import { kommunerPeriod, pickerChoices, rangeText, ssuNote, topChoices } from './kommuner.ts';

describe('Kommuner: «Vis kommuner»', () => {
  const lines = [{ kommunenr: '5501', kommune: 'Tromsø' }, { kommunenr: '5503', kommune: 'Harstad - Hárstták' }];
  const rows = [...lines, { kommunenr: '0301', kommune: 'Oslo - Oslove' }, { kommunenr: '4201', kommune: 'Risør' }];
  it('has a box for every municipality charted, also one the address names outside the table', () => {
    // ?kommuner=0301,5501: Oslo is charted, and was not in the table's list, so it could not be taken away.
    expect(pickerChoices(lines, ['0301', '5501', '0301'], rows)).toEqual([...lines, { kommunenr: '0301', kommune: 'Oslo - Oslove' }]);
  });
  it('lists the table only when every chosen one is in it, and no box for a number without rows (no chart)', () => {
    expect(pickerChoices(lines, ['5503'], rows)).toEqual(lines);
    expect(pickerChoices(lines, ['1902'], rows)).toEqual(lines);
  });
});

describe('Kommuner: «Kommuner i tabellen»', () => {
  it('offers the number the address asks for, so the picker shows the table’s count (was «5» beside 7 rows)', () => {
    expect(topChoices(15).map((o) => o.value)).toEqual(['5', '10', '15', '20']);
    expect(topChoices(7).map((o) => o.value)).toEqual(['5', '7', '10', '15', '20']);
    expect(topChoices(50).map((o) => o.value)).toEqual(['5', '10', '15', '20', '50']);
  });
});

describe('Kommuner: the SSU table up to a Til picked «(ufullstendig)»', () => {
  const meta = { months: ['2024-11', '2024-12', '2025-01'], asOf: { periods: '2025-01-05T00:00', events: '2025-01-05T06:00', invoices: '2025-02-12T00:00' } };
  const row = (kommunenr: string, periode: string, registrert: number) => ({
    kommunenr, kommune: kommunenr, fagomrade: 'alle', periode, registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: 0,
    forste_dogn: 0, under_terskel: 0, betalbar: registrert, timebasert: registrert, timer: 0, fakturert: 0, differanse: 0, belop: 0, forventet_belop: null, prikket: [],
  });
  const rows = [row('5501', '2024-12', 700), row('5501', '2025-01', 40), row('5503', '2024-12', 300), row('5503', '2025-01', 12)];
  it('says first that its last month is incomplete, per month and with numbers ranked by their sum', () => {
    const t = ssuTable(rows, monthColumns(['2024-12', '2025-01']), 10, { rank: 'sum', per: 'month' });
    expect(ssuNote(t, meta)).toMatch(/^Januar 2025 er ufullstendig: dataene går bare til 05\.01\.2025 \(DIPS\)\. Summen kommunenumrene er sortert etter, tar med de døgnene i januar 2025 som er kommet inn så langt\. «Andre kommuner»/);
    const december = ssuTable(rows.filter((r) => r.periode === '2024-12'), monthColumns(['2024-12']), 10, { per: 'month' });
    expect(ssuNote(december, meta)).not.toContain('ufullstendig');
  });
});

describe('Kommuner: the period shown', () => {
  const months = ['2019-01', '2019-02', '2024-11', '2024-12', '2025-01'];
  const complete = '2024-12';
  it('is a period wholly outside the data as the whole period, said in a note: the pickers showed «Første måned» and «Siste hele måned» beside a heading for 2030', () => {
    const shown = kommunerPeriod('2030-01', '2030-06', months, complete);
    expect(shown).toEqual({ note: 'Dataene går fra januar 2019 til januar 2025; viser hele perioden.' });
    expect(rangeText(shown.from, shown.to)).toBe('');
    expect(kommunerPeriod('2030-01', undefined, months, complete).note).toMatch(/viser hele perioden/);
    expect(kommunerPeriod(undefined, '2010-12', months, complete).note).toMatch(/viser hele perioden/);
  });
  it('moves an end past the data inside them, as Avstemming does, and leaves an open end open', () => {
    expect(kommunerPeriod('2018-01', '2019-02', months, complete)).toEqual({ from: '2019-01', to: '2019-02', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–februar 2019.' });
    // An open end is the last complete month, as the table shows it.
    expect(kommunerPeriod('2018-01', undefined, months, complete)).toEqual({ from: '2019-01', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–desember 2024.' });
    expect(kommunerPeriod(undefined, '2026-03', months, complete)).toMatchObject({ to: '2025-01' });
  });
  it('leaves a period inside the data, or none, as asked', () => {
    expect(kommunerPeriod('2019-02', '2024-11', months, complete)).toEqual({ from: '2019-02', to: '2024-11' });
    expect(kommunerPeriod('2025-01', undefined, months, complete)).toEqual({ from: '2025-01' });
    expect(kommunerPeriod(undefined, undefined, months, complete)).toEqual({});
  });
});
