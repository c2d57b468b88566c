import { openAsBlob, statSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { basename as baseName } from 'node:path';
import { maskIdentifiers } from '../db/errors.ts';
import { z } from 'zod';
import { IngestResult, refusedResult } from '../load/result.ts';
import { fromTransfer, type SnapshotFiles } from '../export/snapshot.ts';
import type { ExportKind } from '../export/index.ts';
import { CliError } from './open.ts';

/** What the CLI needs from the running-server marker (server/lockfile.ts). */
export interface RunningServer {
  url: string;
  token: string;
}

const Problem = z.object({ detail: z.string().optional(), title: z.string().optional() });

/** The server's explanation of a refusal (RFC 9457 problem details), or nothing. */
const problemText = (body: unknown): string => {
  const p = Problem.safeParse(body);
  return p.success ? (p.data.detail ?? p.data.title ?? '') : '';
};

const UploadAnswer = z.object({ status: z.string(), results: z.array(IngestResult).nullable(), error: z.string().nullable() });

/** The file's name as it may be shown: a fødselsnummer in it masked (as read/index.ts does). */
const basename = (file: string) => maskIdentifiers(baseName(file));

/**
 * While `usk serve` owns the database, no other process may open it; `usk ingest` then sends each
 * file through the server's upload endpoint (the same pipeline), authenticated by the local token
 * in the marker file beside the database, and gets the same per-file results back.
 */
export async function ingestViaServer(
  server: RunningServer,
  files: readonly string[],
  opts: { profile?: string; asOf?: string; strict: boolean; sheet?: string },
): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const file of files) {
    // The same refusals as a local load (read/index.ts), before anything is sent.
    const refuse = (why: string) => results.push(refusedResult(basename(file), `${basename(file)}: ${why}`));
    let blob: Blob;
    try {
      if (statSync(file).isDirectory()) {
        refuse('er en mappe, ikke en fil (forventet en eksportfil: .csv, .txt eller .xlsx)');
        continue;
      }
      blob = await openAsBlob(file);
    } catch {
      refuse('finner ikke filen');
      continue;
    }
    const form = new FormData();
    form.set('file', blob, basename(file));
    if (opts.profile) form.set('profile', opts.profile);
    if (opts.sheet) form.set('sheet', opts.sheet);
    if (opts.asOf) form.set('asOf', opts.asOf);
    if (opts.strict) form.set('strict', 'true');
    const res = await fetch(new URL('/api/uploads?wait=true', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: form,
    });
    const body: unknown = await res.json().catch(() => null);
    // Too large for the server: this file is refused and the next one is tried, as a local load
    // refuses a file over its limit. Anything else (demo mode, a bad field, sign-in, a server error)
    // would refuse every file alike: the run stops there, and says why.
    if (res.status === 413) {
      refuse(`serveren på ${server.url} avviste filen (${res.status}): ${problemText(body)}`);
      continue;
    }
    if (!res.ok) throw new CliError(`serveren på ${server.url} avviste opplastingen av ${basename(file)} (${res.status}): ${problemText(body)}`);
    const answer = UploadAnswer.parse(body);
    if (!answer.results) throw new CliError(`serveren kunne ikke lese inn ${basename(file)}: ${answer.error ?? answer.status}`);
    results.push(...answer.results);
  }
  return results;
}

/**
 * `usk export` while the server owns the database: the same export from the server's export
 * endpoint (same writers, same query layer), so the CLI never meets DuckDB's lock.
 */
export async function exportViaServer(
  server: RunningServer,
  kind: ExportKind,
  query: Record<string, string | number | boolean | undefined>,
  format: 'json' | 'csv' | 'xlsx',
): Promise<Buffer> {
  const res = await requestExport(server, kind, query, format);
  return Buffer.from(await res.arrayBuffer());
}

/** The server's export endpoint asked for one export; its refusal as the CLI's error. */
async function requestExport(
  server: RunningServer,
  kind: ExportKind | 'days',
  query: Record<string, string | number | boolean | undefined>,
  format: 'json' | 'csv' | 'xlsx',
): Promise<Response> {
  const url = new URL(`/api/exports/${kind}`, server.url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  url.searchParams.set('format', format);
  const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
  if (!res.ok) throw new CliError(`serveren på ${server.url} avviste eksporten (${res.status}): ${problemText(await res.json().catch(() => null))}`);
  return res;
}

/**
 * `usk export days` while the server owns the database: the server's file copied to `out` as it
 * arrives (it may be larger than memory), `out` not ended.
 */
export async function streamExportViaServer(
  server: RunningServer,
  kind: 'days',
  query: Record<string, string | number | boolean | undefined>,
  format: 'json' | 'csv' | 'xlsx',
  out: Writable,
): Promise<void> {
  const res = await requestExport(server, kind, query, format);
  if (!res.body) throw new CliError(`serveren på ${server.url} sendte eksporten uten innhold (${res.status})`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), out, { end: false });
}

/**
 * `usk export snapshot` and `npm run notebooks` while the server owns the database: the notebooks'
 * snapshot from the server's snapshot endpoint (the same collectSnapshot() over the same database),
 * with the database's id and data version in it, as a local snapshot has them.
 */
export async function snapshotViaServer(server: RunningServer, minHours?: readonly number[]): Promise<SnapshotFiles> {
  const url = new URL('/api/exports/snapshot', server.url);
  if (minHours) url.searchParams.set('minHours', minHours.join(','));
  const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
  if (res.status === 404) {
    throw new CliError(`serveren på ${server.url} kan ikke levere øyeblikksbilder (den kjører en eldre versjon av USK-analyse): start den på nytt, eller stopp den og kjør kommandoen igjen`);
  }
  if (!res.ok) throw new CliError(`serveren på ${server.url} avviste øyeblikksbildet (${res.status}): ${problemText(await res.json().catch(() => null))}`);
  try {
    return fromTransfer(await res.json());
  } catch (e) {
    throw new CliError(`øyeblikksbildet fra serveren på ${server.url} kunne ikke leses: ${e instanceof z.ZodError ? 'uventet svar' : (e as Error).message}`);
  }
}
