import { describe, expect, it } from 'vitest';
import { captionSvgText, wrap } from './export.ts';

describe('chart export caption', () => {
  it('wraps at spaces and never loses a word', () => {
    expect(wrap('Kilde: DIPS, HN-LIS og faktura', 14)).toEqual(['Kilde: DIPS,', 'HN-LIS og', 'faktura']);
    expect(wrap('kort', 40)).toEqual(['kort']);
    expect(wrap('Ordetsomerlengreennlinjen og mer', 10)).toEqual(['Ordetsomerlengreennlinjen', 'og mer']);
    const text = 'Regelsett: Fakturagrunnlag (UNN-praksis), versjon 1. Data per: DIPS 05.01.2025, HN-LIS 01.01.2025 06:00';
    const lines = wrap(text, 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(text);
  });

  it('puts the title above and every caption line below the chart, escaped, on a taller image', () => {
    const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="460" height="220"><rect/></svg>';
    const caption = ['Alle fagområder, januar 2022–desember 2022.', 'Kilde: DIPS, HN-LIS og faktura (USK-analyse). Regelsett: Fakturagrunnlag (UNN-praksis), versjon 1.', 'Data per: DIPS 05.01.2025, HN-LIS 01.01.2025 06:00, faktura 13.01.2025.'];
    const c = captionSvgText(chart, 460, 220, 'Tromsø & Narvik <test>', caption);
    expect(c.width).toBe(460);
    expect(c.height).toBeGreaterThan(220 + 3 * 18);
    expect(c.svg).toContain('Tromsø &amp; Narvik &lt;test&gt;');
    expect(c.svg).toContain('<svg x="0" y="');
    expect(c.svg).toMatch(new RegExp(`height="${c.height}" viewBox="0 0 460 ${c.height}"`));
    // Narrow chart: the long lines are wrapped, and nothing is lost.
    const texts = [...c.svg.matchAll(/<text[^>]*font-size="13"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.join(' ')).toBe(caption.join(' '));
    const ys = [...c.svg.matchAll(/<text x="12" y="(\d+)" font-size="13"/g)].map((m) => Number(m[1]));
    expect(Math.max(...ys)).toBeLessThan(c.height);
    expect(Math.min(...ys)).toBeGreaterThan(220);
  });

  it('draws the colour key between the title and the chart, in rows that fit', () => {
    const chart = '<svg width="400" height="100"></svg>';
    const legend = [{ label: 'Registrerte døgn', color: '#0072B2' }, { label: 'Betalbare døgn', color: '#009E73' }, { label: 'Fakturerte døgn', color: '#D55E00' }];
    const without = captionSvgText(chart, 400, 100, 'T', ['c']);
    const c = captionSvgText(chart, 400, 100, 'T', ['c'], legend);
    for (const l of legend) {
      expect(c.svg).toContain(`fill="${l.color}"`);
      expect(c.svg).toContain(`>${l.label}</text>`);
    }
    const chartY = (svg: string) => Number(/<svg x="0" y="(\d+)"/.exec(svg)?.[1]);
    // Three labels do not fit one 376 px row: two rows of 18 px, plus 6 px space.
    expect(chartY(c.svg) - chartY(without.svg)).toBe(2 * 18 + 6);
    expect(c.height - without.height).toBe(2 * 18 + 6);
  });

  it('draws a dashed series as a dashed line in the key', () => {
    const c = captionSvgText('<svg width="400" height="100"></svg>', 400, 100, 'T', ['c'], [{ label: 'Fakturerte døgn', color: '#D55E00', dash: '6,4' }]);
    expect(c.svg).toContain('stroke="#D55E00"');
    expect(c.svg).toContain('stroke-dasharray="6,4"');
    expect(c.svg).not.toContain('fill="#D55E00"');
  });
});
