/** Avstemming for one municipality and period: bridge, month table, the stays behind it, downloads. */
import { formatInteger, formatKroner, formatPeriod } from '../../pipelines/format/index.ts';
import type { DayCategory } from '../../pipelines/query/contract.ts';
import { apiUrl, getJson } from '../api/client.ts';
import { ReconciliationResponse, StayDaysResponse, StaysResponse, type PublishedRow } from '../api/schemas.ts';
import { bridgeChart } from '../charts/bridge.ts';
import { stayStrip } from '../charts/strip.ts';
import { waterfall, type Segment } from '../shape/bridge.ts';
import { CATEGORY_LABEL, MEASURE_LABEL } from '../shape/labels.ts';
import { latestCompleteMonth, yearOf } from '../shape/months.ts';
import { figure, h, select, status, table } from '../ui/dom.ts';
import { figureParams, type Ctx } from './context.ts';
import { careAreaSelect, currentKommuner, heading, kommuneName, monthSelect, sourceLine } from './common.ts';

const COLS = ['registrert', 'avvik_dips', 'uten_tidspunkt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel', 'betalbar', 'fakturert', 'differanse'] as const;
const STRIPS = 12;

export function defaultPeriod(ctx: Ctx): { kommune: string; from: string; to: string } {
  const { meta, state } = ctx;
  const all = currentKommuner(meta).map((k) => k.value);
  const kommune = state.kommune ?? (all.includes('5501') ? '5501' : (all[0] ?? '0000'));
  const year = yearOf(latestCompleteMonth(meta.months, meta.asOf) ?? '2024-12');
  return { kommune, from: state.from ?? year.from, to: state.to ?? year.to };
}

export async function avstemming(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta, state } = ctx;
  const { kommune, from, to } = defaultPeriod(ctx);
  const name = kommuneName(meta, kommune);
  const period = from === to ? formatPeriod(from) : `${formatPeriod(from)}–${formatPeriod(to)}`;
  const q = { ...figureParams(state), kommune, from, to };
  root.replaceChildren(
    heading(`Avstemming: ${name}`, `${period}. Fra registrerte til betalbare og fakturerte døgn.`),
    h('div', { class: 'controls' },
      select('Kommune', currentKommuner(meta), kommune, (v) => ctx.navigate({ kommune: v }), 'kommune'),
      monthSelect(ctx, 'Fra', from, (v) => ctx.navigate({ from: v, ...(v > to ? { to: v } : {}) }), 'fra'),
      monthSelect(ctx, 'Til', to, (v) => ctx.navigate({ to: v, ...(v < from ? { from: v } : {}) }), 'til'),
      careAreaSelect(ctx)),
    h('div', { class: 'downloads' },
      h('a', { href: apiUrl('/api/exports/reconciliation', { ...q, by: 'month', format: 'xlsx' }), download: '', 'data-testid': 'download-xlsx' }, 'Last ned XLSX'),
      h('a', { href: apiUrl('/api/exports/reconciliation', { ...q, by: 'month', format: 'csv' }), download: '', 'data-testid': 'download-csv' }, 'Last ned CSV'),
      printButton()),
    status('loading', `Henter avstemmingen for ${name} …`),
  );
  const data = await getJson(ReconciliationResponse, '/api/reconciliation', { ...q, by: 'month' }, ctx.signal);
  root.querySelector('.status')?.remove();
  if (!data.rows.length) return void root.append(status('empty', `Ingen USK-døgn for ${name} i ${period}.`));
  const segments = waterfall(data.bridge);
  root.append(
    figure(`Fra registrerte til fakturerte døgn, ${name}, ${period}`, bridgeChart(segments), bridgeTable(segments), sourceLine(meta, state)),
    h('section', {}, h('h2', {}, 'Per måned'), h('div', { class: 'table-wrap' }, monthTable(data.rows))),
  );
  const staysSection = h('section', {}, h('h2', {}, 'Oppholdene bak tallene'), legend(), status('loading', 'Henter oppholdene …'));
  root.append(staysSection);
  await renderStays(staysSection, ctx, q);
}

function printButton(): HTMLButtonElement {
  const b = h('button', { type: 'button' }, 'Skriv ut / PDF');
  b.addEventListener('click', () => window.print());
  return b;
}

function bridgeTable(segments: readonly Segment[]): HTMLTableElement {
  return table('Broen fra registrerte til fakturerte døgn', [
    { label: 'Steg', value: (s: Segment) => s.label },
    { label: 'Døgn', numeric: true, value: (s) => (s.kind === 'total' ? '' : s.days > 0 ? '+' : '') + formatInteger(s.days), raw: (s) => s.days },
  ], segments, { testid: 'bridge-table' });
}

function monthTable(rows: readonly PublishedRow[]): HTMLTableElement {
  const fmt = (n: number | null) => (n === null ? 'prikket' : formatInteger(n));
  return table('Døgn per måned og kategori', [
    { label: 'Måned', value: (r: PublishedRow) => `${formatPeriod(r.periode)}${r.fagomrade === 'alle' ? '' : ` (${r.fagomrade})`}` },
    ...COLS.map((c) => ({ label: MEASURE_LABEL[c] ?? c, numeric: true, value: (r: PublishedRow) => fmt(r[c]), raw: (r: PublishedRow) => r[c] })),
    { label: 'Beløp', numeric: true, value: (r) => (r.belop === null ? 'prikket' : formatKroner(r.belop)), raw: (r) => r.belop },
  ], rows, { testid: 'month-table' });
}

function legend(): HTMLElement {
  return h('ul', { class: 'legend' }, ...(Object.keys(CATEGORY_LABEL) as DayCategory[]).map((c) => h('li', {}, h('span', { class: `swatch sw-${c}` }), CATEGORY_LABEL[c])), h('li', {}, '▼ hendelse'));
}

async function renderStays(section: HTMLElement, ctx: Ctx, q: Record<string, string | number | boolean | undefined>): Promise<void> {
  const res = await getJson(StaysResponse, '/api/stays', { ...q, by: 'period', limit: 2000 }, ctx.signal);
  section.querySelector('.status')?.remove();
  const rows = res.rows.filter((r) => r.stay_id !== null).sort((a, b) => b.registrert - b.betalbar - (a.registrert - a.betalbar) || (a.stay_id ?? '').localeCompare(b.stay_id ?? ''));
  if (!rows.length) return void section.append(status('empty', 'Ingen opphold med døgn i perioden.'));
  section.append(h('p', { class: 'note' }, `${formatInteger(res.rows.length)} opphold og fakturalinjer. Viser de ${Math.min(STRIPS, rows.length)} med flest døgn som ikke er betalbare.`));
  const list = h('ul', { class: 'stays' });
  section.append(list);
  for (const r of rows.slice(0, STRIPS)) {
    const item = h('li', { 'data-stay': r.stay_id ?? '' }, h('div', { class: 'stay-meta' },
      `Opphold ${r.stay_id} · ${r.fagomrade} · registrert ${formatInteger(r.registrert)}, betalbar ${formatInteger(r.betalbar)}, fakturert ${formatInteger(r.fakturert)}${r.pagaende ? ' · pågående' : ''}`));
    list.append(item);
    const days = await getJson(StayDaysResponse, `/api/stays/${encodeURIComponent(r.stay_id!)}/days`, { rules: q.rules, minHours: q.minHours, firstDayFree: q.firstDayFree, from: q.from, to: q.to }, ctx.signal);
    item.append(h('div', { class: 'strip-wrap' }, stayStrip(days.days)));
  }
}
