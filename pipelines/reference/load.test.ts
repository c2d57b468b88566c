import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { FAGOMRADE_VALUES } from '../profiles/values.ts';

describe('reference data', () => {
  let db: UskDb;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(() => db.close());

  const kommune = async (nr: string) =>
    (await db.json(`SELECT * FROM ref_kommune WHERE kommunenr = $nr`, { nr }))[0];

  it('follows renumbering chains to today (Lenvik 1931 → Senja 5530)', async () => {
    expect(await kommune('1931')).toMatchObject({ navn: 'Lenvik', current_nr: '5530', valid_to: 2019 });
    expect(await kommune('5421')).toMatchObject({ current_nr: '5530', valid_from: 2020, valid_to: 2023 });
    expect(await kommune('5530')).toMatchObject({ current_nr: '5530', valid_from: 2024, valid_to: null });
  });

  it('maps every municipality of the domain table to its 2024 number', async () => {
    const cases: Array<[string, string]> = [
      ['1902', '5501'], ['5401', '5501'], ['1903', '5503'], ['1911', '5510'], ['1913', '5512'],
      ['1852', '5512'], ['1927', '5530'], ['2017', '5603'], ['2004', '5603'], ['2003', '5607'],
      ['2012', '5601'], ['1805', '1806'], ['1854', '1806'], ['1850', '1806'], ['1853', '1853'],
      ['1851', '1851'], ['0901', '4201'],
    ];
    for (const [old, now] of cases) expect((await kommune(old))?.current_nr, old).toBe(now);
  });

  it('knows the rate of 2022 and has no rate for 2013', async () => {
    const rates = await db.json<{ year: number; rate: string }>(`SELECT year, rate::VARCHAR rate FROM ref_rate ORDER BY year`);
    expect(rates.find((r) => r.year === 2022)?.rate).toBe('5306.00');
    expect(rates.find((r) => r.year === 2013)).toBeUndefined();
  });

  it('knows when payment began per care area: somatikk 2012, psykisk helsevern and TSB 2019, each profile slug covered', async () => {
    const rows = await db.json<{ fagomrade: string; from_date: string }>(
      `SELECT fagomrade, strftime(from_date, '%Y-%m-%d') AS from_date FROM ref_payment_start ORDER BY fagomrade`);
    expect(rows).toEqual([
      { fagomrade: 'psykisk-helsevern', from_date: '2019-01-01' },
      { fagomrade: 'somatikk', from_date: '2012-01-01' },
      { fagomrade: 'tsb', from_date: '2019-01-01' },
    ]);
    // A care area without a row would never be payable: the file must name every slug the sources can carry.
    expect(rows.map((r) => r.fagomrade)).toEqual([...new Set(Object.values(FAGOMRADE_VALUES))].sort());
  });

  it('loads UNN catchment by site', async () => {
    const rows = await db.json<{ site: string; n: number }>(`SELECT site, count(*)::INT n FROM ref_catchment GROUP BY site ORDER BY site`);
    expect(rows).toEqual([
      { site: 'UNN Harstad', n: 6 },
      { site: 'UNN Narvik', n: 4 },
      { site: 'UNN Tromsø', n: 14 },
    ]);
  });
});
