import { describe, expect, it } from 'vitest';
import { pickerChoices, topChoices } from './kommuner.ts';

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
