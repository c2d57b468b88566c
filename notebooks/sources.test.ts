/**
 * Checks on the notebooks' source text that need no build: what a markdown cell says about the
 * charts agrees with what they draw, and commands survive the markdown's typographer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURE_COLOR } from '../client/charts/palette.ts';

const SRC = join(import.meta.dirname, 'src');
const source = (name: string) => readFileSync(join(SRC, name), 'utf8');
/** The text of every markdown cell of a notebook. */
const markdownCells = (html: string) => [...html.matchAll(/<script id="\d+" type="text\/markdown">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

/** The palette's measure colours by the Norwegian word a caption uses for them. */
const COLOUR_WORD: Record<string, string> = { '#0072B2': 'Blå', '#009E73': 'Grønn', '#D55E00': 'Oransje', '#CC79A7': 'Rosa' };

describe('notebook sources', () => {
  it('names the 13-month trend lines of the monthly report by the colours they are drawn in', () => {
    const cell = markdownCells(source('manedsrapport.html')).find((c) => c.includes('Utvikling siste 13 måneder'))!;
    expect(cell).toBeDefined();
    for (const [measure, words] of [['registrert', 'registrerte døgn'], ['betalbar', 'betalbare døgn'], ['fakturert', 'fakturerte døgn']] as const) {
      expect(cell, measure).toContain(`${COLOUR_WORD[MEASURE_COLOR[measure]!]}: ${words}`);
    }
  });

  it('says the monthly report\'s invoices may be incomplete by the shared rule (the invoices\' as-of of 12.02.2025 left it out for January 2025)', () => {
    const html = source('manedsrapport.html');
    const cell = markdownCells(html).find((c) => c.includes('trolig ikke komplette'))!;
    expect(cell).toMatch(/\$\{fakturaUkomplett \? "; fakturaene for denne måneden er trolig ikke komplette ennå" : ""\}/);
    expect(html).toContain('const fakturaUkomplett = invoicesMayBeIncomplete(snapshot.metadata, maned);');
  });

  it('writes no bare " -- " in markdown text outside a code span (the typographer turns it into an en dash)', () => {
    for (const file of readdirSync(SRC).filter((f) => f.endsWith('.html'))) {
      for (const cell of markdownCells(source(file))) {
        const prose = cell.replace(/`[^`]*`/g, '');
        expect(prose, file).not.toMatch(/(^|\s)--(\s|$)/m);
      }
    }
  });
});
