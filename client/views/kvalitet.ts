/** Datakvalitet: batches, rejected rows with reasons and line numbers, findings, coverage heat map, as-of. */
import { formatInteger, formatPeriod } from '../../pipelines/format/index.ts';
import { getJson } from '../api/client.ts';
import { Batches, Coverage, FindingsResponse, Rejects } from '../api/schemas.ts';
import { monthDate, Plot, plot } from '../charts/plot.ts';
import { h, status, table } from '../ui/dom.ts';
import { figure } from '../ui/figure.ts';
import type { Ctx } from './context.ts';
import { asOfText, heading, spanText } from './common.ts';

const SOURCE: Record<string, string> = { dips: 'DIPS', hnlis: 'HN-LIS', faktura: 'Faktura' };

export async function kvalitet(root: HTMLElement, ctx: Ctx): Promise<void> {
  root.replaceChildren(heading('Datakvalitet', `Data per kilde: ${asOfText(ctx.meta)}`), status('loading', 'Henter innlesinger, avviste rader og funn …'));
  const [batches, coverage, rejects, findings] = await Promise.all([
    getJson(Batches, '/api/quality/batches', {}, ctx.signal),
    getJson(Coverage, '/api/quality/coverage', {}, ctx.signal),
    getJson(Rejects, '/api/quality/rejects', { limit: 500 }, ctx.signal).catch(() => null),
    getJson(FindingsResponse, '/api/quality/findings', {}, ctx.signal).catch(() => null),
  ]);
  root.querySelector('.status')?.remove();
  // Each source against its own busiest month: HN-LIS has several events per stay, so on one scale
  // DIPS and the invoices were a pale band in which a missing month hardly showed.
  const busiest = new Map<string, number>();
  for (const c of coverage.coverage) busiest.set(c.source, Math.max(busiest.get(c.source) ?? 0, c.rows));
  const cov = coverage.coverage.map((c) => ({ ...c, date: monthDate(c.month), kilde: SOURCE[c.source] ?? c.source, share: c.rows / (busiest.get(c.source) || 1) }));
  const heat = plot({
    width: 1000, height: 170, marginLeft: 70, padding: 0.05,
    x: { type: 'band', label: null, tickFormat: (d: Date) => (d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : '') },
    y: { label: null },
    color: { scheme: 'blues', domain: [0, 1], label: 'Andel av kildens største måned' },
    marks: [Plot.cell(cov, { x: 'date', y: 'kilde', fill: 'share', title: (d: (typeof cov)[number]) => `${d.kilde}, ${formatPeriod(d.month)}: ${formatInteger(d.rows)} rader, ${formatInteger(d.stays)} opphold` })],
  });
  const months = [...new Set(coverage.coverage.map((c) => c.month))].sort();
  const covTable = table('Rader per kilde og måned', [
    { label: 'Måned', value: (c: (typeof cov)[number]) => formatPeriod(c.month) },
    { label: 'Kilde', value: (c) => c.kilde },
    { label: 'Rader', numeric: true, value: (c) => formatInteger(c.rows), raw: (c) => c.rows },
    { label: 'Opphold', numeric: true, value: (c) => formatInteger(c.stays) },
  ], cov);
  root.append(
    figure('Hvilke data er lest inn: måned × kilde', heat, covTable, {
      meta: 'Mørkere = flere rader, for hver kilde målt mot dens største måned. Hvit = ingen data.',
      // Rows as read, before any classification: no rule set applies, and the caption says so.
      caption: [
        `Innleste rader per kilde og måned${months.length ? `, ${spanText(months[0]!, months.at(-1)!)}` : ''}. Mørkere = flere rader, for hver kilde målt mot dens største måned.`,
        'Kilde: innlesingene i USK-analyse (DIPS, HN-LIS og faktura). Regelsett: gjelder ikke (rader før klassifisering).',
        `Data per: ${asOfText(ctx.meta)}.`,
      ],
    }),
    h('section', {}, h('h2', {}, 'Innleste filer'), h('div', { class: 'table-wrap' }, table('Batcher', [
      { label: 'Batch', value: (b: (typeof batches.batches)[number]) => String(b.batch_id) },
      { label: 'Fil', value: (b) => b.file_name },
      { label: 'Profil', value: (b) => b.profile },
      { label: 'Lest', numeric: true, value: (b) => formatInteger(b.rows_read), raw: (b) => b.rows_read },
      { label: 'Lastet', numeric: true, value: (b) => formatInteger(b.rows_loaded) },
      { label: 'Avvist', numeric: true, value: (b) => formatInteger(b.rows_rejected), raw: (b) => b.rows_rejected },
      { label: 'Advarsler', numeric: true, value: (b) => formatInteger(b.warnings) },
    ], batches.batches, { testid: 'batches' }))),
    h('section', {}, h('h2', {}, 'Avviste rader'), rejects === null ? status('error', 'Du har ikke tilgang til avviste rader (krever analytiker).')
      : rejects.rejects.length === 0 ? status('empty', 'Ingen avviste rader.')
      : h('div', { class: 'table-wrap' }, rejectTable(rejects.rejects))),
    h('section', {}, h('h2', {}, 'Funn'), findings === null ? status('error', 'Du har ikke tilgang til funn (krever analytiker).')
      : findings.findings.length === 0 ? status('empty', 'Ingen funn.')
      : h('div', { class: 'table-wrap' }, table('Funn i dataene', [
        { label: 'Alvor', value: (f: (typeof findings.findings)[number]) => f.severity },
        { label: 'Kode', value: (f) => f.code },
        { label: 'Opphold', value: (f) => f.stay_id ?? '–' },
        { label: 'Kommune', value: (f) => f.kommunenr ?? '–' },
        { label: 'Periode', value: (f) => f.periode ?? '–' },
        { label: 'Melding', value: (f) => f.message },
      ], findings.findings.slice(0, 300)))),
  );
}

export function rejectTable(rows: { batch_id: number; file_name: string; line: number | null; column_name: string | null; value: string | null; reason: string }[]): HTMLTableElement {
  return table('Avviste rader med grunn', [
    { label: 'Fil', value: (r: (typeof rows)[number]) => r.file_name },
    { label: 'Linje', numeric: true, value: (r) => (r.line === null ? '–' : String(r.line)) },
    { label: 'Kolonne', value: (r) => r.column_name ?? '–' },
    { label: 'Verdi', value: (r) => r.value ?? '–' },
    { label: 'Grunn', value: (r) => r.reason },
  ], rows, { testid: 'rejects' });
}
