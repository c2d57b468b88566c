/** Norwegian names for measures and day categories, shared by tables, charts and slides. */
import type { DayCategory } from '../../pipelines/query/contract.ts';

export const CATEGORY_LABEL: Record<DayCategory, string> = {
  avvik_dips: 'Avvik mot DIPS',
  uten_tidspunkt: 'Uten tidspunkt (ikke i HN-LIS)',
  ikke_varslet: 'Ikke varslet',
  kommune_klar: 'Kommunen kan ta imot',
  forste_dogn: 'Første døgn',
  under_terskel: 'Under timeterskel',
  betalbar: 'Betalbar',
};

export const MEASURE_LABEL: Record<string, string> = {
  ...CATEGORY_LABEL,
  registrert: 'Registrerte døgn',
  betalbar: 'Betalbare døgn',
  timebasert: 'Timebaserte døgn',
  fakturert: 'Fakturerte døgn',
  differanse: 'Differanse (fakturert − betalbar)',
  belop: 'Fakturert beløp',
  forventet_belop: 'Forventet beløp',
};

export const CARE_AREA_LABEL: Record<string, string> = {
  alle: 'Alle fagområder',
  somatikk: 'Somatikk',
  psykiatri: 'Psykiatri (psykisk helsevern + TSB)',
};

export const EVENT_LABEL: Record<string, string> = {
  '1': 'Kommunen varslet om innlagt pasient',
  '2': 'Utskrivningsklar',
  '3': 'Kommunen varslet om utskrivningsklar pasient',
  '4': 'Avmeldt',
  '6': 'Kommunen kan ikke ta imot',
  '7': 'Kommunen kan ta imot',
  '12': 'Overføringsklar',
};
export const eventLabel = (code: string) => EVENT_LABEL[code] ?? (code === 'utskrevet' ? 'Utskrevet' : code);
