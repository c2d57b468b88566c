/**
 * Value vocabularies shared by every profile: the spellings sources use for care areas, event
 * codes and invoice types. Keys are matched after lower-casing and trimming.
 */
import type { Fagomrade } from '../query/contract.ts';

export const FAGOMRADE_VALUES: Record<string, Fagomrade> = {
  somatikk: 'somatikk',
  som: 'somatikk',
  'psykisk helsevern': 'psykisk-helsevern',
  'psykisk-helsevern': 'psykisk-helsevern',
  phv: 'psykisk-helsevern',
  psykiatri: 'psykisk-helsevern',
  tsb: 'tsb',
  rus: 'tsb',
  'tverrfaglig spesialisert rusbehandling': 'tsb',
};

/** NPR typeTidspunkt codes that decide USK periods (domain.md), plus UT for discharge (not an NPR code). */
export const COUNTED_EVENT_CODES = ['2', '3', '4', '6', '7', 'UT'] as const;
/**
 * NPR codes an extract may carry that no counting rule uses: 1 (kommune varslet om innlagt pasient)
 * and 12 (overføringsklar). They load, so that a real extract does not fill the rejects (and every
 * municipality's «Avviste rader») with valid events, and the period building leaves them out
 * (derive/periods.ts). A decision where exports.md lists only the counted codes: decision 35 in
 * pipelines/query/README.md.
 */
export const UNCOUNTED_EVENT_CODES = ['1', '12'] as const;
export const EVENT_CODES = [...COUNTED_EVENT_CODES, ...UNCOUNTED_EVENT_CODES] as const;
export type EventCode = (typeof EVENT_CODES)[number];

export const EVENT_TEXT_VALUES: Record<string, EventCode> = {
  utskrivningsklar: '2',
  'pasient utskrivningsklar': '2',
  'varslet kommune': '3',
  'kommune varslet': '3',
  'kommune varslet om utskrivningsklar pasient': '3',
  avmeldt: '4',
  avmelding: '4',
  'kommunen kan ikke ta imot': '6',
  'kommunen kan ikke ta i mot': '6',
  'kommunen kan ta imot': '7',
  'kommunen kan ta i mot': '7',
  utskrevet: 'UT',
  'kommune varslet om innlagt pasient': '1',
  'varslet om innlagt pasient': '1',
  overføringsklar: '12',
  'pasient overføringsklar': '12',
};

export const INVOICE_TYPE_VALUES: Record<string, 'faktura' | 'kreditnota'> = {
  faktura: 'faktura',
  f: 'faktura',
  kreditnota: 'kreditnota',
  kredit: 'kreditnota',
  k: 'kreditnota',
};
