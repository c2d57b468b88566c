/** Controls and captions used by several views. */
import { dataAsOfText, formatPeriod } from '../../pipelines/format/index.ts';
import type { Meta } from '../api/schemas.ts';
import { CARE_AREA_LABEL } from '../shape/labels.ts';
import { clampToMonths, yearOf } from '../shape/months.ts';
import { latestCompleteMonth } from '../../pipelines/query/comparable.ts';
import { CARE_AREAS, type State } from '../state/url.ts';
import { h, select } from '../ui/dom.ts';
import { ruleSetName, type Ctx } from './context.ts';
import { isIncompleteMonth, TREND_MONTHS } from './overview-queries.ts';
import { GROUPING_LABEL } from '../../pipelines/export/columns.ts';

export function careAreaSelect(ctx: Ctx): HTMLElement {
  return select('Fagområde', CARE_AREAS.map((c) => ({ value: c, label: CARE_AREA_LABEL[c] ?? c })), ctx.state.fagomrade, (v) => ctx.navigate({ fagomrade: v as State['fagomrade'] }), 'fagomrade');
}

export function groupSelect(ctx: Ctx): HTMLElement {
  return select('Kommunegruppering', [{ value: 'current', label: GROUPING_LABEL.current }, { value: 'registered', label: GROUPING_LABEL.registered }], ctx.state.group, (v) => ctx.navigate({ group: v as State['group'] }), 'gruppering');
}

/**
 * A month's name in a picker; «(ufullstendig)» after a month the data's as-of falls in (or after):
 * it holds only the days up to the extract, and its figures are not a month's.
 */
export function monthOption(meta: Meta, m: string): { value: string; label: string } {
  return { value: m, label: isIncompleteMonth(meta, m) ? `${formatPeriod(m)} (ufullstendig)` : formatPeriod(m) };
}

export function monthSelect(ctx: Ctx, label: string, value: string, onChange: (v: string) => void, name: string): HTMLElement {
  return select(label, [...ctx.meta.months].reverse().map((m) => monthOption(ctx.meta, m)), value, onChange, name);
}

/**
 * Fra/Til month pickers over the data's months for an optional period (the one shown, inside the
 * data: an end the pickers do not have showed as the open end); the empty choice leaves that end
 * open. Picking past the other end moves the other end along.
 */
export function monthRangeSelects(ctx: Ctx, from: string | undefined, to: string | undefined): HTMLElement[] {
  const options = (open: string) => [{ value: '', label: open }, ...ctx.meta.months.map((m) => monthOption(ctx.meta, m))];
  const pick = (v: string) => (v === '' ? undefined : v);
  return [
    select('Fra', options('Første måned'), from ?? '', (v) => ctx.navigate({ from: pick(v), ...(v && to && v > to ? { to: v } : {}) }), 'fra'),
    select('Til', options('Siste hele måned'), to ?? '', (v) => ctx.navigate({ to: pick(v), ...(v && from && v < from ? { from: v } : {}) }), 'til'),
  ];
}

/**
 * Fra/Til over the data's months, oldest first, for a period that always has both ends (Avstemming,
 * Metode): «(ufullstendig)» as in every picker. Picking past the other end moves the other end along.
 */
export function monthPeriodSelects(ctx: Ctx, from: string, to: string): HTMLElement[] {
  const options = ctx.meta.months.map((m) => monthOption(ctx.meta, m));
  return [
    select('Fra', options, from, (v) => ctx.navigate({ from: v, ...(v > to ? { to: v } : {}) }), 'fra'),
    select('Til', options, to, (v) => ctx.navigate({ to: v, ...(v < from ? { from: v } : {}) }), 'til'),
  ];
}

/**
 * A period's ends moved inside the data's months when it reaches past them (?fra=2018-01 with data
 * from January 2019), so the heading names the months the pickers show and the figures cover; `note`
 * says so. A period wholly outside the data is left as asked (periodShown shows the whole period instead).
 * The rule is clampToMonths, which an export's by-period label follows too.
 */
export function clampToData(from: string, to: string, months: readonly string[]): { from: string; to: string; note?: string } {
  const first = months[0];
  const last = months.at(-1);
  const { from: f, to: t } = clampToMonths(from, to, first, last);
  if (!first || !last || (f === from && t === to)) return { from, to };
  return { from: f, to: t, note: `Dataene går fra ${formatPeriod(first)} til ${formatPeriod(last)}; viser ${spanText(f, t)}.` };
}

/**
 * The period a view shows for the address's Fra/Til, an open end left open. The pickers have only
 * the data's months, so an end past them showed as another month (or «Første måned», «Siste hele
 * måned») beside a heading naming the month asked for: an end past the data is moved inside them
 * (clampToData), and a period wholly outside them (?fra=2030-01&til=2030-06) is the whole period,
 * neither end given (the view puts in its first and last month); `note` says which. `complete` is an
 * open end's month (the last complete one). Kommuner, and through periodWithEnds Avstemming and Metode.
 */
export function periodShown(from: string | undefined, to: string | undefined, months: readonly string[], complete: string | undefined): { from?: string; to?: string; note?: string } {
  const first = months[0];
  const last = months.at(-1);
  if ((!from && !to) || !first || !last) return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const start = from ?? first;
  const end = to ?? complete ?? last;
  if (start > last || end < first) return { note: `Dataene går fra ${formatPeriod(first)} til ${formatPeriod(last)}; viser hele perioden.` };
  const shown = clampToData(start, end, months);
  return { ...(from ? { from: shown.from } : {}), ...(to ? { to: shown.to } : {}), ...(shown.note ? { note: shown.note } : {}) };
}

/**
 * The period of a view that always has both ends (Avstemming, Metode): the address's Fra/Til, the
 * last complete month's year for an end not asked, through periodShown; a period wholly outside the
 * data is the whole period, from the first month to the last complete one, and `note` says so. Metode
 * moved only an end past the data, so its pickers showed januar 2019 beside a heading for 2030.
 */
export function periodWithEnds(meta: Pick<Meta, 'months' | 'asOf'>, from: string | undefined, to: string | undefined): { from: string; to: string; note?: string } {
  const complete = latestCompleteMonth(meta);
  const year = yearOf(complete ?? '2024-12');
  const shown = periodShown(from ?? year.from, to ?? year.to, meta.months, complete);
  return {
    from: shown.from ?? meta.months[0] ?? year.from,
    to: shown.to ?? complete ?? meta.months.at(-1) ?? year.to,
    ...(shown.note ? { note: shown.note } : {}),
  };
}

/**
 * Which municipalities a figure covers, as its caption says it: every municipality in the data (the
 * figures are not limited to UNN's catchment area, ref_catchment is not a filter), or one of them
 * (kommuneCaption). An image passed on alone must not read as one municipality's figures.
 */
export const ALL_KOMMUNER = 'alle kommuner';

/** One municipality in a caption: name and number, «Tromsø (5501)», as the municipality picker names it. */
export function kommuneCaption(meta: Pick<Meta, 'kommuner'>, nr: string): string {
  return `${kommuneName(meta, nr)} (${nr})`;
}

/**
 * The lines baked into an exported chart (PNG/SVG/clipboard/PPTX), so the image still says what it
 * shows when it is pasted into a committee's slides: selection (care area and municipalities) and
 * period; source and rule set; as-of of each source.
 */
export function chartCaption(meta: Meta, s: State, kommuner: string, period: string): string[] {
  const area = CARE_AREA_LABEL[s.fagomrade] ?? s.fagomrade;
  return [`${area}, ${kommuner}, ${period}.`, `Kilde: DIPS, HN-LIS og faktura (USK-analyse). Regelsett: ${ruleSetName(meta, s)}.`, `Data per: ${asOfText(meta)}.`];
}

/** 'Januar 2022–desember 2022' for a first and last period (months 'YYYY-MM' or years 'YYYY'). */
export function spanText(first: string, last: string): string {
  return first === last ? formatPeriod(first) : `${formatPeriod(first)}–${formatPeriod(last)}`;
}

/**
 * The trend chart's period in its title: «siste 24 måneder», or the months it has when the data
 * begin later than 24 months before the month shown (mars 2019: «januar 2019–mars 2019», not a
 * «siste 24 måneder» over three points).
 */
export function trendSpanText(months: readonly string[], month: string): string {
  return months.length >= TREND_MONTHS ? `siste ${TREND_MONTHS} måneder` : spanText(months[0] ?? month, month);
}

/** 'Kilde: … Regelsett: … Data per: …' under every chart (and on every printed page). */
export function sourceLine(meta: Meta, s: State): string {
  return `Kilde: DIPS, HN-LIS og faktura. Regelsett: ${ruleSetName(meta, s)}. Data per: ${asOfText(meta)}.`;
}

/** «Data per» of the data the dashboard shows (pipelines/format: the exports say it alike). */
export const asOfText = (meta: Meta): string => dataAsOfText(meta.asOf);

export function kommuneName(meta: Pick<Meta, 'kommuner'>, nr: string): string {
  const k = meta.kommuner.find((x) => x.kommunenr === nr) ?? meta.kommuner.find((x) => x.current_nr === nr);
  return k ? (k.kommunenr === nr ? k.navn : k.current_navn) : nr;
}

/** Current municipalities (2024 numbers) with their names, sorted by name. */
export function currentKommuner(meta: Meta): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const k of meta.kommuner) if (!seen.has(k.current_nr)) seen.set(k.current_nr, k.current_navn);
  return [...seen.entries()].map(([value, label]) => ({ value, label: `${label} (${value})` })).sort((a, b) => a.label.localeCompare(b.label, 'nb'));
}

/** The view's heading; focusable from script (tabindex -1), so navigation can move the focus to it. */
export function heading(title: string, sub?: string): HTMLElement {
  return h('div', { class: 'view-head' }, h('h1', { tabindex: -1 }, title), sub ? h('p', { class: 'sub' }, sub) : null);
}
