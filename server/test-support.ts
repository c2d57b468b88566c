/**
 * Test support: a small real database built through the real ingestion pipeline, a real server
 * on a random port, and a cookie-keeping HTTP client. No mocks of our own code.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { openDatabase, type UskDb } from '../pipelines/db/open.ts';
import { ingestFiles } from '../pipelines/load/ingest.ts';
import { DIPS_HEADER, EVENTS_HEADER, FNR, INVOICE_HEADER, tempDir, writeCp1252, writeUtf8 } from '../pipelines/load/fixtures.ts';
import { startServer, type ServerHandle, type StartOptions } from './server.ts';

export { FNR, tempDir, writeUtf8 };

/** Three stays in two municipalities (2022 numbers), events and one invoice. */
export function writeFixtures(dir: string): string[] {
  const dips = writeCp1252(dir, 'dips-2022.csv', [
    DIPS_HEADER,
    `A1;${FNR[0]};5401;Tromsø;Somatikk;Med;28.02.2022;01.03.2022 10:00;04.03.2022 11:00;4`,
    `A2;${FNR[1]};5401;Tromsø;Somatikk;Med;09.03.2022;10.03.2022 09:00;20.03.2022 12:00;11`,
    `B1;${FNR[2]};5402;Harstad;Somatikk;Kir;01.04.2022;02.04.2022 08:00;05.04.2022 10:00;4`,
  ]);
  const ev = (stay: string, k: string, code: string, at: string) => `${stay},${k},Somatikk,${code},,${at},2022-05-01T00:00`;
  const events = writeUtf8(dir, 'hendelser-2022.csv', [
    EVENTS_HEADER,
    ev('A1', '5401', '2', '2022-03-01T10:00'), ev('A1', '5401', '3', '2022-03-01T11:00'),
    ev('A1', '5401', '7', '2022-03-04T08:00'), ev('A1', '5401', 'UT', '2022-03-04T11:00'),
    ev('A2', '5401', '2', '2022-03-10T09:00'), ev('A2', '5401', '3', '2022-03-11T09:00'),
    ev('A2', '5401', 'UT', '2022-03-20T12:00'),
    ev('B1', '5402', '2', '2022-04-02T08:00'), ev('B1', '5402', '3', '2022-04-02T08:30'),
    ev('B1', '5402', 'UT', '2022-04-05T10:00'),
  ]);
  const invoices = writeUtf8(dir, 'faktura-2022.csv', [
    INVOICE_HEADER,
    'F1;31.03.2022;5401;Tromsø;A2;Somatikk;12.03.2022;19.03.2022;8;5306;42448;Faktura',
  ]);
  return [dips, events, invoices];
}

/** A fresh database file with the fixtures loaded through ingestFiles; closed before returning. */
export async function fixtureDatabase(onOpen?: (db: UskDb) => Promise<void>): Promise<{ dir: string; dbPath: string }> {
  const dir = tempDir('usk-server-test-');
  const dbPath = join(dir, 'usk.duckdb');
  const db = await openDatabase(dbPath);
  try {
    const results = await ingestFiles(db, writeFixtures(dir));
    const bad = results.filter((r) => r.status !== 'loaded');
    if (bad.length > 0) throw new Error(`fixtures did not load: ${JSON.stringify(bad)}`);
    await onOpen?.(db);
  } finally {
    db.close();
  }
  return { dir, dbPath };
}

/** Collects every log line the server writes. */
export class LogSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
}

export async function startTestServer(o: Omit<StartOptions, 'port' | 'host'> & { host?: string }): Promise<{ server: ServerHandle; logs: LogSink }> {
  const logs = new LogSink();
  const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'info', logDestination: logs, ...o });
  return { server, logs };
}

/** A fetch client that keeps cookies and the CSRF token, like a browser tab would. */
export class Client {
  private cookies = new Map<string, string>();
  csrf = '';
  /** Every body received, for leak scans. */
  readonly bodies: string[] = [];
  readonly setCookies: string[] = [];

  /** defaultHeaders: e.g. X-Forwarded-Proto from a TLS-terminating proxy. */
  constructor(readonly base: string, private readonly defaultHeaders: Record<string, string> = {}) {}

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.defaultHeaders)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const res = await fetch(new URL(path, this.base), { ...init, headers, body, redirect: 'manual' });
    this.setCookies.push(...res.headers.getSetCookie());
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const copy = res.clone();
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('arrow') && !type.includes('spreadsheet')) this.bodies.push(await copy.text());
    return res;
  }

  async json<T = Record<string, unknown>>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.fetch(path, init);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
  }

  /** GET /api/session: starts a session and keeps its CSRF token. */
  async session(): Promise<{ user: unknown; csrfToken: string }> {
    const { body } = await this.json<{ user: unknown; csrfToken: string }>('/api/session');
    this.csrf = body.csrfToken;
    return body;
  }

  /** A state-changing request with the CSRF token, as the dashboard sends it. */
  send(method: string, path: string, json?: unknown, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('x-csrf-token', this.csrf);
    return this.json(path, { ...init, method, headers, ...(json !== undefined ? { json } : {}) });
  }
}

export function writeUsersFile(dir: string, users: { username: string; passwordHash: string; role: string }[]): string {
  const path = join(dir, 'users.json');
  writeFileSync(path, JSON.stringify(users));
  return path;
}
