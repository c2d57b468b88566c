/** Kommuner: trends per municipality (small multiples) and the SSU committee table. */
import { formatInteger, formatPeriod } from '../../pipelines/format/index.ts';
import { apiUrl, getJson } from '../api/client.ts';
import { ReconciliationResponse, type Meta, type PublishedRow } from '../api/schemas.ts';
import { trendChart, trendLegend } from '../charts/trend.ts';
import { formatMeasure, headlineOf, measureLabel, trioText } from '../shape/headline.ts';
import { careAreaText, kommuneLabel } from '../shape/labels.ts';
import { changeLabel, monthColumns, monthNote, partYearNote, partYears, ssuTable, thinBaseNote, yearColumns, type SsuLine, type SsuTable } from '../shape/ssu.ts';
import { isCompletePeriod, periodsBetween } from '../shape/months.ts';
import { isIncompleteMonth, latestCompleteMonth } from '../../pipelines/query/comparable.ts';
import { incompleteSentence } from './overview-queries.ts';
import { percentChangeText, THIN_BASE_TITLE, type TotalMeasure } from '../shape/totals.ts';
import { h, select, status, table, type Column } from '../ui/dom.ts';
import { figure, legendList } from '../ui/figure.ts';
import { busyDownload } from '../ui/download.ts';
import { figureParams, type Ctx } from './context.ts';
import type { Params } from '../api/client.ts';
import { currentParams } from './ruleset-form.ts';
import { careAreaSelect, chartCaption, groupSelect, heading, kommuneCaption, monthRangeSelects, periodShown, sourceLine, spanText } from './common.ts';
import { avstemmingLink, linkCells } from './links.ts';
import { mayExport, signedIn, withheldText } from './access.ts';

const fmt = (n: number | null) => (n === null ? '–' : formatInteger(n));

export function ssuColumns(t: SsuTable): Column<SsuLine>[] {
  const last = t.columns.at(-1)?.label ?? '';
  const change = changeLabel(t);
  return [
    { label: 'Kommune', value: (l) => l.kommune },
    ...t.columns.map((c, i) => ({ label: c.label, fullLabel: c.long, numeric: true, value: (l: SsuLine) => fmt(l.values[i] ?? null), raw: (l: SsuLine) => l.values[i] ?? null })),
    { label: `Fakturert ${last}`, numeric: true, value: (l) => fmt(l.invoiced), raw: (l) => l.invoiced },
    { label: `${change}, døgn`, numeric: true, value: (l) => (l.change.days === null ? '–' : `${l.change.days > 0 ? '+' : ''}${formatInteger(l.change.days)}`), raw: (l) => l.change.days },
    { label: `${change}, %`, numeric: true, value: (l) => (l.change.share === null ? '–' : percentChangeText(l.change.share)), raw: (l) => l.change.share, title: (l) => (l.change.thinBase ? THIN_BASE_TITLE : undefined) },
  ];
}

/**
 * The SSU table; `sortable` (the name its order is kept under) on the page (Kommuner), not on a
 * slide, which shows the committee's order.
 */
export function ssuTableElement(t: SsuTable, caption: string, sortable?: string): HTMLTableElement {
  return table(caption, ssuColumns(t), t.lines, { foot: [t.other, t.total], testid: 'ssu-table', sortable });
}

/** The footnote under the table when its «%» column shows «–» for a base under 10 days (thinBaseNote); '' when none does. */
export function thinNote(t: SsuTable, testid = 'thin-base-note'): HTMLElement | '' {
  const text = thinBaseNote(t);
  return text ? h('p', { class: 'note', 'data-testid': testid }, text) : '';
}

/**
 * The table's last column when it reaches a month the sources do not cover yet (a Til or «Status per»
 * picked «(ufullstendig)»): its few days are what the municipalities are ranked by, so the table says
 * so first, as the month views say an incomplete month. Null when the column is complete.
 */
export function incompleteColumnNote(t: SsuTable, meta: Pick<Meta, 'months' | 'asOf'>): string | null {
  const last = t.columns.at(-1);
  if (!last || !isIncompleteMonth(meta, last.to)) return null;
  const name = last.long ?? last.label;
  const order = t.rank === 'sum'
    ? `Summen kommunenumrene er sortert etter, tar med de døgnene i ${name} som er kommet inn så langt.`
    : `Kommunene er sortert etter de døgnene i ${name} som er kommet inn så langt: rekkefølgen kan endre seg når resten av måneden kommer.`;
  return `${incompleteSentence(meta, last.to)} ${order}`;
}

/**
 * What the table's «Andre kommuner», order and part-years mean, under the table, first whether its
 * last column is incomplete (incompleteColumnNote); per month, which months it shows of the
 * selection's `months` and what the change compares (monthNote).
 */
export function ssuNote(t: SsuTable, meta: Pick<Meta, 'months' | 'asOf'>, months = t.columns.length): string {
  const unit = t.per === 'month' ? { all: 'alle månedene', last: 'siste måned' } : { all: 'alle årene', last: 'siste år' };
  const order = t.rank === 'sum'
    ? `Kommunenumrene er sortert etter summen for ${unit.all} i tabellen (et nummer som er avløst, har ingen døgn i ${unit.last}).`
    : `Kommunene er sortert etter døgn i ${t.columns.at(-1)?.long ?? t.columns.at(-1)?.label ?? unit.last}.`;
  return [incompleteColumnNote(t, meta), `«Andre kommuner» er alle kommuner som ikke står i tabellen. ${order}`, partYearNote(t), monthNote(t, months), 'Summene er regnet ut, ikke skrevet inn.'].filter(Boolean).join(' ');
}

/** ', januar 2022–desember 2022' for a chosen period; '' when both ends are open. */
export function rangeText(from: string | undefined, to: string | undefined): string {
  if (!from && !to) return '';
  return `, ${from ? formatPeriod(from) : 'første måned'}–${to ? formatPeriod(to) : 'siste hele måned'}`;
}

/**
 * The SSU table's download (the reconciliation export, as Avstemming's, without `kommune`: every
 * municipality), per year (or month, as the table), over the table's care area, grouping and months:
 * from its first column's first month to its last column's last (a year not yet complete is left
 * out, as in the table).
 */
export function ssuExportUrl(params: Params, from: string | undefined, to: string | undefined, format: 'xlsx' | 'csv', by: 'year' | 'month' = 'year'): string {
  return apiUrl('/api/exports/reconciliation', { ...params, from, to, by, format });
}

/**
 * «Kommuner i tabellen»: 5, 10, 15 and 20, and the address's own number when it is another
 * (?topp=7, ?topp=50 are taken): the picker then shows the number the table has, not «5».
 */
export function topChoices(top: number): { value: string; label: string }[] {
  return [...new Set([5, 10, 15, 20, top])].sort((a, b) => a - b).map((n) => ({ value: String(n), label: String(n) }));
}

/**
 * The «Vis kommuner» boxes: the table's municipalities, then any other the address charts
 * (?kommuner=0301 for Oslo, outside the top 15), so every chart shown has a box to take it away.
 * A number without rows in the selection draws no chart and gets no box.
 */
export function pickerChoices(lines: readonly Pick<SsuLine, 'kommunenr' | 'kommune'>[], chosen: readonly string[], rows: readonly Pick<PublishedRow, 'kommunenr' | 'kommune'>[]): { kommunenr: string; kommune: string }[] {
  const listed = lines.flatMap((l) => (l.kommunenr ? [{ kommunenr: l.kommunenr, kommune: l.kommune }] : []));
  const extra = [...new Set(chosen)].flatMap((nr) => {
    if (listed.some((l) => l.kommunenr === nr)) return [];
    const row = rows.find((r) => r.kommunenr === nr);
    return row ? [{ kommunenr: nr, kommune: row.kommune }] : [];
  });
  return [...listed, ...extra];
}

export async function kommuner(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta, state } = ctx;
  const topOptions = topChoices(state.top);
  const headline = headlineOf(meta.ruleSets, state.rules);
  // With the page's overrides: DIPS with a free first day deducts days, and they are payable again.
  const p = currentParams(meta.ruleSets.find((r) => r.id === state.rules), state);
  // The months shown: inside the data, as the pickers can show them (periodShown).
  const { from, to, note } = periodShown(state.from, state.to, meta.months, latestCompleteMonth(meta));
  ctx.shows({ from, to });
  root.replaceChildren(
    heading('Kommuner', `${trioText(p)} per kommune${rangeText(from, to)}`),
    note ? h('p', { class: 'note', role: 'status', 'data-testid': 'period-note' }, note) : '',
    h('div', { class: 'controls' },
      select('Periode', [{ value: 'year', label: 'År' }, { value: 'month', label: 'Måned' }], state.by, (v) => ctx.navigate({ by: v as 'year' | 'month' }), 'per'),
      ...monthRangeSelects(ctx, from, to),
      careAreaSelect(ctx), groupSelect(ctx),
      select('Kommuner i tabellen', topOptions, String(state.top), (v) => ctx.navigate({ top: Number(v) }), 'topp')),
    status('loading', 'Henter tallene per kommune …'),
  );
  const params = { ...figureParams(state), from, to };
  // The rule set's main figure is the middle line: payable days, or hour-based days under «Timebasert».
  const series: TotalMeasure[] = ['registrert', headline, 'fakturert'];
  // As registered, several numbers share a name (1902, 5401 and 5501 Tromsø): label rows with the number.
  const named = (rows: readonly PublishedRow[]) => rows.map((r) => ({ ...r, kommune: kommuneLabel(r.kommunenr, r.kommune, state.group) }));
  // Who is signed in, asked alongside the figures: the files are an analytiker's (mayExport).
  const [yearly, trend, me] = await Promise.all([
    getJson(ReconciliationResponse, '/api/reconciliation', { ...params, by: 'year' }, ctx.signal),
    state.by === 'year' ? null : getJson(ReconciliationResponse, '/api/reconciliation', { ...params, by: 'month' }, ctx.signal),
    signedIn(ctx),
  ]);
  root.querySelector('.status')?.remove();
  // Unless the user picked an end month, leave out periods the sources do not cover completely yet.
  const complete = to ? undefined : latestCompleteMonth(meta);
  const yearlyRows = named(yearly.rows.filter((r) => isCompletePeriod(r.periode, complete)));
  if (!yearlyRows.length) {
    // Not a dead end: a chosen period without days here (the last, incomplete month alone) gets what
    // the data cover and the whole of it; without one, the care area (or a year not complete yet) is why.
    if (!from && !to) return void root.append(status('empty', 'Ingen døgn for dette utvalget: ingen hele år med døgn for dette fagområdet.'));
    const first = meta.months[0];
    const last = meta.months.at(-1);
    const span = first && last ? ` Dataene går fra ${formatPeriod(first)} til ${formatPeriod(last)}.` : '';
    const back = h('button', { type: 'button', 'data-testid': 'whole-period' }, 'Vis hele perioden');
    back.addEventListener('click', () => ctx.navigate({ from: undefined, to: undefined }));
    return void root.append(h('div', { class: 'status empty', role: 'status' }, `Ingen døgn for dette utvalget.${span} `, back));
  }
  const years = [...new Set(yearlyRows.map((r) => r.periode))].sort();
  // A year the chosen months (or the data) cover only in part is labelled with its months.
  const first = from ?? meta.months[0];
  const last = to ?? complete ?? meta.months.at(-1);
  const t = ssuTable(yearlyRows, yearColumns(years, first, last), state.top, { rank: state.group === 'registered' ? 'sum' : 'last' });

  const chosen = state.kommuner.length ? state.kommuner : t.lines.slice(0, 6).map((l) => l.kommunenr!);
  const rows: readonly PublishedRow[] = named((trend ?? yearly).rows.filter((r) => isCompletePeriod(r.periode, complete)));
  const picker = h('fieldset', { class: 'kommune-picker' }, h('legend', {}, 'Vis kommuner'));
  for (const l of pickerChoices(t.lines, chosen, rows)) {
    const box = h('input', { type: 'checkbox', value: l.kommunenr, checked: chosen.includes(l.kommunenr) });
    box.addEventListener('change', () => {
      const next = box.checked ? [...chosen, l.kommunenr] : chosen.filter((k) => k !== l.kommunenr);
      ctx.navigate({ kommuner: next });
    });
    picker.append(h('label', { class: 'field inline' }, box, l.kommune));
  }
  // Every period of the selection, so a month (or year) without days is a 0 in both chart and table,
  // not a line drawn across it: the line starts and ends with the selection, not with the first day.
  const allPeriods = [...new Set(rows.map((r) => r.periode))].sort();
  const periods = allPeriods.length ? periodsBetween(allPeriods[0]!, allPeriods.at(-1)!) : [];
  // The SSU table by the chosen period: per month, the selection's last months (MONTH_COLUMNS), the
  // change from the month before; per year, the committee's table (t, which also picks the charts).
  const ssu = state.by === 'month' && periods.length
    ? ssuTable(rows, monthColumns(periods), state.top, { rank: state.group === 'registered' ? 'sum' : 'last', per: 'month' })
    : t;
  const multiples = h('div', { class: 'multiples' });
  const label = (s: string) => measureLabel(s, p);
  // Per year, a part-year is named by its months here too ('2019 (jul–des)'; a caption 'juli 2019–juni 2024').
  const columnOf = new Map(t.columns.map((c) => [c.year, c]));
  const periodLabel = (p: string) => columnOf.get(p)?.label ?? formatPeriod(p);
  const spanLabel = (a: string, b: string) => {
    const ca = columnOf.get(a);
    const cb = columnOf.get(b);
    return ca && cb && !(ca.full && cb.full) ? spanText(ca.from, cb.to) : spanText(a, b);
  };
  for (const nr of chosen) {
    const mine = rows.filter((r) => r.kommunenr === nr);
    if (!mine.length) continue;
    const at = new Map(mine.map((r) => [r.periode, r]));
    // A suppressed cell (null) stays missing; a period without a row had no days: 0. As registered, a
    // number is drawn only from its first to its last period with days (5501 did not exist before 2024).
    const value = (p: string, s: TotalMeasure) => { const r = at.get(p); return r ? r[s] : 0; };
    const own = [...at.keys()].sort();
    const span = state.group === 'registered' ? periods.filter((p) => p >= own[0]! && p <= own.at(-1)!) : periods;
    const points = span.flatMap((p) => series.map((s) => ({ periode: p, series: s, value: value(p, s) })));
    const chart = trendChart(points, { width: 460, height: 220, seriesLabel: label, notes: (trend ?? yearly).annotations.filter((a) => a.kommunenr === nr || a.kommunenr === null) });
    const alt = table(mine[0]!.kommune, [
      { label: 'Periode', value: periodLabel },
      ...series.map((s) => ({ label: label(s), numeric: true, value: (p: string) => { const v = value(p, s); return v === null ? '–' : formatMeasure(s, v); } })),
    ], span);
    const kommune = mine[0]!.kommune;
    multiples.append(figure(kommune, chart, alt, {
      exportTitle: `${trioText(p)}, ${kommune}`,
      caption: chartCaption(meta, state, kommuneCaption(meta, nr), spanLabel(span[0]!, span.at(-1)!)),
      legend: trendLegend(series, label),
      legendInPage: false, // one legend above all the small multiples
    }));
  }
  const area = careAreaText(state.fagomrade);
  // A year the data cover in part is a low point at either end of every chart, read as a rise or a
  // fall: its months are said under the charts, as the table's heading says them.
  const partial = state.by === 'year' ? partYears(t.columns) : null;
  const partialNote = partial ? ` ${partial}: ${t.columns.filter((c) => !c.full).length === 1 ? 'punktet dekker' : 'punktene dekker'} bare de månedene.` : '';
  // Each municipality leads on to its Avstemming over the table's months (first column's first to last column's last).
  const ssuEl = ssuTableElement(ssu, `Registrerte USK-døgn per ${ssu.per === 'month' ? 'måned' : 'år'}, ${area}`, 'kommuner/ssu');
  const tableFrom = ssu.columns[0]?.from;
  const tableTo = ssu.columns.at(-1)?.to;
  if (tableFrom && tableTo) linkCells(ssuEl, 0, ssu.lines, (l) => (l.kommunenr ? avstemmingLink(ctx, l.kommunenr, l.kommune, tableFrom, tableTo) : null));
  const perText = ssu.per === 'month' ? 'måned' : 'år';
  const fileTitle = `Alle kommuner, per ${perText}, med valgt fagområde, gruppering og periode`;
  // Every municipality's workbook takes seconds to make (the CSV does not): the link says so meanwhile.
  const workbook = h('a', { href: ssuExportUrl(figureParams(state), tableFrom, tableTo, 'xlsx', ssu.per), download: '', 'data-testid': 'ssu-download-xlsx', title: fileTitle }, 'Last ned XLSX');
  root.append(
    h('section', {}, h('h2', {}, 'Utvikling per kommune'), picker,
      legendList(trendLegend(series, label)), multiples,
      // Each chart is scaled to its own municipality, so that a small one's trend is seen at all; the
      // reader must not compare heights across them (Tromsø's 8 000 days and Bardu's 250 reach as high).
      h('p', { class: 'fig-meta', 'data-testid': 'multiples-note' }, `${state.by === 'month' ? 'Måneder' : 'År'} uten døgn vises som 0${state.group === 'registered' ? ' (mellom første og siste med døgn for hvert kommunenummer)' : ''}.${partialNote} ${chosen.length > 1 ? 'Hver kommune har sin egen skala på den loddrette aksen: sammenlign tallene, ikke høyden på linjene. ' : ''}${sourceLine(meta, state)}`)),
    h('section', {}, h('h2', {}, 'SSU-tabell'),
      // The file is the avstemming for every municipality, a row per municipality and year with every
      // column, not this table's layout (its top municipalities, «Andre kommuner», the change): say so.
      // Offered to whom the server gives them (every /api/exports route is an analytiker's); a leser,
      // whom both links were refused, is told instead.
      mayExport(me)
        ? h('div', { class: 'downloads', 'data-testid': 'ssu-downloads' }, h('span', { class: 'note' }, `Avstemmingen for alle kommuner, én rad per kommune og ${perText}: `),
          workbook,
          h('a', { href: ssuExportUrl(figureParams(state), tableFrom, tableTo, 'csv', ssu.per), download: '', 'data-testid': 'ssu-download-csv', title: fileTitle }, 'Last ned CSV'),
          busyDownload(workbook))
        : h('p', { class: 'note no-print', 'data-testid': 'downloads-withheld' }, withheldText(me, 'Nedlasting av avstemmingen for alle kommuner (XLSX og CSV)')),
      h('div', { class: 'table-wrap' }, ssuEl),
      thinNote(ssu),
      h('p', { class: 'fig-meta', 'data-testid': 'ssu-note' }, `${ssuNote(ssu, meta, periods.length)} ${sourceLine(meta, state)}`)),
  );
}
