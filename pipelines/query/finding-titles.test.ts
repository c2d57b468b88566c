import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GLOBAL_FINDING_CODES, STAY_FINDING_CODES, VERSION_FINDING_CODES } from '../derive/findings.ts';
import { PROFILES } from '../profiles/index.ts';
import { FINDING_TITLES, findingTitle } from './finding-titles.ts';

const LOAD = join(dirname(fileURLToPath(import.meta.url)), '..', 'load');
/** Kebab-case literals in load/*.ts that are not warning codes. */
const NOT_CODES = new Set(['as-of', 'usk-archive']);

describe('finding titles', () => {
  it('every code a finding or warning can have has a title', () => {
    const loadCodes = readdirSync(LOAD)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) => [...readFileSync(join(LOAD, f), 'utf8').matchAll(/'([a-z]+(?:-[a-z]+)+)'/g)].map((m) => m[1]!))
      .filter((c) => !NOT_CODES.has(c));
    const codes = new Set([
      ...STAY_FINDING_CODES, ...GLOBAL_FINDING_CODES, ...VERSION_FINDING_CODES, ...loadCodes,
      ...PROFILES.flatMap((p) => p.checks.filter((c) => c.severity === 'warning').map((c) => c.code)),
    ]);
    expect(loadCodes).toContain('samme-nokkel-i-filen');
    expect([...codes].filter((c) => !(c in FINDING_TITLES))).toEqual([]);
  });

  it('an unknown code is shown as it is', () => {
    expect(findingTitle('dips-overlapp')).toBe('DIPS-rader for samme opphold dekker de samme datoene');
    expect(findingTitle('ny-kode')).toBe('ny-kode');
  });
});
