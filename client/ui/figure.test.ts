import { describe, expect, it } from 'vitest';
import { chartLabel } from './figure.ts';

describe('a chart’s accessible name', () => {
  it('is the title and the first caption line (selection and period)', () => {
    expect(chartLabel('Fra registrerte til fakturerte døgn, Narvik, 2022', ['Alle fagområder, Narvik, 2022.', 'Kilde: …'])).toBe('Fra registrerte til fakturerte døgn, Narvik, 2022. Alle fagområder, Narvik, 2022.');
    expect(chartLabel('Hvilke data er lest inn:', [])).toBe('Hvilke data er lest inn');
  });
});
