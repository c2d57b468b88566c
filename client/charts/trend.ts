/** Time series: one line per measure (or municipality), annotations as marks on the time axis. */
import { formatInteger, formatPeriod } from '../../pipelines/format/index.ts';
import { countTicksFor, periodTicks, wholeTicks } from './axes.ts';
import type { LegendItem } from './export.ts';
import { MEASURE_COLOR, OKABE_ITO } from './palette.ts';
import { monthDate, Plot, plot } from './plot.ts';

export interface TrendPoint {
  periode: string;
  series: string;
  value: number | null;
}
export interface Note {
  dato: string;
  text: string;
}

/** A series' colour: the measure's own, else the palette in order (the same in chart and legend). */
const seriesColor = (s: string, i: number) => MEASURE_COLOR[s] ?? OKABE_ITO[i % OKABE_ITO.length]!;

/**
 * Series drawn dashed and last: the invoiced days often equal the payable ones, and a solid line
 * on top hid the other completely; through the gaps of a dashed one the line below shows. Each dash
 * is long and has a white edge (a wider white dash beneath it): short dashes (6,4) over the green
 * line blended into one olive line where the two series are equal; now orange and green alternate.
 */
const DASHED = new Set(['fakturert']);
const DASH = '14,7';
/** The same dash at half length, for the short line of the colour key (a 14 px key would be one dash). */
const KEY_DASH = '7,3.5';

/** The colour key for trendChart's series, in the chart's order. */
export function trendLegend(series: readonly string[], label: (s: string) => string = (s) => s): LegendItem[] {
  return series.map((s, i) => ({ label: label(s), color: seriesColor(s, i), ...(DASHED.has(s) ? { dash: KEY_DASH } : {}) }));
}

const dotTitle = (d: { name: string; periode: string; value: number }) => `${d.name}, ${formatPeriod(d.periode)}: ${formatInteger(d.value)}`;

const MARGIN_LEFT = 56;
const MARGIN_RIGHT = 20;

export function trendChart(points: readonly TrendPoint[], opts: { width?: number; height?: number; notes?: readonly Note[]; seriesLabel?: (s: string) => string; yLabel?: string } = {}) {
  const label = opts.seriesLabel ?? ((s: string) => s);
  const width = opts.width ?? 900;
  const height = opts.height ?? 320;
  const series = [...new Set(points.map((p) => p.series))];
  const data = points.filter((p) => p.value !== null).map((p) => ({ ...p, date: monthDate(p.periode), name: label(p.series) }));
  const notes = (opts.notes ?? []).map((n) => ({ date: new Date(`${n.dato}T00:00:00Z`), text: n.text }));
  const solid = data.filter((d) => !DASHED.has(d.series));
  const dashed = data.filter((d) => DASHED.has(d.series));
  return plot({
    width,
    height,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    // Room above the frame for «↑ Døgn» (drawn 3 px from the top) clear of a tick label at the very
    // top of the y axis (with Plot's 20 px the two overlapped in Kommuner's small multiples).
    marginTop: 32,
    // Room for the second line of the month labels (the year under «jan.»).
    marginBottom: 44,
    y: { grid: true, label: opts.yLabel ?? 'Døgn', tickFormat: (d: number) => formatInteger(d), ticks: wholeTicks(countTicksFor(height)) },
    x: { type: 'utc', label: null, ...timeAxis(points.map((p) => p.periode), notes.map((n) => n.date), width - MARGIN_LEFT - MARGIN_RIGHT) },
    color: { domain: series.map(label), range: series.map(seriesColor) },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX(notes, { x: 'date', stroke: '#555', strokeDasharray: '3,3' }),
      Plot.dot(notes, { x: 'date', frameAnchor: 'top', fill: '#555', r: 4, title: 'text' }),
      // z set explicitly: with one period there is one point per series, and Plot, guessing z from
      // the colour, warned about "high cardinality" (a ⚠ drawn in the chart).
      Plot.lineY(solid, { x: 'date', y: 'value', stroke: 'name', z: 'name', strokeWidth: 2 }),
      Plot.lineY(dashed, { x: 'date', y: 'value', stroke: '#fff', z: 'name', strokeWidth: 5, strokeDasharray: DASH, strokeLinecap: 'butt', ariaHidden: 'true', className: 'dash-halo' }),
      Plot.lineY(dashed, { x: 'date', y: 'value', stroke: 'name', z: 'name', strokeWidth: 2.5, strokeDasharray: DASH, strokeLinecap: 'butt' }),
      Plot.dot(solid, { x: 'date', y: 'value', fill: 'name', r: 2.5, title: dotTitle }),
      // Open rings for the dashed series: a dot of the series below shows inside (a month alone is only dots).
      Plot.dot(dashed, { x: 'date', y: 'value', stroke: 'name', fill: 'none', strokeWidth: 1.5, r: 4, title: dotTitle }),
    ],
  });
}

/**
 * The time axis's ticks and labels (nb-NO, see axes.ts) over the periods and the notes' dates; and
 * for a single period a domain of a month (a year) either side, so the one point sits mid-chart.
 */
function timeAxis(periods: readonly string[], noteDates: readonly Date[], room: number): { ticks: Date[]; tickFormat: (d: Date) => string; domain?: Date[] } {
  const yearly = periods.length > 0 && periods.every((p) => p.length === 4);
  const toPeriod = (d: Date) => (yearly ? String(d.getUTCFullYear()) : `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  const all = [...periods, ...noteDates.map(toPeriod)].sort();
  if (!all.length) return { ticks: [], tickFormat: () => '' };
  const first = all[0]!;
  const last = all.at(-1)!;
  const ticks = periodTicks(first, last, room);
  const labels = new Map(ticks.map((t) => [t.date.getTime(), t.label]));
  const axis = { ticks: ticks.map((t) => t.date), tickFormat: (d: Date) => labels.get(d.getTime()) ?? '' };
  if (first !== last) return axis;
  const d = monthDate(first);
  const pad = yearly ? 6 : 1;
  return { ...axis, domain: [new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - pad, 1)), new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + pad, 1))] };
}
