/**
 * Last opp (admin): drop files, preview them in the browser with papaparse (profile, encoding,
 * first rows, missing columns) before sending; the server ingests and answers with the result.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { bestProfile } from '../../pipelines/profiles/index.ts';
import { formatInteger } from '../../pipelines/format/index.ts';
import { getJson, post } from '../api/client.ts';
import { Rejects } from '../api/schemas.ts';
import { h, status } from '../ui/dom.ts';
import type { Ctx } from './context.ts';
import { heading } from './common.ts';
import { rejectTable } from './kvalitet.ts';

const Result = z.object({ file: z.string(), batch: z.number().nullable().optional(), profile: z.string().nullable().optional(), status: z.string(), rowsRead: z.number(), rowsLoaded: z.number(), rowsRejected: z.number(), error: z.string().optional().nullable() }).loose();
const Job = z.object({ id: z.string(), status: z.string(), error: z.string().nullable(), results: z.array(Result).nullable() }).loose();

/** UTF-8 if it decodes strictly, else Windows-1252 (what Excel writes as "ANSI"). */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

export async function upload(root: HTMLElement, _ctx: Ctx): Promise<void> {
  const input = h('input', { type: 'file', name: 'fil', accept: '.csv,.txt,.xlsx', multiple: true });
  const zone = h('div', { class: 'dropzone', tabindex: 0 }, h('p', {}, 'Slipp filer her, eller '), h('label', {}, 'velg filer: ', input));
  const list = h('div', { class: 'uploads' });
  root.replaceChildren(heading('Last opp', 'DIPS-rapporter, HN-LIS-uttrekk og fakturalinjer (CSV eller XLSX). Krever administrator.'), zone, list);
  const take = (files: FileList | null) => { for (const f of files ?? []) void preview(f, list); };
  input.addEventListener('change', () => take(input.files));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); take(e.dataTransfer?.files ?? null); });
}

async function preview(file: File, list: HTMLElement): Promise<void> {
  const box = h('section', { class: 'upload', 'data-file': file.name }, h('h2', {}, file.name));
  list.prepend(box);
  if (!/\.(csv|txt)$/i.test(file.name)) {
    box.append(h('p', {}, 'Regneark: forhåndsvisning gjøres av serveren.'));
  } else {
    const { text, encoding } = decode(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
    const parsed = Papa.parse<string[]>(text, { preview: 20, skipEmptyLines: true });
    const rows = parsed.data;
    const headerAt = Math.max(0, rows.findIndex((r) => r.length > 2));
    const header = rows[headerAt] ?? [];
    const match = bestProfile(header);
    const found = new Set(match.columns.values());
    box.append(
      h('p', { 'data-testid': 'preview-profile' }, `Profil: ${match.missing.length ? 'ukjent' : match.profile.name} · tegnsett ${encoding} · skilletegn «${parsed.meta.delimiter}»`),
      match.missing.length ? h('p', { class: 'missing', role: 'alert' }, `Mangler kolonner for ${match.profile.name}: ${match.missing.join(', ')}`) : '',
      previewTable(header, rows.slice(headerAt + 1, headerAt + 6), found),
    );
  }
  const send = h('button', { type: 'button', class: 'primary' }, 'Send til serveren');
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  box.append(send, result);
  send.addEventListener('click', () => {
    send.disabled = true;
    result.replaceChildren(status('loading', `Leser inn ${file.name} … (serveren validerer, laster og regner ut på nytt)`));
    const form = new FormData();
    form.append('file', file, file.name);
    void post(Job, '/api/uploads', form, { wait: true })
      .then(async (job) => {
        const r = job.results?.[0];
        if (job.status === 'failed' || !r || r.error) {
          result.replaceChildren(status('error', `Filen ble ikke lest inn: ${r?.error ?? job.error ?? 'ukjent feil'}`));
          return;
        }
        result.replaceChildren(h('p', { class: 'status', 'data-testid': 'upload-result' }, `Lest inn som batch ${r.batch ?? '–'} (${r.profile ?? '?'}): ${formatInteger(r.rowsRead)} rader lest, ${formatInteger(r.rowsLoaded)} lastet, ${formatInteger(r.rowsRejected)} avvist.`));
        if (r.rowsRejected > 0 && typeof r.batch === 'number') {
          const rej = await getJson(Rejects, '/api/quality/rejects', { batch: r.batch, limit: 200 });
          result.append(rejectTable(rej.rejects));
        }
      })
      .catch((e: Error) => result.replaceChildren(status('error', `Opplastingen feilet: ${e.message}`)))
      .finally(() => { send.disabled = false; });
  });
}

function previewTable(header: string[], rows: string[][], found: Set<number>): HTMLElement {
  const head = h('tr', {}, ...header.map((c, i) => h('th', { scope: 'col', class: found.has(i) ? undefined : 'unknown' }, c)));
  const body = rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('caption', {}, 'De første radene'), h('thead', {}, head), h('tbody', {}, ...body)));
}
