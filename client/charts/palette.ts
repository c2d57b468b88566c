/**
 * Colour-blind-safe palette (Okabe & Ito 2008), every colour checked for contrast against white
 * where it carries text; categories keep the same colour in every chart, table legend and slide,
 * and in the notebooks (alias @usk/palette).
 */
import type { DayCategory } from '../../pipelines/query/contract.ts';

export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export const MEASURE_COLOR: Record<string, string> = {
  registrert: '#0072B2',
  betalbar: '#009E73',
  fakturert: '#D55E00',
  timebasert: '#CC79A7',
};

export const CATEGORY_COLOR: Record<DayCategory, string> = {
  betalbar: '#009E73',
  forste_dogn: '#56B4E9',
  ikke_varslet: '#E69F00',
  kommune_klar: '#CC79A7',
  under_terskel: '#F0E442',
  uten_tidspunkt: '#999999',
  // Light grey: excluded by law before any rule applies, neutral like the two source-level greys. It
  // only fills bars and legend swatches (outlined, as every swatch is), never carries text.
  ikke_betalingsplikt: '#D4D4D4',
  avvik_dips: '#000000',
};

export const TOTAL_COLOR = '#0072B2';
export const DOWN_COLOR = '#D55E00';
export const UP_COLOR = '#009E73';
