/**
 * Every filter lives in the URL: parseState(location.search) ⇄ toSearch(state). Defaults are left
 * out of the URL so links stay short; unknown or malformed values fall back to the default.
 */

import type { z } from 'zod';
import { DEFAULT_RULE_SET, Kommunenr, RuleSet, YearMonth } from '../../pipelines/query/contract.ts';
import { StayId } from '../../server/schemas.ts';

export const VIEWS = ['oversikt', 'kommuner', 'avstemming', 'metode', 'kvalitet', 'last-opp', 'presentasjon'] as const;
export type View = (typeof VIEWS)[number];
/** The views' full names, as people type them from the menu («Datakvalitet»): the same view, not the default. */
const VIEW_ALIASES: Record<string, View> = { datakvalitet: 'kvalitet', manedsoversikt: 'oversikt', 'månedsoversikt': 'oversikt', lastopp: 'last-opp' };
export const CARE_AREAS = ['alle', 'somatikk', 'psykiatri'] as const;
export type CareArea = (typeof CARE_AREAS)[number];
/** Avstemming's stays: largest difference first, or most days not payable first (shape/stays.ts). */
export const STAY_ORDERS = ['differanse', 'ikke-betalbar'] as const;
export type StayOrder = (typeof STAY_ORDERS)[number];

export interface State {
  view: View;
  /** Månedsoversikt: the month under review (YYYY-MM); absent = latest complete month. */
  month?: string;
  /** Avstemming: one municipality (current or registered number). */
  kommune?: string;
  /** Kommuner: selected municipalities; empty = the largest ones. */
  kommuner: string[];
  from?: string;
  to?: string;
  fagomrade: CareArea;
  by: 'month' | 'year';
  group: 'current' | 'registered';
  rules: string;
  minHours?: number;
  firstDayFree?: boolean;
  /** SSU table: how many municipalities are named before "Andre kommuner". */
  top: number;
  slide: number;
  /** Avstemming: page of the stay strips (1-based). Any other filter change goes back to page 1. */
  page: number;
  /** Avstemming: the stays' order, and whether only stays with a difference are listed. */
  stayOrder: StayOrder;
  onlyDifferent: boolean;
  /**
   * Avstemming: one stay to show first and mark (from a finding in Datakvalitet). Any other
   * navigation drops it (main.ts navigate), as it drops the page.
   */
  stay?: string;
  /** Datakvalitet: only the findings of one code (a slug, as the API names them). */
  finding?: string;
}

export const DEFAULTS: State = { view: 'oversikt', kommuner: [], fagomrade: 'alle', by: 'year', group: 'current', rules: DEFAULT_RULE_SET, top: 15, slide: 0, page: 1, stayOrder: 'differanse', onlyDifferent: false };

/** Whether a value from the address is one the API takes: the API's own schemas decide (server/schemas.ts, the query contract). */
const takes = (schema: z.ZodType<string>, v: string | null | undefined): v is string => v != null && schema.safeParse(v).success;
/** A finding's code, as the API names them: a slug. */
const FINDING = /^[a-z0-9-]{1,40}$/;

/** A stay id as the API accepts it (server/schemas.ts StayId); one that looks like a fødselsnummer is never kept. */
export function validStayId(id: string | null | undefined): id is string {
  return takes(StayId, id);
}

function oneOf<T extends string>(options: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

function intIn(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
}

export function parseState(search: string): State {
  const p = new URLSearchParams(search);
  const s: State = {
    view: oneOf(VIEWS, VIEW_ALIASES[p.get('vis') ?? ''] ?? p.get('vis'), DEFAULTS.view),
    kommuner: (p.get('kommuner') ?? '').split(',').filter((k) => takes(Kommunenr, k)),
    fagomrade: oneOf(CARE_AREAS, p.get('fagomrade'), DEFAULTS.fagomrade),
    by: oneOf(['month', 'year'] as const, p.get('per') === 'maned' ? 'month' : p.get('per') === 'ar' ? 'year' : null, DEFAULTS.by),
    group: p.get('gruppering') === 'registrert' ? 'registered' : 'current',
    // A rule set's id (its latest version): the menu and the headline look sets up by id.
    rules: takes(RuleSet.shape.id, p.get('regelsett') ?? '') ? (p.get('regelsett') as string) : DEFAULTS.rules,
    top: intIn(p.get('topp'), 1, 50, DEFAULTS.top),
    // The address counts slides as the screen does («Lysbilde 3 av 5» is lysbilde=3); the state from 0.
    slide: intIn(p.get('lysbilde'), 1, 21, 1) - 1,
    page: intIn(p.get('side'), 1, 100_000, 1),
    stayOrder: oneOf(STAY_ORDERS, p.get('rekkefolge'), DEFAULTS.stayOrder),
    onlyDifferent: p.get('bare') === 'differanse',
  };
  const month = p.get('maned');
  if (month && takes(YearMonth, month)) s.month = month;
  const kommune = p.get('kommune');
  if (kommune && takes(Kommunenr, kommune)) s.kommune = kommune;
  const stay = p.get('opphold');
  if (validStayId(stay)) s.stay = stay;
  const finding = p.get('funn');
  if (finding && FINDING.test(finding)) s.finding = finding;
  const from = p.get('fra');
  const to = p.get('til');
  if (from && takes(YearMonth, from)) s.from = from;
  if (to && takes(YearMonth, to) && (!s.from || to >= s.from)) s.to = to;
  const hours = p.get('timer');
  if (hours !== null && /^\d{1,2}([.,]\d+)?$/.test(hours)) {
    const h = Number(hours.replace(',', '.'));
    if (h >= 0 && h <= 24) s.minHours = h;
  }
  const first = p.get('forstedogn');
  if (first === 'gratis') s.firstDayFree = true;
  else if (first === 'betalt') s.firstDayFree = false;
  return s;
}

/** The query string for a state (with leading '?', or '' for the defaults). */
export function toSearch(s: State): string {
  const p = new URLSearchParams();
  if (s.view !== DEFAULTS.view) p.set('vis', s.view);
  if (s.month) p.set('maned', s.month);
  if (s.kommune) p.set('kommune', s.kommune);
  if (s.kommuner.length) p.set('kommuner', s.kommuner.join(','));
  if (s.from) p.set('fra', s.from);
  if (s.to) p.set('til', s.to);
  if (s.fagomrade !== DEFAULTS.fagomrade) p.set('fagomrade', s.fagomrade);
  if (s.by !== DEFAULTS.by) p.set('per', s.by === 'month' ? 'maned' : 'ar');
  if (s.group !== DEFAULTS.group) p.set('gruppering', 'registrert');
  if (s.rules !== DEFAULTS.rules) p.set('regelsett', s.rules);
  if (s.minHours !== undefined) p.set('timer', String(s.minHours));
  if (s.firstDayFree !== undefined) p.set('forstedogn', s.firstDayFree ? 'gratis' : 'betalt');
  if (s.top !== DEFAULTS.top) p.set('topp', String(s.top));
  if (s.slide) p.set('lysbilde', String(s.slide + 1));
  if (s.page !== DEFAULTS.page) p.set('side', String(s.page));
  if (s.stayOrder !== DEFAULTS.stayOrder) p.set('rekkefolge', s.stayOrder);
  if (s.onlyDifferent) p.set('bare', 'differanse');
  if (validStayId(s.stay)) p.set('opphold', s.stay);
  if (s.finding) p.set('funn', s.finding);
  const text = p.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}

/** A new state with some fields changed; `undefined` removes an optional field. */
export function withChanges(s: State, changes: Partial<State>): State {
  const next: State = { ...s, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
  return next;
}

/**
 * The address that says what is shown, or null when this one does: the state as read (a value the
 * dashboard cannot take, ?maned=2024-13, is left out, as the view leaves it), with `shown`, what a
 * view shows in place of what the address asks (a month the data do not have, a period moved
 * inside them). Without it a copied link named what was not on the screen.
 */
export function shownSearch(search: string, shown: Partial<State> = {}): string | null {
  const next = toSearch(withChanges(parseState(search), shown));
  return next === search ? null : next;
}

/**
 * Of what a view shows (`shown`), the fields the address asked otherwise: a field the address leaves
 * out (the view's default) is not written in. What ctx.shows writes into the address (main.ts).
 */
export function shownInstead(asked: State, shown: Partial<State>): Partial<State> {
  return Object.fromEntries(Object.entries(shown).filter(([k, v]) => {
    const a = asked[k as keyof State];
    return a !== undefined && a !== v;
  }));
}
