import { describe, expect, it } from 'vitest';
import { monthColumns, ssuTable } from '../shape/ssu.ts';
import { periodShown } from './common.ts';
import { pickerChoices, rangeText, ssuNote, topChoices } from './kommuner.ts';

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
  it('a period wholly outside the data (the whole period, periodShown) has no months in the heading: the pickers showed «Første måned» and «Siste hele måned» beside a heading for 2030', () => {
    const shown = periodShown('2030-01', '2030-06', ['2019-01', '2025-01'], '2024-12');
    expect(rangeText(shown.from, shown.to)).toBe('');
  });
});
