import { describe, expect, it } from 'vitest';
import { methodRows } from './method.ts';

describe('Metode: the table per municipality', () => {
  it('keeps a municipality whose days all fall away under the chosen rule set, and sums a total row', () => {
    const chosen = [{ kommunenr: '5501', kommune: 'Tromsø', value: 300 }, { kommunenr: '1806', kommune: 'Narvik', value: 40 }];
    const standard = [{ kommunenr: '5501', kommune: 'Tromsø', value: 320 }, { kommunenr: '1806', kommune: 'Narvik', value: 45 }, { kommunenr: '5503', kommune: 'Harstad', value: 3 }];
    const { rows, total } = methodRows(chosen, standard);
    expect(rows.map((r) => [r.kommune, r.value, r.standard])).toEqual([['Tromsø', 300, 320], ['Narvik', 40, 45], ['Harstad', 0, 3]]);
    expect(total).toEqual({ kommunenr: null, kommune: 'Totalt', value: 340, standard: 368 });
  });
  it('sums hour-based days with their decimals', () => {
    const { total } = methodRows([{ kommunenr: '5501', kommune: 'Tromsø', value: 1.5 }, { kommunenr: '1806', kommune: 'Narvik', value: 2.25 }], []);
    expect(total.value).toBeCloseTo(3.75);
    expect(total.standard).toBe(0);
  });
  it('leaves a suppressed figure unknown: listed last, and the total unknown too', () => {
    const { rows, total } = methodRows([{ kommunenr: '5510', kommune: 'Kvæfjord', value: null }, { kommunenr: '1806', kommune: 'Narvik', value: 40 }], [{ kommunenr: '1806', kommune: 'Narvik', value: 45 }]);
    expect(rows.map((r) => [r.kommune, r.value])).toEqual([['Narvik', 40], ['Kvæfjord', null]]);
    expect(total).toMatchObject({ value: null, standard: 45 });
  });
});
