/**
 * Presentation sums over rows the server sent (the server has no total row per period): totals per
 * period, the municipality ranking, change between two figures. Suppressed cells (null) make the
 * sum unknown rather than silently smaller.
 */
import { formatPercent, MINUS, NBSP } from '../../pipelines/format/index.ts';
import type { PublishedRow } from '../api/schemas.ts';

export const TOTAL_MEASURES = ['registrert', 'ikke_betalingsplikt', 'betalbar', 'timebasert', 'fakturert', 'differanse', 'belop'] as const;
export type TotalMeasure = (typeof TOTAL_MEASURES)[number];
export type Totals = Record<TotalMeasure, number | null>;

const empty = (): Totals => ({ registrert: 0, ikke_betalingsplikt: 0, betalbar: 0, timebasert: 0, fakturert: 0, differanse: 0, belop: 0 });

function add(t: Totals, r: PublishedRow): void {
  for (const m of TOTAL_MEASURES) {
    const v = r[m];
    const cur = t[m];
    t[m] = v === null || cur === null ? null : cur + v;
  }
}

export function totalsByPeriod(rows: readonly PublishedRow[]): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const r of rows) {
    let t = out.get(r.periode);
    if (!t) out.set(r.periode, (t = empty()));
    add(t, r);
  }
  return out;
}

export interface Change {
  days: number | null;
  /** share, e.g. 0.12 for +12 %; null when the base is unknown or under MIN_PERCENT_BASE */
  share: number | null;
  /** the base was known but under MIN_PERCENT_BASE days: no percentage (THIN_BASE_TITLE says why) */
  thinBase?: boolean;
}

/**
 * Under this many days in the base, no percentage: a municipality going from 2 to 212 days is
 * «+10 500,0 %», which says nothing a reader can use.
 */
export const MIN_PERCENT_BASE = 10;
export const THIN_BASE_TITLE = `For lite grunnlag: under ${MIN_PERCENT_BASE} døgn å sammenligne med, så endringen vises ikke i prosent.`;

export function change(now: number | null | undefined, before: number | null | undefined): Change {
  if (now == null || before == null) return { days: null, share: null };
  if (Math.abs(before) < MIN_PERCENT_BASE) return { days: now - before, share: null, thinBase: true };
  return { days: now - before, share: (now - before) / before };
}

/**
 * A change in percent with its sign: '+12,3 %', '−4,0 %', '0,0 %'. A change that rounds to 0,0 % but
 * is not 0 says so: '+<0,1 %' / '−<0,1 %' (not a «+0,0 %» that reads as no change at all).
 */
export function percentChangeText(share: number): string {
  if (share !== 0 && Math.abs(share * 100) < 0.05) return `${share > 0 ? '+' : MINUS}<0,1${NBSP}%`;
  return `${share > 0 ? '+' : ''}${formatPercent(share)}`;
}

export interface Ranked {
  kommunenr: string;
  kommune: string;
  /** null: suppressed (prikket) in some row of the municipality's period */
  value: number | null;
  /**
   * 0: no row for the municipality in the earlier period (no days then, the change is from 0, as
   * Kommuner shows such a period); null: suppressed there (beforeSuppressed), or, after
   * rankedAgainst, a month without data at all.
   */
  before: number | null;
  beforeSuppressed: boolean;
  change: Change;
}

/**
 * Municipalities in `periode` by a measure, largest first, with the change from `beforePeriode`. A
 * suppressed cell (null) makes its municipality's figure unknown, not 0: it is ranked after the
 * known ones and has no change.
 */
export function ranking(rows: readonly PublishedRow[], measure: TotalMeasure, periode: string, beforePeriode: string): Ranked[] {
  const sum = (p: string) => {
    const m = new Map<string, { kommune: string; value: number | null }>();
    for (const r of rows) {
      if (r.periode !== p) continue;
      const cur = m.get(r.kommunenr) ?? { kommune: r.kommune, value: 0 };
      const v = r[measure];
      cur.value = cur.value === null || v === null ? null : cur.value + v;
      m.set(r.kommunenr, cur);
    }
    return m;
  };
  const now = sum(periode);
  const before = sum(beforePeriode);
  return [...now.entries()]
    .map(([kommunenr, { kommune, value }]) => {
      const prior = before.get(kommunenr);
      // No row a year before is 0 days then (a municipality new in the data); a suppressed one is unknown.
      return { kommunenr, kommune, value, before: prior ? prior.value : 0, beforeSuppressed: prior !== undefined && prior.value === null, change: change(value, prior ? prior.value : 0) };
    })
    .filter((r) => r.value !== 0 || (r.before ?? 0) !== 0 || r.beforeSuppressed)
    .sort((a, b) => knownFirst(a.value, b.value) || a.kommune.localeCompare(b.kommune, 'nb'));
}

/** One municipality's days in a period: payable, invoiced and the difference (fakturert − betalbar). */
export interface Difference {
  kommunenr: string;
  kommune: string;
  betalbar: number;
  fakturert: number;
  differanse: number;
}

/**
 * The municipalities whose invoiced days differ from their payable days in a period, largest
 * difference first (either sign), then by name: where a month-close starts. A municipality with a
 * suppressed figure is left out (its difference is unknown, not 0).
 */
export function differences(rows: readonly PublishedRow[], periode: string): Difference[] {
  const byKommune = new Map<string, PublishedRow[]>();
  for (const r of rows) if (r.periode === periode) byKommune.set(r.kommunenr, [...(byKommune.get(r.kommunenr) ?? []), r]);
  return [...byKommune.values()]
    .flatMap((group) => {
      const { betalbar, fakturert, differanse } = sumColumns(group, ['betalbar', 'fakturert', 'differanse'] as const);
      if (betalbar === null || fakturert === null || differanse === null || differanse === 0) return [];
      return [{ kommunenr: group[0]!.kommunenr, kommune: group[0]!.kommune, betalbar, fakturert, differanse }];
    })
    .sort((a, b) => Math.abs(b.differanse) - Math.abs(a.differanse) || a.kommune.localeCompare(b.kommune, 'nb'));
}

/** Descending, unknown (null) last. */
export function knownFirst(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b - a;
}

/** Column sums over rows (a table's total row); a suppressed cell (null) makes its column's sum unknown. */
export function sumColumns<K extends string>(rows: readonly Partial<Record<K, number | null>>[], keys: readonly K[]): Record<K, number | null> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number | null>;
  for (const r of rows) {
    for (const k of keys) {
      const v = r[k];
      const cur = out[k];
      out[k] = v === null || v === undefined || cur === null ? null : cur + v;
    }
  }
  return out;
}
