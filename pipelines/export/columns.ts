/**
 * The columns of the two exports, in order, with their Norwegian headers and kinds. One list
 * drives CSV and XLSX, so the two always agree; JSON uses the keys themselves.
 */
import type { DayCategory, ReconciliationRow, StayRow } from '../query/contract.ts';
import type { DayRow } from '../query/day-rows.ts';
import { BRIDGE_CATEGORIES } from '../query/categories.ts';

// The bridge's order, for the notebooks (which read this module as @usk/labels and not the contract).
export { BRIDGE_CATEGORIES };

/** Status slugs as a reader sees them. */
export const STATUS_TEXT: Record<StayRow['status'], string> = {
  'ok': 'OK',
  'ikke-fakturert': 'Ikke fakturert',
  'ukjent-opphold': 'Ukjent opphold',
  'kun-i-hnlis': 'Kun i HN-LIS',
  'kun-i-dips': 'Kun i DIPS',
  'kreditert': 'Kreditert',
  'differanse': 'Differanse',
};

/**
 * How a column is written. days1: hour-based days, shown with one decimal (the workbook's number
 * format) but stored unrounded in XLSX and CSV alike, so that sums agree with the dashboard.
 */
export type ColumnKind = 'text' | 'int' | 'days1' | 'hours' | 'kr' | 'bool' | 'date' | 'datetime';

export interface Column<K extends string> {
  key: K;
  header: string;
  kind: ColumnKind;
  /** XLSX column width in characters. */
  width?: number;
  /** A slug column's values as a reader sees them (fagområde, status); a value not listed is shown as it is. */
  text?: Readonly<Record<string, string>>;
}

/**
 * The words for the day categories and measures: the dashboard's tables, charts and slides use
 * these too (client/shape/labels.ts), so a column in a file is named as on screen.
 */
export const CATEGORY_LABEL = {
  avvik_dips: 'Avvik mot DIPS',
  uten_tidspunkt: 'Uten tidspunkt (ikke i HN-LIS)',
  ikke_betalingsplikt: 'Før betalingsplikt',
  ikke_varslet: 'Ikke varslet',
  kommune_klar: 'Kommunen kan ta imot',
  forste_dogn: 'Første døgn',
  under_terskel: 'Under timeterskel',
  betalbar: 'Betalbar',
} as const satisfies Record<DayCategory, string>;

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

/** The municipality grouping (ReconcileQuery group), as the dashboard's picker and every file name it. */
export const GROUPING_LABEL = { current: 'Nåværende kommune (2024)', registered: 'Slik det er registrert' } as const;

/** Care areas as a file names them: each area, and the two sums (ReconcileQuery fagomrade). */
export const CARE_AREA_NAME: Record<string, string> = {
  somatikk: 'Somatikk',
  'psykisk-helsevern': 'Psykisk helsevern',
  tsb: 'TSB',
  psykiatri: 'Psykiatri (psykisk helsevern + TSB)',
  alle: 'Alle fagområder',
};

/** The bridge from registered to payable days, then hour-based days: shared by both exports. */
const DAY_COLUMNS: Column<keyof ReconciliationRow & keyof StayRow>[] = [
  ...(['registrert', ...BRIDGE_CATEGORIES] as const)
    .map((key) => ({ key, header: MEASURE_LABEL[key]!, kind: 'int' as const })),
  { key: 'timebasert', header: MEASURE_LABEL.timebasert!, kind: 'days1' },
];

export const RECONCILIATION_COLUMNS: Column<keyof ReconciliationRow>[] = [
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11 },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24 },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME },
  { key: 'periode', header: 'Periode', kind: 'text', width: 16 },
  ...DAY_COLUMNS,
  { key: 'timer', header: 'Timer', kind: 'hours' },
  { key: 'fakturert', header: MEASURE_LABEL.fakturert!, kind: 'int' },
  { key: 'differanse', header: MEASURE_LABEL.differanse!, kind: 'int' },
  { key: 'belop', header: 'Fakturert beløp (kr)', kind: 'kr', width: 16 },
  { key: 'forventet_belop', header: 'Forventet beløp (kr)', kind: 'kr', width: 16 },
];

export const STAY_COLUMNS: Column<keyof StayRow>[] = [
  { key: 'stay_id', header: 'Oppholds-ID', kind: 'text', width: 16 },
  { key: 'patient_pseudonym', header: 'Pasient (pseudonym)', kind: 'text', width: 34 },
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11 },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24 },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME },
  { key: 'periode', header: 'Periode', kind: 'text', width: 16 },
  { key: 'usk_fra', header: 'USK fra', kind: 'date', width: 11 },
  { key: 'usk_til', header: 'USK til', kind: 'date', width: 11 },
  { key: 'status', header: 'Status', kind: 'text', width: 16, text: STATUS_TEXT },
  { key: 'pagaende', header: 'Pågående', kind: 'bool' },
  { key: 'dips_dogn', header: 'DIPS-døgn', kind: 'int' },
  ...DAY_COLUMNS,
  { key: 'fakturert', header: MEASURE_LABEL.fakturert!, kind: 'int' },
  { key: 'differanse', header: MEASURE_LABEL.differanse!, kind: 'int' },
  { key: 'belop', header: 'Fakturert beløp (kr)', kind: 'kr', width: 16 },
  { key: 'fakturanr', header: 'Fakturanr', kind: 'text', width: 24 },
];


/**
 * The day export (query/day-rows.ts): one row per stay × date. The stay id only, never the patient
 * pseudonym: day rows joined on a patient would make a timeline no per-stay view gives.
 */
export const DAY_ROW_COLUMNS: Column<keyof DayRow>[] = [
  { key: 'stay_id', header: 'Oppholds-ID', kind: 'text', width: 16 },
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11 },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24 },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME },
  { key: 'periode_nr', header: 'USK-periode', kind: 'int' },
  { key: 'dato', header: 'Dato', kind: 'date', width: 11 },
  { key: 'kategori', header: 'Kategori', kind: 'text', width: 28, text: CATEGORY_LABEL },
  { key: 'timer', header: 'USK-timer', kind: 'hours' },
  { key: 'betalbare_timer', header: 'Betalbare timer', kind: 'hours' },
  { key: 't_ready', header: 'Utskrivningsklar', kind: 'datetime', width: 17 },
  { key: 't_notified', header: 'Varslet', kind: 'datetime', width: 17 },
  { key: 't_municipality_ready', header: 'Kommunen kan ta imot', kind: 'datetime', width: 17 },
  { key: 't_end', header: 'USK slutt', kind: 'datetime', width: 17 },
];
