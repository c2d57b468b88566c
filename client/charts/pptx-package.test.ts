import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { buildDeck, type DeckSlide } from './deck.ts';
import { withoutMissingParts, writePptx } from './pptx-package.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const caption = ['Alle fagområder, alle kommuner, 2024.', 'Kilde: DIPS, HN-LIS og faktura (USK-analyse).', 'Data per: DIPS 05.01.2025.'];

/** The deck's slides as Presentasjon makes them: a title slide, charts and a table. */
const SLIDES: DeckSlide[] = [
  { title: 'Utskrivningsklare pasienter', text: ['Status per desember 2024.'] },
  { title: 'Siste 24 måneder', chart: {} as SVGSVGElement, caption },
  { title: 'Broen', chart: {} as SVGSVGElement, caption },
  { title: 'Per kommune', table: [['Kommune', '2024'], ['Tromsø', '1\u00a0234'], ['Totalt', '1\u00a0234']], caption },
  { title: 'Metodevalg', chart: {} as SVGSVGElement, caption },
];

async function deckZip(): Promise<JSZip> {
  const pptx = await buildDeck(new PptxGenJS(), SLIDES, { title: 'USK-analyse', subject: 'Døgn' }, async () => ({ data: PNG, width: 1100, height: 520 }));
  return JSZip.loadAsync(await writePptx(pptx, 'nodebuffer'));
}

const attr = (entry: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(entry)?.[1] ?? '';

describe('the PPTX package', () => {
  it('lists in [Content_Types].xml only parts that are in the file, and gives every part a content type', async () => {
    const zip = await deckZip();
    const xml = await zip.file('[Content_Types].xml')!.async('string');
    const parts = Object.values(zip.files).filter((f) => !f.dir).map((f) => `/${f.name}`).filter((p) => p !== '/[Content_Types].xml');
    const overrides = [...xml.matchAll(/<Override\b[^>]*\/>/g)].map((m) => attr(m[0], 'PartName'));
    const defaults = new Set([...xml.matchAll(/<Default\b[^>]*\/>/g)].map((m) => attr(m[0], 'Extension').toLowerCase()));
    // pptxgenjs named slideMaster2–5 (one per slide) beside the one master it writes.
    expect(overrides.filter((p) => !parts.includes(p))).toEqual([]);
    expect(parts.filter((p) => !overrides.includes(p) && !defaults.has(p.split('.').at(-1)!.toLowerCase()))).toEqual([]);
    expect(overrides.filter((p) => p.startsWith('/ppt/slideMasters/'))).toEqual(['/ppt/slideMasters/slideMaster1.xml']);
    expect(overrides.filter((p) => p.startsWith('/ppt/slides/'))).toHaveLength(SLIDES.length);
  });

  it('drops only the entries whose part is missing, comparing names as OPC does (case-insensitively)', () => {
    const xml = '<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/A.xml" ContentType="a"/> <Override PartName="/ppt/b.xml" ContentType="b"/></Types>';
    expect(withoutMissingParts(xml, ['ppt/a.xml'])).toBe('<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/A.xml" ContentType="a"/></Types>');
  });
});
