/**
 * startServer(): opens the database (this process becomes its only owner), builds the app, listens,
 * writes the running-server marker, and returns a handle whose close() shuts down gracefully.
 */
import { createServer, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { createApp } from './app.ts';
import { Auth, isLoopbackAddress } from './auth/index.ts';
import { ConfigError, demoConfig, loadConfigFile, proxyWarning, type ServerConfig } from './config.ts';
import type { AppContext, Mode } from './context.ts';
import { ensureDerivedFresh } from '../pipelines/derive/index.ts';
import { databaseId } from '../pipelines/query/index.ts';
import { DbPool } from './db/pool.ts';
import { DataVersion } from './http/version.ts';
import { newCliToken, removeMarker, writeMarker } from './lockfile.ts';
import { createLogger } from './log.ts';
import { CacheWarmer } from './http/warm.ts';
import { AuditLog, writeLeftOutRefusals } from './http/audit.ts';
import { AnonymousRefusals } from './http/anonymous-refusals.ts';
import { FairShare } from './http/fair-share.ts';
import { applyServerSchema } from './queries/init.ts';
import { UploadJobs } from './uploads/jobs.ts';
import { prepareStaging } from './uploads/staging.ts';

export interface StartOptions {
  db: string;
  /** 0 = a free port (tests). */
  port?: number;
  host?: string;
  demo?: boolean;
  /** Production configuration, or a file to read it from. */
  config?: ServerConfig;
  configFile?: string;
  logLevel?: string;
  logDestination?: DestinationStream;
  /** Ask itself for the dashboard's landing view after start and after new data (default on). */
  warmCache?: boolean;
  /** How often the audit journal is moved into the audit_log table, in ms (default 1000; see http/audit.ts). */
  auditFlushMs?: number;
  /** The session store's bound (default 50 000; a test makes it small, security/session.ts). */
  maxSessions?: number;
}

export interface ServerHandle {
  url: string;
  port: number;
  mode: Mode;
  /** Token for the local CLI (also in the marker file). */
  cliToken: string;
  /** The server's own database connections (a test holds the read connections to line requests up). */
  pool: DbPool;
  /** Where uploads are staged until ingested, `<db>.uploads/` (a test checks that a refused upload leaves nothing). */
  uploadDir: string;
  /** Each user's share of the read connections (a test reads who waits). */
  share: FairShare;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class StartError extends Error {
  override readonly name = 'StartError';
}

function resolveConfig(o: StartOptions): ServerConfig {
  if (o.demo) {
    if (o.config || o.configFile) throw new StartError('--demo og --config kan ikke brukes sammen');
    return demoConfig();
  }
  const config = o.config ?? (o.configFile ? loadConfigFile(o.configFile) : undefined);
  if (!config?.auth) {
    throw new ConfigError(
      'Produksjonsmodus krever en innloggingskonfigurasjon: start med --config FIL (auth.oidc og/eller auth.usersFile), eller med --demo for demodata uten innlogging.',
    );
  }
  return config;
}

export async function startServer(o: StartOptions): Promise<ServerHandle> {
  const mode: Mode = o.demo ? 'demo' : 'production';
  const host = o.host ?? '127.0.0.1';
  // Demo has no login: it must never be reachable from another machine.
  if (mode === 'demo' && !LOOPBACK.has(host)) {
    throw new StartError(`Demomodus lytter bare på denne maskinen (127.0.0.1/::1), ikke på ${host}. Bruk produksjonsmodus med --config for nettverkstilgang.`);
  }
  const config = resolveConfig(o);
  // Without Secure cookies the password and the session cookie cross the network in clear, which is
  // only acceptable where no network is crossed: behind a TLS proxy on this machine, or in a trial.
  if (mode === 'production' && !config.cookieSecure && !LOOPBACK.has(host) && !isLoopbackAddress(host)) {
    throw new StartError(
      `cookieSecure er av, men serveren lytter på ${host}: passord og øktcookie ville gått ukryptert over nettverket. `
        + 'Sett "cookieSecure": true og la en TLS-proxy (med "trustProxy") ta imot brukerne, eller lytt bare på 127.0.0.1.',
    );
  }
  const log = createLogger(o.logLevel ?? process.env.USK_LOG_LEVEL ?? 'info', o.logDestination);
  const proxy = mode === 'production' ? proxyWarning(config) : undefined;
  if (proxy) log.warn({ cookieSecure: config.cookieSecure, trustProxy: config.trustProxy }, proxy);
  const pool = await DbPool.open(o.db, config.readConnections);
  let server: Server | undefined;
  let uploadDir: string | undefined;
  let auditLog: AuditLog | undefined;
  let refusalTimer: NodeJS.Timeout | undefined;
  try {
    await pool.write(applyServerSchema);
    // Before anything is served: imports what a crash left in the audit journal.
    auditLog = await AuditLog.open(pool, { log, ...(o.auditFlushMs ? { flushEveryMs: o.auditFlushMs } : {}) });
    // Derived tables follow the sources: after an upgrade that changed their shape (they are then
    // recreated empty) or a load by another process, bring them up to date before serving, or every
    // figure would read 0 until the next upload.
    const derivedStarted = performance.now();
    await pool.ingest(ensureDerivedFresh);
    const derivedMs = performance.now() - derivedStarted;
    if (derivedMs > 1000) log.info({ ms: Math.round(derivedMs) }, 'Avledede tabeller bygget på nytt');
    const version = await pool.read(DataVersion.read);
    const cliToken = newCliToken();
    const auth = await Auth.create(mode, config, cliToken);
    // Demo mode takes no uploads (routes/uploads.ts), so it makes no folder for them.
    uploadDir = prepareStaging(o.db, mode === 'production');
    const ctx: AppContext = {
      mode, config, pool, databaseId: await pool.read(databaseId), log, version, auth, uploadDir, uploads: await UploadJobs.open(pool, version, log), auditLog,
      refusals: new AnonymousRefusals(),
      share: new FairShare({ perUser: config.computationsPerUser, queuedPerUser: config.queuedComputationsPerUser }),
    };
    const leftOut = () => writeLeftOutRefusals(ctx).catch((e: unknown) => log.error({ err: (e as Error).message }, 'avviste forespørsler ble ikke skrevet til revisjonsloggen'));
    refusalTimer = setInterval(() => void leftOut(), 60_000);
    refusalTimer.unref();
    let ready = false;
    let warmer: CacheWarmer | undefined;
    const { app, sessions } = createApp(ctx, () => ready, () => warmer?.isWarm ?? false, o.maxSessions ? { maxSessions: o.maxSessions } : {});
    server = createServer(app);
    // Slow-client limits: a stalled request cannot hold a socket for long.
    server.headersTimeout = 20_000;
    server.requestTimeout = 10 * 60_000; // large uploads
    server.keepAliveTimeout = 5_000;
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(o.port ?? 3000, host, () => resolve());
    });
    const port = (s.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host === '::' ? '::1' : host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    const url = `http://${urlHost}:${port}`;
    if (!LOOPBACK.has(host) && host !== '0.0.0.0' && host !== '::' && !isLoopbackAddress(host)) {
      // The CLI token is taken only over loopback (auth/index.ts), and the marker's URL is not.
      log.warn({ host }, 'Serveren lytter ikke på 127.0.0.1: «usk ingest/export» kan ikke gå via serveren, og mellomlageret varmes ikke opp. Bruk --host 0.0.0.0 (og brannmur) eller 127.0.0.1 bak proxyen.');
    }
    writeMarker(o.db, { pid: process.pid, url, mode, startedAt: new Date().toISOString(), token: cliToken });
    ready = true;
    log.info({ url, mode }, 'USK-server startet');
    const cacheWarmer = new CacheWarmer(url, cliToken, log);
    if (o.warmCache !== false) {
      warmer = cacheWarmer;
      void cacheWarmer.warm();
      version.onChange(() => void cacheWarmer.warm());
    }
    const dir = uploadDir;
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        ready = false;
        cacheWarmer.stop();
        log.info('USK-server stenger');
        const stopped = new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeIdleConnections();
        const force = setTimeout(() => s.closeAllConnections(), 10_000);
        await stopped;
        clearTimeout(force);
        await ctx.uploads.drain();
        clearInterval(refusalTimer);
        await leftOut();
        // Every audit entry into the table before the database closes (on failure the journal keeps them for the next start).
        await ctx.auditLog.close().catch((e: unknown) => log.error({ err: (e as Error).message }, 'revisjonsjournalen ble ikke tømt; importeres ved neste start'));
        sessions.stop();
        await pool.close();
        removeMarker(o.db, process.pid);
        rmSync(dir, { recursive: true, force: true });
      })());
    return { url, port, mode, cliToken, pool, uploadDir: dir, share: ctx.share, close };
  } catch (e) {
    clearInterval(refusalTimer);
    server?.close();
    await auditLog?.close().catch(() => undefined);
    if (uploadDir) rmSync(uploadDir, { recursive: true, force: true });
    await pool.close();
    throw e;
  }
}
