import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { monthOfDateText } from './reject-month.ts';

describe('monthOfDateText', () => {
  it('names the month of a date that does not exist, and nothing for text that is no date', async () => {
    const db = await openDatabase(':memory:');
    try {
      const cases: Array<[string | null, string | null]> = [
        ['31.02.2022', '2022-02-01'], [' 30.2.2023 10:00', '2023-02-01'], ['2022-02-30', '2022-02-01'], ['2022-2-31T10:00', '2022-02-01'],
        ['31.13.2022', null], ['2022-00-10', null], ['01.01.0022', null], ['i går', null], ['45123', null], ['', null], [null, null],
      ];
      for (const [text, expected] of cases) {
        const [row] = await db.json<{ m: string | null }>(`SELECT (${monthOfDateText('$t::VARCHAR')})::VARCHAR AS m`, { t: text });
        expect(row?.m, String(text)).toBe(expected);
      }
    } finally {
      db.close();
    }
  });
});
