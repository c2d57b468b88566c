/** Avstemming for one municipality and period: bridge, month table, the stays behind it (paged), downloads. */
import { formatInteger, formatKroner, formatPeriod } from '../../pipelines/format/index.ts';
import type { DayCategory } from '../../pipelines/query/contract.ts';
import { apiUrl, getJson } from '../api/client.ts';
import { ReconciliationResponse, StayDaysResponse, StaysResponse, type PublishedRow } from '../api/schemas.ts';
import { bridgeChart } from '../charts/bridge.ts';
import { CATEGORY_COLOR } from '../charts/palette.ts';
import { stayStrip } from '../charts/strip.ts';
import { waterfall, type Segment } from '../shape/bridge.ts';
import { CATEGORY_LABEL, MEASURE_LABEL } from '../shape/labels.ts';
import { latestCompleteMonth, yearOf } from '../shape/months.ts';
import { byNotPayable, pageOf, pageText } from '../shape/paging.ts';
import { parseState, toSearch, withChanges } from '../state/url.ts';
import { h, select, status, table } from '../ui/dom.ts';
import { figure, legendList } from '../ui/figure.ts';
import { figureParams, type Ctx } from './context.ts';
import { careAreaSelect, chartCaption, currentKommuner, heading, kommuneName, monthSelect, sourceLine } from './common.ts';

const COLS = ['registrert', 'avvik_dips', 'uten_tidspunkt', 'ikke_varslet', 'kommune_klar', 'forste_dogn', 'under_terskel', 'betalbar', 'fakturert', 'differanse'] as const;
/** Stay strips per page. */
export const PAGE_SIZE = 25;
/**
 * Rows asked of /api/stays (the server's default limit). The API has a limit but no offset or sort,
 * and the strips are ordered here, so the browser holds the period's stays and pages them itself.
 */
const STAYS_LIMIT = 10_000;

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
    figure(`Fra registrerte til fakturerte døgn, ${name}, ${period}`, bridgeChart(segments), bridgeTable(segments), { meta: sourceLine(meta, state), caption: chartCaption(meta, state, `${name}, ${period}`) }),
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
  const key = legendList((Object.keys(CATEGORY_LABEL) as DayCategory[]).map((c) => ({ label: CATEGORY_LABEL[c], color: CATEGORY_COLOR[c] })));
  key.append(h('li', {}, '▼ hendelse'));
  return key;
}

async function renderStays(section: HTMLElement, ctx: Ctx, q: Record<string, string | number | boolean | undefined>): Promise<void> {
  const res = await getJson(StaysResponse, '/api/stays', { ...q, by: 'period', limit: STAYS_LIMIT }, ctx.signal);
  section.querySelector('.status')?.remove();
  const rows = byNotPayable(res.rows);
  if (!rows.length) return void section.append(status('empty', 'Ingen opphold med døgn i perioden.'));
  const invoiceOnly = res.rows.length - rows.length;
  section.append(h('p', { class: 'note' }, 'Sortert etter flest døgn som ikke er betalbare.'
    + (invoiceOnly ? ` ${formatInteger(invoiceOnly)} fakturalinjer uten opphold er ikke med.` : '')
    + (res.truncated ? ` Serveren sendte bare de første ${formatInteger(STAYS_LIMIT)} radene; avgrens perioden for å se alle.` : '')));
  const count = h('p', { class: 'pager-text', role: 'status', 'data-testid': 'stays-count' });
  const list = h('ul', { class: 'stays', 'data-testid': 'stays' });
  const pagers = [pager('top'), pager('bottom')];
  section.append(count, pagers[0]!.el, list, pagers[1]!.el);
  const dayParams = { rules: q.rules, minHours: q.minHours, firstDayFree: q.firstDayFree, from: q.from, to: q.to };
  let pageAbort: AbortController | undefined;

  /** Shows one page: the URL (pushState on a click, so Back returns), the count, the strips. */
  const show = async (page: number, from?: 'top' | 'bottom'): Promise<void> => {
    pageAbort?.abort();
    const abort = (pageAbort = new AbortController());
    const signal = AbortSignal.any([ctx.signal, abort.signal]);
    const p = pageOf(rows, page, PAGE_SIZE);
    const search = toSearch(withChanges(parseState(location.search), { page: p.page }));
    if (from) {
      delete document.body.dataset.ready;
      history.pushState(null, '', `/${search}`);
    }
    count.textContent = `${pageText(p, 'opphold', res.truncated)}.`;
    for (const pg of pagers) pg.update(p.page, p.pages);
    // Paging from the bottom of a long list: bring the new page's top into view.
    if (from === 'bottom') count.scrollIntoView({ block: 'start' });
    const items = p.items.map((r) => ({
      r,
      li: h('li', { 'data-stay': r.stay_id }, h('div', { class: 'stay-meta' },
        `Opphold ${r.stay_id} · ${r.fagomrade} · registrert ${formatInteger(r.registrert)}, betalbar ${formatInteger(r.betalbar)}, fakturert ${formatInteger(r.fakturert)}${r.pagaende ? ' · pågående' : ''}`)),
    }));
    list.replaceChildren(...items.map((x) => x.li));
    // The page's strips in parallel (the browser keeps six requests in flight); each fills its row when it comes.
    await Promise.all(items.map(async ({ r, li }) => {
      const days = await getJson(StayDaysResponse, `/api/stays/${encodeURIComponent(r.stay_id)}/days`, dayParams, signal);
      li.append(h('div', { class: 'strip-wrap' }, stayStrip(days.days)));
    }));
    if (from && !signal.aborted) document.body.dataset.ready = search || '?';
  };
  for (const pg of pagers) {
    pg.onPage = (page) => void show(page, pg.where).catch((e: Error) => {
      if (e.name !== 'AbortError') list.replaceChildren(h('li', {}, status('error', e.message)));
    });
  }
  await show(ctx.state.page);
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
