import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from './open.ts';

describe('UskDb.transaction', () => {
  let db: UskDb;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (x INTEGER)');
  });
  afterAll(() => db.close());
  const count = async () => (await db.json<{ n: number }>('SELECT count(*)::INT n FROM t'))[0]!.n;

  it('commits what it wrote, joining an inner transaction to the outer one', async () => {
    await db.transaction(async () => {
      await db.run('INSERT INTO t VALUES (1)');
      await db.transaction(() => db.run('INSERT INTO t VALUES (2)'));
    });
    expect(await count()).toBe(2);
  });

  it('rolls everything back when an inner step fails, and rethrows the failure', async () => {
    const before = await count();
    await expect(
      db.transaction(async () => {
        await db.run('INSERT INTO t VALUES (3)');
        await db.transaction(() => db.run('INSERT INTO no_such_table VALUES (1)'));
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await count()).toBe(before);
    await db.transaction(() => db.run('INSERT INTO t VALUES (4)')); // usable again afterwards
    expect(await count()).toBe(before + 1);
  });
});

describe('the database file', () => {
  it('is readable by its owner only, also one made readable to others before', async () => {
    const { mkdtempSync, statSync, chmodSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'usk-mode-')), 'usk.duckdb');
    const before = process.umask(0o022); // as a login shell would have it
    try {
      let db = await openDatabase(path);
      db.close();
      expect(statSync(path).mode & 0o777).toBe(0o600);
      chmodSync(path, 0o644);
      db = await openDatabase(path);
      db.close();
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(before);
    }
  });
});
