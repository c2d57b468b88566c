import type { Command } from 'commander';
import { syntheticDataOption } from './demo.ts';
import { parsePort, reportCommandFailure } from './open.ts';
import { DEFAULT_DB_PATH } from '../db/open.ts';

/** `usk serve`: the HTTP API (server/). `usk hash-password`: an argon2id hash for the users file. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Start HTTP-API-et over USK-databasen (produksjon krever --config; --demo for demo uten innlogging)')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--port <n>', 'port', parsePort, 3000)
    .option('--host <adresse>', 'adresse å lytte på (demo: bare 127.0.0.1/::1)', '127.0.0.1')
    .option('--config <fil>', 'konfigurasjon (JSON) for produksjon: innlogging, minCount, opplastingsgrense')
    .option('--demo', 'demomodus: ingen innlogging, demobanner, bare loopback; bare over demodata')
    .addOption(syntheticDataOption())
    .action(async (opts: { db: string; port: number; host: string; config?: string; demo?: boolean; syntheticData?: boolean }) => {
      // Loaded on demand so other commands do not pay for the server's dependencies.
      const { startServer } = await import('../../server/server.ts');
      try {
        if (opts.demo) await (await import('./demo.ts')).refuseNonDemoDatabase(opts.db, { synthetic: opts.syntheticData === true });
        const handle = await startServer({
          db: opts.db, port: opts.port, host: opts.host, demo: opts.demo === true,
          ...(opts.config ? { configFile: opts.config } : {}),
        });
        process.stderr.write(`USK-analyse ${handle.mode === 'demo' ? '(DEMO) ' : ''}kjører på ${handle.url}\n`);
        const stop = (signal: string) => {
          process.stderr.write(`${signal}: stenger …\n`);
          handle.close().then(
            () => process.exit(0),
            (e: unknown) => {
              process.stderr.write(`Feil ved stenging: ${(e as Error).message}\n`);
              process.exit(1);
            },
          );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      } catch (e) {
        reportCommandFailure('serve', e);
      }
    });

  program
    .command('hash-password')
    .description('Les et passord fra standard inn og skriv en argon2id-hash for brukerfilen')
    .action(async () => {
      const { hashPassword } = await import('../../server/auth/local.ts');
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
      if (!password) {
        process.stderr.write('usk hash-password: tomt passord\n');
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${await hashPassword(password)}\n`);
    });
}
