/**
 * The query layer's public boundary: the shapes that the CLI, the server and the notebooks use.
 * zod schemas are the single source of truth; types are inferred from them. Implementations live
 * in this folder (index.ts re-exports them); consumers import only from './index.ts'.
 */
import { z } from 'zod';
import { BRIDGE_CATEGORIES, type BridgeCategory } from './categories.ts';

export { BRIDGE_CATEGORIES, EXCLUDED_CATEGORIES, bridgeSum } from './categories.ts';

/** A care area (fagområde) as the data hold it: somatic care, mental health care, substance-abuse treatment. */
export const Fagomrade = z.enum(['somatikk', 'psykisk-helsevern', 'tsb']);
export type Fagomrade = z.infer<typeof Fagomrade>;
/** «Psykiatri» in reports: psykisk helsevern and TSB together (domain.md glossary). */
export const PSYKIATRI: readonly Fagomrade[] = ['psykisk-helsevern', 'tsb'];

/** Care-area filter slugs. 'psykiatri' = psykisk-helsevern + tsb; 'alle' = everything in one row. */
export const FagomradeFilter = z.enum([...Fagomrade.options, 'psykiatri', 'alle']);
export type FagomradeFilter = z.infer<typeof FagomradeFilter>;

/**
 * A month as ÅÅÅÅ-MM, in the years 1900–2199: USK payment began in 2012, and a year outside that
 * span is a typo. Unbounded, 0000-01 reached SQL's date arithmetic (year −1: a 500) and named two
 * thousand rateless years on every export row.
 */
export const YearMonth = z.string().regex(/^(19|2[01])\d{2}-(0[1-9]|1[0-2])$/, 'forventet ÅÅÅÅ-MM (år 1900–2199)');
export const Kommunenr = z.string().regex(/^\d{4}$/, 'forventet fire siffer');

/** The rule set used when none is named: «Fakturagrunnlag (UNN-praksis)», domain.md's default. */
export const DEFAULT_RULE_SET = 'fakturagrunnlag';

/** A rule set's parameters (domain.md "Rule sets"). */
export const RuleParams = z.object({
  firstDayFree: z.boolean(),
  minHoursPerDay: z.number().min(0).max(24),
  /** Days before notification are excluded (ikke_varslet). Off in the DIPS preset. */
  notificationGate: z.boolean(),
  /** Days from municipality-ready on are excluded (kommune_klar). Off in the DIPS preset. */
  municipalityReadyGate: z.boolean(),
  /**
   * Which figure the rule set puts first: 'betalbar' (days; default) or 'timebasert' (hour-based
   * days). Only presentation: both figures are always computed. The "Timebasert" preset says
   * 'timebasert'. Added by issue 3 (optional, so existing callers are unaffected).
   */
  headline: z.enum(['betalbar', 'timebasert']).optional(),
});
export type RuleParams = z.infer<typeof RuleParams>;

export const RuleSet = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/), // slug, e.g. 'fakturagrunnlag'
  name: z.string().min(1), // display name, e.g. 'Fakturagrunnlag (UNN-praksis)'
  version: z.number().int().positive(),
  params: RuleParams,
  preset: z.boolean(),
  createdAt: z.string(),
});
export type RuleSet = z.infer<typeof RuleSet>;

/** Filters and grouping shared by reconcile(), stays() and the exports. */
export const ReconcileQuery = z.object({
  rules: z.string().default(DEFAULT_RULE_SET), // rule-set id
  firstDayFree: z.boolean().optional(), // overrides on top of the rule set
  minHours: z.number().min(0).max(24).optional(),
  from: YearMonth.optional(),
  to: YearMonth.optional(),
  by: z.enum(['month', 'year', 'period']).default('month'), // 'period' = one row for from..to
  group: z.enum(['current', 'registered']).default('current'),
  kommune: Kommunenr.optional(),
  fagomrade: FagomradeFilter.optional(), // absent = one row per care area with data
});
export type ReconcileQuery = z.input<typeof ReconcileQuery>;

/**
 * The bridge from registered to payable days (domain.md "Day classification"); always
 * registrert = the sum of BRIDGE_CATEGORIES (categories.ts, bridgeSum), betalbar last.
 */
const DayCounts = {
  registrert: z.number(),
  ...(Object.fromEntries(BRIDGE_CATEGORIES.map((c) => [c, z.number()])) as Record<BridgeCategory, z.ZodNumber>),
  timebasert: z.number(), // hour-based days: timer / 24, not rounded for display (README decision 9)
};

/** One reconciliation row (domain.md "Reconciliation"); keys are the export's JSON keys. */
export const ReconciliationRow = z.object({
  kommunenr: z.string(),
  kommune: z.string(),
  fagomrade: z.string(),
  periode: z.string(), // 'YYYY-MM', 'YYYY' or 'YYYY-MM–YYYY-MM'
  ...DayCounts,
  timer: z.number(),
  fakturert: z.number(),
  differanse: z.number(), // fakturert − betalbar
  belop: z.number(),
  forventet_belop: z.number().nullable(), // null where a rate is missing
});
export type ReconciliationRow = z.infer<typeof ReconciliationRow>;

export const StayStatus = z.enum(['ok', 'ikke-fakturert', 'ukjent-opphold', 'kun-i-hnlis', 'kun-i-dips', 'kreditert', 'differanse', 'belopsavvik']);

/** Per-stay detail behind a reconciliation: the stay id, no patient pseudonym (stays-sql.ts says why). */
export const StayRow = z.object({
  stay_id: z.string().nullable(), // null for invoice lines without a stay
  kommunenr: z.string(),
  kommune: z.string(),
  fagomrade: z.string(),
  periode: z.string(),
  usk_fra: z.string().nullable(), // YYYY-MM-DD: the stay's first USK date in the row's period, null for an unknown stay
  usk_til: z.string().nullable(), // its last USK date in the row's period (the as-of date while pågående)
  opphold_fra: z.string().nullable(), // the stay's first USK date, any period (DIPS or HN-LIS, the wider); null for an unknown stay
  opphold_til: z.string().nullable(), // its last USK date
  fakturanr: z.string(), // the stay's invoice numbers in this row's period, ', '-separated; '' when none
  dips_dogn: z.number().nullable(),
  ...DayCounts,
  fakturert: z.number(),
  differanse: z.number(),
  belop: z.number(),
  forventet_belop: z.number().nullable(), // payable days × the national rate of each month's year; null when a year has no rate
  pagaende: z.boolean().nullable(), // USK period still open at as-of; null for an invoice line without a known stay
  status: StayStatus,
});
export type StayRow = z.infer<typeof StayRow>;

export const DayCategory = z.enum(BRIDGE_CATEGORIES);
export type DayCategory = z.infer<typeof DayCategory>;

/** One stay's days with their categories and events, for the stay strip. */
export const StayDay = z.object({
  stay_id: z.string(),
  period_no: z.number(),
  dato: z.string(), // YYYY-MM-DD
  timer: z.number(),
  betalbare_timer: z.number(),
  category: DayCategory,
  events: z.array(z.object({ code: z.string(), at: z.string() })),
});
export type StayDay = z.infer<typeof StayDay>;

export const Finding = z.object({
  code: z.string(), // e.g. 'dips-avvik', 'null-lengde', 'hendelse-utenfor-periode'
  title: z.string(), // the code's short Norwegian title (query/finding-titles.ts)
  severity: z.enum(['info', 'advarsel', 'feil']),
  stay_id: z.string().nullable(),
  kommunenr: z.string().nullable(),
  periode: z.string().nullable(),
  message: z.string(), // Norwegian
});
export type Finding = z.infer<typeof Finding>;

/** monthFacts(): one month of stays and patients against the previous month and a year before. */
export const MonthFactsQuery = z.object({
  month: YearMonth,
  fagomrade: FagomradeFilter.default('alle'),
  /** Current or historical number; selects every number with the same 2024 successor. */
  kommune: Kommunenr.optional(),
});
export type MonthFactsQuery = z.input<typeof MonthFactsQuery>;

/**
 * One month's facts (pipelines/query/README.md "Månedsoversikt"):
 * - opphold: stays with at least one registered USK day in the month;
 * - pasienter: distinct patients of those stays (a stay without a DIPS pseudonym counts as one patient);
 * - usk_na: USK periods open at the end of the month, or at the HN-LIS as-of if that is earlier;
 * - median_usk_dogn: median registered days of the USK periods that ended (code 4 or discharge) in
 *   the month, null when none ended; avsluttede_perioder is how many that median is taken over.
 */
export const MonthFact = z.object({
  month: z.string(), // YYYY-MM
  opphold: z.number(),
  pasienter: z.number(),
  usk_na: z.number(),
  median_usk_dogn: z.number().nullable(),
  avsluttede_perioder: z.number(),
});
export type MonthFact = z.infer<typeof MonthFact>;

export const MonthFactKey = z.enum(['opphold', 'pasienter', 'usk_na', 'median_usk_dogn']);
export type MonthFactKey = z.infer<typeof MonthFactKey>;

/**
 * The difference now − before, and as a share of before (null when before is 0 or missing); both
 * null, with `reason`, when the months are not compared (comparable.ts): `ingen-data` for a month
 * the data do not reach (unknown, not 0), `ufullstendig` when the month under review is incomplete.
 */
export const FactChange = z.object({ diff: z.number().nullable(), share: z.number().nullable(), reason: z.enum(['ingen-data', 'ufullstendig']).optional() });
export type FactChange = z.infer<typeof FactChange>;

export const MonthFacts = z.object({
  month: z.string(),
  fagomrade: FagomradeFilter,
  kommune: z.string().nullable(),
  /** The HN-LIS as-of (local 'YYYY-MM-DDTHH:MM', meta.ts dataAsOf's `events`, «Data per»'s HN-LIS): open periods are counted at it when it comes before the month's end. */
  asOf: z.string().nullable(),
  current: MonthFact,
  previous: MonthFact,
  lastYear: MonthFact,
  /** Per fact: the chosen month against the previous month and against the same month last year. */
  changes: z.record(MonthFactKey, z.object({ previous: FactChange, lastYear: FactChange })),
});
export type MonthFacts = z.infer<typeof MonthFacts>;

/** Latest as-of per source kind, local time 'YYYY-MM-DDTHH:MM' (null when nothing of it is loaded). */
export const DataAsOf = z.object({
  periods: z.string().nullable(), // DIPS
  events: z.string().nullable(), // HN-LIS
  invoices: z.string().nullable(), // faktura
});
export type DataAsOf = z.infer<typeof DataAsOf>;

/** A municipality number that occurs in the data, as registered, with its 2024 successor. */
export const KommuneMeta = z.object({
  kommunenr: z.string(),
  navn: z.string(),
  current_nr: z.string(),
  current_navn: z.string(),
  valid_from: z.number().nullable(),
  valid_to: z.number().nullable(),
});
export type KommuneMeta = z.infer<typeof KommuneMeta>;

/** What the data hold, for pickers and «Data per» (query/meta.ts). */
export const Metadata = z.object({
  months: z.array(z.string()), // YYYY-MM with any registered day or invoice line
  years: z.array(z.number()),
  rateYears: z.array(z.number()).describe('År med nasjonal døgnpris (data/reference/dognpriser.csv); et år uten har manglende forventet beløp, aldri 0'),
  kommuner: z.array(KommuneMeta).describe('Hvert kommunenummer i dataene, med 2024-etterfølgeren'),
  fagomrader: z.array(z.string()),
  ruleSets: z.array(RuleSet),
  asOf: DataAsOf.describe('Data per kilde: DIPS, HN-LIS, faktura'),
  dataVersion: z.number(),
});
export type Metadata = z.infer<typeof Metadata>;
