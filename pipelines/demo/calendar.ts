/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01). Exports carry Norwegian wall-clock
 * time without offset, so the generator works in wall-clock dates and minutes and never converts to
 * instants: DST only matters to hour counts, which the pipeline computes, not the generator.
 */
const MS_PER_DAY = 86_400_000;

export type Day = number;

/** Wall-clock moment: a date and minutes after its midnight (0–1439). */
export interface Moment {
  day: Day;
  minute: number;
}

export function dayOf(year: number, month: number, date: number): Day {
  return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

export function ymd(day: Day): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

export const yearOf = (day: Day): number => ymd(day).year;
export const monthKey = (day: Day): string => {
  const { year, month } = ymd(day);
  return `${year}-${pad2(month)}`;
};

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

export const daysInYear = (year: number): number => dayOf(year + 1, 1, 1) - dayOf(year, 1, 1);

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** dd.mm.yyyy, the Norwegian date of DIPS reports and invoices. */
export function noDate(day: Day): string {
  const { year, month, date } = ymd(day);
  return `${pad2(date)}.${pad2(month)}.${year}`;
}

export function isoDate(day: Day): string {
  const { year, month, date } = ymd(day);
  return `${year}-${pad2(month)}-${pad2(date)}`;
}

export const hhmm = (minute: number): string => `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;

/** yyyy-mm-ddTHH:MM:SS, as HN-LIS writes its timestamps. */
export function isoMoment(m: Moment): string {
  return `${isoDate(m.day)}T${hhmm(m.minute)}:00`;
}

export const compareMoments = (a: Moment, b: Moment): number => a.day - b.day || a.minute - b.minute;

export function addMinutes(m: Moment, minutes: number): Moment {
  const total = m.day * 1440 + m.minute + minutes;
  return { day: Math.floor(total / 1440), minute: ((total % 1440) + 1440) % 1440 };
}
