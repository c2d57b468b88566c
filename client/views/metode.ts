/**
 * Metode: switch rule set, first-day rule and hour threshold and see every municipality's totals
 * recompute beside the default rule set. The slider updates the URL in place (replaceState) and
 * only the results, so dragging stays smooth: one request at a time, the first at once, and while
 * it runs only the latest value waits (no fixed debounce delay added to every change).
 */
import { formatPeriod } from '../../pipelines/format/index.ts';
import { getJson } from '../api/client.ts';
import { ReconciliationResponse } from '../api/schemas.ts';
import { formatMeasure, formatSigned, headlineLabel, headlineNoun, headlineOf } from '../shape/headline.ts';
import { kommuneLabel } from '../shape/labels.ts';
import { DEFAULT_RULE_SET, type RuleParams } from '../../pipelines/query/contract.ts';
import { methodRows, type MethodRow } from '../shape/method.ts';
import { ranking, sumColumns } from '../shape/totals.ts';
import { toSearch, withChanges } from '../state/url.ts';
import { h, select, status, table } from '../ui/dom.ts';
import { ruleSetName, type Ctx } from './context.ts';
import { asOfText, careAreaSelect, heading, monthPeriodSelects, periodWithEnds } from './common.ts';
import { avstemmingLink, linkCells } from './links.ts';
import { explanations } from './metode-text.ts';
import { currentParams, ruleSetForm } from './ruleset-form.ts';
import { printHeaderText, setPrintHeader } from '../ui/print-header.ts';

/**
 * The words of the comparison with the standard rule set, for the parameters the figures were
 * computed with: the chosen rule set's figure is named as what it is (headlineNoun), so a rule set
 * that takes no days away (DIPS) is not said to give «betalbare døgn»; when both are payable days the
 * table needs no nouns.
 */
export function methodWords(p: RuleParams): { same: boolean; title: string; chosen: string; standard: string; total: string } {
  const same = headlineNoun(p) === 'betalbare døgn';
  return same
    ? { same, title: 'Betalbare døgn per kommune', chosen: 'Valgt regelsett', standard: 'Standard (Fakturagrunnlag)', total: headlineLabel(p) }
    : { same, title: `${headlineLabel(p)} per kommune (valgt regelsett) mot betalbare døgn (standard)`, chosen: `Valgt regelsett, ${headlineNoun(p)}`, standard: 'Standard (Fakturagrunnlag), betalbare døgn', total: headlineLabel(p) };
}

export async function metode(root: HTMLElement, ctx: Ctx): Promise<void> {
  const { meta } = ctx;
  let state = ctx.state;
  // A period past the data's months is moved inside them, or is the whole period when wholly outside
  // them (?fra=2030-01&til=2030-06), as in Avstemming and Kommuner: the pickers have only the data's months.
  const { from, to, note } = periodWithEnds(meta, state.from, state.to);
  // The address says so, and keeps saying it when the slider writes it (change, below).
  state = withChanges(state, ctx.shows({ from, to }));
  const chosenRules = meta.ruleSets.find((r) => r.id === state.rules);
  const hours = state.minHours ?? chosenRules?.params.minHoursPerDay ?? 0;
  const slider = h('input', { type: 'range', min: 0, max: 24, step: 0.5, value: hours, name: 'timer', id: 'timer', 'aria-label': 'Timeterskel per døgn' });
  const out = h('output', { for: 'timer' }, `${String(hours).replace('.', ',')} t`);
  const first = h('input', { type: 'checkbox', name: 'forstedogn', checked: state.firstDayFree ?? chosenRules?.params.firstDayFree ?? true });
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, status('loading', 'Regner ut …'));
  const saveSlot = h('div', { class: 'save-slot' });
  root.replaceChildren(
    heading('Metode', `Regelsett og terskler, ${formatPeriod(from)}–${formatPeriod(to)}`),
    note ? h('p', { class: 'note', role: 'status', 'data-testid': 'period-note' }, note) : '',
    h('div', { class: 'controls' },
      select('Regelsett', meta.ruleSets.map((r) => ({ value: r.id, label: `${r.name}, versjon ${r.version}` })), state.rules, (v) => ctx.navigate({ rules: v, minHours: undefined, firstDayFree: undefined }), 'regelsett'),
      ...monthPeriodSelects(ctx, from, to),
      h('label', { class: 'field inline' }, first, 'Første døgn gratis'),
      h('label', { class: 'field' }, h('span', {}, 'Timeterskel per døgn'), h('span', { class: 'field inline' }, slider, out)),
      careAreaSelect(ctx)),
    saveSlot,
    results,
    explanations(),
  );
  const base = { fagomrade: state.fagomrade, group: state.group, from, to, by: 'period' };
  const defaultRes = getJson(ReconciliationResponse, '/api/reconciliation', { ...base, rules: DEFAULT_RULE_SET }, ctx.signal);
  // The chosen rule set's main figure: payable days, or hour-based days (one decimal) under «Timebasert».
  // The standard rule set (Fakturagrunnlag) is always compared by its payable days.
  const headline = headlineOf(meta.ruleSets, state.rules);
  const fmt = (v: number) => formatMeasure(headline, v);
  let seq = 0;
  const update = async () => {
    const mine = ++seq;
    // The figures are for the state asked for; the page is "ready" only when that is still the state on screen.
    const asked = state;
    const res = await getJson(ReconciliationResponse, '/api/reconciliation', { ...base, rules: asked.rules, minHours: asked.minHours, firstDayFree: asked.firstDayFree }, ctx.signal);
    const def = await defaultRes;
    if (mine !== seq) return;
    const period = `${from}–${to}`;
    const now = ranking(res.rows, headline, period, period);
    const { rows, total } = methodRows(now, ranking(def.rows, 'betalbar', period, period));
    const chosenTotal = headline === 'timebasert' ? sumColumns(res.rows, ['timebasert'] as const).timebasert : (res.bridge.find((s) => s.step === 'betalbar')?.days ?? null);
    const defTotal = def.bridge.find((s) => s.step === 'betalbar')?.days ?? null;
    const words = methodWords(currentParams(chosenRules, asked));
    const methodTable = table(words.title, [
      { label: 'Kommune', value: (r: MethodRow) => (r === total ? r.kommune : kommuneLabel(r.kommunenr ?? '', r.kommune, asked.group)) },
      { label: words.chosen, numeric: true, value: (r) => (r.value === null ? 'prikket' : fmt(r.value)), raw: (r) => r.value },
      { label: words.standard, numeric: true, value: (r) => (r.standard === null ? 'prikket' : formatMeasure('betalbar', r.standard)), raw: (r) => r.standard },
      { label: 'Forskjell', numeric: true, value: (r) => (r.value === null || r.standard === null ? '–' : formatSigned(headline, r.value - r.standard)), raw: (r) => (r.value === null || r.standard === null ? null : r.value - r.standard) },
    ], rows, { testid: 'method-table', foot: [total], sortable: 'metode/kommuner' });
    // Each municipality leads on to its Avstemming for the same months, rule set and threshold.
    linkCells(methodTable, 0, rows, (r) => (r.kommunenr ? avstemmingLink({ ...ctx, state: asked }, r.kommunenr, kommuneLabel(r.kommunenr, r.kommune, asked.group), from, to) : null));
    results.replaceChildren(
      h('p', { class: 'totals', 'data-testid': 'method-total', 'data-value': chosenTotal ?? undefined, 'data-measure': headline },
        `${words.total} i alt: ${chosenTotal === null ? 'prikket' : fmt(chosenTotal)} med ${ruleSetName(meta, asked)}, mot ${defTotal === null ? 'prikket' : formatMeasure('betalbar', defTotal)} ${words.same ? '' : 'betalbare døgn '}med standardregelsettet.`),
      h('div', { class: 'table-wrap' }, methodTable),
    );
    printHeader(asked);
    if (asked === state) document.body.dataset.ready = toSearch(state) || '?';
  };
  /** The print header (set by the shell when the view opened) follows the slider and the checkbox. */
  const printHeader = (s: typeof state) => {
    const current = printHeaderText();
    if (!current) return;
    const [start] = current.split(' — Regelsett: ');
    setPrintHeader(`${start} — Regelsett: ${ruleSetName(meta, s)} — Data per: ${asOfText(meta)}`);
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
  // The form, or a note that saving needs the role admin (also without a session answer, when the
  // page still works).
  const form = ruleSetForm(ctx, () => currentParams(chosenRules, state))
    .then((f) => saveSlot.replaceChildren(f))
    .catch(() => undefined);
  await Promise.all([update(), form]);
}
