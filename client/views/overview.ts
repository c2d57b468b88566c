/** Månedsoversikt (landing page): the month against the previous month and the same month last year. */
import { formatDays, formatInteger, formatKroner, formatPeriod } from '../../pipelines/format/index.ts';
import { getJson } from '../api/client.ts';
import { MonthFactsResponse, ReconciliationResponse } from '../api/schemas.ts';
import { trendChart, trendLegend } from '../charts/trend.ts';
import { MEASURE_LABEL } from '../shape/labels.ts';
import { daysLabel, differenceLabel, formatSigned, headlineWord, measureLabel, trioText } from '../shape/headline.ts';
import { addMonths } from '../shape/months.ts';
import { sentences } from '../shape/sentences.ts';
import { differences, percentChangeText, ranking, THIN_BASE_TITLE, totalsByPeriod, type Change, type Ranked, type TotalMeasure, type Totals } from '../shape/totals.ts';
import { h, status, table } from '../ui/dom.ts';
import { figure } from '../ui/figure.ts';
import type { Ctx } from './context.ts';
import { changeOf, compareLine, incompleteText, isIncompleteMonth, noComparison, overviewQueries, type NoComparison } from './overview-queries.ts';
import { ALL_KOMMUNER, careAreaSelect, chartCaption, heading, monthSelect, sourceLine, spanText, trendSpanText } from './common.ts';
import { avstemmingChanges, avstemmingLink, avstemmingTitle, linkCells, linkTo } from './links.ts';
import { monthFactCards } from './month-facts.ts';
import { maySeeStays, signedIn, withheldText } from './access.ts';
import { currentParams } from './ruleset-form.ts';

const CARDS: { key: TotalMeasure; fmt: (n: number) => string }[] = [
  { key: 'registrert', fmt: formatInteger },
  { key: 'betalbar', fmt: formatInteger },
  { key: 'timebasert', fmt: formatDays },
  { key: 'fakturert', fmt: formatInteger },
  { key: 'differanse', fmt: formatInteger },
  { key: 'belop', fmt: formatKroner },
];

export function changeText(c: Change, fmt: (n: number) => string = formatInteger): string {
  if (c.days === null) return '–';
  const sign = c.days > 0 ? '+' : '';
  return c.share === null ? `${sign}${fmt(c.days)}` : `${sign}${fmt(c.days)} (${percentChangeText(c.share)})`;
}

/** 'November 2024: 315 (endring −46, −14,6 %)': the other month's value and the change, or why there is none. */
export function cardCompare(other: string, why: NoComparison | null, now: number | null, before: number | null | undefined, fmt: (n: number) => string): string {
  const c = changeOf(now, before);
  const value = before === undefined ? '–' : before === null ? 'prikket' : fmt(before);
  return compareLine(other, value, { diff: c.days, share: c.share }, fmt, why);
}

/** The heading's second line: which months the month is compared with, or why not. */
export function subtitle(month: string, prev: string, lastYear: string, why: { prev: NoComparison | null; lastYear: NoComparison | null }, incomplete: boolean): string {
  const name = formatPeriod(month);
  if (incomplete) return `${name} (ufullstendig måned) — ikke sammenlignet med andre måneder`;
  const ok = [why.prev ? null : prev, why.lastYear ? null : lastYear].filter((m): m is string => m !== null).map(formatPeriod);
  const missing = [why.prev ? prev : null, why.lastYear ? lastYear : null].filter((m): m is string => m !== null).map(formatPeriod);
  const said = ok.length ? `sammenlignet med ${ok.join(' og ')}` : 'ingen måned å sammenligne med';
  return `${name} — ${said}${missing.length ? ` (ingen data for ${missing.join(' og ')})` : ''}`;
}

/**
 * The ranking's changes from a year before: none when that month has no data (unknown is not 0,
 * so no figure either) or when the month under review is incomplete (the figure stays).
 */
export function rankedAgainst(ranked: readonly Ranked[], why: NoComparison | null): Ranked[] {
  if (!why) return [...ranked];
  return ranked.map((r) => ({ ...r, before: why.reason === 'ingen-data' ? null : r.before, change: { days: null, share: null } }));
}

export async function overview(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta, state } = ctx;
  const q = overviewQueries(meta, state);
  if (!q) return void root.replaceChildren(heading('Månedsoversikt'), status('empty', 'Det er ingen data ennå. Last opp filer under «Last opp».'));
  const { month } = q;
  // The latest complete month, the address's default, in place of one the data do not have.
  if (q.note) ctx.shows({ month: undefined });
  const prev = addMonths(month, -1);
  const lastYear = addMonths(month, -12);
  const incomplete = isIncompleteMonth(meta, month);
  const why = { prev: noComparison(meta, month, prev), lastYear: noComparison(meta, month, lastYear) };
  // The page's figures are the whole days whatever the headline (the hour-based ones have a card of
  // their own): named as the rule set, with the page's overrides, counts them («Døgn» under DIPS).
  const days = { ...currentParams(meta.ruleSets.find((r) => r.id === state.rules), state), headline: 'betalbar' as const };
  const label = (m: string) => measureLabel(m, days);
  root.replaceChildren(
    heading('Månedsoversikt', subtitle(month, prev, lastYear, why, incomplete)),
    q.note ? h('p', { class: 'note', role: 'status', 'data-testid': 'month-note' }, q.note) : '',
    h('div', { class: 'controls' }, monthSelect(ctx, 'Måned', month, (v) => ctx.navigate({ month: v }), 'maned'), careAreaSelect(ctx)),
    status('loading', 'Henter tallene for måneden …'),
  );
  // Both requests go out at once, but the chart does not wait for the month's facts: on the national
  // database each takes about a second uncached, and the facts' cards fill their place when they come.
  const factsReq = getJson(MonthFactsResponse, '/api/month-facts', q.facts, ctx.signal);
  factsReq.catch(() => undefined); // awaited (and reported) below
  // Who is signed in, asked alongside: the differences lead to the stays behind them only for whom
  // the server gives the stays (maySeeStays).
  const me = signedIn(ctx);
  me.catch(() => undefined); // awaited below
  const data = await getJson(ReconciliationResponse, '/api/reconciliation', q.reconciliation, ctx.signal);
  root.querySelector('.status.loading')?.remove();
  const totals = totalsByPeriod(data.rows);
  const now = totals.get(month);
  if (!now) return void root.append(status('empty', `Ingen USK-døgn registrert i ${formatPeriod(month)} for dette utvalget.`));

  const cards = h('div', { class: 'cards' });
  for (const c of CARDS) {
    const v = now[c.key];
    cards.append(
      h('div', { class: 'card', 'data-measure': c.key, 'data-value': v ?? undefined },
        h('span', { class: 'card-label' }, label(c.key)),
        h('span', { class: 'card-value' }, v === null ? 'prikket' : c.fmt(v)),
        h('span', { class: 'card-cmp' }, cardCompare(prev, why.prev, v, totals.get(prev)?.[c.key], c.fmt)),
        h('span', { class: 'card-cmp' }, cardCompare(lastYear, why.lastYear, v, totals.get(lastYear)?.[c.key], c.fmt)),
      ),
    );
  }
  const ranked = rankedAgainst(ranking(data.rows, 'registrert', month, lastYear), why.lastYear);
  // A comparison that cannot be made is left out of the sentences (they say nothing of a month without data).
  const text = [
    ...(incomplete ? [incompleteText(meta, month)] : []),
    ...sentences({ month, now, previous: why.prev ? undefined : totals.get(prev), lastYear: why.lastYear ? undefined : totals.get(lastYear), ranking: ranked, params: days }),
  ];

  const months = [...totals.keys()].sort();
  const series: TotalMeasure[] = ['registrert', 'betalbar', 'fakturert'];
  const points = months.flatMap((p) => series.map((s) => ({ periode: p, series: s, value: (totals.get(p) as Totals)[s] })));
  const chart = trendChart(points, { seriesLabel: label, notes: data.annotations });
  // «siste 24 måneder», or the months there are when the data begin later (mars 2019: three).
  const span = trendSpanText(months, month);
  const trendTable = table(`${span[0]!.toUpperCase()}${span.slice(1)}`, [
    { label: 'Måned', value: (p: string) => formatPeriod(p) },
    ...series.map((s) => ({ label: label(s), numeric: true, value: (p: string) => fmtN(totals.get(p)?.[s]), raw: (p: string) => totals.get(p)?.[s] ?? null })),
  ], months);

  const rankTable = table(`Kommuner i ${formatPeriod(month)}, registrerte døgn`, [
    { label: 'Kommune', value: (r: (typeof ranked)[number]) => r.kommune },
    { label: formatPeriod(month), numeric: true, value: (r) => (r.value === null ? 'prikket' : formatInteger(r.value)), raw: (r) => r.value },
    { label: formatPeriod(lastYear), numeric: true, value: (r) => (r.beforeSuppressed ? 'prikket' : fmtN(r.before)), raw: (r) => r.before },
    { label: 'Endring', numeric: true, value: (r) => changeText(r.change), raw: (r) => r.change.days, title: (r) => (r.change.thinBase ? THIN_BASE_TITLE : undefined) },
  ], ranked.slice(0, 15), { testid: 'ranking', sortable: 'oversikt/kommuner' });
  linkCells(rankTable, 0, ranked, (r) => avstemmingLink(ctx, r.kommunenr, r.kommune, month, month));

  // Where a month-close starts: the municipalities whose invoiced days differ from the payable ones,
  // each a link to its stays behind the difference.
  const diffs = differences(data.rows, month);
  const user = await me;
  const stays = maySeeStays(user);
  const diffTable = diffs.length === 0 ? status('empty', `Ingen kommune har differanse mellom fakturerte og ${headlineWord(days)} døgn i ${formatPeriod(month)}.`) : (() => {
    const t = table(`Kommuner med differanse i ${formatPeriod(month)}, størst først`, [
      { label: 'Kommune', value: (d: (typeof diffs)[number]) => d.kommune },
      // Named as the rule set names its days: «Døgn» under DIPS, which deducts none (not «betalbare»).
      { label: daysLabel(days), numeric: true, value: (d) => formatInteger(d.betalbar), raw: (d) => d.betalbar },
      { label: MEASURE_LABEL.fakturert ?? 'Fakturerte døgn', numeric: true, value: (d) => formatInteger(d.fakturert), raw: (d) => d.fakturert },
      { label: 'Differanse', numeric: true, value: (d) => formatSigned('differanse', d.differanse), raw: (d) => d.differanse },
    ], diffs.slice(0, 15), { testid: 'differences', sortable: 'oversikt/differanser' });
    // To a leser, the municipality's Avstemming for the month: its stays (bare=differanse) are not theirs.
    linkCells(t, 0, diffs, (d) => (stays
      ? linkTo(ctx, { ...avstemmingChanges(d.kommunenr, month, month), onlyDifferent: true }, d.kommune, avstemmingTitle(d.kommune, month, month))
      : avstemmingLink(ctx, d.kommunenr, d.kommune, month, month)));
    return h('div', { class: 'table-wrap' }, t);
  })();

  const factsSlot = h('div', { class: 'month-facts' }, status('loading', 'Henter opphold, pasienter og USK-lengde …'));
  root.append(
    h('section', { class: 'summary', 'aria-label': 'Hva endret seg' }, h('ul', { class: 'sentences' }, ...text.map((t) => h('li', {}, t)))),
    cards,
    factsSlot,
    figure(`${trioText(days)}, ${span}`, chart, trendTable, {
      meta: sourceLine(meta, state), caption: chartCaption(meta, state, ALL_KOMMUNER, spanText(months[0] ?? month, month)), legend: trendLegend(series, label),
    }),
    // Scrolls in its own box on a narrow screen instead of widening the page.
    h('section', {}, h('h2', {}, 'Kommunene, rangert'), h('div', { class: 'table-wrap' }, rankTable)),
    h('section', {}, h('h2', {}, differenceLabel(days)),
      h('p', { class: 'note' }, `En differanse i siste måned kan komme av opphold som ennå ikke er fakturert, for eksempel opphold som pågår. Kommunenavnet lenker til ${stays ? 'oppholdene bak differansen' : 'avstemmingen for kommunen og måneden'}.`),
      stays || !diffs.length ? '' : h('p', { class: 'note', 'data-testid': 'stays-withheld' }, withheldText(user, 'Listen over oppholdene bak differansen')),
      diffTable),
  );
  try {
    factsSlot.replaceChildren(...monthFactCards(await factsReq, (m) => noComparison(meta, month, m), incomplete));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    factsSlot.replaceChildren(status('error', `Opphold og pasienter kunne ikke hentes: ${(e as Error).message}`));
  }
}

const fmtN = (n: number | null | undefined) => (n === null || n === undefined ? '–' : formatInteger(n));
