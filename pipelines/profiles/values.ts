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

/** NPR typeTidspunkt codes we use, plus UT for discharge (not an NPR code). */
export const EVENT_CODES = ['2', '3', '4', '6', '7', 'UT'] as const;
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
};

export const INVOICE_TYPE_VALUES: Record<string, 'faktura' | 'kreditnota'> = {
  faktura: 'faktura',
  f: 'faktura',
  kreditnota: 'kreditnota',
  kredit: 'kreditnota',
  k: 'kreditnota',
};
