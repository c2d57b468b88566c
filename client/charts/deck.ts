/**
 * The PPTX deck of Presentasjon (pptxgenjs, 16:9): each slide's title, its chart as a picture or
 * its table as a real table, and under it a footer with that slide's own period, source, rule set
 * and as-of. Laid out in fixed boxes so nothing overlaps the footer; numbers right-aligned; the
 * file's metadata names the deck and USK-analyse. Pictures are made by the caller (`picture`), so
 * the layout runs without a DOM (and is unit-tested in Node).
 */
import type PptxGenJS from 'pptxgenjs';
import { blobToDataUrl, captionSvg, saveBlob, svgToPng, wrap, type LegendItem } from './export.ts';
import { writePptx } from './pptx-package.ts';

/** A slide as Presentasjon describes it (its own Slide has these fields and more). */
export interface DeckSlide {
  title: string;
  /** The slide on screen: a text slide's paragraphs (<p>) are its text. */
  body?: Element;
  /** Text lines for a text slide (instead of the body's paragraphs). */
  text?: readonly string[];
  chart?: SVGSVGElement;
  legend?: readonly LegendItem[];
  /** The slide's footer: its selection and period, source and rule set, as-of (chartCaption()). */
  caption?: readonly string[];
  /** Header row first. */
  table?: readonly (readonly string[])[];
  /** A sentence under the chart or table (what the selection is), above the footer. */
  note?: string;
  /** A text slide's source line (a chart slide has it in its caption): the last of its lines. */
  source?: readonly string[];
}

export interface DeckInfo {
  /** The file's title (Egenskaper → Tittel), e.g. 'USK-analyse: Utskrivningsklare pasienter, desember 2024'. */
  title: string;
  subject: string;
  /** Footer for a chart or table slide that has no caption of its own (never a period: that is the slide's). */
  footer?: readonly string[];
}

export interface Picture {
  /** data:image/png;base64,… */
  data: string;
  width: number;
  height: number;
}

/** Inches on LAYOUT_WIDE (13,333 × 7,5 in). */
export const BOX = { left: 0.4, width: 12.5, titleTop: 0.3, titleHeight: 0.7, top: 1.1, bottom: 6.6, footerTop: 6.75, footerHeight: 0.6 } as const;

/** Inches a note under a chart or table takes at least (two lines at 11 pt). */
const NOTE_HEIGHT = 0.55;
/** Characters in a line of the note box at 11 pt (12,5 in wide), counted low so a line too many is not cut. */
const NOTE_LINE_CHARS = 140;

/**
 * Inches a note takes: two lines, or more for a longer one (an SSU slide's selection, part-years and
 * the footnote for a «–»), so its last line is not cut off; the chart or table above gives way.
 */
export function noteHeight(note: string): number {
  const lines = Math.ceil(note.length / NOTE_LINE_CHARS);
  return Math.max(NOTE_HEIGHT, lines * 0.19 + 0.12);
}
const INK = '1A1A1A';
const MUTED = '4A4A4A';
const LANG = 'nb-NO';

/** A number as the page writes it: '1 234', '−12', '+3,5 %', '16 322 kr'. */
const NUM = String.raw`[−+-]?\d[\d\u00a0\u202f ]*(?:,\d+)?(?:[\u00a0 ]?(?:%|kr))?`;
/**
 * A cell that holds a number: one of those, with a share after it ('+72 (+14,2 %)') or a unit
 * ('14 288,8 timebaserte døgn'); or no number ('–', 'prikket').
 */
const NUMBER = new RegExp(String.raw`^(?:${NUM}(?:\s\(${NUM}\))?(?:\s[a-zæøå]+){0,2}|–|prikket)$`);

/** Which columns are numbers (every body cell a number, not all of them '–'): those are right-aligned. */
export function numericColumns(table: readonly (readonly string[])[]): boolean[] {
  const body = table.slice(1);
  const width = Math.max(0, ...table.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => body.length > 0
    && body.every((r) => NUMBER.test((r[c] ?? '').trim()))
    && body.some((r) => !['–', 'prikket'].includes((r[c] ?? '').trim())));
}

/** A picture of `w`×`h` px scaled to fit the content box, centred across it. */
export function fitPicture(w: number, h: number, bottom: number = BOX.bottom): { x: number; y: number; w: number; h: number } {
  const room = { w: BOX.width, h: bottom - BOX.top };
  const scale = Math.min(room.w / w, room.h / h);
  const pw = w * scale;
  const ph = h * scale;
  return { x: BOX.left + (room.w - pw) / 2, y: BOX.top, w: pw, h: ph };
}

/** The lines of a text slide: its own, else the paragraphs of what the page shows. */
function textLines(s: DeckSlide): string[] {
  if (s.text) return [...s.text];
  if (!s.body) return [];
  const paragraphs = [...s.body.querySelectorAll('p')].map((p) => (p.textContent ?? '').trim()).filter(Boolean);
  return paragraphs.length ? paragraphs : [(s.body.textContent ?? '').trim()].filter(Boolean);
}

/** Adds the slides to `pptx` (a new PptxGenJS); `picture` renders a chart slide's image. */
export async function buildDeck(pptx: PptxGenJS, slides: readonly DeckSlide[], info: DeckInfo, picture: (s: DeckSlide & { chart: SVGSVGElement }) => Promise<Picture>): Promise<PptxGenJS> {
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = info.title;
  pptx.subject = info.subject;
  pptx.author = 'USK-analyse';
  pptx.company = 'USK-analyse';
  for (const s of slides) {
    const slide = pptx.addSlide();
    slide.addText(s.title, { x: BOX.left, y: BOX.titleTop, w: BOX.width, h: BOX.titleHeight, fontSize: 28, bold: true, color: INK, lang: LANG });
    const footer = s.caption ?? (s.chart || s.table ? info.footer : undefined);
    // A note takes the content box's last lines; the chart or table ends above it.
    const noteH = s.note ? noteHeight(s.note) : 0;
    const bottom = BOX.bottom - noteH;
    if (s.chart) {
      const p = await picture({ ...s, chart: s.chart });
      slide.addImage({ data: p.data, ...fitPicture(p.width, p.height, bottom), altText: s.title });
    } else if (s.table) {
      addTable(slide, s.table, bottom);
    }
    if ((s.chart || s.table) && s.note) {
      slide.addText(s.note, { x: BOX.left, y: bottom + 0.05, w: BOX.width, h: noteH - 0.05, fontSize: 11, color: MUTED, valign: 'top', lang: LANG });
    } else if (!s.chart && !s.table) {
      // A text slide (the title slide): what the page says, line by line; it has no footer, the
      // as-of is one of its lines.
      const lines = [...textLines(s), ...(s.source ?? [])];
      slide.addText(lines.map((t, i) => ({ text: t, options: { fontSize: i === 0 ? 24 : 18, color: i === 0 ? INK : MUTED, breakLine: i < lines.length - 1, paraSpaceAfter: 10 } })),
        { x: BOX.left, y: BOX.top + 0.4, w: BOX.width, h: BOX.bottom - BOX.top - 0.4, valign: 'top', lang: LANG });
    }
    if (footer?.length) {
      slide.addText(footer.join('\n'), { x: BOX.left, y: BOX.footerTop, w: BOX.width, h: BOX.footerHeight, fontSize: 9, color: MUTED, valign: 'top', lang: LANG });
    }
  }
  return pptx;
}

/** A table cell's margins (pptxgenjs's default: 0.05 in above and below, 0.1 in left and right). */
const CELL_PAD = { y: 0.1, x: 0.2 } as const;
/** Inches one line of `pt`-point text takes in a table cell (single spacing, about 1.2 × the size). */
const lineInches = (pt: number) => (pt * 1.2) / 72;

/**
 * Lines a bold header label takes in a column `w` inches wide at `pt` points: wrapped at spaces, the
 * glyphs estimated on the wide side (as export.ts does), since PowerPoint grows a row to fit its text
 * and a header row given one line's height would push the table down over the note under it.
 */
export function headerLines(label: string, w: number, pt: number): number {
  const chars = Math.max(1, Math.floor(((w - CELL_PAD.x) * 72) / (pt * 0.56)));
  return Math.max(1, wrap(label, chars).length);
}

/**
 * Row heights and type size of a table between BOX.top and `bottom`: the header row as tall as its
 * longest wrapped label, the other rows sharing the rest (at most 0.36 in); rows shrink, and the type
 * with them, so a long table still ends above the note and footer.
 */
export function tableLayout(header: readonly string[], colW: readonly number[], rows: number, bottom: number): { fontSize: number; rowH: number[] } {
  const body = Math.max(0, rows - 1);
  // The largest type whose rows keep their least height; else the smallest, however tight.
  for (const [fontSize, need] of [[12, 0.34], [10, 0.28], [8, -Infinity]] as const) {
    const lines = Math.max(1, ...header.map((label, c) => headerLines(label, colW[c] ?? colW.at(-1)!, fontSize)));
    const head = lines * lineInches(fontSize) + CELL_PAD.y;
    const rowH = Math.min(0.36, (bottom - BOX.top - head) / Math.max(1, body));
    if (rowH >= need) return { fontSize, rowH: [Math.max(head, rowH), ...Array.from({ length: body }, () => rowH)] };
  }
  throw new Error('unreachable: the smallest type is always taken');
}

function addTable(slide: PptxGenJS.Slide, table: readonly (readonly string[])[], bottom: number): void {
  const numeric = numericColumns(table);
  const cols = numeric.length || 1;
  const first = Math.min(3.6, BOX.width * 0.35);
  const colW = [first, ...Array.from({ length: cols - 1 }, () => (BOX.width - first) / Math.max(1, cols - 1))];
  const { fontSize, rowH } = tableLayout(table[0] ?? [], colW, table.length, bottom);
  const rows = table.map((r, ri) => r.map((text, ci) => ({
    text,
    options: { bold: ri === 0, align: numeric[ci] ? ('right' as const) : ('left' as const), valign: 'middle' as const, lang: LANG, ...(ri === 0 ? { fill: { color: 'EEF1F4' } } : {}) },
  })));
  slide.addTable(rows, { x: BOX.left, y: BOX.top, w: BOX.width, colW, rowH, fontSize, color: INK, lang: LANG, autoPage: false, border: { type: 'solid', pt: 0.5, color: 'BBBBBB' } });
}

/**
 * Builds the deck in the browser and downloads it. A chart's picture carries its colour key but
 * neither title nor caption: the slide has both, as its title and its footer.
 */
export async function deck(slides: readonly DeckSlide[], info: DeckInfo, fileName = 'usk-presentasjon.pptx'): Promise<void> {
  const { default: Pptx } = await import('pptxgenjs');
  const pptx = await buildDeck(new Pptx(), slides, info, async (s) => {
    const c = captionSvg(s.chart, '', [], s.legend ?? []);
    return { data: await blobToDataUrl(await svgToPng(c)), width: c.width, height: c.height };
  });
  // write() + our own download link: writeFile() styles its link inline, which the CSP refuses.
  const blob = await writePptx(pptx, 'blob');
  saveBlob(blob, fileName);
}
