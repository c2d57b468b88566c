import { describe, expect, it } from 'vitest';
import { AnonymousRefusals } from './anonymous-refusals.ts';

describe('anonymous refusals in the audit log', () => {
  it('writes the same refusal once a minute, and the next one says how many were left out', () => {
    let now = 0;
    const r = new AnonymousRefusals(() => now);
    expect(r.admit('10.0.0.1', 'GET /api/stays')).toEqual({ write: true, skipped: 0 });
    now = 1_000;
    expect(r.admit('10.0.0.1', 'GET /api/stays')).toEqual({ write: false, skipped: 0 });
    expect(r.admit('10.0.0.1', 'GET /api/stays')).toEqual({ write: false, skipped: 0 });
    // Another route or another address is another refusal.
    expect(r.admit('10.0.0.1', 'GET /api/quality/findings').write).toBe(true);
    expect(r.admit('10.0.0.2', 'GET /api/stays').write).toBe(true);
    now = 61_000;
    expect(r.admit('10.0.0.1', 'GET /api/stays')).toEqual({ write: true, skipped: 2 });
  });
});
