/**
 * The columns of the two exports, in order, with their Norwegian headers and kinds. One list
 * drives CSV and XLSX, so the two always agree; JSON uses the keys themselves.
 */
import type { ReconciliationRow, StayRow } from '../query/contract.ts';

export type ColumnKind = 'text' | 'int' | 'days1' | 'hours' | 'kr' | 'bool' | 'date';

export interface Column<K extends string> {
  key: K;
  header: string;
  kind: ColumnKind;
  /** XLSX column width in characters. */
  width?: number;
}

/** The bridge from registered to payable days, then hour-based days: shared by both exports. */
const DAY_COLUMNS: Column<keyof ReconciliationRow & keyof StayRow>[] = [
  { key: 'registrert', header: 'Registrert', kind: 'int' },
  { key: 'avvik_dips', header: 'Avvik DIPS', kind: 'int' },
  { key: 'uten_tidspunkt', header: 'Uten tidspunkt', kind: 'int' },
  { key: 'ikke_varslet', header: 'Ikke varslet', kind: 'int' },
  { key: 'kommune_klar', header: 'Kommunen klar', kind: 'int' },
  { key: 'forste_dogn', header: 'Første døgn', kind: 'int' },
  { key: 'under_terskel', header: 'Under terskel', kind: 'int' },
  { key: 'betalbar', header: 'Betalbare', kind: 'int' },
  { key: 'timebasert', header: 'Timebaserte døgn', kind: 'days1' },
];

export const RECONCILIATION_COLUMNS: Column<keyof ReconciliationRow>[] = [
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11 },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24 },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 18 },
  { key: 'periode', header: 'Periode', kind: 'text', width: 16 },
  ...DAY_COLUMNS,
  { key: 'timer', header: 'Timer', kind: 'hours' },
  { key: 'fakturert', header: 'Fakturert', kind: 'int' },
  { key: 'differanse', header: 'Differanse', kind: 'int' },
  { key: 'belop', header: 'Fakturert beløp (kr)', kind: 'kr', width: 16 },
  { key: 'forventet_belop', header: 'Forventet beløp (kr)', kind: 'kr', width: 16 },
];

export const STAY_COLUMNS: Column<keyof StayRow>[] = [
  { key: 'stay_id', header: 'Oppholds-ID', kind: 'text', width: 16 },
  { key: 'patient_pseudonym', header: 'Pasient (pseudonym)', kind: 'text', width: 34 },
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11 },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24 },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 18 },
  { key: 'periode', header: 'Periode', kind: 'text', width: 16 },
  { key: 'usk_fra', header: 'USK fra', kind: 'date', width: 11 },
  { key: 'usk_til', header: 'USK til', kind: 'date', width: 11 },
  { key: 'status', header: 'Status', kind: 'text', width: 16 },
  { key: 'pagaende', header: 'Pågående', kind: 'bool' },
  { key: 'dips_dogn', header: 'DIPS-døgn', kind: 'int' },
  ...DAY_COLUMNS,
  { key: 'fakturert', header: 'Fakturert', kind: 'int' },
  { key: 'differanse', header: 'Differanse', kind: 'int' },
  { key: 'belop', header: 'Fakturert beløp (kr)', kind: 'kr', width: 16 },
  { key: 'fakturanr', header: 'Fakturanr', kind: 'text', width: 24 },
];

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
