/**
 * Findings of the security audit, over a real server (demo mode) and database: a fødselsnummer in
 * a URL (percent-encoded or not) reaches neither the log nor a problem body; free text others read
 * refuses one; the per-stay quality lists (rejects, warnings, findings) are audited and never stored by the browser.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { containsFodselsnummer, maskIdentifiers } from '../pipelines/db/errors.ts';
import type { ServerHandle } from './server.ts';
import { Client, fixtureDatabase, startTestServer, type LogSink } from './test-support.ts';

let server: ServerHandle;
let logs: LogSink;
let client: Client;

beforeAll(async () => {
  const { dbPath } = await fixtureDatabase();
  ({ server, logs } = await startTestServer({ db: dbPath, demo: true, warmCache: false }));
  client = new Client(server.url);
  await client.session();
}, 60_000);
afterAll(async () => server?.close());

/**
 * A text leaks when the masks would still change it (6 + 5 or 2+2+2+5 digits, control digits or not;
 * any grouping with them right): db/errors.ts's one definition of digits and separators. The list of
 * separators this had of its own ([\s.\u2013-]) missed an em dash or a non-breaking hyphen between
 * six and five digits, which the masks take. The checks with fixed forms (FNR_PREFIXES, the digits
 * of a line) are the ones that do not rest on the masks being right.
 */
const leaks = (text: string) => maskIdentifiers(text) !== text;
// Valid fødselsnumre (control digits right), as the audit used them.
const FNR_PREFIXES = ['079050', '070490', '090490', '060490', '231031', '180493'];

describe('request log', () => {
  it('masks a fødselsnummer however the URL encodes it (%20, +, no-break space, tab, every digit, twice)', async () => {
    const urls = [
      '/api/reconciliation?rules=079050%2049806',
      '/api/reconciliation?rules=070490+30147',
      '/api/x/090490%C2%A030387',
      '/api/x/060490%0930027',
      '/api/reconciliation?rules=%30%37%39%30%35%30%34%39%38%30%36',
      '/api/reconciliation?rules=%2530%2537%2539%2530%2535%2530%2534%2539%2538%2530%2536',
      '/api/reconciliation?07905049806=1',
      // Grouped as a date (23-10-31) and a personnummer, '+' a space in the query: 23103122473.
      '/api/stays?kommune=23-10-31+22473',
      // A digit encoded four times over: 18049306810.
      '/api/x/1804930681%25252530',
    ];
    for (const url of urls) expect((await client.fetch(url)).status).toBeGreaterThanOrEqual(400);
    const requestLines = () => logs.lines.map((l) => JSON.parse(l) as { msg: string; url?: string }).filter((l) => l.msg === 'http');
    await vi.waitFor(() => expect(requestLines().filter((l) => /^\/api\/(reconciliation\?|x\/|stays\?kommune)/.test(l.url ?? '')).length).toBeGreaterThanOrEqual(urls.length));
    const all = logs.lines.join('');
    for (const p of FNR_PREFIXES) expect(all).not.toContain(p);
    expect(all).not.toMatch(/%3\d%3\d|%253\d/i);
    const logged = requestLines().map((l) => l.url);
    // Still readable: decoded, with the identifier masked.
    expect(logged).toContain('/api/reconciliation?rules=***********');
    expect(logged).toContain('/api/x/***********');
    expect(logged).toContain('/api/reconciliation?***********=1');
    expect(logged).toContain('/api/stays?kommune=***********');
  });

  it('masks one written with another dash, a bar or full-width digits (the s20c audit), percent-encoded or not', async () => {
    const wide = (d: string) => encodeURIComponent([...d].map((c) => String.fromCharCode(0xff10 + Number(c))).join(''));
    // 08084325172, 21114414171 and 03075910362, valid.
    const urls = ['/api/stays?kommune=5501&x=080843%E2%80%9425172', '/api/reconciliation?rules=211144%7C14171', `/api/y/${wide('03075910362')}`];
    for (const url of urls) await client.fetch(url);
    const logged = () => logs.lines.map((l) => JSON.parse(l) as { msg: string; url?: string }).filter((l) => l.msg === 'http').map((l) => l.url ?? '');
    // Still readable: decoded, with the identifier masked.
    await vi.waitFor(() => expect(logged()).toEqual(expect.arrayContaining(['/api/stays?kommune=5501&x=***********', '/api/reconciliation?rules=***********', '/api/y/***********'])));
    // Each line's digits on their own: all of them run together could match by chance.
    for (const line of logs.lines) {
      const digits = line.replace(/[\uff10-\uff19]/g, (c) => String(c.charCodeAt(0) - 0xff10)).replace(/\D/g, '');
      for (const fnr of ['08084325172', '21114414171', '03075910362']) expect(digits).not.toContain(fnr);
    }
  });

  it('keeps a fødselsnummer grouped as a date out of the audit log: a per-stay URL holding one is refused, not audited', async () => {
    const audited = async () => JSON.stringify((await client.json('/api/audit?limit=10000')).body);
    for (const url of ['/api/stays?kommune=23-10-31+22473', '/api/stays/10-11-92-28145/days', '/api/stays/160663:19877/days']) {
      expect((await client.fetch(url)).status, url).toBe(400);
    }
    const log = await audited();
    expect(log).toContain('audit-read'); // the reading itself is audited: the log is there to look in
    for (const fnr of [/23\D{0,3}10\D{0,3}31\D{0,3}22473/, /10\D{0,3}11\D{0,3}92\D{0,3}28145/, /160663\D{0,3}19877/]) expect(log).not.toMatch(fnr);
    expect(leaks(log)).toBe(false);
  });
});

describe('problem details', () => {
  const cases: [string, number][] = [
    ['/api/reconciliation?rules=07905049806', 400], // a valid slug, an unknown rule set: its message quotes it
    ['/api/reconciliation?rules=079050%2049806', 400],
    ['/api/reconciliation?07905049806=1', 400], // an unknown parameter named like one
    ['/api/series?measure=07905049806', 400],
    ['/api/finnes-ikke/07905049806', 404],
    ['/api/finnes-ikke/079050%2049806', 404],
    ['/api/finnes-ikke/1804930681%25252530', 404], // a digit encoded four times over
    ['/api/finnes-ikke/17-04-76%2030843', 404],
    ['/api/stays/07905049806/days', 400],
    ['/api/stays/079050-49806/days', 400],
    ['/api/stays/7905049806/days', 400], // its leading zero lost, as a spreadsheet does
  ];
  it.each(cases)('%s → %i without echoing the fødselsnummer', async (url, status) => {
    const res = await client.fetch(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    expect(leaks(text), text).toBe(false);
  });

  it('says which part was wrong, with the identifier masked', async () => {
    const unknown = await client.json<{ detail: string; errors: { parameter: string }[] }>('/api/reconciliation?rules=07905049806');
    expect(unknown.body.detail).toContain('«***********»');
    const named = await client.json<{ errors: { parameter: string }[] }>('/api/reconciliation?07905049806=1');
    expect(named.body.errors.map((e) => e.parameter)).toEqual(['***********']);
    const missing = await client.json<{ detail: string; instance: string }>('/api/finnes-ikke/079050%2049806');
    expect(missing.body.instance).toBe('/api/finnes-ikke/***********');
    const encoded = await client.json<{ detail: string; instance: string }>('/api/nope/1804930681%25252530');
    expect([encoded.body.detail, encoded.body.instance]).toEqual(['Ingen ressurs på GET /api/nope/***********', '/api/nope/***********']);
    const stay = await client.json<{ errors: { parameter: string }[]; instance: string }>('/api/stays/07905049806/days');
    expect(stay.body.errors.map((e) => e.parameter)).toEqual(['stayId']);
    expect(stay.body.instance).toBe('/api/stays/:stayId/days');
  });

  it('takes rule-set ids as slugs, and id@version', async () => {
    for (const rules of ['fakturagrunnlag', 'dips', 'fakturagrunnlag@1']) {
      expect((await client.json(`/api/reconciliation?by=year&rules=${rules}`)).status, rules).toBe(200);
    }
    for (const rules of ['Fakturagrunnlag', 'a b', 'x'.repeat(41), 'dips@', "dips'--"]) {
      const { status, body } = await client.json<{ errors: { parameter: string }[] }>(`/api/reconciliation?rules=${encodeURIComponent(rules)}`);
      expect(status, rules).toBe(400);
      expect(body.errors.map((e) => e.parameter)).toContain('rules');
    }
  });
});

describe('free text others read', () => {
  it.each([
    'Pasient 07905049806 ringte',
    'Gjelder 070490-30147',
    'Se 06 04 90 30027',
    'Se 7905049806', // leading zero lost
    'Gjelder 17-04-76 30843', // grouped as the audit found it: a date, then the personnummer
    'Se 2608 3857 616',
    'Ring 160663:19877',
    'f. 17.10.1974 pnr 78450',
    // Written as the s20c audit got them past the check (01115513385): brackets, an em dash, a
    // non-breaking hyphen, full-width digits, a bar, a hash.
    'Pasient (011155) 13385',
    '011155\u201413385',
    '011155\u201113385',
    '\uff10\uff11\uff11\uff11\uff15\uff15\uff11\uff13\uff13\uff18\uff15',
    '011155|13385',
    '011155#13385',
  ])('refuses an annotation holding a fødselsnummer: %s', async (text) => {
    const { status, body } = await client.send('POST', '/api/annotations', { dato: '2022-03-01', text });
    expect(status).toBe(400);
    const problem = body as { errors: { parameter: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ parameter: 'text', message: expect.stringContaining('fødselsnummer') })]);
    expect(leaks(JSON.stringify(body))).toBe(false);
  });

  it('still takes other numbers (an invoice number, a phone number, a date)', async () => {
    const { status } = await client.send('POST', '/api/annotations', { dato: '2022-03-01', text: 'Faktura 12345678901, tlf 77 62 60 00, 01.03.2022' });
    expect(status).toBe(201);
    const list = await client.json('/api/annotations');
    expect(containsFodselsnummer(JSON.stringify(list.body))).toBe(false);
  });

  it('refuses a rule set whose name or id holds a fødselsnummer', async () => {
    const params = { firstDayFree: true, minHoursPerDay: 0, notificationGate: true, municipalityReadyGate: true };
    const byName = await client.send('POST', '/api/rulesets', { id: 'mitt-sett', name: 'For 079050 49806', params });
    expect(byName.status).toBe(400);
    expect((byName.body as { errors: { parameter: string }[] }).errors.map((e) => e.parameter)).toEqual(['name']);
    const byId = await client.send('POST', '/api/rulesets', { id: '07905049806', name: 'Sett', params });
    expect(byId.status).toBe(400);
    expect((await client.json<{ ruleSets: { id: string }[] }>('/api/rulesets')).body.ruleSets.map((r) => r.id)).not.toContain('mitt-sett');
  });
});

describe('per-stay quality lists', () => {
  it.each(['/api/quality/findings', '/api/quality/rejects?batch=1', '/api/quality/warnings?batch=1'])('%s is audited on every view and never stored by the browser', async (url) => {
    const target = `quality:${/quality\/(\w+)/.exec(url)![1]}`;
    const views = async () => (await client.json<{ entries: { target: string }[] }>('/api/audit?action=stay-view&limit=10000')).body.entries.filter((e) => e.target === target).length;
    const before = await views();
    const a = await client.fetch(url);
    const b = await client.fetch(url); // the second from the server's cache
    expect(a.status).toBe(200);
    expect(await b.text()).toBe(await a.text());
    for (const res of [a, b]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('etag')).toBeNull();
    }
    expect(await views()).toBe(before + 2);
  });
});
