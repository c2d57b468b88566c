import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { keyFromEnv, keyPathFor, PseudonymKeyError, resolveKey } from './key.ts';

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

describe('keyFromEnv', () => {
  const key = (value: string | undefined) => keyFromEnv({ USK_PSEUDONYM_KEY: value });
  const hex64 = '0123456789abcdef'.repeat(4);

  it('takes 64 or more hex digits as the key\'s bytes, and any other text of 32 characters or more hashed', () => {
    expect(key(undefined)).toBeUndefined();
    expect(key('')).toBeUndefined();
    expect(key(hex64)?.toString('hex')).toBe(hex64);
    expect(key(`${hex64.toUpperCase()}ab`)?.toString('hex')).toBe(`${hex64}ab`);
    const phrase = 'en lang nok passordfrase for nøkkelen';
    expect(key(phrase)?.equals(createHash('sha256').update(phrase, 'utf8').digest())).toBe(true);
    // Hex, but shorter than 64 digits: a text like any other.
    expect(key(hex64.slice(0, 40))?.equals(createHash('sha256').update(hex64.slice(0, 40), 'utf8').digest())).toBe(true);
    expect(() => key('for-kort')).toThrow(PseudonymKeyError);
  });

  it('refuses hex of odd length, whose last digit was dropped without a word, and says which key a database loaded with it has (naming no digit of it)', () => {
    const odd = `${hex64}a`;
    expect(() => key(odd)).toThrow(PseudonymKeyError);
    expect(() => key(odd)).toThrow(
      'USK_PSEUDONYM_KEY har et odde antall heksadesimale tegn (65): forventet et partall, to per byte, minst 64 (eller en tekst på minst 32 tegn '
        + 'som ikke bare er heksadesimale tegn). Er en database lastet med denne nøkkelen før, brukte den de første 64 tegnene (det siste ble ikke lest): sett nøkkelen til dem',
    );
  });
});
