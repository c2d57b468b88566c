/**
 * The columns of the two exports, in order, with their Norwegian headers and kinds. One list
 * drives CSV and XLSX, so the two always agree; JSON uses the keys themselves.
 */
import type { DayCategory, ReconciliationRow, RuleParams, StayRow } from '../query/contract.ts';
import type { DayRow } from '../query/day-rows.ts';
import type { InvoiceLine } from '../query/invoice-lines.ts';
import type { RejectedRow } from '../query/rejected.ts';
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
  'belopsavvik': 'Beløpsavvik',
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
  /** What the column holds, for the workbook's «Kolonner» sheet: a municipality's controller reads it there. */
  about: string;
  /** false: a rate, summed to nothing meaningful, so the workbook's Totalt row leaves it empty. */
  summed?: false;
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

/**
 * What each day category and measure means, in the words of domain.md and pipelines/query/README.md;
 * the bridge reads: registrerte døgn − each category before «Betalbar» = betalbare døgn.
 */
export const MEASURE_ABOUT: Record<string, string> = {
  registrert: 'Døgn slik DIPS teller dem: hver kalenderdato USK-perioden berører (påbegynt døgn = helt døgn), fra utskrivningsklar til utskrevet, avmeldt eller uttrekkets tidspunkt. Summen av kategoriene under',
  avvik_dips: 'DIPS oppgir flere (eller færre, negativt) døgn enn hendelsene i HN-LIS gir; forskjellen per måned',
  uten_tidspunkt: 'Døgn i DIPS for opphold uten hendelser i HN-LIS: uten klokkeslett kan de ikke klassifiseres',
  ikke_betalingsplikt: 'Døgn før kommunal betalingsplikt for fagområdet (psykisk helsevern og TSB fra 1.1.2019)',
  ikke_varslet: 'Døgn før kommunen ble varslet (varselet er hendelse 3 i HN-LIS), eller uten varsel: ikke betalbare',
  kommune_klar: 'Døgn fra kommunen sa at den kan ta imot pasienten (hendelse 7 i HN-LIS): ikke betalbare',
  forste_dogn: 'Det første døgnet som ellers ville vært betalbart i hver USK-periode, når regelsettet gjør det gratis (fakturapraksis)',
  under_terskel: 'Døgn med færre USK-timer enn regelsettets terskel (timer per døgn)',
  betalbar: 'Døgnene kommunen skal betale for etter regelsettet',
  timebasert: 'Timene i betalingsvinduet (fra varsel til kommunen kan ta imot eller pasienten er ute) delt på 24, time for time (slik SSU Troms og Ofoten vedtok å telle); uavhengig av første døgn og timeterskel',
  timer: 'Timene i betalingsvinduet (grunnlaget for timebaserte døgn)',
  fakturert: 'Døgn i fakturaene til kommunen (kreditnotaer trukket fra), ført i måneden fakturalinjen starter',
  differanse: 'Fakturerte døgn minus betalbare døgn: positivt er fakturert mer enn regelsettet gir',
  belop: 'Fakturert beløp i kroner (kreditnotaer trukket fra)',
  forventet_belop: 'Betalbare døgn ganget med den nasjonale døgnprisen for året',
};

/**
 * Whether a rule set takes days away on its own: a gate (not notified, municipality ready), the
 * free first day or an hour threshold. The DIPS preset takes none: its main figure is every started
 * day (after the payment obligation, which is law), and it does not say those days are payable.
 */
export function deductsDays(p: RuleParams): boolean {
  return p.notificationGate || p.municipalityReadyGate || p.firstDayFree || p.minHoursPerDay > 0;
}

/**
 * The whole-day figure and its difference by name under a rule set that deducts nothing (DIPS), as
 * the dashboard names them (client/shape/headline.ts daysLabel, differenceLabel): counted, not payable.
 */
export const UNDEDUCTED_LABEL = { betalbar: 'Døgn', differanse: 'Differanse (fakturert − regelsettets døgn)', category: 'Telles' } as const;

const UNDEDUCTED_ABOUT: Record<string, string> = {
  betalbar: 'Døgnene regelsettet teller. Det trekker ingen døgn fra (DIPS-regelsettet): hver påbegynt kalenderdato etter betalingsplikten, slik DIPS teller, ikke døgn regelsettet har funnet betalbare',
  differanse: 'Fakturerte døgn minus regelsettets døgn: positivt er fakturert mer enn regelsettet teller',
  forventet_belop: 'Regelsettets døgn ganget med den nasjonale døgnprisen for året',
  kategori: 'Hva døgnet er etter regelsettet: «Telles» (regelsettet trekker ingen døgn fra, så det teller hvert døgn etter betalingsplikten), eller hvorfor ikke',
};

/**
 * An export's columns under the rule set the figures were computed with (`p`, its parameters with
 * any overrides): where it deducts nothing (DIPS) the whole days and their difference are not called
 * «betalbare», in the header or in the «Kolonner» sheet; every other rule set keeps the names as listed.
 */
export function columnsFor<K extends string>(columns: readonly Column<K>[], p: RuleParams): Column<K>[] {
  if (deductsDays(p)) return [...columns];
  return columns.map((c) => {
    const header = (UNDEDUCTED_LABEL as Record<string, string>)[c.key] ?? c.header;
    const about = UNDEDUCTED_ABOUT[c.key] ?? c.about.replaceAll('betalbare døgn', 'regelsettets døgn');
    // The day category «Betalbar» (the day export) is the days the rule set counts.
    const text = c.key === 'kategori' && c.text ? { ...c.text, betalbar: UNDEDUCTED_LABEL.category } : c.text;
    return { ...c, header, about, ...(text ? { text } : {}) };
  });
}

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
    .map((key) => ({ key, header: MEASURE_LABEL[key]!, kind: 'int' as const, about: MEASURE_ABOUT[key]! })),
  { key: 'timebasert', header: MEASURE_LABEL.timebasert!, kind: 'days1', about: MEASURE_ABOUT.timebasert! },
];

const KOMMUNENR = 'Kommunenummeret døgnene regnes til (nåværende nummer, eller slik det er registrert: se «Regelsett og data»)';
// By period the label names only the months the data reach (query/README.md decision 14).
const PERIODE_ABOUT = 'Måned (ÅÅÅÅ-MM), år eller hele utvalget (ÅÅÅÅ-MM–ÅÅÅÅ-MM, bare så langt dataene går), etter valgt inndeling';
const FAGOMRADE = 'Somatikk, psykisk helsevern eller TSB (eller summen som er valgt)';

export const RECONCILIATION_COLUMNS: Column<keyof ReconciliationRow>[] = [
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11, about: KOMMUNENR },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24, about: 'Kommunens navn' },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME, about: FAGOMRADE },
  { key: 'periode', header: 'Periode', kind: 'text', width: 16, about: PERIODE_ABOUT },
  ...DAY_COLUMNS,
  { key: 'timer', header: 'Timer i betalingsvinduet', kind: 'hours', about: MEASURE_ABOUT.timer! },
  { key: 'fakturert', header: MEASURE_LABEL.fakturert!, kind: 'int', about: MEASURE_ABOUT.fakturert! },
  { key: 'differanse', header: MEASURE_LABEL.differanse!, kind: 'int', about: MEASURE_ABOUT.differanse! },
  { key: 'belop', header: 'Fakturert beløp (kr)', kind: 'kr', width: 16, about: MEASURE_ABOUT.belop! },
  { key: 'forventet_belop', header: 'Forventet beløp (kr)', kind: 'kr', width: 16, about: MEASURE_ABOUT.forventet_belop! },
];

export const STAY_COLUMNS: Column<keyof StayRow>[] = [
  { key: 'stay_id', header: 'Oppholds-ID', kind: 'text', width: 16, about: 'Sykehusets id for oppholdet (som i DIPS og HN-LIS). Én rad per opphold og periode (måned eller år, etter inndelingen): et opphold over et månedsskifte har én rad for hver måned, så radene kan være flere enn oppholdene' },
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11, about: KOMMUNENR },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24, about: 'Kommunens navn' },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME, about: FAGOMRADE },
  { key: 'periode', header: 'Periode', kind: 'text', width: 16, about: PERIODE_ABOUT },
  { key: 'usk_fra', header: 'USK fra', kind: 'date', width: 11, about: 'Første USK-dato for oppholdet innenfor radens periode (ikke nødvendigvis oppholdets første)' },
  { key: 'usk_til', header: 'USK til', kind: 'date', width: 11, about: 'Siste USK-dato for oppholdet innenfor radens periode; datoene imellom kan høre til to USK-perioder (se dageksporten)' },
  { key: 'opphold_fra', header: 'Oppholdets USK fra', kind: 'date', width: 11, about: 'Oppholdets første USK-dato, også før radens periode (DIPS eller HN-LIS, den tidligste)' },
  { key: 'opphold_til', header: 'Oppholdets USK til', kind: 'date', width: 11, about: 'Oppholdets siste USK-dato, også etter radens periode (uttrekkets dato for et pågående opphold)' },
  { key: 'status', header: 'Status', kind: 'text', width: 16, text: STATUS_TEXT,
    about: 'Avstemmingen av oppholdet, den første som gjelder: ukjent opphold (faktura uten kjent opphold), ikke fakturert, differanse (fakturerte døgn ≠ betalbare døgn), beløpsavvik (døgnene stemmer, men beløpet avviker mer enn 1 kr fra betalbare døgn × årets nasjonale døgnpris), kreditert (en kreditlinje, og raden stemmer), kun i DIPS, kun i HN-LIS, OK' },
  { key: 'pagaende', header: 'Pågående', kind: 'bool', about: 'Ja når pasienten fortsatt var USK ved uttrekkets tidspunkt: døgnene kan bli flere. Tom for en faktura uten kjent opphold' },
  { key: 'dips_dogn', header: 'DIPS-døgn', kind: 'int', about: 'USK-døgn slik DIPS-rapporten oppgir dem' },
  ...DAY_COLUMNS,
  { key: 'fakturert', header: MEASURE_LABEL.fakturert!, kind: 'int', about: MEASURE_ABOUT.fakturert! },
  { key: 'differanse', header: MEASURE_LABEL.differanse!, kind: 'int', about: MEASURE_ABOUT.differanse! },
  { key: 'belop', header: 'Fakturert beløp (kr)', kind: 'kr', width: 16, about: MEASURE_ABOUT.belop! },
  { key: 'forventet_belop', header: 'Forventet beløp (kr)', kind: 'kr', width: 16, about: MEASURE_ABOUT.forventet_belop! },
  { key: 'fakturanr', header: 'Fakturanr', kind: 'text', width: 24, about: 'Fakturaene med linjer for oppholdet' },
];


/**
 * The day export (query/day-rows.ts): one row per stay × date. The stay id only, never the patient
 * pseudonym: day rows joined on a patient would make a timeline no per-stay view gives.
 */
export const DAY_ROW_COLUMNS: Column<keyof DayRow>[] = [
  { key: 'stay_id', header: 'Oppholds-ID', kind: 'text', width: 16, about: 'Sykehusets id for oppholdet (som i DIPS og HN-LIS)' },
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11, about: KOMMUNENR },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24, about: 'Kommunens navn' },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME, about: 'Oppholdets fagområde: somatikk, psykisk helsevern eller TSB' },
  { key: 'periode_nr', header: 'USK-periode', kind: 'int', about: 'Periodens nummer i oppholdet (1, 2, … i tidsrekkefølge; en ny periode etter avmelding)' },
  { key: 'dato', header: 'Dato', kind: 'date', width: 11, about: 'Kalenderdatoen' },
  { key: 'kategori', header: 'Kategori', kind: 'text', width: 28, text: CATEGORY_LABEL, about: 'Hva døgnet er etter regelsettet: betalbart, eller hvorfor ikke (se kolonnene med samme navn i avstemmingen)' },
  { key: 'timer', header: 'USK-timer', kind: 'hours', about: 'Timer av datoen pasienten var USK (23 eller 25 på dagene sommertid begynner og slutter). 0 på døgn «Uten tidspunkt»: DIPS oppgir bare datoer, så timene er ukjente og telles ikke' },
  { key: 'betalbare_timer', header: 'Timer i betalingsvinduet', kind: 'hours', about: 'Timer av datoen i betalingsvinduet (fra varsel til kommunen kan ta imot, etter regelsettet): grunnlaget for timebaserte døgn. Også på døgn som ikke er betalbare (første døgn, under terskelen), der de ikke telles' },
  { key: 't_ready', header: 'Utskrivningsklar', kind: 'datetime', width: 17, about: 'Når pasienten ble meldt utskrivningsklar (periodens start), norsk tid' },
  { key: 't_notified', header: 'Varslet', kind: 'datetime', width: 17, about: 'Når kommunen ble varslet, norsk tid; tom uten varsel' },
  { key: 't_municipality_ready', header: 'Kommunen kan ta imot', kind: 'datetime', width: 17, about: 'Når kommunen sa at den kan ta imot pasienten, norsk tid; tom om den ikke sa det' },
  { key: 't_end', header: 'USK slutt', kind: 'datetime', width: 17, about: 'Når perioden sluttet (utskrevet eller avmeldt), eller uttrekkets tidspunkt for en pågående' },
];

/** The workbook's «Fakturalinjer»: every invoice line of the selection as loaded (query/invoice-lines.ts). */
export const INVOICE_LINE_COLUMNS: Column<keyof InvoiceLine>[] = [
  { key: 'fakturanr', header: 'Fakturanr', kind: 'text', width: 14, about: 'Fakturanummeret, som i fakturafilen' },
  { key: 'fakturadato', header: 'Fakturadato', kind: 'date', width: 11, about: 'Fakturaens dato' },
  { key: 'kommunenr', header: 'Kommunenr', kind: 'text', width: 11, about: KOMMUNENR },
  { key: 'kommune', header: 'Kommune', kind: 'text', width: 24, about: 'Kommunens navn' },
  { key: 'stay_id', header: 'Oppholds-ID', kind: 'text', width: 16, about: 'Oppholdet linjen gjelder; tom for en linje uten opphold' },
  { key: 'kjent_opphold', header: 'Kjent opphold', kind: 'bool', about: 'Ja når oppholdet finnes i DIPS eller HN-LIS; Nei: «Ukjent opphold» i avstemmingen' },
  { key: 'fagomrade', header: 'Fagområde', kind: 'text', width: 22, text: CARE_AREA_NAME, about: 'Linjens fagområde (somatikk når filen ikke oppgir det)' },
  { key: 'periode', header: 'Periode', kind: 'text', width: 10, about: 'Måneden linjen telles i: måneden Fra dato ligger i' },
  { key: 'fra', header: 'Fra dato', kind: 'date', width: 11, about: 'Første døgn linjen fakturerer' },
  { key: 'til', header: 'Til dato', kind: 'date', width: 11, about: 'Siste døgn linjen fakturerer' },
  { key: 'dogn', header: 'Antall døgn', kind: 'int', about: 'Fakturerte døgn; negativt på en kreditlinje (også når filen skrev det uten minus)' },
  { key: 'sats', header: 'Døgnpris i fakturaen (kr)', kind: 'kr', width: 14, summed: false, about: 'Døgnprisen fakturafilen oppgir; tom om den ikke gjør det' },
  { key: 'belop', header: 'Beløp (kr)', kind: 'kr', width: 14, about: 'Linjens beløp; negativt på en kreditlinje' },
  { key: 'type', header: 'Type', kind: 'text', width: 11, text: { faktura: 'Faktura', kreditnota: 'Kreditnota' }, about: 'Faktura eller kreditnota, som filen oppgir' },
  { key: 'nasjonal_sats', header: 'Nasjonal døgnpris (kr)', kind: 'kr', width: 14, summed: false, about: 'Den nasjonale døgnprisen for året Fra dato ligger i (se «Regelsett og data»)' },
  { key: 'belop_avvik', header: 'Beløp − døgn × nasjonal pris (kr)', kind: 'kr', width: 16, about: 'Hvor mye beløpet avviker fra antall døgn ganget med nasjonal døgnpris: 0 når linjen er priset etter satsen; tom uten sats. En linje over et årsskifte der døgnene er datoene (30.12–02.01, 4 døgn) prises dag for dag etter hvert års sats' },
];

/** The workbook's «Avviste rader»: rows of the municipality and months that were not loaded (query/rejected.ts). */
export const REJECTED_ROW_COLUMNS: Column<keyof RejectedRow>[] = [
  { key: 'periode', header: 'Periode', kind: 'text', width: 10, about: 'Måneden raden gjelder' },
  { key: 'kommunenr', header: 'Kommunenr (registrert)', kind: 'text', width: 11, about: 'Kommunenummeret som står i raden' },
  { key: 'fil', header: 'Fil', kind: 'text', width: 30, about: 'Filen raden sto i, slik den ble lest inn' },
  { key: 'profil', header: 'Kilde', kind: 'text', width: 16, about: 'Filtypen: dips-usk (DIPS-rapporten), hnlis-hendelser (HN-LIS) eller faktura' },
  { key: 'innlest', header: 'Lest inn', kind: 'datetime', width: 17, about: 'Når filen ble lest inn, norsk tid' },
  { key: 'linje', header: 'Linje', kind: 'int', about: 'Linjen i filen (i et regneark: raden)' },
  { key: 'kolonne', header: 'Kolonne', kind: 'text', width: 18, about: 'Kolonnen med feilen; tom når hele raden er feil' },
  { key: 'rad', header: 'Raden', kind: 'text', width: 50, about: 'Det som identifiserer raden og tallene i den, så langt de kunne leses (for en fakturalinje: fakturanummer, opphold, fra dato, type, antall døgn og beløp); identifikatorer maskert' },
  { key: 'verdi', header: 'Verdi', kind: 'text', width: 18, about: 'Verdien som sto der; fødselsnumre og andre identifikatorer maskert' },
  { key: 'grunn', header: 'Grunn', kind: 'text', width: 60, about: 'Hvorfor raden ikke ble lastet, og hva som var forventet. En rad med feil i to kolonner står to ganger; en rad i flere overlappende uttrekk står én gang per fil' },
];
