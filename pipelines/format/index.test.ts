import { describe, expect, it } from 'vitest';
import { csvFraction, csvNumber, formatDate, formatDateTime, formatDays, formatDecimal, formatInteger, formatKroner, formatPercent, formatPeriod, roundHalfAwayFromZero, uploadLimitText, formatAsOf, dataAsOfText, sourceAsOfText } from './index.ts';

const plain = (s: string) => s.replaceAll('\u00a0', ' ').replaceAll('\u2212', '-');

describe('nb-NO formatting', () => {
  it('groups thousands with a no-break space and uses a decimal comma', () => {
    expect(plain(formatInteger(8190))).toBe('8 190');
    expect(plain(formatInteger(16017))).toBe('16 017');
    expect(plain(formatInteger(133))).toBe('133');
    expect(plain(formatInteger(-1450))).toBe('-1 450');
    expect(formatInteger(8190)).toBe('8\u00a0190');
    expect(plain(formatKroner(16322))).toBe('16 322 kr');
  });
  it('rounds one decimal half away from zero, on the decimal value meant', () => {
    expect(formatDays(69 / 24)).toBe('2,9'); // 2.875
    expect(formatDays(73 / 24)).toBe('3,0');
    expect(formatDays(0.15)).toBe('0,2');
    expect(plain(formatDays(-0.25))).toBe('-0,3');
    expect(formatDays(-0.04)).toBe('0,0');
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(formatDecimal(1234.56, 1)).toBe('1\u00a0234,6');
  });
  it('percent and dates', () => {
    expect(plain(formatPercent(0.511))).toBe('51,1 %');
    expect(plain(formatPercent(0.014))).toBe('1,4 %');
    expect(formatDate('2023-01-05')).toBe('05.01.2023');
    expect(formatDate(new Date(Date.UTC(2023, 0, 5)))).toBe('05.01.2023');
    expect(formatDateTime('2023-01-05T14:30')).toBe('05.01.2023 14:30');
    expect(formatPeriod('2023-01')).toBe('januar 2023');
    expect(formatPeriod('2022-01–2022-12')).toBe('januar 2022–desember 2022');
  });
  it('CSV numbers for Norwegian Excel: decimal comma, no grouping', () => {
    expect(csvNumber(2.875, 1)).toBe('2,9');
    expect(csvNumber(16322)).toBe('16322');
    expect(csvNumber(-1)).toBe('-1');
    expect(csvNumber(null)).toBe('');
  });
  it('CSV fractions: unrounded up to the decimals asked for, no trailing zeros, no exponent', () => {
    expect(csvFraction(33 / 24, 9)).toBe('1,375');
    expect(csvFraction(2, 9)).toBe('2');
    expect(csvFraction(1 / 3, 9)).toBe('0,333333333');
    expect(csvFraction(0.1 + 0.2, 9)).toBe('0,3');
    expect(csvFraction(1e-7, 9)).toBe('0,0000001');
    expect(csvFraction(-1e-12, 9)).toBe('0');
    expect(csvFraction(-2.5, 9)).toBe('-2,5');
    expect(csvFraction(null, 9)).toBe('');
  });
});

describe('upload limits', () => {
  it('in megabytes as people count them, not bytes', () => {
    expect(uploadLimitText(209_715_200)).toBe('200\u00a0MB');
    expect(uploadLimitText(5_000_000)).toBe('4,8\u00a0MB');
  });
});

describe('an export\'s as-of', () => {
  it('as the CLI and Last opp say it: the time left out at midnight', () => {
    expect(formatAsOf('2023-01-05 07:15')).toBe('05.01.2023 07:15');
    expect(formatAsOf('2023-01-05 00:00')).toBe('05.01.2023');
    expect(formatAsOf('2023-01-05')).toBe('05.01.2023');
  });
});

describe('«Data per»', () => {
  it('says each source\'s as-of, and «ingen data» for a source not loaded, alike in the dashboard and the exports', () => {
    expect(dataAsOfText({ periods: '2025-01-06T07:15', events: null, invoices: '2024-12-31T08:00' }))
      .toBe('DIPS 06.01.2025 07:15, HN-LIS ingen data, faktura 31.12.2024 08:00');
  });
  it('leaves the time out at midnight, as formatAsOf: a DIPS report stamped with a date only says no 00:00', () => {
    expect(dataAsOfText({ periods: '2025-01-05T00:00', events: '2025-01-01T06:00', invoices: null }))
      .toBe('DIPS 05.01.2025, HN-LIS 01.01.2025 06:00, faktura ingen data');
  });
  it('shows a value that is not a time as it came, rather than failing the page', () => {
    expect(sourceAsOfText('ukjent')).toBe('ukjent');
  });
});
