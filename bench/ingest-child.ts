/**
 * One measured run of the ingestion benchmark, in its own process so that its peak memory is its
 * own. `bare`: DuckDB's read_csv of the files into a plain table. `ours`: the full `usk ingest`
 * path (reading, validation, pseudonymisation, batch bookkeeping, archive) without the derive step,
 * which bench:rules measures.
 */
import { rmSync } from 'node:fs';
import { openDatabase } from '../pipelines/db/open.ts';
import { ingestRun } from '../pipelines/load/ingest.ts';
import { archiveRoot } from '../pipelines/load/archive.ts';

const [mode, db, skip, ...files] = process.argv.slice(2);
if (!mode || !db || skip === undefined || files.length === 0) throw new Error('usage: ingest-child bare|ours DB SKIP FILE...');
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
// A fresh archive too: a copy left by an earlier round would spare this one the file's copy.
if (mode === 'ours') rmSync(archiveRoot(db), { recursive: true, force: true });
const started = performance.now();
// All of the process's threads (DuckDB's, the HMAC worker's), from here on: the CPU each way needs.
const cpuStart = process.cpuUsage();
let rows = 0;
if (mode === 'bare') {
  const udb = await openDatabase(db);
  const list = files.map((f) => `'${f}'`).join(', ');
  // Everything auto-detected, as a user would read the file with DuckDB alone; ignore_errors
  // skips the DIPS totals row, which would otherwise fail the detected integer column.
  await udb.run(`CREATE TABLE bare AS SELECT * FROM read_csv([${list}], header=true, skip=${Number(skip)}, ignore_errors=true)`);
  rows = Number((await udb.json<{ n: number }>('SELECT count(*)::INT n FROM bare'))[0]!.n);
  udb.close();
} else {
  process.env.USK_PSEUDONYM_KEY ??= 'bench-key-bench-key-bench-key-bench-key';
  const udb = await openDatabase(db);
  const run = await ingestRun(udb, files, { refresh: false });
  rows = run.results.reduce((s, r) => s + r.rowsLoaded, 0);
  const refused = run.results.filter((r) => r.status === 'refused');
  if (refused.length) throw new Error(`refused: ${refused.map((r) => r.error).join('; ')}`);
  udb.close();
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify({ mode, rows, seconds, cpuSeconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
