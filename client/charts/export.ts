/**
 * Chart export with the context baked in: title above, period, source, rule set and as-of below,
 * as SVG or PNG (canvas), to a file or the clipboard (for PowerPoint). The one implementation behind
 * every chart's toolbar (charts/toolbar.ts) and the PPTX deck.
 */
const XMLNS = 'http://www.w3.org/2000/svg';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A colour key for the exported image: the page shows its legend in HTML, which an image would lose. */
export interface LegendItem {
  label: string;
  color: string;
  /** SVG dash pattern of a dashed series' line ('6,4'); drawn as a dashed line instead of a square. */
  dash?: string;
}

export interface Captioned {
  svg: string;
  width: number;
  height: number;
}

const PAD = 12;
const TITLE_SIZE = 18;
const TITLE_LINE = 24;
const CAPTION_SIZE = 13;
const CAPTION_LINE = 18;
/**
 * Average glyph width as a share of the font size for system-ui (measured roughly on Norwegian
 * text; bold is wider). The image is rendered without a DOM to measure in, so lines are broken by
 * an estimate that errs on the wide side: a caption must never run off the image.
 */
const GLYPH = { regular: 0.56, bold: 0.62 };

/** Splits text at spaces into lines of at most `max` characters; a longer word gets a line of its own. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Legend items in rows that fit the width: swatch, gap, label, gap to the next. */
function legendRows(items: readonly LegendItem[], room: number): { item: LegendItem; x: number }[][] {
  const rows: { item: LegendItem; x: number }[][] = [];
  let row: { item: LegendItem; x: number }[] = [];
  let x = 0;
  for (const item of items) {
    const w = 18 + item.label.length * CAPTION_SIZE * GLYPH.regular + 16;
    if (row.length && x + w > room) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ item, x });
    x += w;
  }
  if (row.length) rows.push(row);
  return rows;
}

/**
 * The captioned image around an already serialised chart (`<svg …>…</svg>` of `width`×`height`):
 * title lines and the colour key above, caption lines below, on white, wrapped to the chart's width.
 */
export function captionSvgText(chartSvg: string, width: number, height: number, title: string, caption: readonly string[], legend: readonly LegendItem[] = []): Captioned {
  const room = width - 2 * PAD;
  const titleLines = wrap(title, Math.max(12, Math.floor(room / (TITLE_SIZE * GLYPH.bold))));
  const captionLines = caption.flatMap((c) => wrap(c, Math.max(12, Math.floor(room / (CAPTION_SIZE * GLYPH.regular)))));
  const keyRows = legendRows(legend, room);
  const keyTop = 12 + titleLines.length * TITLE_LINE;
  const key = keyRows.flatMap((row, r) => row.map(({ item, x }) => {
    const y = keyTop + 4 + r * CAPTION_LINE;
    const swatch = item.dash
      ? `<line x1="${PAD + x}" y1="${y + 6}" x2="${PAD + x + 14}" y2="${y + 6}" stroke="${esc(item.color)}" stroke-width="3" stroke-dasharray="${esc(item.dash)}"/>`
      : `<rect x="${PAD + x}" y="${y}" width="12" height="12" fill="${esc(item.color)}"/>`;
    return `${swatch}<text x="${PAD + x + 18}" y="${y + 11}" font-size="${CAPTION_SIZE}" fill="#1a1a1a">${esc(item.label)}</text>`;
  })).join('');
  const top = keyTop + (keyRows.length ? keyRows.length * CAPTION_LINE + 6 : 0);
  const total = top + height + 10 + captionLines.length * CAPTION_LINE + 6;
  const inner = chartSvg.replace(/^<svg/, `<svg x="0" y="${top}"`);
  const titles = titleLines.map((t, i) => `<text x="${PAD}" y="${26 + i * TITLE_LINE}" font-size="${TITLE_SIZE}" font-weight="700" fill="#1a1a1a">${esc(t)}</text>`).join('');
  const lines = captionLines.map((c, i) => `<text x="${PAD}" y="${top + height + 22 + i * CAPTION_LINE}" font-size="${CAPTION_SIZE}" fill="#333">${esc(c)}</text>`).join('');
  const svg = `<svg xmlns="${XMLNS}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="system-ui, sans-serif">`
    + `<rect width="100%" height="100%" fill="#fff"/>${titles}${key}${inner}${lines}</svg>`;
  return { svg, width, height: total };
}

/** Wraps a chart's SVG in a larger SVG with the title above and the caption lines below. */
export function captionSvg(chart: SVGSVGElement, title: string, caption: readonly string[], legend: readonly LegendItem[] = []): Captioned {
  const w = Number(chart.getAttribute('width')) || chart.viewBox.baseVal.width || 900;
  const hgt = Number(chart.getAttribute('height')) || chart.viewBox.baseVal.height || 400;
  return captionSvgText(new XMLSerializer().serializeToString(chart), w, hgt, title, caption, legend);
}

export async function svgToPng(c: Captioned, scale = 2): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = c.width * scale;
  canvas.height = c.height * scale;
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  g.drawImage(img, 0, 0);
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG kunne ikke lages'))), 'image/png'));
}

export const svgBlob = (c: Captioned) => new Blob([c.svg], { type: 'image/svg+xml;charset=utf-8' });

export function saveBlob(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Why the clipboard cannot take an image here, in Norwegian; null when it can. */
export function clipboardUnavailable(): string | null {
  if (!window.isSecureContext) return 'Kopiering til utklippstavlen krever en sikker tilkobling (https). Last ned PNG og sett den inn i stedet.';
  if (typeof navigator.clipboard?.write !== 'function' || typeof ClipboardItem === 'undefined') {
    return 'Denne nettleseren kan ikke kopiere bilder til utklippstavlen. Last ned PNG og sett den inn i stedet.';
  }
  return null;
}

/**
 * Puts the PNG on the clipboard. The ClipboardItem gets the blob as a promise and is created at
 * once, inside the click: Safari refuses a write that starts after an await (lost user gesture).
 */
export async function copyPng(png: Promise<Blob>): Promise<void> {
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}

export const blobToDataUrl = (b: Blob) => new Promise<string>((ok, fail) => {
  const r = new FileReader();
  r.onload = () => ok(String(r.result));
  r.onerror = () => fail(r.error);
  r.readAsDataURL(b);
});
