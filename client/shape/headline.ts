/**
 * A rule set's main figure (RuleParams.headline): whole payable days, or hour-based days ("time for
 * time", domain.md) for the «Timebasert» preset. Both are always computed; the headline says which
 * one a view puts first, and hour-based days are always shown with one decimal.
 */
import { formatDays, formatInteger } from '../../pipelines/format/index.ts';
import type { RuleSet } from '../../pipelines/query/contract.ts';

export type Headline = 'betalbar' | 'timebasert';

/** The headline of rule set `id`; payable days when the rule set is unknown or says nothing. */
export function headlineOf(ruleSets: readonly RuleSet[], id: string): Headline {
  return ruleSets.find((r) => r.id === id)?.params.headline === 'timebasert' ? 'timebasert' : 'betalbar';
}

/** Column and caption names of the headline figure. */
export const HEADLINE_LABEL: Record<Headline, string> = {
  betalbar: 'Betalbare døgn',
  timebasert: 'Timebaserte døgn',
};

/** The lower-case noun after a number: '14 288,8 timebaserte døgn'. */
export const HEADLINE_NOUN: Record<Headline, string> = {
  betalbar: 'betalbare døgn',
  timebasert: 'timebaserte døgn',
};

/** A figure of that measure: whole days as integers, hour-based days with one decimal (nb-NO). */
export function formatMeasure(measure: string, value: number): string {
  return measure === 'timebasert' ? formatDays(value) : formatInteger(value);
}

/** With a sign for a change: '+12', '−2 175,2'; 0 without one. */
export function formatSigned(measure: string, value: number): string {
  return `${value > 0 ? '+' : ''}${formatMeasure(measure, value)}`;
}
