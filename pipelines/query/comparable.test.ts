import { describe, expect, it } from 'vitest';
import { earliestAsOf, invoicesMayBeIncomplete, isIncompleteMonth, latestCompleteMonth } from './comparable.ts';

const asOf = { periods: '2025-01-05T00:00', events: '2025-01-01T06:00', invoices: '2025-01-13T00:00' };

describe('which months are complete (decision 23)', () => {
  it('the oldest extract of the three sources decides: an extract of 1 January 06:00 covers December, not January', () => {
    expect(earliestAsOf({ asOf })).toEqual({ source: 'HN-LIS', at: '2025-01-01T06:00' });
    expect(isIncompleteMonth({ asOf }, '2024-12')).toBe(false);
    expect(isIncompleteMonth({ asOf }, '2025-01')).toBe(true);
  });

  it('the invoices count too: a month they do not cover yet is not complete, whatever DIPS and HN-LIS say', () => {
    const lateInvoices = { periods: '2025-01-05T00:00', events: '2025-01-01T06:00', invoices: '2024-12-02T00:00' };
    expect(latestCompleteMonth({ months: ['2024-10', '2024-11', '2024-12', '2025-01'], asOf: lateInvoices })).toBe('2024-11');
  });

  it('views open on the latest complete month, or on the last month when none is complete or nothing is dated', () => {
    expect(latestCompleteMonth({ months: ['2024-11', '2024-12', '2025-01'], asOf })).toBe('2024-12');
    expect(latestCompleteMonth({ months: ['2025-01', '2025-02'], asOf })).toBe('2025-02');
    expect(latestCompleteMonth({ months: ['2024-11', '2025-01'], asOf: { periods: null, events: null, invoices: null } })).toBe('2025-01');
    expect(latestCompleteMonth({ months: [], asOf })).toBeUndefined();
  });
});

describe('whose invoices may not all be in yet (the monthly report)', () => {
  it('a month whose following month the invoice extract falls in: the demo\'s January 2025, invoices per 12.02.2025', () => {
    const demo = { periods: '2025-01-05T00:00', events: '2025-01-05T06:00', invoices: '2025-02-12T00:00' };
    expect(invoicesMayBeIncomplete({ asOf: demo }, '2025-01')).toBe(true);
    expect(invoicesMayBeIncomplete({ asOf: demo }, '2024-12')).toBe(false);
    // Over a year's end, and an extract taken in the month itself.
    expect(invoicesMayBeIncomplete({ asOf: { ...demo, invoices: '2025-01-13T00:00' } }, '2024-12')).toBe(true);
    expect(invoicesMayBeIncomplete({ asOf: { ...demo, invoices: '2025-01-13T00:00' } }, '2024-11')).toBe(false);
    expect(invoicesMayBeIncomplete({ asOf: { ...demo, invoices: '2025-01-13T00:00' } }, '2025-01')).toBe(true);
    expect(invoicesMayBeIncomplete({ asOf: { ...demo, invoices: null } }, '2025-01')).toBe(false);
  });
});
