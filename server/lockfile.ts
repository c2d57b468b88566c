/**
 * The running-server marker. DuckDB locks the database file for the process that opened it for
 * writing, so `usk ingest` / `usk export` cannot open it while the server runs. The server writes
 * `<db>.server.json` beside the database (mode 0600 whatever was there before: the same people
 * who can read the database can read it) with its pid, URL and a random token that grants the local CLI admin access.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const ServerMarker = z.object({
  pid: z.number().int(),
  url: z.string(),
  db: z.string(),
  mode: z.enum(['demo', 'production']),
  startedAt: z.string(),
  /** Send as `Authorization: Bearer <token>`; no CSRF token needed with it. */
  token: z.string(),
});
export type ServerMarker = z.infer<typeof ServerMarker>;

export const markerPath = (dbPath: string) => `${resolve(dbPath)}.server.json`;

export const newCliToken = () => randomBytes(32).toString('base64url');

export class ServerMarkerError extends Error {
  override readonly name = 'ServerMarkerError';
  constructor(readonly path: string, options: ErrorOptions) {
    super(`Kan ikke skrive servermarkøren ${path}: ${(options.cause as Error | undefined)?.message ?? 'ukjent feil'}`, options);
  }
}

/**
 * Written to a new file, created 0600, and renamed over the marker: a mode given when opening an
 * existing file is ignored, so a marker left 0644 (a restore, a copy without -p, an older version)
 * would have handed the new token to every local user; and a marker that is a symlink is replaced,
 * not written through. A temp file a kill leaves holds a dead server's token, which opens nothing.
 */
export function writeMarker(dbPath: string, m: Omit<ServerMarker, 'db'>): void {
  const path = markerPath(dbPath);
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, `${JSON.stringify({ ...m, db: resolve(dbPath) }, null, 2)}\n`);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new ServerMarkerError(path, { cause: e });
  }
}

/** Removes the marker only if it is ours (a newer server may have replaced it). */
export function removeMarker(dbPath: string, pid: number): void {
  const m = readMarker(dbPath);
  if (m && m.pid === pid) rmSync(markerPath(dbPath), { force: true });
}

function readMarker(dbPath: string): ServerMarker | null {
  try {
    const parsed = ServerMarker.safeParse(JSON.parse(readFileSync(markerPath(dbPath), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // absent or unreadable: no server we can talk to
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The server that owns this database, if one runs: the marker exists, its process is alive and
 * /healthz answers. A stale marker (crashed server) is ignored. Never throws.
 */
export async function findRunningServer(dbPath: string, timeoutMs = 1500): Promise<ServerMarker | null> {
  const m = readMarker(dbPath);
  if (!m || !alive(m.pid)) return null;
  try {
    const res = await fetch(new URL('/healthz', m.url), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? m : null;
  } catch {
    return null;
  }
}
