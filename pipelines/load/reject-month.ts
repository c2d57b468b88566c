/**
 * The month a rejected row concerns, so that a report of a month can count the rows of that month
 * that were not loaded (the snapshot's avviste.json, the monthly report's «Avviste rader»). It is the
 * month of the profile's own date (Profile.yearFrom: DIPS Utskrivningsklar, HN-LIS Tidspunkt,
 * invoice Fra dato) when that date was read. When the date itself was the problem, a date that does
 * not exist (31.02.2022) still names its month: the month is taken from the text when the text is
 * a day, a month 1–12 and a four-digit year, written d.m.yyyy or yyyy-m-d. Otherwise NULL: the
 * report counts those rows apart, as of an unknown month.
 */

const DMY = String.raw`^\s*\d{1,2}\.(\d{1,2})\.(\d{4})(\D|$)`;
const YMD = String.raw`^\s*(\d{4})-(\d{1,2})-\d{1,2}(\D|$)`;

const month = (year: string, mon: string) =>
  `CASE WHEN TRY_CAST(${mon} AS INTEGER) BETWEEN 1 AND 12 AND TRY_CAST(${year} AS INTEGER) >= 1900 THEN make_date(TRY_CAST(${year} AS INTEGER), TRY_CAST(${mon} AS INTEGER), 1) END`;

/** SQL: the first day of the month a date's text names, or NULL; `text` is an SQL expression. */
export function monthOfDateText(text: string): string {
  return `CASE
    WHEN regexp_matches(${text}, '${DMY}') THEN ${month(`regexp_extract(${text}, '${DMY}', 2)`, `regexp_extract(${text}, '${DMY}', 1)`)}
    WHEN regexp_matches(${text}, '${YMD}') THEN ${month(`regexp_extract(${text}, '${YMD}', 1)`, `regexp_extract(${text}, '${YMD}', 2)`)}
  END`;
}
