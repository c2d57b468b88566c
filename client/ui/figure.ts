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

export interface ToggleWords {
  show: string;
  hide: string;
  /** Said after the button's text to a screen reader, where many such buttons share a page («opphold 123»). */
  about?: string;
}

/**
 * The «Vis som tabell» button and the region it shows and hides (aria-expanded, aria-controls): a
 * chart's text alternative, for keyboard and screen reader as for the eye. `content` may be made
 * when first shown (a stay's every day, 25 strips to a page); `regionClass` says how it prints.
 */
export function tableToggle(content: Element | (() => Element), words: ToggleWords = { show: 'Vis som tabell', hide: 'Skjul tabellen' }, regionClass = 'table-alt'): { toggle: HTMLButtonElement; region: HTMLElement } {
  const id = `fig-table-${++tableSeq}`;
  const region = h('div', { class: regionClass, id, hidden: true });
  let made = typeof content === 'function' ? null : content;
  if (made) region.append(made);
  const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': id });
  const say = (open: boolean) => {
    const text = open ? words.hide : words.show;
    toggle.textContent = text;
    // The name starts with the visible text (WCAG 2.5.3), then says which one.
    if (words.about) toggle.setAttribute('aria-label', `${text}, ${words.about}`);
  };
  say(false);
  toggle.addEventListener('click', () => {
    const open = region.hidden;
    if (open && !made) region.append((made = (content as () => Element)()));
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    say(open);
  });
  return { toggle, region };
}

export function figure(title: string, chart: Element, alt: HTMLTableElement, opts: FigureOpts): HTMLElement {
  labelChart(chart, chartLabel(opts.exportTitle ?? title, opts.caption));
  const { toggle, region: tableWrap } = tableToggle(alt);
  const tools = exportTools(() => chart, { title: opts.exportTitle ?? title, caption: opts.caption, ...(opts.legend ? { legend: opts.legend } : {}) });
  return h('figure', { class: 'chart' },
    h('figcaption', {}, h('span', { class: 'fig-title' }, title), opts.meta ? h('span', { class: 'fig-meta' }, opts.meta) : null),
    opts.legend && opts.legendInPage !== false ? legendList(opts.legend) : null,
    chart,
    h('div', { class: 'fig-tools no-print' }, toggle, tools),
    tableWrap);
}
