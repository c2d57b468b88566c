/**
 * A chart in a <figure>: heading and source line, the chart, a "Vis som tabell" toggle (the table
 * alternative) and the export toolbar (PNG, SVG, Kopier). The caption is required so that no chart
 * can be added without its context for export.
 */
import type { LegendItem } from '../charts/export.ts';
import { exportTools } from '../charts/toolbar.ts';
import { h } from './dom.ts';

export interface FigureOpts {
  /** The line shown under the heading (source, rule set, as-of, or what the colours mean). */
  meta?: string;
  /** Lines baked into the exported image under the chart: selection and period, source, rule set, as-of. */
  caption: readonly string[];
  /** Title of the exported image when the heading alone does not say what the chart is. */
  exportTitle?: string;
  /** The series' colours: drawn into the exported image, and shown above the chart unless the page has one legend for several charts. */
  legend?: readonly LegendItem[];
  legendInPage?: boolean;
}

/** An HTML colour key; the colour is set through CSSOM (the CSP refuses style attributes). */
export function legendList(items: readonly LegendItem[]): HTMLUListElement {
  return h('ul', { class: 'legend' }, ...items.map((i) => {
    const sw = h('span', { class: 'swatch', 'data-dash': i.dash });
    if (i.dash) {
      // A dashed series is a dashed stroke in the chart: the key shows a short dashed line, not a square.
      sw.style.background = `repeating-linear-gradient(90deg, ${i.color} 0 6px, transparent 6px 9px)`;
      sw.style.height = '4px';
      sw.style.width = '1.4rem';
      sw.style.border = 'none';
    } else sw.style.backgroundColor = i.color;
    return h('li', {}, sw, i.label);
  }));
}

/** «Tittel. Alle fagområder, januar 2023–desember 2024.»: what the chart is, from its title and first caption line. */
export function chartLabel(title: string, caption: readonly string[]): string {
  const first = caption[0]?.trim();
  const head = title.trim().replace(/[.:]$/, '');
  return first ? `${head}. ${first}` : head;
}

/**
 * The chart's SVG as one image with a name (role="img", aria-label): a screen reader announces
 * the title and period, not Plot's marks one by one; the numbers are in the table alternative.
 */
export function labelChart(chart: Element, label: string): void {
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector('svg');
  if (!svg) return;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
}

let tableSeq = 0;

export function figure(title: string, chart: Element, alt: HTMLTableElement, opts: FigureOpts): HTMLElement {
  labelChart(chart, chartLabel(opts.exportTitle ?? title, opts.caption));
  const tableId = `fig-table-${++tableSeq}`;
  const tableWrap = h('div', { class: 'table-alt', id: tableId, hidden: true }, alt);
  const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': tableId }, 'Vis som tabell');
  toggle.addEventListener('click', () => {
    const open = tableWrap.hidden;
    tableWrap.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Skjul tabellen' : 'Vis som tabell';
  });
  const tools = exportTools(() => chart, { title: opts.exportTitle ?? title, caption: opts.caption, ...(opts.legend ? { legend: opts.legend } : {}) });
  return h('figure', { class: 'chart' },
    h('figcaption', {}, h('span', { class: 'fig-title' }, title), opts.meta ? h('span', { class: 'fig-meta' }, opts.meta) : null),
    opts.legend && opts.legendInPage !== false ? legendList(opts.legend) : null,
    chart,
    h('div', { class: 'fig-tools no-print' }, toggle, tools),
    tableWrap);
}
