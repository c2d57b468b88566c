/**
 * nb-NO number and date formatting: the one module shared by the exports and the client, so a
 * figure reads the same in a spreadsheet, a slide and the browser. Pure functions, no Node APIs.
 *
 * Typography: thousands are grouped with a no-break space (U+00A0), the decimal mark is a comma,
 * the minus sign is U+2212, and a percent sign follows a no-break space — what Intl's nb-NO gives.
 * Rounding is half away from zero (2,875 → 2,9), applied to the decimal value the figure means,
 * not to its binary floating-point neighbour (0,15 is 0,2 here, where Intl alone gives 0,1).
 */

export const NBSP = '\u00a0';
export const MINUS = '\u2212';

/** Rounds half away from zero at `decimals` places; robust to binary representation (1.005 → 1.01). */
export function roundHalfAwayFromZero(value: number, decimals = 0): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** decimals;
  // toPrecision(15) recovers the decimal the float stands for before the half test.
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.floor(scaled + 0.5) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

const formatters = new Map<number, Intl.NumberFormat>();
function formatter(decimals: number): Intl.NumberFormat {
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true });
    formatters.set(decimals, f);
  }
  return f;
}

/**
 * A number with a fixed number of decimals: formatDecimal(2.875, 1) = '2,9'. Four-digit numbers
 * are grouped too ('8 190'), as in the published tables.
 */
export function formatDecimal(value: number, decimals: number): string {
  const rounded = roundHalfAwayFromZero(value, decimals);
  const text = formatter(decimals).format(Math.abs(rounded));
  // Norwegian tables group four-digit numbers ('8 190'); not every ICU build does for nb-NO.
  const grouped = text.replace(/^(\d)(\d{3})(?=$|,)/, `$1${NBSP}$2`);
  return rounded < 0 ? `${MINUS}${grouped}` : grouped;
}

/** A whole number: formatInteger(8190) = '8 190'. */
export function formatInteger(value: number): string {
  return formatDecimal(value, 0);
}

/** A share as percent with one decimal: formatPercent(0.511) = '51,1 %'. */
export function formatPercent(share: number, decimals = 1): string {
  return `${formatDecimal(share * 100, decimals)}${NBSP}%`;
}

/** Kroner without decimals: formatKroner(16322) = '16 322 kr'. */
export function formatKroner(value: number): string {
  return `${formatInteger(value)}${NBSP}kr`;
}

/** Hour-based days, one decimal (domain.md): formatDays(69 / 24) = '2,9'. */
export function formatDays(value: number): string {
  return formatDecimal(value, 1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' (or a Date, read in its UTC fields) → '05.01.2023'. */
export function formatDate(value: string | Date): string {
  if (value instanceof Date) return `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) throw new RangeError(`ikke en dato: ${value}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** 'YYYY-MM-DDTHH:MM' (local wall clock) → '05.01.2023 14:30'. */
export function formatDateTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(value);
  if (!m) throw new RangeError(`ikke et tidspunkt: ${value}`);
  return `${formatDate(m[1]!)} ${m[2]}:${m[3]}`;
}

/**
 * An export's as-of as `usk ingest` reports it ('YYYY-MM-DD HH:MM') in nb-NO: '05.01.2023 07:15',
 * the time left out at midnight ('05.01.2023'), as a date-only Utskriftsdato reads. The CLI's
 * summary and Last opp's result say it alike.
 */
export function formatAsOf(asOf: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(asOf);
  if (!m) throw new RangeError(`ikke et tidspunkt: ${asOf}`);
  return m[2] && m[2] !== '00:00' ? `${formatDate(m[1]!)} ${m[2]}` : formatDate(m[1]!);
}

/**
 * One source's as-of ('YYYY-MM-DDTHH:MM', null when nothing of it is loaded) as «Data per» says it,
 * in the dashboard, its printouts and slides, and in every export: '05.01.2023 14:30' or 'ingen data';
 * at midnight the date alone, as formatAsOf (a DIPS report stamped with a date only has no 00:00).
 * A value that is not a time (from a server, a file) is shown as it came rather than failing the page.
 */
export function sourceAsOfText(asOf: string | null): string {
  if (!asOf) return 'ingen data';
  try {
    return formatAsOf(asOf);
  } catch {
    return asOf;
  }
}

/** formatDateTime for a time that came from elsewhere (a server, a file): one that is not a time is shown as it came rather than failing the page. */
export function formatDateTimeOr(value: string): string {
  try {
    return formatDateTime(value);
  } catch {
    return value;
  }
}

/** «Data per» for all three sources: 'DIPS 05.01.2023 14:30, HN-LIS ingen data, faktura 31.12.2022 08:00'. */
export function dataAsOfText(asOf: { periods: string | null; events: string | null; invoices: string | null }): string {
  return `DIPS ${sourceAsOfText(asOf.periods)}, HN-LIS ${sourceAsOfText(asOf.events)}, faktura ${sourceAsOfText(asOf.invoices)}`;
}

/** The months in bokmål, lower case as in running text; index 0 is January. */
export const MONTH_NAMES = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'] as const;

/** 'YYYY-MM' → 'januar 2023'; 'YYYY' stays; 'YYYY-MM–YYYY-MM' → 'januar 2022–desember 2023'. */
export function formatPeriod(periode: string): string {
  const one = (p: string) => {
    const m = /^(\d{4})-(\d{2})$/.exec(p);
    return m ? `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : p;
  };
  return periode.split('–').map(one).join('–');
}

/** Number for a CSV cell read by Norwegian Excel: decimal comma, no grouping, '-' as minus. */
export function csvNumber(value: number | null, decimals?: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  const v = decimals === undefined ? value : roundHalfAwayFromZero(value, decimals);
  const text = decimals === undefined ? String(v) : v.toFixed(decimals);
  return text.replace('.', ',');
}

/**
 * A fractional number for a CSV cell, rounded only to `maxDecimals` and written without trailing
 * zeros (1,375; 2; 0,333333333): a reader who sums the column gets the sum the dashboard shows,
 * where one decimal per row would add up the rounding of every row.
 */
export function csvFraction(value: number | null, maxDecimals: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  // toFixed, not String(): never exponent notation (1e-7), which Excel would read as text.
  const text = roundHalfAwayFromZero(value, maxDecimals).toFixed(maxDecimals).replace(/\.?0+$/, '');
  return (text === '-0' ? '0' : text).replace('.', ',');
}

/** An upload limit in bytes as people say it: «200 MB» (MiB, as the default 200 × 1 048 576 is meant). */
export function uploadLimitText(bytes: number): string {
  const mb = bytes / 1_048_576;
  return `${formatDecimal(mb, Number.isInteger(mb) ? 0 : 1)}\u00a0MB`;
}

/** Why an upload is too large, and what to do (the server's 413, and Last opp before sending). */
export function uploadTooLargeText(limit: number): string {
  return `Filen er større enn grensen på ${uploadLimitText(limit)}; ingenting er lastet. Del filen (for eksempel per år eller måned), `
    + 'eller be den som drifter USK-analyse om å øke grensen (uploadMaxBytes).';
}
