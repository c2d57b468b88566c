import { describe, expect, it } from 'vitest';
import { presentedMonth } from './presentasjon.ts';

describe('Presentasjon: the month the deck reports up to', () => {
  const meta = { months: ['2024-10', '2024-11', '2024-12', '2025-01'], asOf: { periods: '2025-01-05T00:00', events: '2025-01-01T06:00', invoices: '2025-01-13T00:00' } };
  it('is the URL’s month when the data have it, else the latest complete month', () => {
    expect(presentedMonth(meta, '2024-11')).toBe('2024-11');
    expect(presentedMonth(meta, undefined)).toBe('2024-12');
    expect(presentedMonth(meta, '2030-01')).toBe('2024-12');
  });
});
