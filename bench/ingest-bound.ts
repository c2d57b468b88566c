/**
 * A lower bound, not a benchmark of our code: what the DIPS load would cost if DuckDB read the export
 * itself in parallel (the one design bench:ingest's notes name as able to approach bare's time), with
 * most of what `usk ingest` does left out. Run by hand after `npm run bench:ingest` has generated its
 * data: `npx tsx bench/ingest-bound.ts [FILE]` (default: the bench's UTF-8 DIPS copy). Alternating
 * rounds of:
 *
 * - `bare`: bench:ingest's bare read (everything auto-detected);
 * - `native`: the file read as VARCHAR into a temporary table, the pseudonym as HMAC-SHA-256 in
 *   DuckDB's own SQL (sha256 of the key's inner and outer pads, once per distinct identifier) joined
 *   back, the dates and numbers typed, the totals row left out, the row's rowid in the temporary
 *   table for a line number (not shifted to the header's line: a subquery to shift it, or a window's
 *   row_number(), costs some 3 s more);
 * - `native-no-hmac`: the same without the pseudonym.
 *
 * Left out of both: the encoding check and Windows-1252 (a UTF-8 copy is read), real line numbers
 * (a record over a line break shifts them), every validation and reject, the file's SHA-256 and
 * archive copy, the batch row and the checks after the load. Its figures are therefore what the
 * native design could at best reach; bench/RESULTS.md says what they were.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const file = process.argv[2] ?? '/tmp/usk-bench-ingest-data/joined/dips-usk-2015-2024.csv.utf8.csv';
const rounds = 3;
const modes = ['bare', 'native', 'native-no-hmac'] as const;
type Mode = (typeof modes)[number];

const TYPED = `"Oppholds-ID", lpad(trim("Kommunenr"), 4, '0'), "Kommune", "Fagområde", "Avdeling",
  try_strptime("Innlagt", '%d.%m.%Y')::DATE, try_strptime("Utskrivningsklar", '%d.%m.%Y')::DATE,
  try_strptime("Utskrevet", '%d.%m.%Y')::DATE, try_cast("USK-døgn" AS INTEGER)`;

async function run(mode: Mode): Promise<number> {
  const path = `/tmp/usk-ingest-bound-${mode}.duckdb`;
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  const started = performance.now();
  if (mode === 'bare') {
    await c.run(`CREATE TABLE bare AS SELECT * FROM read_csv('${file}', header=true, skip=3, ignore_errors=true)`);
  } else {
    await c.run(`CREATE TABLE src(line BIGINT, pseudonym VARCHAR, stay VARCHAR, kommunenr VARCHAR, kommune VARCHAR,
      care_area VARCHAR, department VARCHAR, admitted DATE, ready DATE, discharged DATE, usk_days INTEGER)`);
    await c.run('BEGIN');
    await c.run(`CREATE TEMP TABLE stage AS SELECT *
      FROM read_csv('${file}', skip=3, header=true, delim=';', all_varchar=true, strict_mode=false)`);
    if (mode === 'native') {
      // A fixed bench key: its pads are 0x36 and 0x5c repeated (RFC 2104 with an all-zero key).
      await c.run(`CREATE TEMP TABLE pn AS SELECT id, left(sha256(repeat('\\x5c'::BLOB, 64)
        || unhex(sha256(repeat('\\x36'::BLOB, 64) || id::BLOB))), 32) AS pseudonym
        FROM (SELECT DISTINCT "Fødselsnummer" AS id FROM stage)`);
      await c.run(`INSERT INTO src SELECT stage.rowid, pn.pseudonym, ${TYPED}
        FROM stage LEFT JOIN pn ON pn.id = stage."Fødselsnummer" WHERE "Oppholds-ID" <> 'Sum'`);
    } else {
      await c.run(`INSERT INTO src SELECT rowid, NULL, ${TYPED} FROM stage WHERE "Oppholds-ID" <> 'Sum'`);
    }
    await c.run('COMMIT');
  }
  await c.run('CHECKPOINT');
  const seconds = (performance.now() - started) / 1000;
  c.closeSync();
  db.closeSync();
  rmSync(path, { force: true });
  return seconds;
}

const times: Record<Mode, number[]> = { bare: [], native: [], 'native-no-hmac': [] };
for (let r = 0; r < rounds; r++) for (const mode of modes) times[mode].push(await run(mode));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const mode of modes) {
  const ratios = times[mode].map((t, i) => t / times.bare[i]!);
  console.log(`${mode}: ${times[mode].map((t) => t.toFixed(2)).join(', ')} s; ÷ bare per round ${ratios.map((x) => x.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)})`);
}
