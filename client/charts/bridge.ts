/** The bridge (waterfall) chart from registered days through each category to payable and invoiced. */
import { formatInteger } from '../../pipelines/format/index.ts';
import { bridgeNote, type Segment } from '../shape/bridge.ts';
import { countTicksFor, wholeTicks } from './axes.ts';
import { DOWN_COLOR, TOTAL_COLOR, UP_COLOR } from './palette.ts';
import { Plot, plot } from './plot.ts';

/** The bar's label: the segment's own printed value when it has one (hour-based days carry a decimal). */
function labelOf(s: Segment): string {
  const own = (s as { text?: string }).text;
  if (own) return own;
  return s.kind === 'total' ? formatInteger(s.days) : `${s.days > 0 ? '+' : ''}${formatInteger(s.days)}`;
}

/** Room under the step names, and the note's room below them (two lines at 13 px). */
const LABEL_ROOM = 90;
const NOTE_ROOM = 38;
const MARGIN_LEFT = 56;

/**
 * The note on «Avvik mot DIPS» (bridgeNote) is drawn in the chart, under the step names: so the
 * picture carries it wherever it goes (Avstemming, Presentasjon's slide, their PNG and SVG, the PPTX).
 */
export function bridgeChart(segments: readonly Segment[], opts: { width?: number; height?: number } = {}) {
  const width = opts.width ?? 900;
  const note = bridgeNote(segments);
  // The bars keep the height asked for; the note adds its own room below.
  const barsHeight = opts.height ?? 340;
  const height = barsHeight + (note ? NOTE_ROOM : 0);
  const fill = (s: Segment) => (s.kind === 'total' ? TOTAL_COLOR : s.kind === 'down' ? DOWN_COLOR : UP_COLOR);
  const data = segments.map((s) => ({ ...s, lo: Math.min(s.y1, s.y2), hi: Math.max(s.y1, s.y2), text: labelOf(s) }));
  return plot({
    width,
    height,
    marginLeft: MARGIN_LEFT,
    // Room for the longest step name ("Uten tidspunkt (ikke i HN-LIS)") tilted by 20°.
    marginBottom: LABEL_ROOM + (note ? NOTE_ROOM : 0),
    x: { domain: data.map((d) => d.label), label: null, tickRotate: -20 },
    // Whole days only: a month with 2 days had the ticks 0,2 … 1,8, shown as «0 0 0 1 1 1 1 1 2 2 2».
    y: { grid: true, label: 'Døgn', tickFormat: (d: number) => formatInteger(d), ticks: wholeTicks(countTicksFor(barsHeight)) },
    marks: [
      Plot.barY(data, { x: 'label', y1: 'lo', y2: 'hi', fill, title: (d: (typeof data)[number]) => `${d.label}: ${d.text}` }),
      Plot.text(data, { x: 'label', y: 'hi', text: 'text', dy: -8, fill: '#1a1a1a', fontWeight: 600 }),
      Plot.ruleY([0]),
      ...(note ? [Plot.text([note], {
        frameAnchor: 'bottom-left', dy: LABEL_ROOM, dx: 4 - MARGIN_LEFT, lineAnchor: 'top', textAnchor: 'start',
        lineWidth: (width - 16) / 13, fill: '#1a1a1a',
      })] : []),
    ],
  });
}
