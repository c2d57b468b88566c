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

  it('hands over, once, the counts of a burst followed by silence, and of addresses forgotten in a flood', () => {
    let now = 0;
    const r = new AnonymousRefusals(() => now);
    r.admit('10.0.0.1', 'GET /api/stays', 'stay-view', 401);
    for (let i = 0; i < 5; i++) r.admit('10.0.0.1', 'GET /api/stays', 'stay-view', 401);
    expect(r.drain()).toEqual([{ clientIp: '10.0.0.1', route: 'GET /api/stays', action: 'stay-view', status: 401, skipped: 5 }]);
    expect(r.drain()).toEqual([]);
    // Counted once: the next one admitted says nothing more about those five.
    r.admit('10.0.0.1', 'GET /api/stays', 'stay-view', 401);
    now = 61_000;
    expect(r.admit('10.0.0.1', 'GET /api/stays', 'stay-view', 401)).toEqual({ write: true, skipped: 1 });
    // A flood of 10 000 addresses within the minute pushes the first out: its count is kept for the drain.
    r.admit('10.9.9.9', 'GET /api/stays', 'stay-view', 401);
    r.admit('10.9.9.9', 'GET /api/stays', 'stay-view', 401);
    for (let i = 0; i < 10_000; i++) r.admit(`10.1.${i >> 8}.${i & 255}`, 'GET /api/stays', 'stay-view', 401);
    expect(r.drain()).toEqual([{ clientIp: '10.9.9.9', route: 'GET /api/stays', action: 'stay-view', status: 401, skipped: 1 }]);
  });
});
