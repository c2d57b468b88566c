import { createHmac, randomBytes } from 'node:crypto';
import { blobValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import { PARSERS_SQL } from '../validate/parsers.ts';
import { hmacPads, pseudonymSql } from './key.ts';

let db: UskDb;
beforeAll(async () => {
  db = await openDatabase(':memory:');
  await db.run(PARSERS_SQL);
});
afterAll(() => db.close());

/** The pseudonym DuckDB computes for each value, with the pads of `key`. */
async function inSql(key: Buffer, values: Array<string | null>): Promise<Array<string | null>> {
  const { inner, outer } = hmacPads(key);
  const list = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`})`).join(', ');
  const rows = await db.json<{ i: number; p: string | null }>(
    `SELECT i, ${pseudonymSql('v')} AS p FROM (VALUES ${list}) t(i, v) ORDER BY i`,
    { kin: blobValue(inner), kout: blobValue(outer) },
  );
  return rows.map((r) => r.p);
}

const hmac = (key: Buffer, id: string) => createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 32);

describe('pseudonymSql', () => {
  it('is HMAC-SHA-256 of the identifier (RFC 2104), its first 128 bits in hex', async () => {
    const key = randomBytes(32);
    const ids = ['01017012345', '15038598765', 'P-0042', 'ø'];
    expect(await inSql(key, ids)).toEqual(ids.map((id) => hmac(key, id)));
  });

  it('ignores spaces in and around the identifier; blank is no identifier', async () => {
    const key = randomBytes(32);
    expect(await inSql(key, [' 010170 12345 ', '   ', '', null])).toEqual([hmac(key, '01017012345'), null, null, null]);
  });

  it('takes a key longer than a SHA-256 block as RFC 2104 does (hashed first)', async () => {
    const key = randomBytes(100);
    expect(await inSql(key, ['01017012345'])).toEqual([hmac(key, '01017012345')]);
  });
});
