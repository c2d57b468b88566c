/**
 * Typed fetch over the server's API: every response is checked against its zod schema, and every
 * failure becomes an ApiError with a Norwegian message that says what happened.
 */
import type { z } from 'zod';
import { Problem, Session } from './schemas.ts';

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Query parameters: undefined values are left out; booleans and numbers as text. */
export type Params = Record<string, string | number | boolean | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, String(v));
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

async function problemText(res: Response): Promise<string> {
  try {
    const body = Problem.safeParse(await res.json());
    if (body.success) {
      const detail = body.data.errors?.map((e) => `${e.parameter}: ${e.message}`).join('; ');
      return [body.data.title, body.data.detail, detail].filter(Boolean).join(' — ');
    }
  } catch {
    /* not JSON */
  }
  return `Serveren svarte ${res.status} ${res.statusText}`;
}

/** The refusal of a response that is not 2xx, in the user's words (GET and POST alike). */
async function refuseUnless2xx(res: Response): Promise<void> {
  if (res.status === 401) throw new ApiError('Du er ikke logget inn.', 401);
  if (res.status === 403) throw new ApiError('Du har ikke tilgang til dette (rollen din er for lav).', 403);
  if (!res.ok) throw new ApiError(await problemText(res), res.status);
}

/**
 * GETs in flight, by URL: a second caller of the same URL shares the first one's request. The
 * request is aborted only when every caller has let go of it, and leaves the map when it settles
 * (no caching here: the server and HTTP do that) — except a prefetch's, which is held until the
 * view claims it or the page moves on (the answer may well come before the view's code has loaded).
 */
interface Shared { body: Promise<unknown>; controller: AbortController; users: number; settled: boolean; held: boolean }
const inFlight = new Map<string, Shared>();

async function fetchBody(url: string, path: string, signal: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('Fikk ikke kontakt med serveren. Kjører den?', 0);
  }
  await refuseUnless2xx(res);
  try {
    return await res.json();
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(`Uventet svar fra ${path}: ikke JSON`, res.status);
  }
}

function start(url: string, path: string, held: boolean): Shared {
  const controller = new AbortController();
  const entry: Shared = { controller, users: 0, settled: false, held, body: fetchBody(url, path, controller.signal) };
  const done = () => {
    entry.settled = true;
    if (!entry.held && inFlight.get(url) === entry) inFlight.delete(url);
  };
  entry.body.then(done, done);
  inFlight.set(url, entry);
  return entry;
}

function shared(path: string, params: Params, signal?: AbortSignal): Promise<unknown> {
  const url = apiUrl(path, params);
  let mine = inFlight.get(url);
  if (mine?.held) {
    // The view claims its prefetched answer: from now on the entry lives like any other.
    mine.held = false;
    if (mine.settled) inFlight.delete(url);
  }
  mine ??= start(url, path, false);
  const entry = mine;
  const aborted = () => new DOMException('Avbrutt', 'AbortError');
  const leave = () => {
    if (--entry.users > 0) return;
    // Nobody waits for it any more: stop the download, and let a later caller start afresh.
    if (inFlight.get(url) === entry) inFlight.delete(url);
    entry.controller.abort();
  };
  entry.users++;
  if (!signal) return entry.body;
  if (signal.aborted) {
    leave();
    return Promise.reject(aborted());
  }
  return new Promise((ok, fail) => {
    const onAbort = () => {
      leave();
      fail(aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.body.then(ok, fail).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Starts a GET that a view is about to make, so it is on the wire while the view's code loads; the
 * view's getJson for the same URL takes it over. Dropped (and aborted, if nobody joined) when
 * `signal` aborts, i.e. when the page moves on before the view asked.
 */
export function prefetchJson(path: string, params: Params, signal: AbortSignal): void {
  const url = apiUrl(path, params);
  if (signal.aborted || inFlight.has(url)) return;
  const entry = start(url, path, true);
  entry.body.catch(() => undefined); // the view's own call reports failures
  signal.addEventListener('abort', () => {
    if (!entry.held) return; // claimed: the view's own signal governs it now
    if (inFlight.get(url) === entry) inFlight.delete(url);
    if (entry.users === 0) entry.controller.abort();
  }, { once: true });
}

export async function getJson<S extends z.ZodType>(schema: S, path: string, params: Params = {}, signal?: AbortSignal): Promise<z.output<S>> {
  const body = await shared(path, params, signal);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(`Uventet svar fra ${path}: ${parsed.error.issues[0]?.message ?? 'feil form'}`, 200);
  return parsed.data;
}

/**
 * The file name in a Content-Disposition header (`attachment; filename=…`, quoted or not, or the
 * RFC 5987 `filename*=UTF-8''…`), without any path; `fallback` when there is none.
 */
export function fileNameOf(header: string | null, fallback: string): string {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header ?? '');
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header ?? '');
  let name: string | undefined;
  try {
    name = star ? decodeURIComponent(star[1]!.trim()) : undefined;
  } catch {
    name = undefined; // a broken encoding: the plain name, if any
  }
  name ??= plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]!.trim()) : undefined;
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base || fallback;
}

/**
 * GETs a whole file into memory, for a download the server makes in full before it sends it (the
 * reconciliation workbook), so the page can say it is being made; refusals as getJson's. Not for
 * the streamed per-day exports: those stay plain links the browser writes to disk as they come.
 */
export async function getFile(url: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError('Fikk ikke kontakt med serveren. Kjører den?', 0);
  }
  await refuseUnless2xx(res);
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    throw new ApiError('Forbindelsen til serveren brøt underveis.', res.status);
  }
  return { blob, fileName: fileNameOf(res.headers.get('Content-Disposition'), fallbackName) };
}

let csrfToken: string | undefined;
async function csrf(): Promise<string> {
  csrfToken ??= (await getJson(Session, '/api/session')).csrfToken ?? '';
  return csrfToken;
}

/** Signing in or out starts a new session with a new CSRF token: the next POST asks for it. */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

/** Checks a response to a POST: status, then the body against its schema. */
async function answer<S extends z.ZodType>(schema: S, path: string, res: Response): Promise<z.output<S>> {
  await refuseUnless2xx(res);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(`Uventet svar fra ${path}`, res.status);
  return parsed.data;
}

/** POST with the CSRF token (JSON body or multipart FormData). */
export async function post<S extends z.ZodType>(schema: S, path: string, body: unknown, params: Params = {}): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRF-Token': await csrf() };
  const isForm = body instanceof FormData;
  if (!isForm) headers['Content-Type'] = 'application/json';
  const res = await fetch(apiUrl(path, params), { method: 'POST', headers, credentials: 'same-origin', body: isForm ? body : JSON.stringify(body) });
  return answer(schema, path, res);
}

/**
 * POST of a multipart form that reports the bytes sent: fetch cannot tell how far an upload has
 * come, XMLHttpRequest can (upload.onprogress). The answer is checked like post()'s.
 */
export async function postForm<S extends z.ZodType>(schema: S, path: string, form: FormData, onSent?: (sent: number, total: number) => void): Promise<z.output<S>> {
  const token = await csrf();
  const xhr = new XMLHttpRequest();
  const done = new Promise<Response>((ok, fail) => {
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onSent?.(e.loaded, e.total); });
    xhr.addEventListener('load', () => ok(new Response(xhr.status === 204 ? null : xhr.responseText, {
      status: xhr.status, statusText: xhr.statusText, headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' },
    })));
    xhr.addEventListener('error', () => fail(new ApiError('Fikk ikke kontakt med serveren. Kjører den?', 0)));
    xhr.addEventListener('abort', () => fail(new ApiError('Opplastingen ble avbrutt.', 0)));
  });
  xhr.open('POST', apiUrl(path));
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.setRequestHeader('X-CSRF-Token', token);
  xhr.send(form);
  return answer(schema, path, await done);
}
