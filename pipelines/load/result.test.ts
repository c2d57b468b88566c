import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { PARSERS_SQL } from '../validate/parsers.ts';
import { AsOfText, parseAsOf } from './result.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await db.run(PARSERS_SQL);
});
afterAll(() => db.close());

const OK = ['2024-03-05', '2024-03-05 07:15', '2024-03-05T07:15:30', '05.03.2024', '5.3.2024 07:15', '05.03.2024 07.15', '05.03.2024 kl. 07.15',
  '05.03.2024, kl 7:15', '05.03.2024 KL. 07.15', '31.12.22', '31.12.22 23:59', '1.1.24 kl. 6.00', '29.02.2024', '2024-2-5', '2024-03-05 07:15:30', '05.03.2024T07:15', '2024-03-05T7:15', ' 2024-03-05 '];
const BAD = ['2023/01/10', 'i går', '05.03.2024 07', '05.03.2024 kl.', '05.03.2024 07.15.30', '2024-03-05 7.15.00', '2023-13-01', '30.02.2024',
  '29.02.2023', '31.04.2022', '00.01.2024', '2024-03-05 24:00', '05.03.2024 10.60', '05.03.1899', '05.03.202', '24-03-05', '2024-03-05t07:15'];

describe('AsOfText (usk ingest --as-of, the upload form)', () => {
  it('takes the forms the columns take, dd.mm.yy and the Norwegian time too, as one value; nothing else, and no date that does not exist', () => {
    for (const ok of OK) expect(AsOfText.safeParse(ok).success, ok).toBe(true);
    for (const bad of BAD) expect(AsOfText.safeParse(bad).success, bad).toBe(false);
    expect(AsOfText.parse('31.12.22')).toBe('2022-12-31 00:00:00');
    expect(AsOfText.parse('05.03.2024 kl. 7.15')).toBe('2024-03-05 07:15:00');
    expect(AsOfText.parse('2024-03-05T07:15')).toBe('2024-03-05 07:15:00');
  });

  it('reads each as the files\' own date parser does (usk_timestamp), so the argument check and the load are one rule', async () => {
    // Before, 2023-13-01 passed the argument's pattern and each file was then refused; 31.12.22 was refused as an argument.
    for (const text of [...OK, ...BAD]) {
      const [row] = await db.json<{ ts: string | null }>(`SELECT strftime(usk_timestamp($s), '%Y-%m-%d %H:%M:%S') AS ts`, { s: text });
      // Of these forms, the same value or none. (The column parser also takes a one-digit minute, 07:5,
      // which the argument never took: a typo more likely than a time.)
      expect(parseAsOf(text) ?? null, text).toBe(row!.ts);
    }
  });
});
