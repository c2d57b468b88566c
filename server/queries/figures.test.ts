/**
 * published() at minCount 0 skips the trip through DuckDB's suppression SQL: on a real database
 * its rows, their order and the total must be exactly what that SQL gives at 0 (same JSON, keys in
 * the same order), and at minCount > 0 the SQL still decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../../pipelines/db/open.ts';
import { reconcile, type ReconcileQuery } from '../../pipelines/query/index.ts';
import { fixtureDatabase } from '../test-support.ts';
import { published, suppressedInSql, unsuppressed } from './figures.ts';

let db: UskDb;
beforeAll(async () => {
  const { dbPath } = await fixtureDatabase();
  db = await openDatabase(dbPath);
}, 60_000);
afterAll(() => db?.close());

const QUERIES: ReconcileQuery[] = [
  { rules: 'fakturagrunnlag', by: 'month', group: 'current', fagomrade: 'alle' },
  { rules: 'fakturagrunnlag', by: 'month', group: 'registered' },
  { rules: 'fakturagrunnlag', by: 'year', group: 'current', kommune: '5401' },
  { rules: 'fakturagrunnlag', by: 'period', group: 'current', from: '2022-03', to: '2022-04' },
  { rules: 'fakturagrunnlag', by: 'month', group: 'current', from: '2019-01', to: '2019-12' }, // no rows
];

describe('published() at minCount 0', () => {
  it.each(QUERIES)('gives what the suppression SQL gives at 0: %o', async (q) => {
    const raw = await reconcile(db, q);
    const sql = await suppressedInSql(db, raw, 0);
    // Reversed input: the order comes from the sort, not from the query layer.
    const js = unsuppressed([...raw].reverse());
    expect(JSON.stringify(js.rows)).toBe(JSON.stringify(sql.rows));
    expect(JSON.stringify(js.total)).toBe(JSON.stringify(sql.total));
    expect((await published(db, q, 0)).rows).toEqual(sql.rows);
  });

  it('the fixture gives rows in several municipalities and months, with invoices', async () => {
    const { rows, total } = await published(db, QUERIES[1]!, 0);
    expect(new Set(rows.map((r) => r.kommunenr)).size).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.periode)).size).toBeGreaterThan(1);
    expect(total).toMatchObject({ kommunenr: '*', kommune: 'Alle', fagomrade: 'alle', prikket: [] });
    expect(total!.fakturert).toBeGreaterThan(0);
  });

  it('minCount > 0 is still decided in SQL', async () => {
    const q = QUERIES[1]!;
    const { rows, total } = await published(db, q, 1000);
    expect(rows).toEqual((await suppressedInSql(db, await reconcile(db, q), 1000)).rows);
    expect(rows.every((r) => r.prikket.includes('registrert') && r.registrert === null)).toBe(true);
    expect(total?.prikket).toContain('registrert');
  });
});
