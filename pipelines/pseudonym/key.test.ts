import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyPathFor, resolveKey } from './key.ts';

describe('resolveKey', () => {
  it('creates the key file 0600; tightens one someone loosened, and says it was loose', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'usk-key-')), 'usk.duckdb');
    const created = resolveKey(db, {});
    expect(created).toMatchObject({ source: 'created', path: keyPathFor(db) });
    expect(statSync(keyPathFor(db)).mode & 0o777).toBe(0o600);
    expect(resolveKey(db, {})).not.toHaveProperty('wasLoose');
    chmodSync(keyPathFor(db), 0o644);
    const loose = resolveKey(db, {});
    expect(loose).toMatchObject({ source: 'file', wasLoose: 0o644 });
    expect(loose.key.equals(created.key)).toBe(true);
    expect(statSync(keyPathFor(db)).mode & 0o777).toBe(0o600);
  });
});
