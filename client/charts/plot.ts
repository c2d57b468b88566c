/**
 * Observable Plot under a strict CSP: Plot adds a <style> element to every chart, which the
 * server's policy (style-src 'self') refuses and reports as a console error. The same rules live
 * in styles.css under `.plot`, so the element is removed before the chart enters the document.
 */
import * as Plot from '@observablehq/plot';

export { Plot };

export function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const node = Plot.plot({ className: 'plot', style: { fontSize: '13px' }, ...options });
  for (const s of node.querySelectorAll('style')) s.remove();
  return node;
}

/** 'YYYY-MM' → a UTC Date on the first of the month (for Plot's time axis). */
export const monthDate = (m: string) => new Date(`${m.length === 4 ? `${m}-01` : m}-01T00:00:00Z`);
export { formatInteger as nbInt } from '../../pipelines/format/index.ts';
