/**
 * The toolbar under every chart: PNG, SVG and "Kopier" (PNG to the clipboard, for PowerPoint),
 * each with the title, period, source, rule set and as-of baked into the image (charts/export.ts).
 * What happened is said in a live region, in Norwegian, never silently.
 */
import { slugify } from '../shape/slug.ts';
import { h } from '../ui/dom.ts';
import { captionSvg, clipboardUnavailable, copyPng, saveBlob, svgBlob, svgToPng, type Captioned, type LegendItem } from './export.ts';

export interface ExportSpec {
  /** The title line of the exported image (may say more than the figure's heading). */
  title: string;
  /** Caption lines under the chart: selection and period, source and rule set, as-of. */
  caption: readonly string[];
  /** The colour key drawn into the image (series colours that the page explains in HTML). */
  legend?: readonly LegendItem[];
  /** File name without extension; default from the title. */
  fileName?: string;
}

const MONTH = '(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)';
/** A period at the end of a slug: 'januar-2022-desember-2022', 'mars-2023', '2019-2024', '2024'. */
const PERIOD_TAIL = new RegExp(`(?:^|-)((?:${MONTH}-)?\\d{4}(?:-(?:${MONTH}-)?\\d{4})?)$`);

/** `slug` cut between words to at most `max` characters (one word longer than that: cut all the same). */
function cutWords(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const end = cut.lastIndexOf('-');
  return end > 0 ? cut.slice(0, end) : slug.slice(0, max);
}

/**
 * The title as a file name of at most `max` characters, cut between words (slugify's plain cut left
 * «…tromso-januar-2024-desem.png»). A period at the end is kept whole: the title before it is
 * shortened instead («…-narvik-januar-2022.png» for januar–desember 2022 named the wrong period).
 */
export function fileSlug(title: string, max = 100): string {
  const full = slugify(title, 1000);
  if (full.length <= max) return full;
  const tail = PERIOD_TAIL.exec(full)?.[1];
  if (tail && tail.length < max - 10) {
    const head = cutWords(full.slice(0, full.length - tail.length - 1), max - tail.length - 1);
    return head ? `${head}-${tail}` : tail;
  }
  return cutWords(full, max);
}

/** The chart's own <svg>: Plot returns either the <svg> or a <figure> around it (with a legend). */
export function chartSvg(chart: Element): SVGSVGElement | null {
  return chart instanceof SVGSVGElement ? chart : chart.querySelector('svg');
}

export function exportTools(chart: () => Element | null, spec: ExportSpec): HTMLElement {
  const message = h('span', { class: 'export-msg', role: 'status' });
  const base = spec.fileName ?? `usk-${fileSlug(spec.title) || 'diagram'}`;
  const say = (text: string, error = false) => {
    message.textContent = text;
    message.classList.toggle('error', error);
  };
  const captioned = (): Captioned => {
    const el = chart();
    const svg = el ? chartSvg(el) : null;
    if (!svg) throw new Error('Diagrammet er ikke tegnet ennå.');
    return captionSvg(svg, spec.title, spec.caption, spec.legend);
  };
  const failed = (what: string) => (e: unknown) => say(`${what} mislyktes: ${e instanceof Error ? e.message : String(e)}`, true);
  const button = (label: string, kind: string, title: string, onClick: () => void) => {
    const b = h('button', { type: 'button', class: 'small', 'data-export': kind, title }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  return h('div', { class: 'export-tools', role: 'group', 'aria-label': `Eksporter «${spec.title}»` },
    button('PNG', 'png', 'Last ned som PNG-bilde med tittel og bildetekst', () => {
      say('');
      void Promise.resolve().then(captioned).then(svgToPng).then((b) => saveBlob(b, `${base}.png`)).catch(failed('PNG-eksporten'));
    }),
    button('SVG', 'svg', 'Last ned som SVG (vektor) med tittel og bildetekst', () => {
      say('');
      try {
        saveBlob(svgBlob(captioned()), `${base}.svg`);
      } catch (e) {
        failed('SVG-eksporten')(e);
      }
    }),
    button('Kopier', 'copy', 'Kopier som bilde til utklippstavlen (for PowerPoint)', () => {
      const why = clipboardUnavailable();
      if (why) return say(why, true);
      say('Kopierer …');
      // The PNG promise goes straight into the ClipboardItem (see copyPng): no await before write().
      let png: Promise<Blob>;
      try {
        png = svgToPng(captioned());
      } catch (e) {
        return failed('Kopieringen')(e);
      }
      copyPng(png).then(
        () => say('Kopiert til utklippstavlen. Lim inn i PowerPoint eller Word.'),
        (e: unknown) => say(e instanceof DOMException && e.name === 'NotAllowedError'
          ? 'Nettleseren tillot ikke kopiering til utklippstavlen. Last ned PNG og sett den inn i stedet.'
          : `Kopieringen mislyktes: ${e instanceof Error ? e.message : String(e)}. Last ned PNG i stedet.`, true),
      );
    }),
    message);
}
