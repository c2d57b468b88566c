/**
 * Metode: switch rule set, first-day rule and hour threshold and see every municipality's totals
 * recompute beside the default rule set. The slider updates the URL in place (replaceState) and
 * only the results, so dragging stays smooth: one request at a time, the first at once, and while
 * it runs only the latest value waits (no fixed debounce delay added to every change).
 */
import { formatInteger, formatPeriod } from '../../pipelines/format/index.ts';
import { getJson } from '../api/client.ts';
import { ReconciliationResponse } from '../api/schemas.ts';
import { latestCompleteMonth, yearOf } from '../shape/months.ts';
import { ranking } from '../shape/totals.ts';
import { toSearch, withChanges } from '../state/url.ts';
import { h, select, status, table } from '../ui/dom.ts';
import { ruleSetName, type Ctx } from './context.ts';
import { careAreaSelect, heading } from './common.ts';
import { explanations } from './metode-text.ts';
import { currentParams, ruleSetForm } from './ruleset-form.ts';

export async function metode(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta } = ctx;
  let state = ctx.state;
  const year = yearOf(latestCompleteMonth(meta.months, meta.asOf) ?? '2024-12');
  const from = state.from ?? year.from;
  const to = state.to ?? year.to;
  const chosenRules = meta.ruleSets.find((r) => r.id === state.rules);
  const hours = state.minHours ?? chosenRules?.params.minHoursPerDay ?? 0;
  const slider = h('input', { type: 'range', min: 0, max: 24, step: 0.5, value: hours, name: 'timer', 'aria-label': 'Timeterskel per døgn' });
  const out = h('output', { for: 'timer' }, `${String(hours).replace('.', ',')} t`);
  const first = h('input', { type: 'checkbox', name: 'forstedogn', checked: state.firstDayFree ?? chosenRules?.params.firstDayFree ?? true });
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, status('loading', 'Regner ut …'));
  const saveSlot = h('div', { class: 'save-slot' });
  root.replaceChildren(
    heading('Metode', `Regelsett og terskler, ${formatPeriod(from)}–${formatPeriod(to)}`),
    h('div', { class: 'controls' },
      select('Regelsett', meta.ruleSets.map((r) => ({ value: r.id, label: `${r.name} (v${r.version})` })), state.rules, (v) => ctx.navigate({ rules: v, minHours: undefined, firstDayFree: undefined }), 'regelsett'),
      h('label', { class: 'field inline' }, first, 'Første døgn gratis'),
      h('label', { class: 'field' }, h('span', {}, 'Timeterskel per døgn'), h('span', { class: 'field inline' }, slider, out)),
      careAreaSelect(ctx)),
    saveSlot,
    results,
    explanations(),
  );
  const base = { fagomrade: state.fagomrade, group: state.group, from, to, by: 'period' };
  const defaultRes = getJson(ReconciliationResponse, '/api/reconciliation', { ...base, rules: 'fakturagrunnlag' }, ctx.signal);
  let seq = 0;
  const update = async () => {
    const mine = ++seq;
    // The figures are for the state asked for; the page is "ready" only when that is still the state on screen.
    const asked = state;
    const res = await getJson(ReconciliationResponse, '/api/reconciliation', { ...base, rules: asked.rules, minHours: asked.minHours, firstDayFree: asked.firstDayFree }, ctx.signal);
    const def = await defaultRes;
    if (mine !== seq) return;
    const period = `${from}–${to}`;
    const now = ranking(res.rows, 'betalbar', period, period);
    const d = new Map(ranking(def.rows, 'betalbar', period, period).map((r) => [r.kommunenr, r.value]));
    const total = (steps: typeof res.bridge, k: string) => steps.find((s) => s.step === k)?.days ?? null;
    results.replaceChildren(
      h('p', { class: 'totals', 'data-testid': 'method-total', 'data-value': total(res.bridge, 'betalbar') ?? undefined },
        `Betalbare døgn i alt: ${formatInteger(total(res.bridge, 'betalbar') ?? 0)} med ${ruleSetName(meta, asked)}, mot ${formatInteger(total(def.bridge, 'betalbar') ?? 0)} med standardregelsettet.`),
      table('Betalbare døgn per kommune', [
        { label: 'Kommune', value: (r: (typeof now)[number]) => r.kommune },
        { label: 'Valgt regelsett', numeric: true, value: (r) => formatInteger(r.value), raw: (r) => r.value },
        { label: 'Standard (Fakturagrunnlag)', numeric: true, value: (r) => formatInteger(d.get(r.kommunenr) ?? 0), raw: (r) => d.get(r.kommunenr) ?? 0 },
        { label: 'Forskjell', numeric: true, value: (r) => { const x = r.value - (d.get(r.kommunenr) ?? 0); return `${x > 0 ? '+' : ''}${formatInteger(x)}`; } },
      ], now, { testid: 'method-table' }),
    );
    if (asked === state) document.body.dataset.ready = toSearch(state) || '?';
  };
  let running = false;
  let pending = false;
  const kick = () => {
    if (running) return void (pending = true);
    running = true;
    void update()
      .catch((e: Error) => { if (e.name !== 'AbortError') results.replaceChildren(status('error', e.message)); })
      .finally(() => {
        running = false;
        if (pending) {
          pending = false;
          kick();
        }
      });
  };
  const change = (changes: Parameters<typeof withChanges>[1]) => {
    state = withChanges(state, changes);
    history.replaceState(null, '', `/${toSearch(state)}`);
    delete document.body.dataset.ready;
    kick();
  };
  slider.addEventListener('input', () => {
    out.textContent = `${slider.value.replace('.', ',')} t`;
    change({ minHours: Number(slider.value) });
  });
  first.addEventListener('change', () => change({ firstDayFree: first.checked }));
  // Without a session answer the page still works; only the save form is left out.
  const form = ruleSetForm(ctx, () => currentParams(chosenRules, state))
    .then((f) => { if (f) saveSlot.replaceChildren(f); })
    .catch(() => undefined);
  await Promise.all([update(), form]);
}
