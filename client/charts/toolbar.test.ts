import { describe, expect, it } from 'vitest';
import { fileSlug } from './toolbar.ts';

describe('export file names', () => {
  it('cuts a long title between words, never inside one', () => {
    const slug = fileSlug('Fra registrerte til fakturerte døgn, Tromsø, januar 2024–desember 2024');
    expect(slug).toBe('fra-registrerte-til-fakturerte-dogn-tromso-januar-2024');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(fileSlug('Kort tittel')).toBe('kort-tittel');
    // One word longer than the limit: cut all the same.
    expect(fileSlug('a'.repeat(80))).toHaveLength(60);
  });
});
