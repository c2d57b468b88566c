/**
 * `usk demo`: the demo exports (UNN 2019–2024, data/demo) generated if needed and loaded through
 * the ingestion code path; with --scale national, the benchmark exports written to a folder.
 * `usk start` (npm start): loads the demo into an empty database, then serves the dashboard.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DB_PATH } from '../db/open.ts';
import { batchesNotInDemo, DEFAULT_DEMO_DIR, demoLoadState, ensureDemo, ensureDemoFiles } from '../demo/ensure.ts';
import { generateNational, NATIONAL_DEFAULTS } from '../demo/scale/national.ts';
import { describeResult, exitStatus } from './ingest.ts';
import { CliError, openForCli, parsePort, reportCommandFailure } from './open.ts';

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('forventet et positivt heltall');
  return n;
};
const yearRange = (v: string): [number, number] => {
  const m = /^(\d{4})-(\d{4})$/.exec(v);
  if (!m || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError('forventet åååå-åååå, f.eks. 2015-2024');
  return [Number(m[1]), Number(m[2])];
};
const say = (line: string) => process.stderr.write(`${line}\n`);

interface DemoArgs {
  db: string;
  out?: string;
  scale: 'unn' | 'national';
  years: [number, number];
  staysPerYear: number;
  seed?: string;
  force?: boolean;
  ingest: boolean;
}

async function runDemo(args: DemoArgs): Promise<void> {
  if (args.scale === 'national') {
    if (!args.out) throw new CliError('--scale national krever --out <mappe> (utenfor repoet: filene er flere hundre MB)');
    const repo = resolve(DEFAULT_DEMO_DIR, '../..');
    if (`${resolve(args.out)}/`.startsWith(`${repo}/`)) throw new CliError(`--out må ligge utenfor repoet (${repo}): nasjonale testdata skal aldri sjekkes inn`);
    const summary = await generateNational({
      outDir: resolve(args.out), fromYear: args.years[0], toYear: args.years[1], staysPerYear: args.staysPerYear,
      ...(args.seed ? { seed: args.seed } : {}), log: say,
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const demo = ensureDemoFiles(args.out ? resolve(args.out) : DEFAULT_DEMO_DIR, { force: args.force === true, ...(args.seed ? { seed: args.seed } : {}) });
  say(`${demo.generated ? 'Generert' : 'Uendret'}: ${demo.files.length} demofiler i ${demo.dir}`);
  if (!args.ingest) return;
  const db = await openForCli(args.db);
  try {
    if ((await demoLoadState(db, demo.manifest)) === 'other') {
      throw new CliError(`${args.db} har allerede andre data; demoen lastes bare inn i en tom database. Bruk --db <ny fil>.`);
    }
    // Always through ingestFiles: files already loaded are recognised by SHA-256 and skipped.
    const { ingestFiles } = await import('../load/ingest.ts');
    const results = await ingestFiles(db, demo.files);
    for (const r of results) if (r.status !== 'duplicate') process.stdout.write(`${describeResult(r, args.db)}\n`);
    const dup = results.filter((r) => r.status === 'duplicate').length;
    if (dup > 0) say(`${dup} filer var allerede lastet.`);
    process.exitCode = exitStatus(results, false);
  } finally {
    db.close();
  }
}

/**
 * Demo mode has no sign-in (everyone on the machine is admin), so it serves nothing but the demo: a
 * database that holds any file not in the demo's manifest (by SHA-256) is refused, say after
 * `usk ingest` into the default database, which `npm start` also uses.
 */
export async function refuseNonDemoDatabase(dbPath: string, opts: { synthetic?: boolean } = {}): Promise<void> {
  if (!existsSync(dbPath)) return;
  const db = await openForCli(dbPath);
  try {
    if ((await demoLoadState(db)) === 'empty') return;
    if (opts.synthetic) {
      // Only a database bench:rules generated, and nothing loaded into it since (synthetic_data).
      if ((await db.json('SELECT 1 FROM synthetic_data LIMIT 1')).length > 0) return;
      throw new CliError(
        `--synthetic-data gjelder bare en database med genererte testdata fra bench:rules, og ${dbPath} har filer lest inn med usk ingest eller opplasting. `
          + 'Demomodus har ingen innlogging: start med «usk serve --config FIL» for egne data (se server/README.md).',
        2,
      );
    }
    const { other } = await batchesNotInDemo(db, ensureDemoFiles().manifest);
    const first = other[0];
    if (!first) return;
    throw new CliError(
      `${dbPath} inneholder ${other.length === 1 ? 'en fil' : `${other.length} filer`} som ikke er demodata (batch ${first.batch_id}, «${first.file_name}»). ` +
        'Demomodus har ingen innlogging og serverer dem ikke: start med «usk serve --config FIL» for egne data (se server/README.md), eller gi demoen en egen database med --db.',
      2,
    );
  } finally {
    db.close();
  }
}

/** For benchmarks on generated national data (bench:rules' database, marked in synthetic_data): no patient is real there. One per command. */
export const syntheticDataOption = () =>
  new Option('--synthetic-data', 'demomodus over en database med genererte testdata som ikke er demoen (benchmark); aldri med ekte data').hideHelp();

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('Generer demodata (UNN 2019–2024, tallene fra SSU Troms og Ofoten) og les dem inn; --scale national: nasjonale testdata')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--out <mappe>', `mappe for filene (standard ${DEFAULT_DEMO_DIR}; påkrevd med --scale national)`)
    .addOption(new Option('--scale <størrelse>', 'unn: demoen; national: alle kommuner, ti år, til benchmark').choices(['unn', 'national']).default('unn'))
    .option('--years <fra-til>', 'år for --scale national', yearRange, [NATIONAL_DEFAULTS.fromYear, NATIONAL_DEFAULTS.toYear])
    .option('--stays-per-year <antall>', 'USK-opphold per år for --scale national', positiveInt, NATIONAL_DEFAULTS.staysPerYear)
    .option('--seed <tekst>', 'frø for generatoren (samme frø gir samme filer)')
    .option('--force', 'generer filene på nytt selv om de finnes')
    .option('--no-ingest', 'bare generer filene, ikke les dem inn')
    .action(async (args: DemoArgs) => {
      try {
        await runDemo(args);
      } catch (e) {
        reportCommandFailure('demo', e);
      }
    });

  program
    .command('start')
    .description('Les inn demodata hvis databasen er tom, og start dashbordet (demomodus, bare denne maskinen)')
    .option('--db <fil>', 'databasefil', DEFAULT_DB_PATH)
    .option('--port <n>', 'port', parsePort, 3000)
    .addOption(syntheticDataOption())
    .action(async (args: { db: string; port: number; syntheticData?: boolean }) => {
      try {
        await refuseNonDemoDatabase(args.db, { synthetic: args.syntheticData === true });
        const demo = await ensureDemo(args.db, { log: say });
        if (demo.ingested) {
          const rejected = demo.results.reduce((s, r) => s + r.rowsRejected, 0);
          say(`Demodata lastet: ${demo.results.length} filer, ${rejected} rader avvist med vilje (se data/demo/README.md).`);
        }
        const { startServer } = await import('../../server/server.ts');
        const handle = await startServer({ db: args.db, port: args.port, host: '127.0.0.1', demo: true });
        say(`USK-analyse (DEMO) kjører på ${handle.url}`);
        const stop = () => void handle.close().then(() => process.exit(0), () => process.exit(1));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } catch (e) {
        reportCommandFailure('start', e);
      }
    });
}
