/** Kommuner: trends per municipality (small multiples) and the SSU committee table. */
import { formatInteger, formatPercent, formatPeriod } from '../../pipelines/format/index.ts';
import { getJson } from '../api/client.ts';
import { ReconciliationResponse, type PublishedRow } from '../api/schemas.ts';
import { trendChart, trendLegend } from '../charts/trend.ts';
import { MEASURE_LABEL } from '../shape/labels.ts';
import { ssuTable, type SsuLine, type SsuTable } from '../shape/ssu.ts';
import { isCompletePeriod, latestCompleteMonth } from '../shape/months.ts';
import type { TotalMeasure } from '../shape/totals.ts';
import { h, select, status, table, type Column } from '../ui/dom.ts';
import { figure, legendList } from '../ui/figure.ts';
import { figureParams, type Ctx } from './context.ts';
import { careAreaSelect, chartCaption, groupSelect, heading, monthRangeSelects, sourceLine, spanText } from './common.ts';

const SERIES: TotalMeasure[] = ['registrert', 'betalbar', 'fakturert'];
const fmt = (n: number | null) => (n === null ? '–' : formatInteger(n));

export function ssuColumns(t: SsuTable): Column<SsuLine>[] {
  const first = t.years[0] ?? '';
  const last = t.years.at(-1) ?? '';
  return [
    { label: 'Kommune', value: (l) => l.kommune },
    ...t.years.map((y, i) => ({ label: y, numeric: true, value: (l: SsuLine) => fmt(l.values[i] ?? null), raw: (l: SsuLine) => l.values[i] ?? null })),
    { label: `Fakturert ${last}`, numeric: true, value: (l) => fmt(l.invoiced), raw: (l) => l.invoiced },
    { label: `Endring ${first}–${last}, døgn`, numeric: true, value: (l) => (l.change.days === null ? '–' : `${l.change.days > 0 ? '+' : ''}${formatInteger(l.change.days)}`), raw: (l) => l.change.days },
    { label: 'Endring, %', numeric: true, value: (l) => (l.change.share === null ? '–' : `${l.change.share > 0 ? '+' : ''}${formatPercent(l.change.share)}`) },
  ];
}

export function ssuTableElement(t: SsuTable, caption: string): HTMLTableElement {
  return table(caption, ssuColumns(t), t.lines, { foot: [t.other, t.total], testid: 'ssu-table' });
}

/** ', januar 2022–desember 2022' for a chosen period; '' when both ends are open. */
export function rangeText(from: string | undefined, to: string | undefined): string {
  if (!from && !to) return '';
  return `, ${from ? formatPeriod(from) : 'første måned'}–${to ? formatPeriod(to) : 'siste hele måned'}`;
}

export async function kommuner(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta, state } = ctx;
  const topOptions = [5, 10, 15, 20].map((n) => ({ value: String(n), label: String(n) }));
  root.replaceChildren(
    heading('Kommuner', `Registrerte, betalbare og fakturerte døgn per kommune${rangeText(state.from, state.to)}`),
    h('div', { class: 'controls' },
      select('Periode', [{ value: 'year', label: 'År' }, { value: 'month', label: 'Måned' }], state.by, (v) => ctx.navigate({ by: v as 'year' | 'month' }), 'per'),
      ...monthRangeSelects(ctx),
      careAreaSelect(ctx), groupSelect(ctx),
      select('Kommuner i tabellen', topOptions, String(state.top), (v) => ctx.navigate({ top: Number(v) }), 'topp')),
    status('loading', 'Henter tallene per kommune …'),
  );
  const params = { ...figureParams(state), from: state.from, to: state.to };
  const [yearly, trend] = await Promise.all([
    getJson(ReconciliationResponse, '/api/reconciliation', { ...params, by: 'year' }, ctx.signal),
    state.by === 'year' ? null : getJson(ReconciliationResponse, '/api/reconciliation', { ...params, by: 'month' }, ctx.signal),
  ]);
  root.querySelector('.status')?.remove();
  // Unless the user picked an end month, leave out periods the sources do not cover completely yet.
  const complete = state.to ? undefined : latestCompleteMonth(meta.months, meta.asOf);
  const yearlyRows = yearly.rows.filter((r) => isCompletePeriod(r.periode, complete));
  if (!yearlyRows.length) return void root.append(status('empty', 'Ingen døgn for dette utvalget.'));
  const years = [...new Set(yearlyRows.map((r) => r.periode))].sort();
  const t = ssuTable(yearlyRows, years, state.top);

  const chosen = state.kommuner.length ? state.kommuner : t.lines.slice(0, 6).map((l) => l.kommunenr!);
  const picker = h('fieldset', { class: 'kommune-picker' }, h('legend', {}, 'Vis kommuner'));
  for (const l of t.lines) {
    const box = h('input', { type: 'checkbox', value: l.kommunenr!, checked: chosen.includes(l.kommunenr!) });
    box.addEventListener('change', () => {
      const next = box.checked ? [...chosen, l.kommunenr!] : chosen.filter((k) => k !== l.kommunenr);
      ctx.navigate({ kommuner: next });
    });
    picker.append(h('label', { class: 'field inline' }, box, l.kommune));
  }
  const rows: readonly PublishedRow[] = (trend ?? yearly).rows.filter((r) => isCompletePeriod(r.periode, complete));
  const multiples = h('div', { class: 'multiples' });
  for (const nr of chosen) {
    const mine = rows.filter((r) => r.kommunenr === nr);
    if (!mine.length) continue;
    const periods = [...new Set(mine.map((r) => r.periode))].sort();
    const points = mine.flatMap((r) => SERIES.map((s) => ({ periode: r.periode, series: s, value: r[s] })));
    const chart = trendChart(points, { width: 460, height: 220, seriesLabel: (s) => MEASURE_LABEL[s] ?? s, notes: (trend ?? yearly).annotations.filter((a) => a.kommunenr === nr || a.kommunenr === null) });
    const alt = table(mine[0]!.kommune, [
      { label: 'Periode', value: (p: string) => formatPeriod(p) },
      ...SERIES.map((s) => ({ label: MEASURE_LABEL[s] ?? s, numeric: true, value: (p: string) => fmt(mine.find((r) => r.periode === p)?.[s] ?? null) })),
    ], periods);
    const kommune = mine[0]!.kommune;
    multiples.append(figure(kommune, chart, alt, {
      exportTitle: `Registrerte, betalbare og fakturerte døgn, ${kommune}`,
      caption: chartCaption(meta, state, spanText(periods[0]!, periods.at(-1)!)),
      legend: trendLegend(SERIES, (s) => MEASURE_LABEL[s] ?? s),
      legendInPage: false, // one legend above all the small multiples
    }));
  }
  root.append(
    h('section', {}, h('h2', {}, 'Utvikling per kommune'), picker,
      legendList(trendLegend(SERIES, (s) => MEASURE_LABEL[s] ?? s)), multiples,
      h('p', { class: 'fig-meta' }, sourceLine(meta, state))),
    h('section', {}, h('h2', {}, 'SSU-tabell'), h('div', { class: 'table-wrap' }, ssuTableElement(t, `Registrerte USK-døgn per år, ${state.fagomrade === 'alle' ? 'alle fagområder' : state.fagomrade}`)),
      h('p', { class: 'fig-meta' }, `«Andre kommuner» er alle kommuner som ikke står i tabellen. Summene er regnet ut, ikke skrevet inn. ${sourceLine(meta, state)}`)),
  );
}
