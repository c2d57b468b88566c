/**
 * npm run bench:ingest — ingestion at national scale (issue 2): rows per second, peak memory, and
 * the ratio to DuckDB's own read_csv of the same files, measured in the same run. Input: the demo
 * generator's scale mode (`usk demo --scale national`), written outside the repository
 * (USK_BENCH_DIR, default /tmp/usk-bench-ingest-data) and reused when present.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNational } from '../pipelines/demo/scale/national.ts';
import { writeResultsSection } from './results.ts';

const dir = process.env.USK_BENCH_DIR ?? join(tmpdir(), 'usk-bench-ingest-data');
if (!existsSync(join(dir, 'dips-usk-2024.csv'))) {
  console.log(`Genererer nasjonale testdata i ${dir} …`);
  const summary = await generateNational({ outDir: dir });
  console.log(`  ${summary.stays} opphold, ${summary.dipsRows} DIPS-rader, ${summary.eventRows} hendelser, ${summary.megabytes} MB på ${summary.seconds.toFixed(1)} s`);
}
const files = readdirSync(dir).sort();
const kinds = [
  { name: 'dips-usk', files: files.filter((f) => f.startsWith('dips-usk-')), encoding: 'windows-1252' },
  { name: 'hnlis-hendelser', files: files.filter((f) => f.startsWith('hnlis-hendelser-')), encoding: 'utf-8' },
];

function headerSkip(file: string): number {
  const lines = readFileSync(file).subarray(0, 4096).toString('latin1').split('\n');
  return lines.findIndex((l) => /^(Oppholds-?ID|OppholdsID)/i.test(l));
}

function utf8Copy(path: string): string {
  const out = join(tmpdir(), 'usk-bench-utf8', path.split('/').pop()!);
  mkdirSync(join(tmpdir(), 'usk-bench-utf8'), { recursive: true });
  if (!existsSync(out)) writeFileSync(out, new TextDecoder('windows-1252').decode(readFileSync(path)));
  return out;
}

interface Run { mode: string; rows: number; seconds: number; maxRssMb: number }
const child = (mode: string, db: string, encoding: string, skip: number, paths: string[]): Run =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/ingest-child.ts', mode, db, encoding, String(skip), ...paths], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop()!) as Run;

const lines: string[] = [];
for (const kind of kinds) {
  const paths = kind.files.map((f) => join(dir, f));
  const bytes = paths.reduce((s, p) => s + readFileSync(p).length, 0);
  const skip = headerSkip(paths[0]!);
  // DuckDB reads only UTF-8 and Latin-1; for Windows-1252 the baseline reads a UTF-8 copy made
  // beforehand (not timed), so "bare" is DuckDB's read of the same data with no transcoding at all.
  const barePaths = kind.encoding === 'utf-8' ? paths : paths.map((p) => utf8Copy(p));
  const bare = child('bare', join(tmpdir(), `usk-bench-bare-${kind.name}.duckdb`), 'utf-8', skip, barePaths);
  const ours = child('ours', join(tmpdir(), `usk-bench-ours-${kind.name}.duckdb`), kind.encoding, skip, paths);
  const ratio = ours.seconds / bare.seconds;
  console.log(`${kind.name}: ${paths.length} filer, ${(bytes / 1e6).toFixed(0)} MB, ${ours.rows} rader`);
  console.log(`  bare read_csv ${bare.seconds.toFixed(2)} s (${bare.maxRssMb} MB) | usk ingest ${ours.seconds.toFixed(2)} s (${ours.maxRssMb} MB) | ${ratio.toFixed(2)}×`);
  lines.push(
    `| ${kind.name} | ${paths.length} | ${(bytes / 1e6).toFixed(0)} | ${ours.rows.toLocaleString('nb-NO')} | ${bare.seconds.toFixed(2)} | ${ours.seconds.toFixed(2)} | ${Math.round(ours.rows / ours.seconds).toLocaleString('nb-NO')} | ${ratio.toFixed(2)}× | ${ours.maxRssMb} | ${bare.maxRssMb} |`,
  );
}

writeResultsSection('ingest', [
  '## bench:ingest — national-scale exports through `usk ingest`',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, DuckDB via @duckdb/node-api. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `Input: \`usk demo --scale national\` (${dir}): all municipalities, 2015–2024. "bare" = DuckDB read_csv of the same files into a table (auto-detected types); "usk ingest" = the full path without the derive step (see bench:rules). Targets: ≤ 2× bare, peak memory < 1 GiB.`,
  '',
  '| profile | files | MB | rows loaded | bare read_csv s | usk ingest s | rows/s | ratio | peak MB (ingest) | peak MB (bare) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...lines,
  '',
  '**Where the time goes, and why the 2× target is not met.** The bare read lets DuckDB parse typed',
  'columns inside its C++ CSV scanner. `usk ingest` must (1) stream every byte through Node once to',
  'number the lines (DuckDB has no row-number column for CSV; without it no reject could name its line),',
  'check the encoding and transcode Windows-1252 (≈ 0.5 s per 100 MB); (2) read every cell as VARCHAR,',
  'because Norwegian files mix formats the scanner cannot (`kr 5 306,00`, dates with and without time,',
  '3-digit Kommunenr) — reading all-VARCHAR alone costs ≈ 2× the typed bare read; (3) parse, validate and',
  'pseudonymise in SQL (one strptime format per value, sampled fast paths, HMAC-SHA-256 in SQL);',
  '(4) write the typed rows, rejects and warnings in one transaction. Measured on a quiet machine for one',
  '45 000-row monthly HN-LIS file: ≈ 30 ms reading and numbering, ≈ 135 ms validating (no single hot',
  'operator: trims, parses, two small joins, the CTAS), ≈ 55 ms committing — against ≈ 21 ms per file for',
  'the bare read. Many small files therefore cost most. Next steps, if the ratio matters more than the',
  'simplicity: validate all files of one profile in one statement (read_csv over the list, one batch each',
  'at commit), and a native-typed fast path (read_csv with types and a timestampformat guessed from the',
  'sample, falling back to the VARCHAR path only for rejected lines).',
  'Peak memory stays under 1 GiB for files of this size; one single 5-million-row file (300 MB) peaked',
  'at ≈ 2.7 GB in a separate run, because the typed rows of one file are held in memory until its',
  'transaction commits.',
]);
