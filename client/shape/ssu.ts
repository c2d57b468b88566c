/**
 * The SSU committee table: years as columns, the top municipalities, "Andre kommuner", a computed
 * total (never typed), and the change between two comparable years in days and per cent, plus the
 * invoiced days of the last year beside the registered ones.
 *
 * A year the selection covers only in part (Fra juli 2019, Til juni 2024) is labelled with its
 * months ('2019 (jul–des)'), and the change is never taken between periods of different length:
 * between the first and last column when they cover the same months, else between the first and
 * last whole years, else not at all (the table says why).
 */
import type { PublishedRow } from '../api/schemas.ts';
import { formatPeriod } from '../../pipelines/format/index.ts';
import { shortPeriod } from './months.ts';
import { change, MIN_PERCENT_BASE, type Change, type TotalMeasure } from './totals.ts';

export interface SsuColumn {
  /** the period as the API names it ('YYYY'; 'YYYY-MM' in a table per month) */
  year: string;
  /** first and last month the column covers ('YYYY-MM') */
  from: string;
  to: string;
  full: boolean;
  /** '2024', or '2024 (jan–jun)' for a part-year; 'jan. 2024' for a month */
  label: string;
  /** the full name where the label is short ('januar 2024'): the header's title */
  long?: string;
}

export interface SsuLine {
  kommunenr: string | null;
  kommune: string;
  values: (number | null)[];
  invoiced: number | null;
  change: Change;
}

export interface SsuTable {
  columns: SsuColumn[];
  measure: TotalMeasure;
  lines: SsuLine[];
  other: SsuLine;
  total: SsuLine;
  /** the columns the change is taken between, or null when no two are comparable */
  compare: { from: number; to: number } | null;
  /** how the top municipalities were chosen: by the last column, or by the sum of all columns */
  rank: 'last' | 'sum';
  /** a column per year (the committee's table), or per month (Kommuner with Periode = Måned) */
  per: 'year' | 'month';
}

const SHORT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'];
const shortMonth = (ym: string) => SHORT_MONTHS[Number(ym.slice(5, 7)) - 1] ?? ym;

/**
 * One column per year, clipped to the months the selection covers, [first, last] ('YYYY-MM'; the
 * chosen Fra/Til, else the data's first and last complete month). Either end open: whole years.
 */
export function yearColumns(years: readonly string[], first?: string, last?: string): SsuColumn[] {
  return years.map((year) => {
    const from = first && first > `${year}-01` ? first : `${year}-01`;
    const to = last && last < `${year}-12` ? last : `${year}-12`;
    const full = from === `${year}-01` && to === `${year}-12`;
    const months = from === to ? shortMonth(from) : `${shortMonth(from)}–${shortMonth(to)}`;
    return { year, from, to, full, label: full ? year : `${year} (${months})` };
  });
}

/** A table per month shows at most this many months (the selection's last): 12 fit 1280 px. */
export const MONTH_COLUMNS = 12;

/**
 * One column per month ('YYYY-MM', oldest first), the last `max` of them: 'jan. 2024' (it may
 * break before the year in a header), the full name in `long`.
 */
export function monthColumns(months: readonly string[], max = MONTH_COLUMNS): SsuColumn[] {
  return months.slice(-max).map((m) => ({ year: m, from: m, to: m, full: true, label: shortPeriod(m).replace('\u00a0', ' '), long: formatPeriod(m) }));
}

const sameMonths = (a: SsuColumn, b: SsuColumn) => a.from.slice(5) === b.from.slice(5) && a.to.slice(5) === b.to.slice(5);

/** The two columns a change may be taken between (see the module comment). */
export function comparable(columns: readonly SsuColumn[]): { from: number; to: number } | null {
  const last = columns.length - 1;
  if (last < 1) return null;
  if (sameMonths(columns[0]!, columns[last]!)) return { from: 0, to: last };
  const full = columns.flatMap((c, i) => (c.full ? [i] : []));
  return full.length >= 2 ? { from: full[0]!, to: full.at(-1)! } : null;
}

/**
 * Per month, the change is the last month's from the month before it (the previous period of the
 * same kind); none when the table has one month.
 */
function comparableMonths(columns: readonly SsuColumn[]): { from: number; to: number } | null {
  return columns.length >= 2 ? { from: columns.length - 2, to: columns.length - 1 } : null;
}

/** 'Endring 2020–2023' for the compared columns, 'Endring fra nov. 2024' per month ('Endring' alone when there are none). */
export function changeLabel(t: SsuTable): string {
  if (!t.compare) return 'Endring';
  const a = t.columns[t.compare.from]!;
  const b = t.columns[t.compare.to]!;
  if (t.per === 'month') return `Endring fra ${a.label}`;
  const months = a.full ? '' : ` ${b.label.slice(b.year.length + 1)}`;
  return `Endring ${a.year}–${b.year}${months}`;
}

/** A sentence under the table when a column is a part-year: what the change compares, or why there is none. */
/** '2019 (jul–des) og 2024 (jan–jun) er delår' (or '… er et delår'), or null when every column is a whole year. */
export function partYears(columns: readonly SsuColumn[]): string | null {
  const parts = columns.filter((c) => !c.full);
  return parts.length ? `${parts.map((c) => c.label).join(' og ')} ${parts.length === 1 ? 'er et delår' : 'er delår'}` : null;
}

/**
 * Under a table per month: which months it shows when the selection has more than it holds, and
 * what the change compares, or why there is none. Null for a table per year.
 */
export function monthNote(t: SsuTable, months: number): string | null {
  if (t.per !== 'month' || !t.columns.length) return null;
  const first = t.columns[0]!;
  const last = t.columns.at(-1)!;
  const cut = months > t.columns.length ? `Tabellen viser de siste ${t.columns.length} av utvalgets ${months} måneder (${first.long}–${last.long}); velg Fra og Til for andre måneder. ` : '';
  if (!t.compare) return `${cut}Utvalget har bare én måned (${last.long}), så det er ingen forrige måned å sammenligne med: endringen vises ikke.`;
  return `${cut}Endringen er regnet fra ${t.columns[t.compare.from]!.long} til ${t.columns[t.compare.to]!.long}.`;
}

export function partYearNote(t: SsuTable): string | null {
  const which = partYears(t.columns);
  if (!which) return null;
  if (t.columns.length < 2) return `${which}.`;
  if (!t.compare) return `${which}, og første og siste kolonne dekker ulike måneder: endringen vises ikke.`;
  const a = t.columns[t.compare.from]!;
  const b = t.columns[t.compare.to]!;
  return `${which}; endringen er regnet mellom ${a.label} og ${b.label}, som dekker de samme månedene.`;
}

/**
 * The footnote for a table whose «%» column shows «–» because the base is under MIN_PERCENT_BASE
 * days (the dashboard's cell says why only in its title, which a slide, a printout or a projector
 * never shows); null when no row of the table (lines, «Andre kommuner», «Totalt») shows one.
 */
export function thinBaseNote(t: SsuTable): string | null {
  const thin = [...t.lines, t.other, t.total].some((l) => l.change.thinBase && l.change.share === null);
  return thin ? `«–» i kolonnen «${changeLabel(t)}, %»: under ${MIN_PERCENT_BASE} døgn å sammenligne med, for lite grunnlag for en prosent.` : null;
}

const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export function ssuTable(
  rows: readonly PublishedRow[],
  years: readonly (string | SsuColumn)[],
  top: number,
  opts: { measure?: TotalMeasure; rank?: 'last' | 'sum'; per?: 'year' | 'month' } = {},
): SsuTable {
  const measure = opts.measure ?? 'registrert';
  const rank = opts.rank ?? 'last';
  const per = opts.per ?? 'year';
  const columns = years.map((y) => (typeof y === 'string' ? (per === 'month' ? monthColumns([y])[0]! : yearColumns([y])[0]!) : y));
  const compare = per === 'month' ? comparableMonths(columns) : comparable(columns);
  const changeOf = (values: (number | null)[]) => (compare ? change(values[compare.to], values[compare.from]) : { days: null, share: null });
  const byKommune = new Map<string, { kommune: string; values: (number | null)[]; invoiced: number | null }>();
  const last = columns.length - 1;
  for (const r of rows) {
    const i = columns.findIndex((c) => c.year === r.periode);
    if (i < 0) continue;
    let k = byKommune.get(r.kommunenr);
    if (!k) byKommune.set(r.kommunenr, (k = { kommune: r.kommune, values: columns.map(() => 0), invoiced: 0 }));
    k.values[i] = plus(k.values[i] ?? 0, r[measure]);
    if (i === last) k.invoiced = plus(k.invoiced, r.fakturert);
  }
  const all = [...byKommune.entries()].map(([kommunenr, k]): SsuLine => ({
    kommunenr, kommune: k.kommune, values: k.values, invoiced: k.invoiced, change: changeOf(k.values),
  }));
  const key = (l: SsuLine) => (rank === 'sum' ? l.values.reduce<number>((s, v) => s + (v ?? 0), 0) : (l.values[last] ?? 0));
  all.sort((a, b) => key(b) - key(a) || a.kommune.localeCompare(b.kommune, 'nb'));
  const lines = all.slice(0, top);
  const sumOf = (ls: SsuLine[], kommune: string): SsuLine => {
    const values = columns.map((_, i) => ls.reduce<number | null>((s, l) => plus(s, l.values[i] ?? 0), 0));
    return { kommunenr: null, kommune, values, invoiced: ls.reduce<number | null>((s, l) => plus(s, l.invoiced), 0), change: changeOf(values) };
  };
  return { columns, measure, lines, other: sumOf(all.slice(top), 'Andre kommuner'), total: sumOf(all, 'Totalt'), compare, rank, per };
}
