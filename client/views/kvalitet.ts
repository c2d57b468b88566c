/** Datakvalitet: batches, rejected rows with reasons and line numbers, findings, coverage heat map, as-of. */
import { formatInteger, formatPeriod, sourceAsOfText } from '../../pipelines/format/index.ts';
import { ApiError, getJson } from '../api/client.ts';
import type { z } from 'zod';
import { Batches, Coverage, FindingsResponse, Rejects } from '../api/schemas.ts';
import { periodTicks } from '../charts/axes.ts';
import { Plot, plot } from '../charts/plot.ts';
import { COVERAGE_SOURCES, coverageGrid } from '../shape/coverage.ts';
import { h, select, status, table } from '../ui/dom.ts';
import { figure } from '../ui/figure.ts';
import type { Meta } from '../api/schemas.ts';
import type { Ctx } from './context.ts';
import { ALL_KOMMUNER, asOfText, heading, kommuneName, spanText } from './common.ts';
import { avstemmingLink, linkCells } from './links.ts';
import { maySeeQualityDetails, signedIn, withheldText } from './access.ts';

const SOURCE: Record<string, string> = { dips: 'DIPS', hnlis: 'HN-LIS', faktura: 'Faktura' };

export async function kvalitet(root: HTMLElement, ctx: Ctx): Promise<void> {
  root.replaceChildren(heading('Datakvalitet', `Data per kilde: ${asOfText(ctx.meta)}`), status('loading', 'Henter innlesinger, avviste rader og funn …'));
  // The rows rejected and the findings, row by row, are an analytiker's (maySeeQualityDetails): asked
  // for only by whom the server gives them, once the session said who is signed in, beside the
  // batches and the coverage, which are a leser's too. A leser got both refused, said as errors.
  const me = signedIn(ctx);
  const details = me.then((u) => (maySeeQualityDetails(u) ? Promise.all([
    getJson(Rejects, '/api/quality/rejects', { limit: REJECTS_SHOWN }, ctx.signal).catch(forbiddenAsNull),
    getJson(FindingsResponse, '/api/quality/findings', {}, ctx.signal).catch(forbiddenAsNull),
  ]) : [null, null] satisfies [null, null]));
  const [batches, coverage, [rejects, findings], user] = await Promise.all([
    getJson(Batches, '/api/quality/batches', {}, ctx.signal),
    getJson(Coverage, '/api/quality/coverage', {}, ctx.signal),
    details,
    me,
  ]);
  // Not shown, so not asked for by the address either (?funn=…).
  if (findings === null) ctx.shows({ finding: undefined });
  root.querySelector('.status')?.remove();
  const grid = coverageGrid(coverage.coverage);
  const { months } = grid;
  const withKilde = <C extends { source: string }>(c: C) => ({ ...c, kilde: SOURCE[c.source] ?? c.source });
  const cov = grid.cells.map(withKilde);
  const width = 1000;
  const marginLeft = 70;
  const marginRight = 20;
  // Months on the calendar (nb-NO, the year under the first and under each January), as the trend's axis.
  const ticks = months.length ? periodTicks(months[0]!, months.at(-1)!, width - marginLeft - marginRight) : [];
  const tickLabel = new Map(ticks.map((t) => [t.date.toISOString().slice(0, 7), t.label]));
  const heat = plot({
    width, height: 190, marginLeft, marginRight, marginBottom: 44, padding: 0.05,
    // Every month of the span, so a month without any data is a white column, not a column left out.
    x: { type: 'band', domain: months, ticks: [...tickLabel.keys()], tickFormat: (m: string) => tickLabel.get(m) ?? '', label: null },
    // Every source, so one never loaded is a white line.
    y: { domain: COVERAGE_SOURCES.map((s) => SOURCE[s] ?? s), label: null },
    color: { scheme: 'blues', domain: [0, 1], label: 'Andel av kildens største måned' },
    marks: [
      Plot.cell(cov, { x: 'month', y: 'kilde', fill: 'share', title: (d: (typeof cov)[number]) => `${d.kilde}, ${formatPeriod(d.month)}: ${formatInteger(d.rows)} rader, ${formatInteger(d.stays)} opphold` }),
      // The span's edge: a month without data at either end is white inside it, not the page's margin.
      Plot.frame({ stroke: '#c8c8c8' }),
    ],
  });
  const tableRows = grid.rows.map(withKilde);
  const covTable = table('Rader per kilde og måned', [
    { label: 'Måned', value: (c: (typeof tableRows)[number]) => formatPeriod(c.month) },
    { label: 'Kilde', value: (c) => c.kilde },
    { label: 'Rader', numeric: true, value: (c) => formatInteger(c.rows), raw: (c) => c.rows },
    { label: 'Opphold', numeric: true, value: (c) => formatInteger(c.stays) },
  ], tableRows, { testid: 'coverage-table' });
  root.append(
    figure('Hvilke data er lest inn: måned × kilde', heat, covTable, {
      meta: 'Mørkere = flere rader, for hver kilde målt mot dens største måned. Hvit = ingen data.',
      // Rows as read, before any classification: no rule set applies, and the caption says so.
      caption: [
        `Innleste rader per kilde og måned, ${ALL_KOMMUNER}${months.length ? `, ${spanText(months[0]!, months.at(-1)!)}` : ''}. Mørkere = flere rader, for hver kilde målt mot dens største måned.`,
        'Kilde: innlesingene i USK-analyse (DIPS, HN-LIS og faktura). Regelsett: gjelder ikke (rader før klassifisering).',
        `Data per: ${asOfText(ctx.meta)}.`,
      ],
    }),
    h('section', {}, h('h2', {}, 'Innleste filer'), h('div', { class: 'table-wrap' }, table('Innleste filer, én batch per fil', [
      { label: 'Batch', value: (b: (typeof batches.batches)[number]) => String(b.batch_id), sort: (b) => b.batch_id },
      { label: 'Fil', value: (b) => b.file_name },
      { label: 'Profil', value: (b) => b.profile },
      // Of overlapping exports the newest by this time counts (not the last loaded): the reader must see it.
      // As «Data per» says it: a DIPS report stamped with a date only is shown without 00:00.
      { label: 'Uttrekk per', value: (b) => (b.as_of ? sourceAsOfText(b.as_of) : '–'), sort: (b) => b.as_of ?? null },
      { label: 'Lest', numeric: true, value: (b) => formatInteger(b.rows_read), raw: (b) => b.rows_read },
      { label: 'Lastet', numeric: true, value: (b) => formatInteger(b.rows_loaded), raw: (b) => b.rows_loaded },
      { label: 'Avviste rader', numeric: true, value: (b) => formatInteger(b.rows_rejected), raw: (b) => b.rows_rejected },
      { label: 'Advarsler', numeric: true, value: (b) => formatInteger(b.warnings), raw: (b) => b.warnings },
    ], batches.batches, { testid: 'batches', sortable: 'kvalitet/filer' }))),
    h('section', {}, h('h2', {}, 'Avviste rader'), rejects === null ? withheld('rejects-withheld', withheldText(user, 'Listen over avviste rader med grunn'))
      : rejects.rejects.length === 0 ? status('empty', 'Ingen avviste rader.')
      // The list has a line per reason, the batches a count of rows: say so, or 3 lines under «2» look like a miscount.
      : h('div', {}, h('p', { class: 'note' }, 'Hver grunn står på sin egen linje: en rad med flere feil (for eksempel to ugyldige datoer) står her én gang per feil, men telles som én avvist rad over.'),
        h('div', { class: 'table-wrap' }, rejectTable(rejects.rejects)),
        // Cut off: say so, and where the rest are (the list is the first ones, not a sample).
        ...(rejects.rejects.length >= REJECTS_SHOWN
          ? [h('p', { class: 'note', 'data-testid': 'rejects-more' }, `Viser de første ${formatInteger(REJECTS_SHOWN)} grunnene av ${formatInteger(batches.batches.reduce((n, b) => n + b.rows_rejected, 0))} avviste rader i alt. Alle for én fil: «usk rejects --batch N» (N fra tabellen over).`)]
          : []))),
    h('section', {}, h('h2', {}, 'Funn'), findings === null ? withheld('findings-withheld', withheldText(user, 'Listen over funn i dataene'))
      : findings.findings.length === 0 ? status('empty', 'Ingen funn.')
      : findingsSection(ctx, findings.findings)),
  );
}

type Finding = z.infer<typeof FindingsResponse>['findings'][number];

/** In place of a list the role does not give: a note, not an error (the rest of the page is whole). */
const withheld = (testid: string, text: string): HTMLElement => h('p', { class: 'note', 'data-testid': testid }, text);

/**
 * A reader (role leser) may not see row-level listings, and is not asked them (maySeeQualityDetails);
 * should the server refuse them still (a role changed since the session was asked), the 403 leaves
 * that section saying so while the rest of the page shows. Any other failure (the server down, a 500) is the page's
 * failure and reported as such, not passed off as a missing permission.
 */
export function forbiddenAsNull(e: unknown): null {
  if (e instanceof ApiError && e.status === 403) return null;
  throw e;
}

/** Reasons for rejected rows listed at most (over all files); the rest are said to exist, with where to find them. */
const REJECTS_SHOWN = 500;

/** Findings shown in the table at most; the rest are counted, not hidden silently. */
export const FINDINGS_SHOWN = 300;
/**
 * Warnings that say the loader did its routine work (an old municipality number recoded to its
 * successor): one per file line, they outnumbered and buried the findings that need a look, so
 * they are counted per message in a folded list of their own.
 */
export const ROUTINE_CODES: ReadonlySet<string> = new Set(['kommunenr-utenfor-gyldighet']);
const SEVERITY: Record<string, { rank: number; label: string }> = { feil: { rank: 0, label: 'Feil' }, advarsel: { rank: 1, label: 'Advarsel' }, info: { rank: 2, label: 'Info' } };

/** The important findings (by severity, then as the server sorted them) and the routine ones, apart. */
export function splitFindings<F extends Pick<Finding, 'code' | 'severity'>>(all: readonly F[]): { main: F[]; routine: F[] } {
  const main = all.map((f, i) => ({ f, i })).filter(({ f }) => !ROUTINE_CODES.has(f.code))
    .sort((a, b) => (SEVERITY[a.f.severity]?.rank ?? 9) - (SEVERITY[b.f.severity]?.rank ?? 9) || a.i - b.i).map(({ f }) => f);
  return { main, routine: all.filter((f) => ROUTINE_CODES.has(f.code)) };
}

/** Each kind of finding (its code) with its title and how many there are, the most first. */
export function findingKinds(findings: readonly Pick<Finding, 'code' | 'title'>[]): { code: string; title: string; count: number }[] {
  const kinds = new Map<string, { code: string; title: string; count: number }>();
  for (const f of findings) {
    const k = kinds.get(f.code) ?? { code: f.code, title: f.title, count: 0 };
    k.count += 1;
    kinds.set(f.code, k);
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'nb'));
}

/** Routine warnings counted per message without its file, line and column ('Kommunenr 1902 (Tromsø) … regnes som 5501 Tromsø'). */
export function routineGroups(routine: readonly Pick<Finding, 'message'>[]): { message: string; count: number; files: string[] }[] {
  const groups = new Map<string, { message: string; count: number; files: Set<string> }>();
  for (const f of routine) {
    const m = /^(.*?)(?:, linje \d+)?(?:, «[^»]*»)?: (.*)$/.exec(f.message);
    const message = m ? m[2]! : f.message;
    const g = groups.get(message) ?? { message, count: 0, files: new Set<string>() };
    g.count += 1;
    if (m) g.files.add(m[1]!);
    groups.set(message, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.message.localeCompare(b.message, 'nb'))
    .map((g) => ({ message: g.message, count: g.count, files: [...g.files].sort() }));
}

/** The findings table's «Kommune» column. */
const KOMMUNE_COL = 4;

/** '5401 Tromsø' for a number the metadata knows, else the number. */
function kommuneText(meta: Meta, nr: string | null): string {
  if (!nr) return '–';
  const name = kommuneName(meta, nr);
  return name === nr ? nr : `${nr} ${name}`;
}

function findingsSection(ctx: Ctx, all: readonly Finding[]): HTMLElement {
  const { meta } = ctx;
  const { main: every, routine } = splitFindings(all);
  // One kind at a time when asked (funn=<kode>): a file's hundreds of one warning must not hide the rest.
  const kinds = findingKinds(every);
  const asked = ctx.state.finding !== undefined && kinds.some((k) => k.code === ctx.state.finding) ? ctx.state.finding : undefined;
  // A code without findings (an old link, a typo) shows them all: the address then asks for no one kind.
  if (asked === undefined) ctx.shows({ finding: undefined });
  const main = asked ? every.filter((f) => f.code === asked) : every;
  const shown = main.slice(0, FINDINGS_SHOWN);
  const out = h('div', { 'data-testid': 'findings' });
  if (kinds.length > 1) {
    out.append(h('div', { class: 'controls' }, select('Vis funn', [
      { value: '', label: `Alle slags (${formatInteger(every.length)})` },
      ...kinds.map((k) => ({ value: k.code, label: `${k.title} (${formatInteger(k.count)})` })),
    ], asked ?? '', (v) => ctx.navigate({ finding: v || undefined }), 'funn')));
  }
  if (main.length) {
    const findingsTable = table('Funn i dataene', [
      // By severity, not by its name: «Feil» before «Advarsel» before «Info».
      { label: 'Alvor', value: (f: Finding) => SEVERITY[f.severity]?.label ?? f.severity, sort: (f) => SEVERITY[f.severity]?.rank ?? 9 },
      { label: 'Funn', value: (f) => f.title },
      { label: 'Kode', value: (f) => f.code },
      { label: 'Opphold', value: (f) => f.stay_id ?? '–' },
      { label: 'Kommune', value: (f) => kommuneText(meta, f.kommunenr) },
      { label: 'Periode', value: (f) => (f.periode ? formatPeriod(f.periode) : '–'), sort: (f) => f.periode ?? null },
      { label: 'Melding', value: (f) => f.message }, // amounts already in nb-NO (derive/findings.ts)
    ], shown, { testid: 'findings-table', sortable: 'kvalitet/funn' });
    // A finding with a municipality and a month leads to that month's Avstemming; one about a stay
    // to that stay, listed first and marked there.
    linkCells(findingsTable, KOMMUNE_COL, shown, (f) => (f.kommunenr && f.periode ? avstemmingLink(ctx, f.kommunenr, kommuneText(meta, f.kommunenr), f.periode, f.periode, f.stay_id ?? undefined) : null));
    out.append(h('div', { class: 'table-wrap' }, findingsTable));
    if (main.length > shown.length) {
      out.append(h('p', { class: 'note', 'data-testid': 'findings-count' }, `Viser ${formatInteger(shown.length)} av ${formatInteger(main.length)} funn, de alvorligste først. Velg ett slags funn over for å se alle av det.`));
    }
  } else out.append(status('empty', 'Ingen funn utenom rutinemessige omkodinger.'));
  if (routine.length) {
    const groups = routineGroups(routine);
    out.append(h('details', { class: 'routine', 'data-testid': 'routine-findings' },
      h('summary', {}, `Rutinemessige omkodinger av kommunenummer: ${formatInteger(routine.length)} advarsler (${formatInteger(groups.length)} slags)`),
      h('p', { class: 'note' }, 'Et kommunenummer som ikke gjaldt på datoen, er regnet om til kommunen som tok over. Tallene blir riktige; advarslene er med for sporbarhet.'),
      h('div', { class: 'table-wrap' }, table('Omkodinger av kommunenummer', [
        { label: 'Melding', value: (g: (typeof groups)[number]) => g.message },
        { label: 'Antall', numeric: true, value: (g) => formatInteger(g.count), raw: (g) => g.count },
        { label: 'Filer', value: (g) => (g.files.length > 3 ? `${g.files.slice(0, 3).join(', ')} og ${formatInteger(g.files.length - 3)} til` : g.files.join(', ') || '–') },
      ], groups))));
  }
  return out;
}

export function rejectTable(rows: { batch_id: number; file_name: string; line: number | null; column_name: string | null; value: string | null; reason: string; row_summary?: string | null }[]): HTMLTableElement {
  return table('Avviste rader med grunn', [
    { label: 'Fil', value: (r: (typeof rows)[number]) => r.file_name },
    { label: 'Linje', numeric: true, value: (r) => (r.line === null ? '–' : String(r.line)), raw: (r) => r.line },
    { label: 'Kolonne', value: (r) => r.column_name ?? '–' },
    { label: 'Verdi', value: (r) => r.value ?? '–' },
    { label: 'Grunn', value: (r) => r.reason },
    { label: 'Raden', value: (r) => r.row_summary ?? '–' },
  ], rows, { testid: 'rejects', sortable: 'kvalitet/avviste' });
}
