/**
 * Avstemming for one municipality and period: bridge, month table, the stays behind it (paged), downloads.
 *
 * Grouping: Avstemming always reconciles per today's municipality (group=current), whatever
 * «Kommunegruppering» says in Kommuner. A municipality's bill covers the days registered under its
 * predecessors' numbers (Tromsø 5501 answers for 1902 and 5401), and the picker lists 2024 numbers:
 * «as registered» would silently drop those days (no 5501 row before 2024). The page says so in one line.
 */
import { formatInteger, formatKroner, formatPeriod } from '../../pipelines/format/index.ts';
import { BRIDGE_CATEGORIES } from '../../pipelines/query/categories.ts';
import type { User } from '../../server/auth/roles.ts';
import { apiUrl, getJson, type Params } from '../api/client.ts';
import { ReconciliationResponse, StayDaysResponse, StaysResponse, type PublishedRow } from '../api/schemas.ts';
import { bridgeChart } from '../charts/bridge.ts';
import { CATEGORY_COLOR } from '../charts/palette.ts';
import { categoryLabel, stayStrip, stripTable } from '../charts/strip.ts';
import { waterfall, type Segment } from '../shape/bridge.ts';
import { deductsDays, formatMeasure, headlineOf, headlineWord, measureLabel, type Headline } from '../shape/headline.ts';
import { careAreaText } from '../shape/labels.ts';
import type { RuleParams } from '../../pipelines/query/contract.ts';
import { everyMonth, expectedWithoutDays, shortPeriod, yearOf } from '../shape/months.ts';
import { pageOf, pageText, printPageText } from '../shape/paging.ts';
import { orderStays, stayOrderLabels, stayText, type StayOrder } from '../shape/stays.ts';
import { sumColumns } from '../shape/totals.ts';
import { parseState, toSearch, withChanges, type State } from '../state/url.ts';
import { h, select, status, table, type Column } from '../ui/dom.ts';
import { figure, legendList, tableToggle } from '../ui/figure.ts';
import { busyDownload } from '../ui/download.ts';
import { mayExport, maySeeStays, signedIn } from './access.ts';
import { figureParams, type Ctx } from './context.ts';
import { linkTo } from './links.ts';
import { incompleteSentence, isIncompleteMonth } from './overview-queries.ts';
import { currentParams } from './ruleset-form.ts';
import { careAreaSelect, chartCaption, currentKommuner, heading, kommuneCaption, kommuneName, monthPeriodSelects, periodWithEnds, sourceLine } from './common.ts';

/** The bridge's day columns, registered to payable (every month row: they add up to registrert). */
const DAY_COLS = ['registrert', ...BRIDGE_CATEGORIES] as const;
const SUMMED = [...DAY_COLS, 'timebasert', 'fakturert', 'differanse', 'belop', 'forventet_belop'] as const;
type MonthRow = Pick<PublishedRow, (typeof SUMMED)[number]> & { periode: string };

/**
 * The day columns the month table shows: «Før betalingsplikt» only when the selection has such days
 * (psykisk helsevern and TSB before 2019; a suppressed cell counts as having them), since for every
 * later month it is a column of zeros that would only crowd the table. A column left out is 0 in
 * every row, so the columns shown still add up to registrert.
 */
export function shownDayCols(total: Pick<MonthRow, 'ikke_betalingsplikt'>): ReadonlyArray<(typeof DAY_COLS)[number]> {
  return total.ikke_betalingsplikt === 0 ? DAY_COLS.filter((c) => c !== 'ikke_betalingsplikt') : DAY_COLS;
}

/**
 * The month table's rows: every month of the period (clipped to the data's months), a month
 * without days as zeros. A controller reads a month left out as missing data; the total is the same.
 */
export function monthRows(rows: readonly MonthRow[], from: string, to: string, dataMonths: readonly string[], rateYears: readonly number[]): MonthRow[] {
  return everyMonth(rows, from, to, dataMonths, (periode) => ({
    periode,
    ...(Object.fromEntries(SUMMED.map((c) => [c, 0])) as Record<(typeof SUMMED)[number], number>),
    forventet_belop: expectedWithoutDays(periode, rateYears, rows),
  }));
}
/** Stay strips per page. */
export const PAGE_SIZE = 25;
/**
 * Rows asked of /api/stays (the server's default limit). The API has a limit but no offset or sort,
 * and the strips are ordered here, so the browser holds the period's stays and pages them itself.
 */
const STAYS_LIMIT = 10_000;

/**
 * The municipality (a 2024 number, as the picker lists them) and period shown. A historical number
 * in the URL is shown as today's municipality; an unknown one as the default, and `note` says so
 * (the heading and the picker never disagree).
 */
export function defaultPeriod(ctx: Ctx): { kommune: string; from: string; to: string; note?: string } {
  const { meta, state } = ctx;
  const all = currentKommuner(meta).map((k) => k.value);
  const fallback = all.includes('5501') ? '5501' : (all[0] ?? '0000');
  // A period past the data's months is moved inside them, or is the whole period, as in Kommuner:
  // the heading names what the pickers show, which have only the data's months.
  const { note: periodNote, ...period } = periodWithEnds(meta, state.from, state.to);
  const notes = (kommuneNote?: string) => {
    const text = [kommuneNote, periodNote].filter(Boolean).join(' ');
    return text ? { note: text } : {};
  };
  const asked = state.kommune;
  if (!asked || all.includes(asked)) return { kommune: asked ?? fallback, ...period, ...notes() };
  const old = meta.kommuner.find((k) => k.kommunenr === asked);
  if (old && all.includes(old.current_nr)) {
    return { kommune: old.current_nr, ...period, ...notes(`Kommunenummer ${asked} (${old.navn}) er i dag ${old.current_nr} ${old.current_navn}; avstemmingen gjelder dagens kommune.`) };
  }
  return { kommune: fallback, ...period, ...notes(`Fant ikke kommunenummer ${asked}; viser ${kommuneName(meta, fallback)} (${fallback}).`) };
}

/** The files Avstemming offers: the reconciliation per month, and the workbook's two per-line sheets on their own. */
export type AvstemmingFile = 'reconciliation' | 'invoices' | 'rejects';

/**
 * A download of the page's selection (`q`: municipality, period, care area, today's numbers, rule
 * set and overrides), every file by the same parameters, so that a file never covers other months
 * or another rule set than the page beside it. The per-line files are CSV or JSON only: as XLSX
 * they are sheets of the reconciliation's workbook.
 */
export function exportUrl<K extends AvstemmingFile>(file: K, q: Params, format: K extends 'reconciliation' ? 'csv' | 'xlsx' : 'csv'): string {
  return apiUrl(`/api/exports/${file}`, { ...q, by: 'month', format });
}

/** A file the page offers: its link's text, test id and title, and whether it is made in full before it is sent (busyDownload). */
export interface Offered { href: string; label: string; testid: string; title?: string; busy?: true }

/**
 * What Avstemming shows a role beside the figures, the bridge and the month table (a leser's, as
 * /api/reconciliation is): the files and the stays, which the server gives an analytiker and an
 * admin only (every /api/exports route, a publication's too; /api/stays). One rule, so the page
 * never offers what the server refuses: a leser, often a municipality's reader, got «Last ned XLSX»
 * and «Last ned CSV», both refused, and an error where the stays were. Nothing is offered when who
 * is signed in is not known, since it would only lead to a refusal (access.ts mayExport, maySeeStays). Files: the reconciliation
 * (the workbook, with every stay, and its CSV), then the workbook's «Fakturalinjer» and «Avviste
 * rader» as CSV files of their own. The dashboard has no publication mode.
 */
export function avstemmingAccess(q: Params, user: User | null): { files: Offered[]; stays: boolean } {
  return {
    files: !mayExport(user) ? [] : [
      { href: exportUrl('reconciliation', q, 'xlsx'), label: 'Last ned XLSX', testid: 'download-xlsx', busy: true },
      { href: exportUrl('reconciliation', q, 'csv'), label: 'Last ned CSV', testid: 'download-csv' },
      { href: exportUrl('invoices', q, 'csv'), label: 'Last ned fakturalinjer (CSV)', testid: 'download-invoices-csv', title: 'Hver fakturalinje i utvalget, som arket «Fakturalinjer» i XLSX-filen' },
      { href: exportUrl('rejects', q, 'csv'), label: 'Last ned avviste rader (CSV)', testid: 'download-rejects-csv', title: 'Radene for kommunen og månedene som ikke ble lastet, som arket «Avviste rader» i XLSX-filen' },
    ],
    stays: maySeeStays(user),
  };
}

/** Said in place of the stays to whom avstemmingAccess does not give them. */
export function staysWithheld(user: User | null): string {
  return user
    ? 'Listen over oppholdene bak tallene, opphold for opphold, krever rollen analytiker.'
    : 'Listen over oppholdene bak tallene vises ikke: fikk ikke svar på hvem som er logget inn. Last inn siden på nytt.';
}

/** The offered files as links; the workbook's says «Lager arbeidsbok …» while it is made. */
function fileLinks(files: readonly Offered[]): HTMLElement[] {
  return files.flatMap((f) => {
    const a = h('a', { href: f.href, download: '', 'data-testid': f.testid, title: f.title }, f.label);
    return f.busy ? [a, busyDownload(a)] : [a];
  });
}

/** The line that says which municipality numbers the reconciliation covers (see the module comment). */
function groupingLine(ctx: Ctx, kommune: string): string {
  const older = [...new Set(ctx.meta.kommuner.filter((k) => k.current_nr === kommune && k.kommunenr !== kommune).map((k) => k.kommunenr))].sort();
  const covers = older.length ? ` og tar med døgn registrert under tidligere kommunenummer (${older.join(', ')}), som kommunens faktura dekker` : '';
  const ignored = ctx.state.group === 'registered' ? ' Valget «Slik det er registrert» i Kommuner gjelder ikke her.' : '';
  return `Avstemmingen gjelder alltid dagens kommune (2024-nummer)${covers}.${ignored}`;
}

export async function avstemming(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta, state } = ctx;
  const { kommune, from, to, note } = defaultPeriod(ctx);
  // Today's number for an old one, a period moved inside the data: the address names them, as the heading does.
  ctx.shows({ kommune, from, to });
  const name = kommuneName(meta, kommune);
  const period = from === to ? formatPeriod(from) : `${formatPeriod(from)}–${formatPeriod(to)}`;
  // group: 'current' always (see the module comment), whatever the URL's gruppering says.
  const q = { ...figureParams(state), group: 'current', kommune, from, to };
  const headline = headlineOf(meta.ruleSets, state.rules);
  // With the page's overrides: DIPS deducts no days (not «betalbare»), unless the page adds a free first day or a threshold.
  const p = currentParams(meta.ruleSets.find((r) => r.id === state.rules), state);
  const print = printButton();
  // Asked alongside the figures, not after them: the files and the stays are by role (avstemmingAccess),
  // and the files are offered as soon as the role is known.
  const user = signedIn(ctx).then((me) => {
    const access = avstemmingAccess(q, me);
    if (!ctx.signal.aborted) print.before(...fileLinks(access.files));
    return { me, access };
  });
  // A last month the data do not cover yet: said on the page itself, since a printout has no picker to show «(ufullstendig)».
  const partial = isIncompleteMonth(meta, to)
    ? `${incompleteSentence(meta, to)} Døgn i resten av måneden, og fakturaer for dem, mangler ennå: en differanse der kan komme av det.`
    : null;
  root.replaceChildren(
    heading(`Avstemming: ${name}`, `${period}${partial ? ' (siste måned ufullstendig)' : ''}. Fra registrerte til ${headlineWord(p)} og fakturerte døgn.`),
    note ? h('p', { class: 'note', role: 'status', 'data-testid': 'kommune-note' }, note) : '',
    partial ? h('p', { class: 'note', 'data-testid': 'incomplete-note' }, partial) : '',
    h('div', { class: 'controls' },
      select('Kommune', currentKommuner(meta), kommune, (v) => ctx.navigate({ kommune: v }), 'kommune'),
      ...monthPeriodSelects(ctx, from, to),
      careAreaSelect(ctx)),
    h('p', { class: 'note', 'data-testid': 'grouping-note' }, groupingLine(ctx, kommune)),
    h('div', { class: 'downloads' }, print),
    status('loading', `Henter avstemmingen for ${name} …`),
  );
  const [data, { me, access }] = await Promise.all([getJson(ReconciliationResponse, '/api/reconciliation', { ...q, by: 'month' }, ctx.signal), user]);
  root.querySelector('.status.loading')?.remove();
  const area = careAreaText(state.fagomrade);
  if (!data.rows.length) return void root.append(await noDays(ctx, q, period, area));
  const total = sumColumns(data.rows, SUMMED);
  // Under a rule set whose headline is hour-based days, the bridge ends at those (one decimal).
  const segments = waterfall(data.bridge, headline === 'timebasert' ? total.timebasert : undefined, (m) => measureLabel(m, p));
  root.append(
    figure(`Fra registrerte til fakturerte døgn, ${name}, ${period}`, bridgeChart(segments), bridgeTable(segments), { meta: sourceLine(meta, state), caption: chartCaption(meta, state, kommuneCaption(meta, kommune), period) }),
    h('section', {}, h('h2', {}, 'Per måned'), h('div', { class: 'table-wrap months' }, monthTable(monthRows(data.rows, from, to, meta.months, meta.rateYears), { ...total, periode: 'Totalt' }, p, area))),
  );
  // Per-stay data: a leser is told whose they are, instead of the server's refusal as the page's error.
  if (!access.stays) {
    return void root.append(h('section', {}, h('h2', {}, 'Oppholdene bak tallene'), h('p', { class: 'note', 'data-testid': 'stays-withheld' }, staysWithheld(me))));
  }
  const staysSection = h('section', {}, h('h2', {}, 'Oppholdene bak tallene'), legend(shownDayCols(total), deductsDays(p)), status('loading', 'Henter oppholdene …'));
  root.append(staysSection);
  await renderStays(staysSection, ctx, q, headline, deductsDays(p), `${name}, ${period}`);
}

/**
 * The page for a municipality without days in the period (Risør after 2019), instead of an empty
 * page: one line that says so, and the last month the municipality has figures in (same care area),
 * with a link to that year, or that it has none in the data at all. One more request, only here.
 */
async function noDays(ctx: Ctx, q: Record<string, string | number | boolean | undefined>, period: string, area: string): Promise<HTMLElement> {
  const note = status('empty', `Kommunen har ingen USK-døgn i perioden ${period} (${area}).`);
  note.dataset.testid = 'no-days';
  const first = ctx.meta.months[0];
  const last = ctx.meta.months.at(-1);
  if (!first || !last) return note;
  try {
    const all = await getJson(ReconciliationResponse, '/api/reconciliation', { ...q, by: 'month', from: first, to: last }, ctx.signal);
    const latest = lastMonthWithRows(all.rows);
    if (!latest) {
      note.append(` Den har heller ingen døgn eller fakturalinjer i resten av dataene (${formatPeriod(first)}–${formatPeriod(last)}).`);
    } else {
      const year = yearOf(latest);
      note.append(` Siste måned med tall for kommunen: ${formatPeriod(latest)}. `, linkTo(ctx, { from: year.from, to: year.to, page: 1 }, `Vis ${latest.slice(0, 4)}`));
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    // Without the look-up the line still says what matters.
  }
  return note;
}

/** The latest month with a row (registered days or invoice lines); undefined when there is none. */
export function lastMonthWithRows(rows: readonly { periode: string }[]): string | undefined {
  return rows.map((r) => r.periode).sort().at(-1);
}

function printButton(): HTMLButtonElement {
  const b = h('button', { type: 'button' }, 'Skriv ut / PDF');
  b.addEventListener('click', () => window.print());
  return b;
}

function bridgeTable(segments: readonly Segment[]): HTMLTableElement {
  return table('Broen fra registrerte til fakturerte døgn', [
    { label: 'Steg', value: (s: Segment) => s.label },
    { label: 'Døgn', numeric: true, value: (s) => s.text, raw: (s) => s.days },
  ], segments, { testid: 'bridge-table' });
}

/**
 * Months oldest first, a computed total row (as the XLSX has), the care area in the caption (every
 * row has the filter's). Under an hour-based headline: hour-based days (one decimal) beside the
 * payable ones, and the difference taken from them.
 */
/**
 * Short headers for the month table's widest columns, the full text (measureLabel) in the header's
 * title and aria-label: with them the table fits 1280 px without sideways scrolling.
 */
const MONTH_TABLE_SHORT: Partial<Record<(typeof SUMMED)[number], string>> = { uten_tidspunkt: 'Uten tidspunkt', under_terskel: 'Under terskel', differanse: 'Differanse' };

function monthTable(rows: readonly MonthRow[], total: MonthRow, p: RuleParams, area: string): HTMLTableElement {
  const name = (c: string) => measureLabel(c, p);
  const fmt = (n: number | null, m: string = 'betalbar') => (n === null ? 'prikket' : formatMeasure(m, n));
  // «betalingsplikt» may break (a soft hyphen): unbroken, it was the widest header, and pushed the amounts out of view at 1440 px.
  const header = (c: (typeof SUMMED)[number]) => (c === 'ikke_betalingsplikt' ? 'Før betalings\u00ADplikt' : MONTH_TABLE_SHORT[c] ?? name(c));
  const col = (c: (typeof SUMMED)[number]): Column<MonthRow> => ({ label: header(c), fullLabel: MONTH_TABLE_SHORT[c] && name(c), numeric: true, value: (r) => fmt(r[c], c), raw: (r) => r[c] });
  const hourDiff = (r: MonthRow) => (r.fakturert === null || r.timebasert === null ? null : r.fakturert - r.timebasert);
  const tail: Column<MonthRow>[] = p.headline === 'timebasert'
    // Named as what it is on its face: Månedsoversikt's «Differanse» is fakturert − betalbar, whole days, under every rule set.
    ? [col('timebasert'), col('fakturert'), { label: 'Differanse mot timebaserte', fullLabel: 'Differanse (fakturert − timebaserte døgn)', numeric: true, value: (r) => fmt(hourDiff(r), 'timebasert'), raw: hourDiff }]
    : [col('fakturert'), col('differanse')];
  return table(`Døgn per måned og kategori, ${area}`, [
    // «jan. 2023» on one line (the full name in the title): «september 2022» wrapped onto two at 1280 px.
    { label: 'Måned', value: (r) => (r === total ? 'Totalt' : shortPeriod(r.periode)), title: (r) => (r === total ? undefined : formatPeriod(r.periode)), sort: (r) => r.periode },
    ...shownDayCols(total).map(col),
    ...tail,
    // What was invoiced beside what the payable days come to at the year's rate (domain.md), as the exports have it;
    // a month in a year without a rate has no expected amount («–»), and neither has a total that includes one.
    { label: name('belop'), numeric: true, value: (r) => (r.belop === null ? 'prikket' : formatKroner(r.belop)), raw: (r) => r.belop },
    // Suppressed with the payable days it is computed from («prikket»), or missing for want of a rate («–»).
    { label: name('forventet_belop'), numeric: true, value: (r) => (r.forventet_belop !== null ? formatKroner(r.forventet_belop) : r.betalbar === null ? 'prikket' : '–'), raw: (r) => r.forventet_belop },
  ], rows, { testid: 'month-table', foot: [total], sortable: 'avstemming/maneder' });
}

/** The strips' colours, for the categories the month table shows (the same rule: shownDayCols). */
function legend(shown: readonly string[], payable: boolean): HTMLElement {
  const key = legendList(BRIDGE_CATEGORIES.filter((c) => shown.includes(c)).map((c) => ({ label: categoryLabel(c, payable), color: CATEGORY_COLOR[c] })));
  key.append(h('li', {}, '▼ hendelse'));
  return key;
}

/**
 * The stays behind the figures, 25 to a page. By default those behind the difference first (largest
 * |fakturert − betalbar|), so the stays that explain it are on page 1; the reader may order by days
 * not payable instead, or keep only stays with a difference. Both are in the URL, like every filter.
 */
async function renderStays(section: HTMLElement, ctx: Ctx, q: Record<string, string | number | boolean | undefined>, headline: Headline, payable: boolean, where: string): Promise<void> {
  const orderLabel = stayOrderLabels(payable);
  const res = await getJson(StaysResponse, '/api/stays', { ...q, by: 'period', limit: STAYS_LIMIT }, ctx.signal);
  section.querySelector('.status.loading')?.remove();
  let order: StayOrder = ctx.state.stayOrder;
  let onlyDifferent = ctx.state.onlyDifferent;
  // The stay a finding in Datakvalitet links to (opphold=…): first in every order, whatever the filter.
  const asked = ctx.state.stay;
  const { found, shown } = askedStay(asked, res.rows);
  ctx.shows(shown);
  const arrange = () => pinStay(orderStays(res.rows, order, onlyDifferent), orderStays(res.rows, order), found ? asked : undefined);
  let rows = arrange();
  if (asked !== undefined) {
    section.append(found
      ? h('p', { class: 'note', 'data-testid': 'stay-asked' }, `Oppholdet ${asked} vises først og er merket.`)
      : h('p', { class: 'note stay-missing', role: 'status', 'data-testid': 'stay-asked' },
        `Oppholdet ${asked} har ingen USK-døgn i denne avstemmingen (${where}${ctx.state.fagomrade === 'alle' ? '' : `, ${careAreaText(ctx.state.fagomrade)}`}): `
        + 'det kan høre til en annen kommune, et annet fagområde eller en annen periode, eller ha en USK-periode uten lengde. Se etter funn om det i Datakvalitet.'));
  }
  if (!rows.length) {
    ctx.shows({ page: 1 }); // no pages: ?side=3 named none
    return void section.append(status('empty', 'Ingen opphold med døgn i perioden.'));
  }
  const invoiceOnly = res.rows.filter((r) => r.stay_id === null).length;
  const orderNote = h('span', {});
  const sortNote = () => { orderNote.textContent = `Sortert: ${orderLabel[order].toLowerCase()}${onlyDifferent ? ', bare opphold med differanse eller beløpsavvik' : ''}.`; };
  sortNote();
  const orderSelect = select('Rekkefølge', (Object.keys(orderLabel) as StayOrder[]).map((o) => ({ value: o, label: orderLabel[o] })), order, (v) => {
    order = v as StayOrder;
    resort();
  }, 'rekkefolge');
  const only = h('input', { type: 'checkbox', name: 'bare-differanse', checked: onlyDifferent });
  only.addEventListener('change', () => {
    onlyDifferent = only.checked;
    resort();
  });
  // The stays' day-by-day rows for one's own analysis: shown once the stays came back, since both
  // are per-stay data for the same roles (analytiker).
  const days = (format: 'csv' | 'xlsx') => apiUrl('/api/exports/days', { ...q, format });
  section.append(
    h('div', { class: 'downloads' },
      h('a', { href: days('csv'), download: '', 'data-testid': 'download-days-csv' }, 'Last ned døgnene (CSV)'),
      h('a', { href: days('xlsx'), download: '', 'data-testid': 'download-days-xlsx' }, 'Last ned døgnene (XLSX)')),
    h('div', { class: 'controls' }, orderSelect, h('label', { class: 'field inline' }, only, 'Bare opphold med differanse eller beløpsavvik')),
    h('p', { class: 'note' }, orderNote,
      (invoiceOnly ? ` ${formatInteger(invoiceOnly)} fakturalinjer uten oppholds-ID er ikke med.` : '')
      + (res.truncated ? ` Serveren sendte bare de første ${formatInteger(STAYS_LIMIT)} radene; avgrens perioden for å se alle.` : '')));
  const count = h('p', { class: 'pager-text', role: 'status', 'data-testid': 'stays-count' });
  // On paper only (the pager is not printed): which stays the printout leaves out, and where they all are.
  const onPaper = h('p', { class: 'print-only', 'data-testid': 'stays-print-note' });
  const list = h('ul', { class: 'stays', 'data-testid': 'stays' });
  const pagers = [pager('top'), pager('bottom')];
  section.append(count, onPaper, pagers[0]!.el, list, pagers[1]!.el);
  const dayParams = { rules: q.rules, minHours: q.minHours, firstDayFree: q.firstDayFree, from: q.from, to: q.to };
  let pageAbort: AbortController | undefined;

  /**
   * Shows one page: the URL (pushState on a click, so Back returns; replaceState after a new order,
   * which starts on page 1), the count, the strips.
   */
  const show = async (page: number, from?: 'top' | 'bottom' | 'order'): Promise<void> => {
    pageAbort?.abort();
    const abort = (pageAbort = new AbortController());
    const signal = AbortSignal.any([ctx.signal, abort.signal]);
    const p = pageOf(rows, page, PAGE_SIZE);
    // A page past the last (?side=40 of 3) is the last: the address says so.
    if (!from) ctx.shows({ page: p.page });
    const search = toSearch(withChanges(parseState(location.search), { page: p.page, stayOrder: order, onlyDifferent }));
    if (from) {
      delete document.body.dataset.ready;
      if (from === 'order') history.replaceState(null, '', `/${search}`);
      else history.pushState(null, '', `/${search}`);
    }
    count.textContent = `${pageText(p, 'opphold', res.truncated)}.`;
    const printed = printPageText(p, 'opphold', res.truncated);
    onPaper.hidden = !printed;
    onPaper.textContent = printed ? `${printed} Alle oppholdene står i arket «Opphold» i XLSX-nedlastingen («Last ned XLSX»).` : '';
    for (const pg of pagers) pg.update(p.page, p.pages);
    // Paging from the bottom of a long list: bring the new page's top into view.
    if (from === 'bottom') count.scrollIntoView({ block: 'start' });
    const items = p.items.map((r) => {
      const marked = found && r.stay_id === asked;
      return {
        r,
        li: h('li', { 'data-stay': r.stay_id, 'data-status': r.status, class: marked ? 'stay-asked' : undefined, 'aria-current': marked ? 'true' : undefined }, h('div', { class: 'stay-meta' }, stayText(r, headline, payable))),
      };
    });
    list.replaceChildren(...items.map((x) => x.li));
    // The stay asked for, on the page first drawn: brought into view.
    if (!from) list.querySelector('li.stay-asked')?.scrollIntoView({ block: 'start' });
    // The page's strips in parallel (the browser keeps six requests in flight); each fills its row when it comes.
    await Promise.all(items.map(async ({ r, li }) => {
      // An invoice line whose stay is in neither source has no days to draw: say so instead of an empty strip.
      if (r.status === 'ukjent-opphold') {
        return void li.append(h('p', { class: 'note stay-unknown' }, `Ingen døgn å vise: fakturert ${formatInteger(r.fakturert)} døgn på et oppholds-ID som ikke finnes i DIPS eller HN-LIS.`));
      }
      const days = await getJson(StayDaysResponse, `/api/stays/${encodeURIComponent(r.stay_id)}/days`, dayParams, signal);
      // Each square's date is its <title>, for the mouse only: every day as text, behind a button.
      const { toggle, region } = tableToggle(() => stripTable(days.days, r.stay_id, payable), { show: 'Vis døgnene som tabell', hide: 'Skjul døgnene', about: `opphold ${r.stay_id}` }, 'strip-days');
      li.append(h('div', { class: 'strip-wrap' }, stayStrip(days.days, r.stay_id, payable)), h('div', { class: 'no-print' }, toggle), region);
    }));
    if (from && !signal.aborted) document.body.dataset.ready = search || '?';
  };
  const fail = (e: Error) => {
    if (e.name !== 'AbortError') list.replaceChildren(h('li', {}, status('error', e.message)));
  };
  const resort = () => {
    rows = arrange();
    sortNote();
    void show(1, 'order').catch(fail);
  };
  for (const pg of pagers) pg.onPage = (page) => void show(page, pg.where).catch(fail);
  await show(ctx.state.page);
}

/**
 * The stay the address asks for (opphold=…) among the period's stays: `found`, it is listed first
 * and marked; not found, the page says so and `shown` (no stay) takes it out of the address
 * (ctx.shows), as a month or a municipality the view cannot show is: a copied link asked for a stay
 * that the page it leads to does not have.
 */
export function askedStay(asked: string | undefined, rows: readonly { stay_id: string | null }[]): { found: boolean; shown: Partial<State> } {
  const found = asked !== undefined && rows.some((r) => r.stay_id === asked);
  return { found, shown: { stay: found ? asked : undefined } };
}

/**
 * `ordered` with the rows of stay `id` first (taken from `all`, so a filter that would leave the stay
 * out does not hide the stay asked for); `ordered` itself without an id.
 */
export function pinStay<T extends { stay_id: string }>(ordered: readonly T[], all: readonly T[], id: string | undefined): T[] {
  if (id === undefined) return [...ordered];
  const pinned = all.filter((r) => r.stay_id === id);
  return pinned.length ? [...pinned, ...ordered.filter((r) => r.stay_id !== id)] : [...ordered];
}

interface Pager {
  el: HTMLElement;
  where: 'top' | 'bottom';
  update(page: number, pages: number): void;
  onPage: (page: number) => void;
}

/** Forrige / Side x av y / Neste. Hidden when everything fits on one page. */
function pager(where: 'top' | 'bottom'): Pager {
  let page = 1;
  const prev = h('button', { type: 'button', 'data-page': 'prev' }, '← Forrige');
  const next = h('button', { type: 'button', 'data-page': 'next' }, 'Neste →');
  const label = h('span', { class: 'pager-pos' });
  const el = h('nav', { class: 'pager no-print', 'aria-label': where === 'top' ? 'Sider med opphold' : 'Sider med opphold (nederst)', 'data-testid': `stays-pager-${where}` }, prev, label, next);
  const self: Pager = {
    el, where, onPage: () => undefined,
    update(p, pages) {
      page = p;
      el.hidden = pages <= 1;
      label.textContent = `Side ${formatInteger(p)} av ${formatInteger(pages)}`;
      // A disabled button loses the focus; hand it to the other one so the keyboard user stays here.
      const lost = (prev === document.activeElement && p === 1) || (next === document.activeElement && p === pages);
      prev.disabled = p === 1;
      next.disabled = p === pages;
      if (lost) (p === 1 ? next : prev).focus();
    },
  };
  prev.addEventListener('click', () => self.onPage(page - 1));
  next.addEventListener('click', () => self.onPage(page + 1));
  return self;
}
