import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fileNameOf, getFile, getJson, prefetchJson } from './client.ts';

const Body = z.object({ n: z.number() });

/** A fetch that answers when told to, and records the signal it was given. */
function fakeFetch() {
  const calls: { url: string; signal: AbortSignal; answer: (n: number) => void }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => new Promise<Response>((ok, fail) => {
    const signal = init.signal!;
    signal.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')));
    calls.push({ url, signal, answer: (n) => ok(new Response(JSON.stringify({ n }), { status: 200, headers: { 'Content-Type': 'application/json' } })) });
  }));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('GETs in flight are shared', () => {
  it('a prefetch and the view’s own call make one request', async () => {
    const calls = fakeFetch();
    const page = new AbortController();
    prefetchJson('/api/x', { a: 1 }, page.signal);
    const view = getJson(Body, '/api/x', { a: 1 }, page.signal);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/x?a=1');
    calls[0]!.answer(7);
    await expect(view).resolves.toEqual({ n: 7 });
    // Settled: the next call is a new request (no caching in the browser's own code).
    const again = getJson(Body, '/api/x', { a: 1 });
    expect(calls).toHaveLength(2);
    calls[1]!.answer(8);
    await expect(again).resolves.toEqual({ n: 8 });
  });

  it('a prefetch answered before the view asks is held for the view, once', async () => {
    const calls = fakeFetch();
    const page = new AbortController();
    prefetchJson('/api/p', {}, page.signal);
    calls[0]!.answer(5);
    await new Promise((r) => setTimeout(r, 0));
    await expect(getJson(Body, '/api/p', {}, page.signal)).resolves.toEqual({ n: 5 });
    expect(calls).toHaveLength(1);
    const later = getJson(Body, '/api/p', {}, page.signal);
    expect(calls).toHaveLength(2);
    calls[1]!.answer(6);
    await expect(later).resolves.toEqual({ n: 6 });
  });

  it('a prefetch nobody claimed is dropped and aborted when the page moves on', async () => {
    const calls = fakeFetch();
    const page = new AbortController();
    prefetchJson('/api/q', {}, page.signal);
    page.abort();
    expect(calls[0]!.signal.aborted).toBe(true);
    const next = getJson(Body, '/api/q', {});
    expect(calls).toHaveLength(2);
    calls[1]!.answer(1);
    await expect(next).resolves.toEqual({ n: 1 });
  });

  it('one caller letting go does not abort the others; the last one does', async () => {
    const calls = fakeFetch();
    const a = new AbortController();
    const b = new AbortController();
    const pa = getJson(Body, '/api/y', {}, a.signal);
    const pb = getJson(Body, '/api/y', {}, b.signal);
    a.abort();
    await expect(pa).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]!.signal.aborted).toBe(false);
    b.abort();
    await expect(pb).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]!.signal.aborted).toBe(true);
    // An aborted request is not joined by a later caller.
    const pc = getJson(Body, '/api/y', {});
    expect(calls).toHaveLength(2);
    calls[1]!.answer(3);
    await expect(pc).resolves.toEqual({ n: 3 });
  });

  it('each caller checks the body against its own schema', async () => {
    const calls = fakeFetch();
    const ok = getJson(Body, '/api/z');
    const wrong = getJson(z.object({ m: z.string() }), '/api/z');
    calls[0]!.answer(1);
    await expect(ok).resolves.toEqual({ n: 1 });
    await expect(wrong).rejects.toThrow(/Uventet svar fra \/api\/z/);
  });
});

describe('a whole file (the workbook the page says it is making)', () => {
  it('takes the name the server gives it, quoted or not, in UTF-8 or not, and never a path', () => {
    expect(fileNameOf('attachment; filename=usk-avstemming_alle-kommuner_2019-01_2024-12_fakturagrunnlag-v1.xlsx', 'x')).toBe('usk-avstemming_alle-kommuner_2019-01_2024-12_fakturagrunnlag-v1.xlsx');
    expect(fileNameOf('attachment; filename="a b.xlsx"', 'x')).toBe('a b.xlsx');
    expect(fileNameOf("attachment; filename=\"ascii.xlsx\"; filename*=UTF-8''Troms%C3%B8.xlsx", 'x')).toBe('Tromsø.xlsx');
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'x')).toBe('passwd');
    expect(fileNameOf('attachment', 'usk-eksport')).toBe('usk-eksport');
    expect(fileNameOf(null, 'usk-eksport')).toBe('usk-eksport');
  });

  it('says a refusal in Norwegian, as getJson does, instead of saving the error as the file', async () => {
    // The server's answer to ?to=2024-13, as it sends it.
    const problem = { type: '/problems/ugyldig-parameter', title: 'Ugyldig parameter', status: 400, detail: 'Ugyldig parameter: to', instance: '/api/exports/reconciliation', errors: [{ parameter: 'to', message: 'forventet ÅÅÅÅ-MM' }] };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    await expect(getFile('/api/exports/reconciliation?format=xlsx&to=2024-13', 'x')).rejects.toThrow('Ugyldig parameter — Ugyldig parameter: to — to: forventet ÅÅÅÅ-MM');
    vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch'); });
    await expect(getFile('/api/exports/reconciliation?format=xlsx', 'x')).rejects.toThrow('Fikk ikke kontakt med serveren. Kjører den?');
    vi.stubGlobal('fetch', async () => new Response('PK…', { status: 200, headers: { 'Content-Disposition': 'attachment; filename=usk.xlsx' } }));
    const file = await getFile('/api/exports/reconciliation?format=xlsx', 'x');
    expect(file.fileName).toBe('usk.xlsx');
    expect(await file.blob.text()).toBe('PK…');
  });
});
