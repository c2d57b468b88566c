import { describe, expect, it } from 'vitest';
import { fileSlug } from './toolbar.ts';

describe('export file names', () => {
  it('cuts a long title between words, never inside one', () => {
    expect(fileSlug('Kort tittel')).toBe('kort-tittel');
    // One word longer than the limit: cut all the same.
    expect(fileSlug('a'.repeat(120))).toHaveLength(100);
    const slug = fileSlug('Registrerte, betalbare og fakturerte døgn per kommune og fagområde og måned for et helt langt utvalg som ikke tar slutt');
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug).toMatch(/-utvalg$/);
  });
  it('keeps the period whole: the title before it is shortened instead', () => {
    expect(fileSlug('Fra registrerte til fakturerte døgn, Tromsø, januar 2024–desember 2024'))
      .toBe('fra-registrerte-til-fakturerte-dogn-tromso-januar-2024-desember-2024');
    const title = 'Registrerte, betalbare og fakturerte døgn per måned, Narvik, somatikk, med regelsettet Fakturagrunnlag, versjon 3, januar 2022–desember 2022';
    const slug = fileSlug(title);
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug).toMatch(/^registrerte-betalbare-og-fakturerte-dogn-.*-januar-2022-desember-2022$/);
    expect(fileSlug(title, 60)).toMatch(/-januar-2022-desember-2022$/);
    expect(fileSlug(title, 60).length).toBeLessThanOrEqual(60);
    expect(fileSlug(`${'Døgn per kommune '.repeat(8)}2019–2024`)).toMatch(/^dogn-per-kommune-.*-2019-2024$/);
  });
});
