/** Time series: one line per measure (or municipality), annotations as marks on the time axis. */
import { formatInteger, formatPeriod } from '../../pipelines/format/index.ts';
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

/** The colour key for trendChart's series, in the chart's order. */
export function trendLegend(series: readonly string[], label: (s: string) => string = (s) => s): LegendItem[] {
  return series.map((s, i) => ({ label: label(s), color: seriesColor(s, i) }));
}

export function trendChart(points: readonly TrendPoint[], opts: { width?: number; height?: number; notes?: readonly Note[]; seriesLabel?: (s: string) => string; yLabel?: string } = {}) {
  const label = opts.seriesLabel ?? ((s: string) => s);
  const series = [...new Set(points.map((p) => p.series))];
  const data = points.filter((p) => p.value !== null).map((p) => ({ ...p, date: monthDate(p.periode), name: label(p.series) }));
  const notes = (opts.notes ?? []).map((n) => ({ date: new Date(`${n.dato}T00:00:00Z`), text: n.text }));
  return plot({
    width: opts.width ?? 900,
    height: opts.height ?? 320,
    marginLeft: 56,
    y: { grid: true, label: opts.yLabel ?? 'Døgn', tickFormat: (d: number) => formatInteger(d) },
    x: { type: 'utc', label: null },
    color: { domain: series.map(label), range: series.map(seriesColor) },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX(notes, { x: 'date', stroke: '#555', strokeDasharray: '3,3' }),
      Plot.dot(notes, { x: 'date', frameAnchor: 'top', fill: '#555', r: 4, title: 'text' }),
      Plot.lineY(data, { x: 'date', y: 'value', stroke: 'name', strokeWidth: 2 }),
      Plot.dot(data, { x: 'date', y: 'value', fill: 'name', r: 2.5, title: (d: { name: string; periode: string; value: number }) => `${d.name}, ${formatPeriod(d.periode)}: ${formatInteger(d.value)}` }),
    ],
  });
}
