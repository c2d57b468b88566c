/**
 * One stay as a strip of its days, each square coloured by its category, with the events marked
 * above (so a reader sees why a day is not payable). Plain d3 on SVG; every square has a <title>.
 */
import { create } from 'd3';
import { formatDate, formatDateTime } from '../../pipelines/format/index.ts';
import type { StayDay } from '../../pipelines/query/contract.ts';
import { CATEGORY_LABEL, eventLabel } from '../shape/labels.ts';
import { CATEGORY_COLOR } from './palette.ts';

const CELL = 16;

export function stayStrip(days: readonly StayDay[]): SVGSVGElement {
  const width = Math.max(days.length * CELL + 2, 40);
  const svg = create('svg').attr('class', 'strip').attr('width', width).attr('height', 34).attr('viewBox', `0 0 ${width} 34`).attr('role', 'img');
  svg.attr('aria-label', days.map((d) => `${formatDate(d.dato)}: ${CATEGORY_LABEL[d.category]}`).join('; '));
  const g = svg.selectAll('g').data(days).join('g').attr('transform', (_d, i) => `translate(${i * CELL + 1},12)`);
  g.append('rect').attr('width', CELL - 2).attr('height', CELL + 4).attr('rx', 2).attr('fill', (d) => CATEGORY_COLOR[d.category]).attr('data-category', (d) => d.category)
    .append('title').text((d) => `${formatDate(d.dato)}: ${CATEGORY_LABEL[d.category]} (${d.timer.toFixed(1).replace('.', ',')} t)`);
  g.filter((d) => d.events.length > 0).append('path').attr('d', `M${(CELL - 2) / 2 - 4},-10 L${(CELL - 2) / 2 + 4},-10 L${(CELL - 2) / 2},-3 Z`).attr('fill', '#1a1a1a')
    .append('title').text((d) => d.events.map((e) => `${eventLabel(e.code)} ${safeTime(e.at)}`).join('\n'));
  return svg.node()!;
}

function safeTime(at: string): string {
  try {
    return formatDateTime(at);
  } catch {
    return at;
  }
}
