/**
 * One stay as a strip of its days, each square coloured by its category, with the events marked
 * above (so a reader sees why a day is not payable). Plain d3 on SVG; every square has a <title>
 * for the mouse, and the same facts are a table (stripTable) for the keyboard, a screen reader and
 * anyone who cannot hover: date, category, hours and events of every day.
 */
import { create } from 'd3';
import { formatDate, formatDateTimeOr, formatDays, formatInteger } from '../../pipelines/format/index.ts';
import type { DayCategory, StayDay } from '../../pipelines/query/contract.ts';
import { UNDEDUCTED_LABEL } from '../../pipelines/export/columns.ts';
import { CATEGORY_LABEL, eventLabel } from '../shape/labels.ts';
import { table } from '../ui/dom.ts';
import { CATEGORY_COLOR } from './palette.ts';

const CELL = 16;

/** The categories as counted in a sentence («12 betalbare, 3 første døgn»), payable first; every category has its words. */
const COUNTED_TEXT: Record<DayCategory, string> = {
  betalbar: 'betalbare', forste_dogn: 'første døgn', ikke_varslet: 'ikke varslet', kommune_klar: 'kommunen kan ta imot',
  under_terskel: 'under timeterskel', ikke_betalingsplikt: 'før betalingsplikt', uten_tidspunkt: 'uten tidspunkt', avvik_dips: 'avvik mot DIPS',
};
const COUNTED = Object.entries(COUNTED_TEXT) as [DayCategory, string][];

/**
 * A day's category by name. `payable` false: the rule set deducts nothing (DIPS, deductsDays), so
 * its «betalbar» days are the days it counts, «Telles», as the day export names them.
 */
export const categoryLabel = (c: DayCategory, payable: boolean) => (c === 'betalbar' && !payable ? UNDEDUCTED_LABEL.category : CATEGORY_LABEL[c]);

/** Grey at 4.7:1 against white: the squares' outline. */
const OUTLINE = '#767676';

/**
 * What a screen reader says for a strip: the stay's days counted per category, and its first and
 * last date («Opphold 123: 15 døgn, 12 betalbare, 3 første døgn (01.03.2022–15.03.2022)»), not
 * every date (those are in the strip's table, stripTable).
 */
export function stripSummary(days: readonly Pick<StayDay, 'dato' | 'category'>[], stayId?: string | null, payable = true): string {
  const head = stayId ? `Opphold ${stayId}` : 'Opphold';
  if (!days.length) return `${head}: ingen døgn`;
  const count = new Map<DayCategory, number>();
  for (const d of days) count.set(d.category, (count.get(d.category) ?? 0) + 1);
  const parts = COUNTED.filter(([c]) => count.has(c)).map(([c, text]) => `${formatInteger(count.get(c)!)} ${c === 'betalbar' && !payable ? 'som telles' : text}`);
  const first = formatDate(days[0]!.dato);
  const last = formatDate(days.at(-1)!.dato);
  return `${head}: ${formatInteger(days.length)} døgn, ${parts.join(', ')} (${first === last ? first : `${first}–${last}`})`;
}

export function stayStrip(days: readonly StayDay[], stayId?: string | null, payable = true): SVGSVGElement {
  const width = Math.max(days.length * CELL + 2, 40);
  const svg = create('svg').attr('class', 'strip').attr('width', width).attr('height', 34).attr('viewBox', `0 0 ${width} 34`).attr('role', 'img');
  svg.attr('aria-label', stripSummary(days, stayId, payable));
  const g = svg.selectAll('g').data(days).join('g').attr('transform', (_d, i) => `translate(${i * CELL + 1},12)`);
  // The outline gives every square ≥ 3:1 against the white page (WCAG 1.4.11): the light category
  // colours alone (the yellow of «Under timeterskel», 1.3:1) do not; the fill still tells them apart.
  g.append('rect').attr('width', CELL - 3).attr('height', CELL + 3).attr('x', 0.5).attr('y', 0.5).attr('rx', 2).attr('fill', (d) => CATEGORY_COLOR[d.category])
    .attr('stroke', OUTLINE).attr('stroke-width', 1).attr('data-category', (d) => d.category)
    .append('title').text((d) => `${formatDate(d.dato)}: ${categoryLabel(d.category, payable)} (${formatDays(d.timer)} t)`);
  g.filter((d) => d.events.length > 0).append('path').attr('d', `M${(CELL - 2) / 2 - 4},-10 L${(CELL - 2) / 2 + 4},-10 L${(CELL - 2) / 2},-3 Z`).attr('fill', '#1a1a1a')
    .append('title').text((d) => eventsText(d).join('\n'));
  return svg.node()!;
}

/** A day's events as the strip's ▼ names them: «Utskrivningsklar 01.03.2022 10:15». */
const eventsText = (d: Pick<StayDay, 'events'>) => d.events.map((e) => `${eventLabel(e.code)} ${formatDateTimeOr(e.at)}`);

/** The strip's days as table rows, in its order: what each square's <title> and ▼ say, as text. */
export function stripRows(days: readonly Pick<StayDay, 'dato' | 'category' | 'timer' | 'events'>[], payable = true): { dato: string; kategori: string; timer: string; hendelser: string }[] {
  return days.map((d) => ({ dato: formatDate(d.dato), kategori: categoryLabel(d.category, payable), timer: formatDays(d.timer), hendelser: eventsText(d).join('; ') || '–' }));
}

/** The strip as a table, one row per square: date, category, USK hours, events. */
export function stripTable(days: readonly StayDay[], stayId?: string | null, payable = true): HTMLTableElement {
  return table(`Døgnene i ${stayId ? `opphold ${stayId}` : 'oppholdet'}`, [
    { label: 'Dato', value: (r) => r.dato },
    { label: 'Kategori', value: (r) => r.kategori },
    { label: 'USK-timer', numeric: true, value: (r) => r.timer },
    { label: 'Hendelser', value: (r) => r.hendelser },
  ], stripRows(days, payable), { testid: 'strip-table' });
}

