/**
 * Exports of the reconciliation and the per-stay detail as JSON, CSV (Norwegian Excel) or XLSX, and
 * of the workbook's per-line sheets (invoice lines, rows not loaded) as CSV or JSON of their own.
 * Thin: every figure comes from the query layer; this module only lays it out and names the rule
 * set, data as-of and months that produced it (domain.md: "Every report and export names the rule set").
 */
import type { UskDb } from '../db/open.ts';
import { dataAsOfText, formatDate, formatDateTime, formatKroner, sourceAsOfText } from '../format/index.ts';
import {
  dataAsOf, dataVersion, invoiceLines, QueryInputError, reconcile, rejectedCountsFor, rejectedRowsFor, resolveRules, stays, type DataAsOf, type EffectiveRules,
  type RejectedCounts,
  type ReconcileQuery,
} from '../query/index.ts';
import { paymentStarts } from '../reference/load.ts';
import {
  CARE_AREA_NAME, columnsFor, deductsDays, GROUPING_LABEL, INVOICE_LINE_COLUMNS, RECONCILIATION_COLUMNS, REJECTED_ROW_COLUMNS, STAY_COLUMNS, UNDEDUCTED_LABEL,
  type Column,
} from './columns.ts';
import { toCsv } from './csv.ts';
import { jsonEnvelope, jsonText } from './json.ts';
import { exportSelection, type ExportSelection } from './selection.ts';
import { assertFitsSheet, reconciliationWorkbook, type AboutLine, type SummaryRow } from './xlsx.ts';

export type ExportFormat = 'json' | 'csv' | 'xlsx';
export type ExportKind = 'reconciliation' | 'stays' | 'invoices' | 'rejects';

/**
 * The workbook's per-line sheets as files of their own (a CSV is one table): «Fakturalinjer» and
 * «Avviste rader», the same rows from the same queries. Not as XLSX: the reconciliation's workbook
 * has them, and one of these would hold the whole workbook, stays and all, as the stays' does.
 */
export const LINE_KINDS = ['invoices', 'rejects'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export const isLineKind = (kind: ExportKind): kind is LineKind => (LINE_KINDS as readonly string[]).includes(kind);
const LINE_SHEET: Record<LineKind, string> = { invoices: 'Fakturalinjer', rejects: 'Avviste rader' };

/** Where a CSV says the rows not loaded are listed («Avviste rader»), beside how many there are. */
const REJECTS_LISTED = 'listet i avstemmingens XLSX-fil (arket «Avviste rader»), i eksporten av avviste rader og i Datakvalitet';

/**
 * An aggregate for publication, its small numbers suppressed (server/queries/exports.ts: the rule
 * is the server's, minCount and secondary suppression): its rows, null where suppressed and each
 * naming what was (prikket), and the suppression in words. Laid out here like every export.
 */
export interface SuppressedSummary {
  rows: readonly (SummaryRow & { prikket: readonly string[] })[];
  /** The minimum a count had to reach to be shown (0: nothing suppressed). */
  minCount: number;
  /** What was done, for the CSV's column and the workbook's sheet: «tall under 5 er prikket». */
  note: string;
  /** Per-stay rows in the workbook: an analyst's may have them, a publication never. */
  withStays: boolean;
}

export interface ExportOptions {
  /**
   * The reconciliation as a publication has it, for the query the export runs (its end month
   * filled in by exportSelection), instead of the plain one (only for kind 'reconciliation').
   */
  suppress?: (query: ReconcileQuery) => Promise<SuppressedSummary>;
}

export interface ExportResult {
  content: string | Buffer;
  rows: number;
  rules: EffectiveRules;
  asOf: DataAsOf;
  /** The query that ran: the one asked for, its end month filled in when none was given. */
  query: ReconcileQuery;
  selection: ExportSelection;
  /** A workbook's per-line sheets and their rows, for the audit log: what left beside the summary. */
  sheets?: { opphold: number; fakturalinjer: number; avvisteVerdier: number };
}

const yesNo = (b: boolean) => (b ? 'Ja' : 'Nei');

/** Rows cut to a sheet's columns, in their order. */
const sheetColumns = <R extends object, K extends Extract<keyof R, string>>(rows: readonly R[], columns: readonly Column<K>[]): Pick<R, K>[] =>
  rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, r[c.key]])) as Pick<R, K>);

/**
 * When each care area's payment obligation began, as the reference data the figures were made with
 * say ('Somatikk 01.01.2012, Psykisk helsevern 01.01.2019, TSB 01.01.2019'): the file can be edited,
 * and a reader holding the workbook must see which dates «Før betalingsplikt» stands on.
 */
async function paymentStartText(db: UskDb): Promise<string> {
  const rows = await paymentStarts(db);
  return rows.map((r) => `${CARE_AREA_NAME[r.fagomrade] ?? r.fagomrade} ${formatDate(r.from_date)}`).join(', ') || 'ingen';
}

/**
 * The national day rate of each year the selection covers, with where it comes from ('2022: 5 306 kr,
 * 2023: 5 508 kr (Helsedirektoratet, døgnpris for utskrivningsklare pasienter)'): «Forventet beløp»
 * stands on it, and a municipality asks which rate first. A year without a rate says so (years in a
 * row without one, as one span), and that only its days lack an amount: a year without days adds
 * nothing, so a period row over it has one (query/README.md decision 12).
 */
async function rateText(db: UskDb, selection: ExportSelection): Promise<string> {
  if (!selection.from || !selection.to) return 'ingen måneder valgt';
  const from = Number(selection.from.slice(0, 4));
  const to = Number(selection.to.slice(0, 4));
  const rates = await db.json<{ year: number; rate: number; source: string | null }>(
    'SELECT year, rate::DOUBLE AS rate, source FROM ref_rate WHERE year BETWEEN $from AND $to ORDER BY year', { from, to });
  const byYear = new Map(rates.map((r) => [r.year, r]));
  const sources = [...new Set(rates.map((r) => r.source).filter((s): s is string => !!s))];
  // Years in a row without a rate are named as one span ('2010–2018: ingen sats …'): the text is
  // repeated on every CSV row (the day export's millions), and a selection from 0000-01 would
  // otherwise name two thousand years on each.
  const parts: string[] = [];
  for (let y = from; y <= to; y++) {
    const rate = byYear.get(y);
    if (rate) {
      parts.push(`${y}: ${formatKroner(rate.rate)}`);
      continue;
    }
    let last = y;
    while (last < to && !byYear.has(last + 1)) last++;
    parts.push(`${last > y ? `${y}–${last}` : y}: ingen sats (forventet beløp mangler der det er døgn)`);
    y = last;
  }
  return parts.join(', ') + (sources.length ? ` (${sources.join('; ')})` : '');
}

/**
 * What «Avviste rader» holds, and what it cannot: rows no municipality's file can list (municipality
 * unreadable or unknown, month unreadable) are counted, so a municipality does not think it has seen
 * every row that was dropped.
 */
export function rejectedText(r: RejectedCounts, listedIn = 'i arket «Avviste rader»'): string {
  const rows = (n: number) => (n === 1 ? '1 avvist rad' : `${n} avviste rader`);
  const own = r.rowCount === 0
    ? 'ingen avviste rader i utvalgets kommuner og måneder'
    : `${rows(r.rowCount)} i utvalgets kommuner og måneder${r.values > r.rowCount ? ` (${r.values} avviste verdier)` : ''}, ${listedIn}`;
  const more = [
    r.unattributed ? `${rows(r.unattributed)} i de samme månedene med et kommunenummer som ikke kunne leses eller ikke finnes` : '',
    r.undated ? `${rows(r.undated)} der måneden ikke kunne leses` : '',
  ].filter(Boolean);
  return more.length ? `${own}; dessuten ${more.join(', og ')}, som ingen kommunes fil kan vise (sykehuset ser dem i Datakvalitet)` : own;
}

/** The lines of the "Regelsett og data" sheet: rule set, parameters, filters, months, data as-of. */
export async function describeExport(db: UskDb, selection: ExportSelection, rules: EffectiveRules, asOf: DataAsOf): Promise<AboutLine[]> {
  const p = rules.params;
  return [
    { label: 'Regelsett', value: rules.label },
    { label: 'Regelsett-id', value: `${rules.ruleSet.id}@${rules.ruleSet.version}` },
    { label: 'Første USK-døgn fritt', value: yesNo(p.firstDayFree) },
    { label: 'Minste antall timer per døgn', value: p.minHoursPerDay },
    { label: 'Varsling kreves (ikke varslet holdes utenfor)', value: yesNo(p.notificationGate) },
    { label: 'Betaling stopper når kommunen kan ta imot', value: yesNo(p.municipalityReadyGate) },
    { label: 'Hovedtall', value: p.headline === 'timebasert' ? 'Timebaserte døgn' : deductsDays(p) ? 'Betalbare døgn' : `${UNDEDUCTED_LABEL.betalbar} (regelsettet trekker ingen døgn fra)` },
    { label: 'Betalingsplikt fra (døgnene før: «Før betalingsplikt», i alle regelsett)', value: await paymentStartText(db) },
    { label: `Nasjonal døgnpris (forventet beløp = ${deductsDays(p) ? 'betalbare' : 'regelsettets'} døgn × årets sats)`, value: await rateText(db, selection) },
    { label: 'Kommunegruppering', value: GROUPING_LABEL[selection.group] },
    { label: 'Periodeinndeling', value: { month: 'Måned', year: 'År', period: 'Hele perioden' }[selection.by] },
    { label: 'Utvalg', value: selection.text },
    { label: 'Kommune', value: selection.kommune ?? 'alle' },
    { label: 'Fagområde', value: selection.fagomrade ?? 'hvert fagområde for seg' },
    { label: 'DIPS-data per', value: sourceAsOfText(asOf.periods) },
    { label: 'HN-LIS-data per', value: sourceAsOfText(asOf.events) },
    { label: 'Fakturadata per', value: sourceAsOfText(asOf.invoices) },
    { label: 'Dataversjon (siste innleste fil)', value: await dataVersion(db) },
    // Norwegian time, as every other time in the workbook (sv-SE gives ISO-shaped local time).
    { label: 'Laget', value: formatDateTime(new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Oslo' })) },
  ];
}

/**
 * The constant columns every CSV row carries, so that a file read on its own says what produced
 * it: the rule set (with any override), the municipality grouping (the two give different rows for
 * merged municipalities), the months selected (a year row of a selection that starts in July holds
 * half a year; an incomplete last month is named), how fresh each source is, the data version
 * (the workbook's «Dataversjon»), which ties the file to one state of the database, the day rates
 * «Forventet beløp» stands on, and the rows of the selection that were not loaded (the workbook's
 * «Avviste rader» sheet lists them; a CSV can only say how many).
 */
export async function csvContext(
  db: UskDb, selection: ExportSelection, rules: EffectiveRules, asOf: DataAsOf, query: ReconcileQuery, options: { rejected?: boolean; rejectsListed?: string } = {},
): Promise<Record<string, string>> {
  return {
    Regelsett: rules.label,
    Kommunegruppering: GROUPING_LABEL[selection.group],
    Utvalg: selection.text,
    'Data per': dataAsOfText(asOf),
    Dataversjon: String(await dataVersion(db)),
    'Nasjonal døgnpris': await rateText(db, selection),
    ...(options.rejected === false ? {} : { 'Avviste rader': rejectedText(await rejectedCountsFor(db, query), options.rejectsListed ?? REJECTS_LISTED) }),
  };
}

/**
 * One export of `kind` in `format`. The months are decided first (exportSelection: without an end
 * month, up to the last complete one), and every format names them with the rule set and as-of.
 * With options.suppress the reconciliation's summary is the published one (CSV and XLSX say the
 * suppression, JSON rows keep their «prikket»).
 */
export async function exportData(db: UskDb, kind: ExportKind, input: ReconcileQuery, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
  if (options.suppress && kind !== 'reconciliation') throw new QueryInputError('bare avstemmingen kan eksporteres med prikking');
  if (format === 'xlsx' && isLineKind(kind)) {
    throw new QueryInputError(`${LINE_SHEET[kind]} eksporteres som CSV eller JSON; som XLSX er de arket «${LINE_SHEET[kind]}» i avstemmingens arbeidsbok`);
  }
  const asOf = await dataAsOf(db);
  const { query: q, selection } = await exportSelection(db, input, asOf);
  const rules = await resolveRules(db, q);
  const suppressed = options.suppress ? await options.suppress(q) : undefined;
  const done = (content: string | Buffer, rows: number): ExportResult => ({ content, rows, rules, asOf, query: q, selection });
  // The suppressed rows in the writers' shape: what was suppressed is said by the Prikking column or line.
  const published = suppressed?.rows.map(({ prikket: _p, ...r }): SummaryRow => r);
  if (format === 'xlsx') {
    const summary: readonly SummaryRow[] = published ?? await reconcile(db, q, { everyMonth: true });
    const perStay = !suppressed || suppressed.withStays;
    const detail = perStay ? await stays(db, q) : [];
    assertFitsSheet(detail.length, 'opphold');
    // The lines a controller holds against the invoices received, and the rows of the municipality
    // that were not loaded: per stay and per value, so never in a publication.
    const invoices = perStay ? await invoiceLines(db, q) : undefined;
    assertFitsSheet(invoices?.length ?? 0, 'fakturalinjer');
    const rejected = perStay ? await rejectedRowsFor(db, q) : undefined;
    assertFitsSheet(rejected?.rows.length ?? 0, 'avviste verdier');
    const about = [
      ...(await describeExport(db, selection, rules, asOf)),
      ...(rejected ? [{ label: 'Avviste rader (ikke lastet, ikke med i tallene)', value: rejectedText(rejected) }] : []),
      ...(suppressed ? [{ label: 'Prikking', value: suppressed.note }] : []),
    ];
    const content = await reconciliationWorkbook({ summary, stays: detail, about, params: rules.params, ...(invoices ? { invoices } : {}), ...(rejected ? { rejected: rejected.rows } : {}) });
    const sheets = { opphold: detail.length, fakturalinjer: invoices?.length ?? 0, avvisteVerdier: rejected?.rows.length ?? 0 };
    return { ...done(content, kind === 'stays' ? detail.length : summary.length), sheets };
  }
  const suppression = suppressed ? { minCount: suppressed.minCount, note: suppressed.note } : null;
  const json = async <R extends object>(rows: readonly R[]): Promise<string> => jsonText(await jsonEnvelope(db, { kind, rules, asOf, selection, suppression }, rows));
  // The CSV's constant columns only for a CSV: the workbook and JSON say the same in their own places.
  // A publication leaves out the count of rows not loaded, as its workbook leaves out their sheet:
  // the count is not suppressed, and the rows it points to are not published.
  const csv = async <R extends object>(rows: readonly R[], columns: readonly Column<Extract<keyof R, string>>[], rejectsListed?: string): Promise<string> =>
    toCsv(rows, columns, {
      ...(await csvContext(db, selection, rules, asOf, q, { rejected: !suppressed, ...(rejectsListed ? { rejectsListed } : {}) })),
      ...(suppressed ? { Prikking: suppressed.note } : {}),
    });
  if (suppressed && published) {
    // JSON rows name what was suppressed in each (prikket); CSV has it in the Prikking column.
    const content = format === 'json' ? await json(suppressed.rows) : await csv(published, columnsFor(RECONCILIATION_COLUMNS, rules.params));
    return done(content, suppressed.rows.length);
  }
  if (kind === 'reconciliation') {
    const rows = await reconcile(db, q, { everyMonth: true });
    return done(format === 'json' ? await json(rows) : await csv(rows, columnsFor(RECONCILIATION_COLUMNS, rules.params)), rows.length);
  }
  // The rows the workbook's sheets hold, from the same queries: nothing it would not show.
  // JSON rows keep the sheet's columns only (a rejected row's batch id is no column of it).
  if (kind === 'invoices') {
    const rows = await invoiceLines(db, q);
    return done(format === 'json' ? await json(sheetColumns(rows, INVOICE_LINE_COLUMNS)) : await csv(rows, INVOICE_LINE_COLUMNS), rows.length);
  }
  if (kind === 'rejects') {
    const { rows } = await rejectedRowsFor(db, q);
    return done(format === 'json' ? await json(sheetColumns(rows, REJECTED_ROW_COLUMNS)) : await csv(rows, REJECTED_ROW_COLUMNS, 'listet i denne filen'), rows.length);
  }
  const rows = await stays(db, q);
  return done(format === 'json' ? await json(rows) : await csv(rows, columnsFor(STAY_COLUMNS, rules.params)), rows.length);
}

export { toCsv } from './csv.ts';
export { reconciliationWorkbook, type SummaryRow } from './xlsx.ts';
export { RECONCILIATION_COLUMNS, STAY_COLUMNS } from './columns.ts';
export { jsonExport, type JsonExport } from './json.ts';
export { ExportSelection, exportSelection } from './selection.ts';
