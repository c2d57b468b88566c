/**
 * A rule set's main figure (RuleParams.headline): whole payable days, or hour-based days ("time for
 * time", domain.md) for the «Timebasert» preset. Both are always computed; the headline says which
 * one a view puts first, and hour-based days are always shown with one decimal.
 */
import { formatDays, formatInteger } from '../../pipelines/format/index.ts';
import type { RuleParams, RuleSet } from '../../pipelines/query/contract.ts';
import { deductsDays, UNDEDUCTED_LABEL } from '../../pipelines/export/columns.ts';
import { MEASURE_LABEL } from './labels.ts';

export type Headline = 'betalbar' | 'timebasert';

/** The headline of rule set `id`; payable days when the rule set is unknown or says nothing. */
export function headlineOf(ruleSets: readonly RuleSet[], id: string): Headline {
  return ruleSets.find((r) => r.id === id)?.params.headline === 'timebasert' ? 'timebasert' : 'betalbar';
}

// Shared with the exports, which name their columns by it (pipelines/export/columns.ts columnsFor).
export { deductsDays };

/**
 * The lower-case noun after a rule set's main figure, true of that rule set: '14 288,8 timebaserte
 * døgn' (Timebasert), '12 345 betalbare døgn' (a rule set with deductions), '14 043 døgn' (nothing
 * deducted: the DIPS preset counts every started day, which are not thereby «betalbare»). `p` are
 * the parameters the figure was computed with (the rule set's, with the page's overrides).
 */
export function headlineNoun(p: RuleParams): string {
  if (p.headline === 'timebasert') return 'timebaserte døgn';
  return deductsDays(p) ? 'betalbare døgn' : 'døgn';
}

/** The same as a column or caption name: 'Timebaserte døgn', 'Betalbare døgn', 'Døgn'. */
export function headlineLabel(p: RuleParams): string {
  const noun = headlineNoun(p);
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/**
 * The name of the whole-day figure (the `betalbar` column) under `p`, whatever its headline:
 * 'Betalbare døgn', or 'Døgn' under a rule set that deducts nothing (DIPS), as headlineLabel names
 * its main figure. Under «Timebasert» the whole days are still payable days (its gates apply).
 */
export function daysLabel(p: RuleParams): string {
  return headlineLabel({ ...p, headline: 'betalbar' });
}

/**
 * The word before «døgn» for a rule set's main figure when it stands beside the registered and
 * invoiced days: 'timebaserte', 'betalbare', or 'regelsettets' where nothing is deducted (DIPS).
 * headlineNoun's bare 'døgn' cannot stand in a list ('registrerte, døgn og fakturerte døgn'), and
 * «regelsettets døgn» (the days the rule set counts) is true of every rule set without saying payable.
 */
export function headlineWord(p: RuleParams): string {
  if (p.headline === 'timebasert') return 'timebaserte';
  return deductsDays(p) ? 'betalbare' : 'regelsettets';
}

/**
 * The three figures a chart or heading sets side by side: 'Registrerte, betalbare og fakturerte døgn',
 * 'Registrerte, timebaserte og fakturerte døgn' (Timebasert), 'Registrerte, regelsettets og fakturerte
 * døgn' (DIPS). A view that draws the whole days whatever the headline passes `{ ...p, headline: 'betalbar' }`.
 */
export function trioText(p: RuleParams): string {
  return `Registrerte, ${headlineWord(p)} og fakturerte døgn`;
}

/**
 * The whole-day difference (fakturert − betalbar) by name. Where days are deducted, as the files name
 * it. Under DIPS daysLabel's bare «Døgn» names a column beside «Fakturerte døgn», but in a subtraction
 * it says nothing ('fakturert − døgn'): the days are named by whose they are, «regelsettets døgn», as
 * trioText names them. «fakturert» stays as in the default name, so only the word that was untrue
 * changes (and the card's name fits in two lines at 1280 px).
 */
export function differenceLabel(p: RuleParams): string {
  return deductsDays(p) ? MEASURE_LABEL.differanse! : UNDEDUCTED_LABEL.differanse;
}

/**
 * A measure's name under `p` for a chart's series, a card or a column: the whole days (`betalbar`) as
 * daysLabel names them, their difference as differenceLabel does, every other measure as the files do.
 */
export function measureLabel(measure: string, p: RuleParams): string {
  if (measure === 'betalbar') return daysLabel(p);
  if (measure === 'differanse') return differenceLabel(p);
  return MEASURE_LABEL[measure] ?? measure;
}

/** A figure of that measure: whole days as integers, hour-based days with one decimal (nb-NO). */
export function formatMeasure(measure: string, value: number): string {
  return measure === 'timebasert' ? formatDays(value) : formatInteger(value);
}

/** With a sign for a change: '+12', '−2 175,2'; 0 without one. */
export function formatSigned(measure: string, value: number): string {
  return `${value > 0 ? '+' : ''}${formatMeasure(measure, value)}`;
}
