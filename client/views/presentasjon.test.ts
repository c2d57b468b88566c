import { describe, expect, it } from 'vitest';
import { formatDays, formatInteger } from '../../pipelines/format/index.ts';
import type { RuleParams, RuleSet } from '../../pipelines/query/contract.ts';
import type { Meta } from '../api/schemas.ts';
import { numericColumns } from '../charts/deck.ts';
import { DEFAULTS, type State } from '../state/url.ts';
import { ssuTable, yearColumns } from '../shape/ssu.ts';
import { deckSelection, methodSlideRows, presentedMonth, ssuSlideCaption, ssuSlideText } from './presentasjon.ts';

const meta = { months: ['2024-10', '2024-11', '2024-12', '2025-01'], asOf: { periods: '2025-01-05T00:00', events: '2025-01-01T06:00', invoices: '2025-01-13T00:00' } };
describe('Presentasjon: the month the deck reports up to', () => {
  it('is the URL’s month when the data have it, else the latest complete month', () => {
    expect(presentedMonth(meta, '2024-11')).toBe('2024-11');
    expect(presentedMonth(meta, undefined)).toBe('2024-12');
    expect(presentedMonth(meta, '2030-01')).toBe('2024-12');
  });
});

const ruleSet = (id: string, name: string, params: RuleParams): RuleSet => ({ id, name, version: 1, params, preset: true, createdAt: '2026-01-01T00:00:00Z' });
const PRESETS = [
  ruleSet('dips', 'DIPS (alle påbegynte døgn)', { firstDayFree: false, minHoursPerDay: 0, notificationGate: false, municipalityReadyGate: false, headline: 'betalbar' }),
  ruleSet('fakturagrunnlag', 'Fakturagrunnlag (UNN-praksis)', { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'betalbar' }),
  ruleSet('timebasert', 'Timebasert', { firstDayFree: false, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true, headline: 'timebasert' }),
];
const answer = (registrert: number, betalbar: number, fakturert: number, timebasert: number) => ({
  rows: [{ timebasert }], bridge: [{ step: 'registrert', days: registrert }, { step: 'betalbar', days: betalbar }, { step: 'fakturert', days: fakturert }],
});

describe('Presentasjon: the rule sets side by side (slide 5)', () => {
  it('calls only the days left after deductions «betalbare»: DIPS counts every started day', () => {
    const rows = methodSlideRows(PRESETS, [answer(14100, 14043, 9800, 13900.4), answer(14100, 9876, 9800, 13900.4), answer(14100, 10500, 9800, 11288.84)]);
    expect(rows).toEqual([
      ['DIPS (alle påbegynte døgn)', formatInteger(14100), `${formatInteger(14043)} døgn`, formatInteger(9800)],
      ['Fakturagrunnlag (UNN-praksis)', formatInteger(14100), `${formatInteger(9876)} betalbare døgn`, formatInteger(9800)],
      ['Timebasert', formatInteger(14100), `${formatDays(11288.84)} timebaserte døgn`, formatInteger(9800)],
    ]);
    // Still a number column in the PPTX (right-aligned).
    expect(numericColumns([['Regelsett', 'Registrerte døgn', 'Hovedtall etter regelsettet', 'Fakturerte døgn'], ...rows])).toEqual([false, true, true, true]);
  });
});

describe('Presentasjon: every slide says which municipalities it covers', () => {
  const full = { ...meta, kommuner: [], ruleSets: PRESETS } as unknown as Meta;
  const state = { ...DEFAULTS, view: 'presentasjon', fagomrade: 'somatikk' } as State;
  it('«alle kommuner» in every caption (slides 2–5, their PNGs and PPTX footers), on the title slide and in the file’s subject', () => {
    const d = deckSelection(full, state, '2024-12');
    expect(d.caption('2023')[0]).toBe('Somatikk, alle kommuner, 2023.');
    expect(d.caption('januar 2023–desember 2024')[0]).toBe('Somatikk, alle kommuner, januar 2023–desember 2024.');
    expect(d.titleLine).toBe('Somatikk, alle kommuner. Status per desember 2024.');
    expect(d.subject).toContain('Somatikk, alle kommuner.');
    // An incomplete month is still said on every slide.
    const january = deckSelection(full, state, '2025-01');
    expect(january.caption('2025').at(-1)).toMatch(/^Januar 2025 er ufullstendig/);
    expect(january.titleLine).toBe('Somatikk, alle kommuner. Status per januar 2025 (ufullstendig måned).');
  });
  it('names the three figures in the file’s subject as the rule set, with the page’s overrides, counts them', () => {
    const subject = (s: Partial<State>) => deckSelection(full, { ...state, ...s }, '2024-12').subject;
    expect(subject({})).toMatch(/^Registrerte, betalbare og fakturerte døgn\. Somatikk/);
    expect(subject({ rules: 'dips' })).toMatch(/^Registrerte, regelsettets og fakturerte døgn\. /);
    expect(subject({ rules: 'dips', firstDayFree: true })).toMatch(/^Registrerte, betalbare og fakturerte døgn\. /);
    expect(subject({ rules: 'timebasert' })).toMatch(/^Registrerte, timebaserte og fakturerte døgn\. /);
  });
});

describe('Presentasjon: the committee table of an incomplete month (slide 3)', () => {
  const row = (kommunenr: string, kommune: string, periode: string, registrert: number) => ({
    kommunenr, kommune, fagomrade: 'somatikk', periode, registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: 0,
    forste_dogn: 0, under_terskel: 0, betalbar: registrert, timebasert: registrert, timer: 0, fakturert: 0, differanse: 0, belop: 0, forventet_belop: null, prikket: [],
  });
  // January 2025 up to the 1st: Harstad's 3 days rank it above Tromsø's 2.
  const rows = [row('5501', 'Tromsø', '2024', 8190), row('5503', 'Harstad', '2024', 3213), row('5501', 'Tromsø', '2025', 2), row('5503', 'Harstad', '2025', 3)];
  it('says under the table that the municipalities are ranked by the days of a month the data do not cover yet', () => {
    const t = ssuTable(rows, yearColumns(['2024', '2025'], '2024-01', '2025-01'), 10);
    expect(t.lines.map((l) => l.kommune)).toEqual(['Harstad', 'Tromsø']);
    const note = ssuSlideText(t, meta, '2025-01', 10);
    expect(note).toContain('Januar 2025 er ufullstendig: dataene går bare til 01.01.2025 06:00 (HN-LIS). Kommunene er sortert etter de døgnene i 2025 (jan) som er kommet inn så langt: rekkefølgen kan endre seg når resten av måneden kommer.');
    // Said once: the caption under the slide leaves the sentence to the note (other slides keep it).
    const sel = deckSelection({ ...meta, kommuner: [], ruleSets: PRESETS } as unknown as Meta, { ...DEFAULTS, view: 'presentasjon' } as State, '2025-01');
    expect(ssuSlideCaption(sel, t, meta, '2024–2025').join(' ')).not.toContain('ufullstendig');
    expect(sel.caption('2024–2025').join(' ')).toContain('Januar 2025 er ufullstendig');
  });
  it('says nothing of the kind for a complete month', () => {
    const t = ssuTable(rows.filter((r) => r.periode === '2024'), yearColumns(['2024'], '2024-01', '2024-12'), 10);
    expect(ssuSlideText(t, meta, '2024-12', 10)).not.toContain('ufullstendig');
  });
});
