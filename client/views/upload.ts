/**
 * Last opp (admin): drop files, preview them in the browser (upload-preview.ts: profile, encoding,
 * first rows, missing columns) before sending, a text file no profile matches not sent at all (the
 * header is found as the server finds it); an XLSX file is checked by the server when sent; then the bytes sent and, polling
 * GET /api/uploads/:id, each step of the server's ingestion, until the result with its rejects.
 */
import { patientIndexes } from '../../pipelines/profiles/index.ts';
import { formatAsOf, formatDateTime, formatInteger, uploadTooLargeText } from '../../pipelines/format/index.ts';
import { getJson, postForm } from '../api/client.ts';
import { Rejects, UploadJobResponse, UploadListResponse } from '../api/schemas.ts';
import { rejectedCountWarning, type IngestResult } from '../../pipelines/load/result.ts';
import { jobProgress, pollDelay, progressText, sendingProgress, type ProgressView } from '../shape/upload-progress.ts';
import { h, status, table } from '../ui/dom.ts';
import type { Ctx } from './context.ts';
import { heading } from './common.ts';
import { rejectTable } from './kvalitet.ts';
import { decode, maskPreviewRows, previewLines, previewTable, recognise } from './upload-preview.ts';

type Job = UploadJobResponse;

export async function upload(root: HTMLElement, ctx: Ctx): Promise<void> {
  // The browser's own file input shows its button in the browser's language («Choose Files») beside
  // ours: it is hidden, and a button of our own opens it.
  const input = h('input', { type: 'file', name: 'fil', accept: '.csv,.txt,.xlsx', multiple: true, hidden: true, id: 'fil' });
  const choose = h('button', { type: 'button', class: 'primary', 'data-testid': 'choose-files' }, 'Velg filer …');
  choose.addEventListener('click', () => input.click());
  // Not focusable itself: the button inside is the keyboard's way in (a focus stop that does nothing would only confuse).
  const zone = h('div', { class: 'dropzone' }, h('p', {}, 'Slipp filer her. ', choose), input);
  const list = h('div', { class: 'uploads' });
  // Demo mode serves without sign-in, so the server takes no files (server/routes/uploads.ts): the
  // page still shows how a file is recognised, and says why it cannot be sent.
  const demoNote = ctx.meta.mode === 'demo'
    ? h('p', { class: 'note', id: DEMO_NOTE_ID, 'data-testid': 'demo-upload-note' },
      'Demomodus: her ser du hvordan en fil blir kjent igjen, men den kan ikke sendes. Serveren kjører uten innlogging, og det som lastes inn, ville vært åpent for alle. '
      + 'Les egne filer inn i en egen database og start serveren med innlogging (se README).')
    : '';
  const earlier = h('section', { class: 'earlier-uploads' });
  root.replaceChildren(heading('Last opp', 'DIPS-rapporter, HN-LIS-uttrekk og fakturalinjer (CSV eller XLSX). Krever administrator.'), demoNote, zone, list, earlier);
  // What was sent before this page was opened (a refused file is no batch, so only here), as far as the server remembers.
  if (ctx.meta.mode === 'production') void showEarlierUploads(earlier, ctx.signal).catch(() => undefined); // a convenience: the page works without it
  const take = (files: FileList | null) => { for (const f of files ?? []) void preview(f, list, ctx); };
  input.addEventListener('change', () => {
    take(input.files);
    input.value = ''; // the same file again (after a fix) is a new choice
  });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); take(e.dataTransfer?.files ?? null); });
}

/** The result's warning lines without its last one, which counts the rejected rows (said with the counts). */
const ownWarnings = (r: Pick<IngestResult, 'warnings' | 'rowsRejected'>) => {
  const count = r.rowsRejected > 0 ? rejectedCountWarning(r.rowsRejected) : undefined;
  return r.warnings.filter((w) => w !== count);
};

/** The server's last uploads (also from before it last started: server/uploads/jobs.ts), newest first: file, when, and what came of it. */
async function showEarlierUploads(section: HTMLElement, signal: AbortSignal): Promise<void> {
  const { uploads } = await getJson(UploadListResponse, '/api/uploads', {}, signal);
  if (!uploads.length) return;
  section.append(h('h2', {}, 'Sendt tidligere'), h('div', { class: 'table-wrap' }, table('Opplastinger', [
    { label: 'Fil', value: (j: Job) => j.fileName },
    { label: 'Sendt', value: (j) => safeDateTime(j.queuedAt) },
    { label: 'Resultat', value: (j) => uploadOutcome(j) },
  ], [...uploads].reverse(), { testid: 'earlier-uploads' })));
}

/** One upload's outcome in words: loaded (with counts), a duplicate, refused (why), or still running. */
export function uploadOutcome(j: Pick<Job, 'status' | 'error' | 'results'>): string {
  const r = j.results?.[0];
  if (j.status === 'queued' || j.status === 'running') return 'leses inn …';
  if (j.status === 'failed' || !r) return `feilet: ${j.error ?? 'ukjent feil'}`;
  if (r.error) return `ikke lest inn: ${r.error}`;
  if (r.status === 'duplicate') return `lest inn fra før (batch ${r.batch ?? '–'})`;
  const kinds = ownWarnings(r).length;
  return `batch ${r.batch ?? '–'}: ${rowsText(r.rowsRead)} lest, ${formatInteger(r.rowsLoaded)} lastet, ${formatInteger(r.rowsRejected)} avvist${kinds ? `, ${formatInteger(kinds)} slags advarsler` : ''}`;
}

/** A server time ('…T…Z' or local) in nb-NO, Oslo time; as it came when it cannot be read. */
function safeDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatDateTime(d.toLocaleString('sv-SE', { timeZone: 'Europe/Oslo' }));
}

/** The demo-mode note that a disabled send button points at (aria-describedby). */
const DEMO_NOTE_ID = 'demo-opplasting';
/** Ids for the refusal that a disabled send button points at (aria-describedby). */
let unknownIds = 0;

async function preview(file: File, list: HTMLElement, ctx: Ctx): Promise<void> {
  const box = h('section', { class: 'upload', 'data-file': file.name }, h('h2', {}, file.name));
  list.prepend(box);
  if (file.size === 0) {
    // Nothing to send: the server would only say the same, later.
    box.append(h('p', { class: 'missing', role: 'alert', 'data-testid': 'preview-empty' }, 'Filen er tom (0 byte). Velg filen på nytt, eller en annen fil.'));
    return;
  }
  let known = true;
  const problemId = `ukjent-${++unknownIds}`;
  if (!/\.(csv|txt)$/i.test(file.name)) {
    box.append(h('p', { 'data-testid': 'preview-xlsx' }, 'Regneark (XLSX) vises ikke her før sending: serveren kontrollerer filen når du sender den, og sier fra om den ikke er en kjent eksport.'));
  } else {
    const { text, encoding } = decode(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
    const lines = previewLines(text);
    if (!lines.some((l) => l.trim() !== '')) {
      box.append(h('p', { class: 'missing', role: 'alert', 'data-testid': 'preview-empty' }, 'Filen har ingen rader (bare tomme linjer). Velg filen på nytt, eller en annen fil.'));
      return;
    }
    const found = recognise(lines);
    known = found.header !== undefined;
    box.append(
      h('p', { 'data-testid': 'preview-profile' }, `Profil: ${found.header?.match.profile.name ?? 'ukjent'} · tegnsett ${encoding} · skilletegn «${found.delimiter}»`),
      found.problem ? h('p', { class: 'missing', role: 'alert', id: problemId, 'data-testid': 'preview-unknown' }, found.problem) : '',
      previewTable(found.cells, maskPreviewRows(found.cells, found.rows, patientIndexes(found.match, found.cells)), new Set(found.match.columns.values())),
    );
  }
  // A file no profile matches would only come back refused: nothing to send (the message above says why).
  const demo = ctx.meta.mode === 'demo';
  const send = h('button', { type: 'button', class: 'primary', disabled: !known || demo, 'aria-describedby': !known ? problemId : demo ? DEMO_NOTE_ID : undefined }, 'Send til serveren');
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const options = uploadOptions(/\.xlsx$/i.test(file.name));
  box.append(options.element, send, result);
  send.addEventListener('click', () => {
    send.disabled = true;
    void sendAndFollow(file, box, result, ctx, options.fields()).finally(() => { send.disabled = demo; });
  });
}

/**
 * What `usk ingest` lets a user say about a file, for the server's upload (its fields: server/routes/
 * uploads.ts): refuse the whole file if any row would be rejected (--strict), the export's as-of when
 * the file does not say it (--as-of), and an .xlsx's sheet (--sheet). Folded away: most files need none.
 */
function uploadOptions(xlsx: boolean): { element: HTMLElement; fields: () => Record<string, string> } {
  const strict = h('input', { type: 'checkbox', name: 'strict', 'data-testid': 'upload-strict' });
  const asOf = h('input', { type: 'datetime-local', name: 'asOf', 'data-testid': 'upload-as-of-input' });
  const sheet = h('input', { type: 'text', name: 'sheet', maxlength: 31, 'data-testid': 'upload-sheet' });
  const element = h('details', { class: 'upload-options' }, h('summary', {}, 'Valg for innlesingen'),
    h('label', { class: 'field inline' }, strict, h('span', {}, 'Ikke last filen hvis noen rad avvises (som «usk ingest --strict»)')),
    h('label', { class: 'field' }, h('span', {}, 'Uttrekkstidspunkt, når filen ikke sier det selv (som «--as-of»)'), asOf),
    ...(xlsx ? [h('label', { class: 'field' }, h('span', {}, 'Ark i arbeidsboken (tomt: det første)'), sheet)] : []));
  return {
    element,
    fields: () => ({
      ...(strict.checked ? { strict: 'true' } : {}),
      ...(asOf.value ? { asOf: asOf.value } : {}),
      ...(xlsx && sheet.value.trim() ? { sheet: sheet.value.trim() } : {}),
    }),
  };
}

/**
 * Sends the file (bytes sent from the browser), then polls the job until it is done and shows the
 * result with its rejects. Every step shown is also appended to the box's data-steps (for the
 * browser test: a small file can pass the server's steps between two polls).
 */
async function sendAndFollow(file: File, box: HTMLElement, result: HTMLElement, ctx: Ctx, fields: Record<string, string> = {}): Promise<void> {
  const { signal } = ctx;
  const bar = h('progress', { max: 1, 'aria-label': `Fremdrift for ${file.name}` });
  const text = h('span', { class: 'progress-text' });
  const show = (v: ProgressView) => {
    if (v.value === null) bar.removeAttribute('value');
    else bar.value = v.value;
    text.textContent = progressText(v);
    bar.setAttribute('aria-valuetext', text.textContent);
    const steps = (box.dataset.steps ?? '').split(',').filter(Boolean);
    if (steps.at(-1) !== v.phase) box.dataset.steps = [...steps, v.phase].join(',');
  };
  // Not read out at every percent (the result container is a live region); the result replacing it is.
  result.replaceChildren(h('div', { class: 'upload-progress', 'data-testid': 'upload-progress', 'aria-live': 'off' }, bar, text));
  delete box.dataset.steps; // a second try of the same file starts its own record
  delete box.dataset.polls;
  // Known too large before a byte is sent: say so now, in the server's words, instead of after minutes of sending.
  const limit = ctx.meta.uploadMaxBytes;
  if (limit !== undefined && file.size > limit) {
    result.replaceChildren(status('error', `Filen ble ikke sendt: ${uploadTooLargeText(limit)}`));
    return;
  }
  show(sendingProgress(0, file.size));
  try {
    const form = new FormData();
    // The fields before the file: the server reads them as they come (multer), and needs them with it.
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    let job: Job = await postForm(UploadJobResponse, '/api/uploads', form, (sent, total) => show(sendingProgress(sent, total)));
    let polls = 0;
    while (job.status === 'queued' || job.status === 'running') {
      show(jobProgress(job));
      await new Promise((r) => setTimeout(r, pollDelay(polls)));
      // Leaving the view stops the polling, not the ingestion: the server finishes the file.
      if (signal.aborted) return;
      job = await getJson(UploadJobResponse, `/api/uploads/${encodeURIComponent(job.id)}`, {}, signal);
      box.dataset.polls = String(++polls);
    }
    box.dataset.steps = `${box.dataset.steps ?? ''},ferdig`;
    // New data on the server: the page's metadata (Data per, months) follows before anything else is drawn.
    if (job.results?.some((r) => r.status !== 'duplicate' && !r.error && r.rowsLoaded > 0)) ctx.dataChanged();
    await showResult(job, result, signal);
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    result.replaceChildren(status('error', `Opplastingen feilet: ${(e as Error).message}`));
  }
}

async function showResult(job: Job, result: HTMLElement, signal: AbortSignal): Promise<void> {
  const r = job.results?.[0];
  if (job.status === 'failed' || !r || r.error) {
    result.replaceChildren(status('error', `Filen ble ikke lest inn: ${r?.error ?? job.error ?? 'ukjent feil'}`));
    return;
  }
  if (r.status === 'duplicate') {
    result.replaceChildren(h('p', { class: 'status', 'data-testid': 'upload-result' }, `Filen er lest inn fra før (batch ${r.batch ?? '–'}); ingenting nytt er lastet.`));
    return;
  }
  // What the CLI says (pipelines/cli/ingest.ts describeResult): the counts, the as-of the file was
  // loaded with and where it came from, every warning, and where to see the rest.
  const nothingLoaded = r.rowsLoaded === 0 && r.rowsRejected > 0;
  result.replaceChildren(
    h('p', { class: nothingLoaded ? 'status error' : 'status', 'data-testid': 'upload-result' },
      `Lest inn som batch ${r.batch ?? '–'} (${r.profile ?? '?'}): ${rowsText(r.rowsRead)} lest, ${formatInteger(r.rowsLoaded)} lastet, ${formatInteger(r.rowsRejected)} avvist.`
      + (nothingLoaded ? ' Ingen rader ble lastet: se grunnene under.' : '')),
    ...(r.asOf ? [h('p', { class: 'note', 'data-testid': 'upload-as-of' }, `Uttrekket gjelder per ${formatAsOf(r.asOf)}${AS_OF_FROM[r.asOfFrom ?? 'file']}.`)] : []),
  );
  const warnings = ownWarnings(r);
  if (warnings.length) {
    result.append(h('p', {}, h('strong', {}, 'Advarsler')), h('ul', { class: 'warnings', 'data-testid': 'upload-warnings' }, ...warnings.map((w) => h('li', {}, w))));
  }
  if (r.rowsRejected > 0 && typeof r.batch === 'number') {
    const rej = await getJson(Rejects, '/api/quality/rejects', { batch: r.batch, limit: REJECTS_SHOWN }, signal);
    result.append(rejectTable(rej.rejects));
    if (rej.rejects.length >= REJECTS_SHOWN) {
      result.append(h('p', { class: 'note', 'data-testid': 'upload-rejects-more' }, `Viser de første ${formatInteger(REJECTS_SHOWN)} grunnene. Alle står i Datakvalitet, og i «usk rejects --batch ${r.batch}».`));
    }
  }
  if (warnings.length || r.rowsRejected > 0) {
    result.append(h('p', {}, h('a', { href: `/?vis=kvalitet`, 'data-testid': 'upload-to-quality' }, 'Se alle avviste rader, advarsler og funn i Datakvalitet')));
  }
}

/** Reasons for rejected rows shown here at most (a row may have several); Datakvalitet and the CLI have the rest. */
const REJECTS_SHOWN = 200;

const AS_OF_FROM: Record<string, string> = { 'as-of': ' (oppgitt ved opplastingen)', file: ' (fra filens Utskriftsdato eller Uttrekk)', rows: ' (seneste tidspunkt i filen)' };


/** '1 rad', '2 rader', '1 234 rader'. */
export const rowsText = (n: number) => `${formatInteger(n)} ${n === 1 ? 'rad' : 'rader'}`;
