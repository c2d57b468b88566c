import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { BOX, buildDeck, fitPicture, headerLines, noteHeight, numericColumns, tableLayout, type DeckSlide } from './deck.ts';
import { writePptx } from './pptx-package.ts';

/** A 1×1 PNG: the layout does not look inside the picture. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const EMU = 914400;
const caption = (period: string) => [`Alle fagområder, alle kommuner, ${period}.`, 'Kilde: DIPS, HN-LIS og faktura (USK-analyse). Regelsett: Fakturagrunnlag (UNN-praksis), versjon 1.', 'Data per: DIPS 05.01.2025.'];

async function build(slides: DeckSlide[]) {
  const pptx = await buildDeck(new PptxGenJS(), slides, { title: 'USK-analyse: utskrivningsklare pasienter, desember 2024', subject: 'Registrerte, betalbare og fakturerte døgn' },
    async () => ({ data: PNG, width: 1100, height: 520 }));
  const zip = await JSZip.loadAsync(await writePptx(pptx, 'nodebuffer'));
  const file = (name: string) => zip.file(name)!.async('string');
  return { file };
}

const texts = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]);

describe('PPTX deck', () => {
  it('gives every slide the footer of its own period, and the title slide its own lines and source', async () => {
    const chart = {} as SVGSVGElement; // drawn by the picture callback, never looked at here
    const { file } = await build([
      { title: 'Utskrivningsklare pasienter', text: ['Alle fagområder, alle kommuner. Status per desember 2024.', 'Regelsett: Fakturagrunnlag (UNN-praksis), versjon 1', 'Data per: DIPS 05.01.2025'], source: ['Kilde: DIPS, HN-LIS og faktura (USK-analyse).'] },
      { title: 'Siste 24 måneder', chart, caption: caption('januar 2023–desember 2024') },
      { title: 'Per kommune 2021–2024', table: [['Kommune', '2021', 'Endring, %'], ['Tromsø', '1\u00a0234', '+12,5\u00a0%'], ['Totalt', '8\u00a0190', '\u2212']], caption: caption('2021–2024') },
    ]);
    const s1 = texts(await file('ppt/slides/slide1.xml'));
    expect(s1).toContain('Alle fagområder, alle kommuner. Status per desember 2024.');
    expect(s1).toContain('Regelsett: Fakturagrunnlag (UNN-praksis), versjon 1');
    expect(s1.filter((t) => t?.startsWith('Data per')).length).toBe(1);
    // The source as the slide shows it under itself, once: a text slide has no footer.
    expect(s1.filter((t) => t?.startsWith('Kilde:'))).toEqual(['Kilde: DIPS, HN-LIS og faktura (USK-analyse).']);
    expect(texts(await file('ppt/slides/slide2.xml'))).toContain('Alle fagområder, alle kommuner, januar 2023–desember 2024.');
    const s3 = texts(await file('ppt/slides/slide3.xml'));
    expect(s3).toContain('Alle fagområder, alle kommuner, 2021–2024.');
    expect(s3.join(' ')).not.toContain(', 2024.');
  });

  it('keeps the picture above the footer', async () => {
    const { file } = await build([{ title: 'Broen', chart: {} as SVGSVGElement, caption: caption('2024') }]);
    const xml = await file('ppt/slides/slide1.xml');
    const pic = /<p:pic>.*?<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/s.exec(xml)!;
    const bottom = (Number(pic[2]) + Number(pic[4])) / EMU;
    expect(bottom).toBeLessThanOrEqual(BOX.footerTop);
    expect(Number(pic[2]) / EMU).toBeCloseTo(BOX.top);
    expect(fitPicture(1100, 400).w).toBeCloseTo(BOX.width);
    // A tall picture is scaled to the box's height and centred.
    const tall = fitPicture(400, 800);
    expect(tall.y + tall.h).toBeCloseTo(BOX.bottom);
    expect(tall.x).toBeGreaterThan(BOX.left);
  });

  it('puts a table slide’s note between the table and the footer', async () => {
    const rows = [['Kommune', '2024'], ...Array.from({ length: 20 }, (_, i) => [`K${i}`, String(i)])];
    const { file } = await build([{ title: 'SSU', table: rows, note: 'Utvalg: de fire siste årene.', caption: caption('2021–2024') }]);
    const xml = await file('ppt/slides/slide1.xml');
    const frame = /<p:graphicFrame>.*?<a:off x="\d+" y="(\d+)"\/>/s.exec(xml)!;
    const rowH = [...xml.matchAll(/<a:tr h="(\d+)"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const boxes = [...xml.matchAll(/<p:sp>.*?<a:off x="\d+" y="(\d+)"\/>\s*<a:ext cx="\d+" cy="(\d+)"\/>.*?<\/p:sp>/gs)].map((m) => ({ y: Number(m[1]) / EMU, h: Number(m[2]) / EMU, text: texts(m[0]).join(' ') }));
    const note = boxes.find((b) => b.text.startsWith('Utvalg'))!;
    const footer = boxes.find((b) => b.text.startsWith('Alle fagområder'))!;
    expect((Number(frame[1]) + rowH) / EMU).toBeLessThanOrEqual(note.y + 0.001);
    expect(note.y + note.h).toBeLessThanOrEqual(footer.y + 0.001);
  });

  it('gives a long note (the SSU slide’s selection and the footnote for a «–») the lines it needs, still above the footer', async () => {
    const long = `«–» i kolonnen «Endring 2019–2022, %»: under 10 døgn å sammenligne med, for lite grunnlag for en prosent. Utvalg på dette lysbildet: de siste årene med data, høyst fire, til og med desember 2022 og de 10 største kommunene. «Andre kommuner» er alle kommuner som ikke står i tabellen. Kommunene er sortert etter døgn i 2022. Summene er regnet ut, ikke skrevet inn.`;
    expect(noteHeight('Utvalg: de fire siste årene.')).toBe(0.55);
    expect(noteHeight(long)).toBeGreaterThan(0.55);
    const rows = [['Kommune', '2024'], ...Array.from({ length: 13 }, (_, i) => [`K${i}`, String(i)])];
    const { file } = await build([{ title: 'SSU', table: rows, note: long, caption: caption('2019–2022') }]);
    const xml = await file('ppt/slides/slide1.xml');
    const frame = /<p:graphicFrame>.*?<a:off x="\d+" y="(\d+)"\/>/s.exec(xml)!;
    const rowH = [...xml.matchAll(/<a:tr h="(\d+)"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const boxes = [...xml.matchAll(/<p:sp>.*?<a:off x="\d+" y="(\d+)"\/>\s*<a:ext cx="\d+" cy="(\d+)"\/>.*?<\/p:sp>/gs)].map((m) => ({ y: Number(m[1]) / EMU, h: Number(m[2]) / EMU, text: texts(m[0]).join(' ') }));
    const note = boxes.find((b) => b.text.startsWith('«–»'))!;
    const footer = boxes.find((b) => b.text.startsWith('Alle fagområder'))!;
    expect(note.h).toBeGreaterThanOrEqual(noteHeight(long) - 0.06);
    expect((Number(frame[1]) + rowH) / EMU).toBeLessThanOrEqual(note.y + 0.001);
    expect(note.y + note.h).toBeLessThanOrEqual(footer.y + 0.001);
  });

  it('gives a header row that wraps in a narrow column the height of its lines, and still ends the table above the note', async () => {
    // The SSU slide of a part-year with a «–» footnote: eight columns, three-line headers, a four-line note.
    const head = ['Kommune', '2021', '2022', '2023', '2024 (jan–jun)', 'Fakturert 2024 (jan–jun)', 'Endring 2021–2023, døgn', 'Endring 2021–2023, %'];
    const rows = [head, ...Array.from({ length: 12 }, (_, i) => [`Kommune ${i}`, '1\u00a0211', '1\u00a0359', '1\u00a0460', '833', '662', '+249', '+20,6\u00a0%'])];
    const long = `«–» i kolonnen «Endring 2021–2023, %»: under 10 døgn å sammenligne med, for lite grunnlag for en prosent. Utvalg på dette lysbildet: de siste årene med data, høyst fire, til og med juni 2024 og de 10 største kommunene. «Andre kommuner» er alle kommuner som ikke står i tabellen. Kommunene er sortert etter døgn i 2024 (jan–jun). 2024 (jan–jun) er et delår; endringen er regnet mellom 2021 og 2023, som dekker de samme månedene. Summene er regnet ut, ikke skrevet inn.`;
    // «Endring 2021–2023, døgn» in a column of 1,27 in at 12 pt bold is three lines in PowerPoint (Calibri).
    expect(headerLines('Endring 2021–2023, døgn', 1.27, 12)).toBe(3);
    expect(headerLines('Kommune', 3.6, 12)).toBe(1);
    const { file } = await build([{ title: 'SSU', table: rows, note: long, caption: caption('2021–2024 (jan–jun)') }]);
    const xml = await file('ppt/slides/slide1.xml');
    const frame = /<p:graphicFrame>.*?<a:off x="\d+" y="(\d+)"\/>/s.exec(xml)!;
    const heights = [...xml.matchAll(/<a:tr h="(\d+)"/g)].map((m) => Number(m[1]) / EMU);
    const size = Number(/<a:rPr[^>]* sz="(\d+)"/.exec(xml.slice(xml.indexOf('<a:tbl>')))![1]) / 100;
    // Three lines of the header's type and the cell's margins: PowerPoint would grow a lower row to that anyway.
    expect(heights[0]).toBeGreaterThanOrEqual((3 * size * 1.2) / 72 + 0.1 - 0.001);
    const boxes = [...xml.matchAll(/<p:sp>.*?<a:off x="\d+" y="(\d+)"\/>\s*<a:ext cx="\d+" cy="(\d+)"\/>.*?<\/p:sp>/gs)].map((m) => ({ y: Number(m[1]) / EMU, h: Number(m[2]) / EMU, text: texts(m[0]).join(' ') }));
    const note = boxes.find((b) => b.text.startsWith('«–»'))!;
    expect(Number(frame[1]) / EMU + heights.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(note.y + 0.001);
    // A short one-line header keeps the body's height, and the type stays as large as the room allows.
    expect(tableLayout(['Regelsett', 'Registrerte døgn'], [3.6, 8.9], 4, BOX.bottom)).toEqual({ fontSize: 12, rowH: [0.36, 0.36, 0.36, 0.36] });
  });

  it('right-aligns the numeric columns, header included', async () => {
    const table = [['Regelsett', 'Registrerte døgn', 'Endring, %', 'Merknad'], ['Fakturagrunnlag', '14\u00a0288', '\u221212,5\u00a0%', 'ok'], ['Timebasert', '–', '+3,0\u00a0%', '2']];
    expect(numericColumns(table)).toEqual([false, true, true, false]);
    expect(numericColumns([['Kommune', 'Endring', 'Hovedtall', 'Beløp'], ['Tromsø', '+72 (+14,2\u00a0%)', '14\u00a0288,8 timebaserte døgn', 'prikket'], ['Narvik', '\u22123', '900 betalbare døgn', '16\u00a0322\u00a0kr']]))
      .toEqual([false, true, true, true]);
    const { file } = await build([{ title: 'Metodene', table, caption: caption('2024') }]);
    const xml = await file('ppt/slides/slide1.xml');
    const cells = [...xml.matchAll(/<a:tc>(.*?)<\/a:tc>/gs)].map((m) => ({ right: /algn="r"/.test(m[1]!), text: texts(m[1]!).join('') }));
    expect(cells.filter((c) => c.right).map((c) => c.text)).toEqual(['Registrerte døgn', 'Endring, %', '14\u00a0288', '\u221212,5\u00a0%', '–', '+3,0\u00a0%']);
  });

  it('names the file and its author', async () => {
    const { file } = await build([{ title: 'T', text: ['x'] }]);
    const core = await file('docProps/core.xml');
    expect(core).toContain('<dc:title>USK-analyse: utskrivningsklare pasienter, desember 2024</dc:title>');
    expect(core).toContain('<dc:creator>USK-analyse</dc:creator>');
    expect(core).toContain('<dc:subject>Registrerte, betalbare og fakturerte døgn</dc:subject>');
    expect(core).not.toContain('PptxGenJS');
  });
});
