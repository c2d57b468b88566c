/**
 * Presentasjon (committee mode): title, trend, SSU table, bridge and method comparison in large
 * type; arrow keys move between slides; the deck exports to PPTX (charts as images, tables as real
 * tables) and each chart to PNG/SVG with title, period, source, rule set and as-of baked in.
 */
import { formatPeriod } from '../../pipelines/format/index.ts';
import { getJson } from '../api/client.ts';
import { ReconciliationResponse, type Meta } from '../api/schemas.ts';
import type { State } from '../state/url.ts';
import type { RuleSet } from '../../pipelines/query/contract.ts';
import { bridgeChart } from '../charts/bridge.ts';
import { deck } from '../charts/deck.ts';
import type { LegendItem } from '../charts/export.ts';
import { exportTools } from '../charts/toolbar.ts';
import { trendChart, trendLegend } from '../charts/trend.ts';
import { chartLabel, labelChart, legendList } from '../ui/figure.ts';
import { waterfall } from '../shape/bridge.ts';
import { formatMeasure, headlineNoun, headlineOf, measureLabel, trioText } from '../shape/headline.ts';
import { CARE_AREA_LABEL, kommuneLabel } from '../shape/labels.ts';
import { addMonths } from '../shape/months.ts';
import { latestCompleteMonth } from '../../pipelines/query/comparable.ts';
import { incompleteText, isIncompleteMonth, TREND_MONTHS, unknownMonthNote } from './overview-queries.ts';
import { ssuTable, thinBaseNote, yearColumns, type SsuTable } from '../shape/ssu.ts';
import { sumColumns, totalsByPeriod } from '../shape/totals.ts';
import { h, status } from '../ui/dom.ts';
import { figureParams, ruleSetName, type Ctx } from './context.ts';
import { ALL_KOMMUNER, asOfText, careAreaSelect, chartCaption, heading, monthSelect, spanText, trendSpanText } from './common.ts';
import { incompleteColumnNote, ssuColumns, ssuNote, ssuTableElement, thinNote } from './kommuner.ts';
import { currentParams } from './ruleset-form.ts';

/** The committee table names this many municipalities at most (a slide's height), whatever Kommuner shows. */
const SLIDE_TOP = 10;

/** A slide; a chart slide carries the caption baked into its image (PPTX, PNG, SVG, clipboard). */
interface Slide { title: string; body: Element; chart?: SVGSVGElement; caption?: string[]; legend?: LegendItem[]; table?: string[][]; note?: string; /** The line under a slide without a caption (on screen only). */ source?: string[] }

/** The month the deck reports up to: the URL's when the data have it, else the latest complete month. */
export function presentedMonth(meta: Pick<Ctx['meta'], 'months' | 'asOf'>, asked: string | undefined): string {
  if (asked && meta.months.includes(asked)) return asked;
  return latestCompleteMonth(meta) ?? meta.months.at(-1) ?? '2024-12';
}

/**
 * The note under slide 3's table (on screen and in the PPTX): the selection the slide stands on, and
 * ssuNote, which says first when the last column is a month the data do not cover yet, since the
 * committee would otherwise rank the municipalities by a few days without being told.
 */
export function ssuSlideText(t: SsuTable, meta: Pick<Meta, 'months' | 'asOf'>, month: string, top: number): string {
  return `Utvalg på dette lysbildet: ${t.columns.length === 1 ? 'det ene året med data' : 'de siste årene med data, høyst fire,'} til og med ${formatPeriod(month)} og de ${top} største kommunene. ${ssuNote(t, meta)}`;
}

/**
 * Slide 3's caption: the deck's, without the incomplete month's sentence when the note under the
 * table (ssuSlideText) already leads with it, as it does whenever the table's last column is that
 * month; the slide said it twice.
 */
export function ssuSlideCaption(sel: Pick<ReturnType<typeof deckSelection>, 'caption'>, t: SsuTable, meta: Pick<Meta, 'months' | 'asOf'>, span: string): string[] {
  return sel.caption(span, incompleteColumnNote(t, meta) === null);
}

/** What slide 5 reads of a preset's answer: its rows (hour-based days) and its bridge. */
type MethodAnswer = { rows: readonly { timebasert: number | null }[]; bridge: readonly { step: string; days: number | null }[] };

/**
 * Slide 5's rows, a preset by its own main figure: «Timebasert» by its hour-based days (one decimal),
 * the others by the days left after their deductions. The noun says what that figure is under the
 * preset: «betalbare døgn» only where the preset takes days away; DIPS counts every started day,
 * and the hospital's own deck does not call those payable.
 */
export function methodSlideRows(presets: readonly RuleSet[], methods: readonly (MethodAnswer | undefined)[]): string[][] {
  const num = (v: number | null, m = 'betalbar') => (v === null ? 'prikket' : formatMeasure(m, v));
  return presets.map((r, i) => {
    const res = methods[i] ?? { rows: [], bridge: [] };
    const step = (k: string) => res.bridge.find((s) => s.step === k)?.days ?? null;
    const main = r.params.headline === 'timebasert' ? 'timebasert' : 'betalbar';
    const value = main === 'timebasert' ? sumColumns(res.rows, ['timebasert'] as const).timebasert : step('betalbar');
    return [r.name, num(step('registrert')), `${num(value, main)} ${headlineNoun(r.params)}`, num(step('fakturert'))];
  });
}

/**
 * The deck's words for its selection. The deck has no municipality filter: every figure is the sum
 * over all municipalities in the data, and every slide says so (caption, title slide, the file's
 * subject), so a slide or PNG passed on alone does not read as one municipality's figures. An
 * incomplete month is said on every slide, since its figures would read as a collapse. The subject
 * names the three figures as the trend slide does, under the rule set with the page's overrides.
 */
export function deckSelection(meta: Meta, state: State, month: string): { incomplete: string | null; caption: (period: string, sayIncomplete?: boolean) => string[]; titleLine: string; subject: string } {
  const area = CARE_AREA_LABEL[state.fagomrade] ?? state.fagomrade;
  const incomplete = isIncompleteMonth(meta, month) ? incompleteText(meta, month) : null;
  return {
    incomplete,
    caption: (period, sayIncomplete = true) => [...chartCaption(meta, state, ALL_KOMMUNER, period), ...(incomplete && sayIncomplete ? [incomplete] : [])],
    titleLine: `${area}, ${ALL_KOMMUNER}. Status per ${formatPeriod(month)}${incomplete ? ' (ufullstendig måned)' : ''}.`,
    subject: `${trioText(currentParams(meta.ruleSets.find((r) => r.id === state.rules), state))}. ${area}, ${ALL_KOMMUNER}. Regelsett: ${ruleSetName(meta, state)}. Data per: ${asOfText(meta)}.`,
  };
}

export async function presentasjon(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta, state } = ctx;
  const month = presentedMonth(meta, state.month);
  const lastYear = month.slice(0, 4);
  const firstYear = String(Number(lastYear) - 3);
  // The year so far when the month is not December (by default the latest complete month; a month the
  // sources do not cover yet only when picked, marked «(ufullstendig)» in the picker).
  const yearSpan = { from: `${lastYear}-01`, to: month };
  const yearText = month.endsWith('-12') ? lastYear : spanText(yearSpan.from, yearSpan.to);
  const area = CARE_AREA_LABEL[state.fagomrade] ?? state.fagomrade;
  // The deck's selection, in the URL like every filter: the care area, and the month it reports up to
  // (the trend's last month, the SSU table's last year and the bridge's year so far).
  const head = heading('Presentasjon', `${area}, status per ${formatPeriod(month)}`);
  // A month the data do not have is not shown in silence as another; an incomplete month says so on
  // every slide, since its figures would read as a collapse in front of the committee.
  if (state.month && state.month !== month) {
    head.append(h('p', { class: 'note', 'data-testid': 'month-note' }, unknownMonthNote(state.month, month, latestCompleteMonth(meta) === month)));
    ctx.shows({ month: undefined }); // presentedMonth's fallback is the address's default
  }
  const { incomplete, caption, titleLine, subject } = deckSelection(meta, state, month);
  const controls = h('div', { class: 'controls no-print' },
    monthSelect(ctx, 'Status per', month, (v) => ctx.navigate({ month: v }), 'maned'),
    careAreaSelect(ctx));
  root.replaceChildren(head, controls, status('loading', 'Lager lysbildene …'));
  const p = figureParams(state);
  const presets = meta.ruleSets.filter((r) => r.preset);
  const [trend, yearly, bridge, ...methods] = await Promise.all([
    getJson(ReconciliationResponse, '/api/reconciliation', { ...p, by: 'month', from: addMonths(month, 1 - TREND_MONTHS), to: month }, ctx.signal),
    getJson(ReconciliationResponse, '/api/reconciliation', { ...p, by: 'year', from: `${firstYear}-01`, to: month }, ctx.signal),
    getJson(ReconciliationResponse, '/api/reconciliation', { ...p, by: 'period', ...yearSpan }, ctx.signal),
    ...presets.map((r) => getJson(ReconciliationResponse, '/api/reconciliation', { fagomrade: state.fagomrade, group: state.group, by: 'period', ...yearSpan, rules: r.id }, ctx.signal)),
  ]);
  // The rule set's main figure (payable days, or hour-based days under «Timebasert») is the middle line and ends the bridge.
  const headline = headlineOf(meta.ruleSets, state.rules);
  const series = ['registrert', headline, 'fakturert'] as const;
  // DIPS deducts no days, so its whole days are not «betalbare» (unless the page adds a free first day or a threshold).
  const params = currentParams(meta.ruleSets.find((r) => r.id === state.rules), state);
  const label = (m: string) => measureLabel(m, params);
  const seriesText = trioText(params);
  const totals = totalsByPeriod(trend.rows);
  const months = [...totals.keys()].sort();
  const trendSvg = trendChart(months.flatMap((m) => series.map((s) => ({ periode: m, series: s, value: totals.get(m)![s] }))), { width: 1100, height: 420, seriesLabel: label, notes: trend.annotations }) as SVGSVGElement;
  const trendKey = trendLegend(series, label);
  const years = [...new Set(yearly.rows.map((r) => r.periode))].sort();
  const top = Math.min(state.top, SLIDE_TOP);
  // As in Kommuner: as registered, numbers are labelled with the number and ranked by their sum over the years.
  const named = yearly.rows.map((r) => ({ ...r, kommune: kommuneLabel(r.kommunenr, r.kommune, state.group) }));
  const t = ssuTable(named, yearColumns(years, `${firstYear}-01`, month), top, { rank: state.group === 'registered' ? 'sum' : 'last' });
  const cols = ssuColumns(t);
  const ssuSlideNote = ssuSlideText(t, meta, month, top);
  // One year is one label («2018»), not «2018–2018».
  const first = t.columns[0]?.label ?? '';
  const last = t.columns.at(-1)?.label ?? '';
  const ssuSpan = first === last ? first : `${first}–${last}`;
  const hourBased = (res: { rows: readonly { timebasert: number | null }[] }) => sumColumns(res.rows, ['timebasert'] as const).timebasert;
  const bridgeSvg = bridgeChart(waterfall(bridge.bridge, headline === 'timebasert' ? hourBased(bridge) : undefined, label), { width: 1100, height: 420 }) as SVGSVGElement;
  const methodRows = methodSlideRows(presets, methods);
  const methodHead = ['Regelsett', 'Registrerte døgn', 'Hovedtall etter regelsettet', 'Fakturerte døgn'];
  const simpleTable = (head: string[], rows: string[][]) => h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h(i ? 'td' : 'th', { class: i ? 'num' : undefined }, c)))))));
  const slides: Slide[] = [
    { title: 'Utskrivningsklare pasienter', source: ['Kilde: DIPS, HN-LIS og faktura (USK-analyse).'],
      body: h('div', {}, h('p', {}, titleLine), h('p', {}, `Regelsett: ${ruleSetName(meta, state)}`),
        h('p', { class: 'note' }, `Data per: ${asOfText(meta)}`), ...(incomplete ? [h('p', { class: 'note', 'data-testid': 'slide-incomplete' }, incomplete)] : [])) },
    { title: `${seriesText}, ${trendSpanText(months, month)}`, body: h('div', {}, legendList(trendKey), trendSvg), chart: trendSvg, legend: trendKey, caption: caption(spanText(months[0] ?? month, month)) },
    // The slide states its own selection (the last four years, at most ten municipalities): Kommuner's table may show another.
    { title: `Registrerte USK-døgn per kommune ${ssuSpan}, de ${top} største`,
      body: h('div', {}, h('div', { class: 'table-wrap' }, ssuTableElement(t, `${area}, ${ssuSpan}, ${t.rank === 'sum' ? `de ${top} kommunenumrene med flest døgn i alt` : `de ${top} kommunene med flest døgn i ${t.columns.at(-1)?.label ?? ''}`}`)),
        thinNote(t, 'slide-thin-base-note'), h('p', { class: 'note', 'data-testid': 'slide-ssu-note' }, ssuSlideNote)),
      // The «–» footnote first in the PPTX's note too: a slide passed on has no hover title.
      table: [cols.map((c) => c.label), ...[...t.lines, t.other, t.total].map((l) => cols.map((c) => c.value(l)))], note: [thinBaseNote(t), ssuSlideNote].filter(Boolean).join(' '),
      caption: ssuSlideCaption({ caption }, t, meta, ssuSpan) },
    { title: `Fra registrerte til fakturerte døgn, ${yearText}`, body: bridgeSvg, chart: bridgeSvg, caption: caption(yearText) },
    // This slide compares the presets, so its caption names them all, not the view's one rule set.
    { title: `Metodene side om side, ${yearText}`, body: simpleTable(methodHead, methodRows), table: [methodHead, ...methodRows],
      caption: caption(yearText).map((line) => line.replace(/Regelsett: .*\.$/, `Regelsettene: ${presets.map((r) => `${r.name}, versjon ${r.version}`).join('; ')}.`)) },
  ];
  const i = Math.min(state.slide, slides.length - 1);
  const s = slides[i]!;
  // A slide past the last (an old link, lysbilde=6 of 5) shows the last one, and the address says so.
  ctx.shows({ slide: i });
  const tools = h('div', { class: 'slide-nav no-print' },
    button('← Forrige', () => ctx.navigate({ slide: Math.max(0, i - 1) }, true), i === 0),
    h('span', { 'data-testid': 'slide-count' }, `Lysbilde ${i + 1} av ${slides.length}`),
    button('Neste →', () => ctx.navigate({ slide: Math.min(slides.length - 1, i + 1) }, true), i === slides.length - 1),
    button('Last ned PPTX', () => void deck(slides, {
      title: `USK-analyse: utskrivningsklare pasienter, status per ${formatPeriod(month)}`,
      subject,
    }), false, 'export-pptx'),
    document.fullscreenEnabled ? button('Vis i fullskjerm', () => void present(), false, 'present') : '',
    s.chart ? exportTools(() => s.chart ?? null, { title: s.title, caption: s.caption ?? [], legend: s.legend ?? [], fileName: `usk-lysbilde-${i + 1}` }) : '');
  if (s.chart) labelChart(s.chart, chartLabel(s.title, s.caption ?? []));
  // On screen too, under the slide: the selection, source, rule set and as-of its export carries.
  const source = h('p', { class: 'fig-meta slide-source', 'data-testid': 'slide-source' }, (s.source ?? s.caption ?? []).join(' '));
  root.replaceChildren(head, controls, tools, h('section', { class: 'slide', 'aria-roledescription': 'lysbilde', 'aria-label': s.title }, h('h2', {}, s.title), s.body), source);
  const onKey = (e: KeyboardEvent) => {
    if (!document.body.contains(root) || document.body.dataset.view !== 'presentasjon') return window.removeEventListener('keydown', onKey);
    // An arrow key in the month or care area picker moves the picker, not the slides.
    if ((e.target as Element | null)?.closest?.('select, input, textarea')) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') { window.removeEventListener('keydown', onKey); ctx.navigate({ slide: Math.min(slides.length - 1, i + 1) }, true); }
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') { window.removeEventListener('keydown', onKey); ctx.navigate({ slide: Math.max(0, i - 1) }, true); }
    if (e.key === 'f' && !e.ctrlKey && !e.metaKey && !e.altKey && document.fullscreenEnabled) void present();
  };
  window.addEventListener('keydown', onKey);
  ctx.signal.addEventListener('abort', () => window.removeEventListener('keydown', onKey));
}

/**
 * Presenting on a projector (1280×720): the whole page full screen, where styles.css leaves only
 * the slide and its source line. The page, not the slide, so that the arrow keys, which draw the
 * view anew, stay in full screen; Esc (the browser's) or F again leaves it.
 */
async function present(): Promise<void> {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  } catch {
    // Refused (an embedding frame without allow="fullscreen"): the slide stays as it is, as without the button.
  }
}

function button(text: string, onClick: () => void, disabled = false, testid?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', disabled, 'data-testid': testid }, text);
  b.addEventListener('click', onClick);
  return b;
}
