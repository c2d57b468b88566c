/** The bridge (waterfall) chart from registered days through each category to payable and invoiced. */
import { formatInteger } from '../../pipelines/format/index.ts';
import type { Segment } from '../shape/bridge.ts';
import { countTicksFor, wholeTicks } from './axes.ts';
import { DOWN_COLOR, TOTAL_COLOR, UP_COLOR } from './palette.ts';
import { Plot, plot } from './plot.ts';

/** The bar's label: the segment's own printed value when it has one (hour-based days carry a decimal). */
function labelOf(s: Segment): string {
  const own = (s as { text?: string }).text;
  if (own) return own;
  return s.kind === 'total' ? formatInteger(s.days) : `${s.days > 0 ? '+' : ''}${formatInteger(s.days)}`;
}

export function bridgeChart(segments: readonly Segment[], opts: { width?: number; height?: number } = {}) {
  const height = opts.height ?? 340;
  const fill = (s: Segment) => (s.kind === 'total' ? TOTAL_COLOR : s.kind === 'down' ? DOWN_COLOR : UP_COLOR);
  const data = segments.map((s) => ({ ...s, lo: Math.min(s.y1, s.y2), hi: Math.max(s.y1, s.y2), text: labelOf(s) }));
  return plot({
    width: opts.width ?? 900,
    height,
    marginLeft: 56,
    // Room for the longest step name ("Uten tidspunkt (ikke i HN-LIS)") tilted by 20°.
    marginBottom: 90,
    x: { domain: data.map((d) => d.label), label: null, tickRotate: -20 },
    // Whole days only: a month with 2 days had the ticks 0,2 … 1,8, shown as «0 0 0 1 1 1 1 1 2 2 2».
    y: { grid: true, label: 'Døgn', tickFormat: (d: number) => formatInteger(d), ticks: wholeTicks(countTicksFor(height)) },
    marks: [
      Plot.barY(data, { x: 'label', y1: 'lo', y2: 'hi', fill, title: (d: (typeof data)[number]) => `${d.label}: ${d.text}` }),
      Plot.text(data, { x: 'label', y: 'hi', text: 'text', dy: -8, fill: '#1a1a1a', fontWeight: 600 }),
      Plot.ruleY([0]),
    ],
  });
}
