/**
 * Chart export with the context baked in: title above, period, source, rule set and as-of below,
 * as SVG or PNG (canvas), to a file or the clipboard (for PowerPoint).
 */
const XMLNS = 'http://www.w3.org/2000/svg';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Captioned {
  svg: string;
  width: number;
  height: number;
}

/** Wraps a chart's SVG in a larger SVG with a title line and caption lines. */
export function captionSvg(chart: SVGSVGElement, title: string, caption: readonly string[]): Captioned {
  const w = Number(chart.getAttribute('width')) || chart.viewBox.baseVal.width || 900;
  const hgt = Number(chart.getAttribute('height')) || chart.viewBox.baseVal.height || 400;
  const top = 40;
  const bottom = 14 + caption.length * 18;
  const inner = new XMLSerializer().serializeToString(chart).replace(/^<svg/, `<svg x="0" y="${top}"`);
  const lines = caption.map((c, i) => `<text x="12" y="${top + hgt + 20 + i * 18}" font-size="13" fill="#333">${esc(c)}</text>`).join('');
  const svg = `<svg xmlns="${XMLNS}" width="${w}" height="${top + hgt + bottom}" viewBox="0 0 ${w} ${top + hgt + bottom}" font-family="system-ui, sans-serif">`
    + `<rect width="100%" height="100%" fill="#fff"/><text x="12" y="26" font-size="18" font-weight="700" fill="#1a1a1a">${esc(title)}</text>${inner}${lines}</svg>`;
  return { svg, width: w, height: top + hgt + bottom };
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

export function saveBlob(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export async function copyPng(blob: Blob): Promise<void> {
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
}

export const blobToDataUrl = (b: Blob) => new Promise<string>((ok, fail) => {
  const r = new FileReader();
  r.onload = () => ok(String(r.result));
  r.onerror = () => fail(r.error);
  r.readAsDataURL(b);
});
