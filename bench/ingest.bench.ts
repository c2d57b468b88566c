/**
 * npm run bench:ingest — ingestion at national scale (issue 2): one generated file of national
 * size per profile (≈ 1.5 million dips-usk rows, ≈ 5 million hnlis-hendelser rows), rows per
 * second, peak memory, and the ratio to DuckDB's own read_csv of the same file into a bare table,
 * measured in the same run. Input: the demo generator's scale mode (`usk demo --scale national`,
 * yearly and monthly files), joined here into one file per profile as the systems would export a
 * ten-year extract; written outside the repository (USK_BENCH_DIR, default
 * /tmp/usk-bench-ingest-data) and reused when present. BENCH_ROUNDS (default 5) alternating
 * bare/ours runs per profile; the medians are reported, every run is listed.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNational } from '../pipelines/demo/scale/national.ts';
import { writeResultsSection } from './results.ts';

const dir = process.env.USK_BENCH_DIR ?? join(tmpdir(), 'usk-bench-ingest-data');
/** The measured databases, and the archive `usk ingest` keeps beside them, emptied before each run (ingest-child.ts). */
const dbDir = join(tmpdir(), 'usk-bench-ingest-dbs');
mkdirSync(dbDir, { recursive: true });
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5); // the machine is shared and noisy: five alternating runs, the median
if (!existsSync(join(dir, 'dips-usk-2024.csv'))) {
  console.log(`Genererer nasjonale testdata i ${dir} …`);
  const summary = await generateNational({ outDir: dir });
  console.log(`  ${summary.stays} opphold, ${summary.dipsRows} DIPS-rader, ${summary.eventRows} hendelser, ${summary.megabytes} MB på ${summary.seconds.toFixed(1)} s`);
}

/**
 * One ten-year file from the generator's files: the last file's preamble (a ten-year report is
 * printed after its last year: its Utskriftsdato is the last one, so no date in it is later than
 * the report), the header, every file's data lines, and (DIPS) one totals row over all of them.
 * Bytes are copied as they are, so the DIPS file stays Windows-1252 with CRLF. A joined file left
 * by an older bench with another preamble (the first file's, whose Utskriftsdato made nine years
 * of dates «after the report» and a warning each) is made again.
 */
function joined(prefix: string, out: string, totalsColumn?: number): string {
  const path = join(dir, 'joined', out);
  const parts = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.csv')).sort();
  const lastHead = headLines(join(dir, parts.at(-1)!));
  const preamble = lastHead.slice(0, headerIndex(lastHead)).map((l) => `${l}\n`).join('');
  if (existsSync(path) && headLines(path).join('\n').startsWith(preamble)) return path;
  mkdirSync(join(dir, 'joined'), { recursive: true });
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.from(preamble, 'latin1'));
  let total = 0;
  for (const [i, name] of parts.entries()) {
    const lines = readFileSync(join(dir, name), 'latin1').split('\n');
    const header = headerIndex(lines);
    const body = lines.slice(header + 1).filter((l) => l.trim() !== '' && !/^(Sum|Totalt)[;,]/i.test(l));
    if (totalsColumn !== undefined) for (const l of body) total += Number(l.split(';')[totalsColumn] ?? 0);
    writeSync(fd, Buffer.from([...(i === 0 ? [lines[header]!] : []), ...body].map((l) => `${l}\n`).join(''), 'latin1'));
  }
  if (totalsColumn !== undefined) writeSync(fd, Buffer.from(`Sum;;;;;;;;;${total}\r\n`, 'latin1'));
  closeSync(fd);
  return path;
}

/** The lines of a file's first 4 KB (preamble and header), without reading the rest of it. */
function headLines(file: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('latin1').split('\n');
  } finally {
    closeSync(fd);
  }
}

/** Where the header row is among `lines`: after a DIPS report's preamble, or first. */
const headerIndex = (lines: string[]) => lines.findIndex((l) => /^(Oppholds-?ID|OppholdsID)/i.test(l));

const headerSkip = (file: string): number => headerIndex(headLines(file));

function utf8Copy(path: string): string {
  const out = `${path}.utf8.csv`;
  // Made again when the file it copies was (joined).
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(path).mtimeMs) writeFileSync(out, new TextDecoder('windows-1252').decode(readFileSync(path)));
  return out;
}

interface Run { mode: string; rows: number; seconds: number; cpuSeconds: number; maxRssMb: number }
const child = (mode: string, db: string, skip: number, path: string): Run =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/ingest-child.ts', mode, db, String(skip), path], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop()!) as Run;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const kinds = [
  { name: 'dips-usk', path: joined('dips-usk-', 'dips-usk-2015-2024.csv', 9), encoding: 'windows-1252' },
  { name: 'hnlis-hendelser', path: joined('hnlis-hendelser-', 'hnlis-hendelser-2015-2024.csv'), encoding: 'utf-8' },
];

const lines: string[] = [];
const details: string[] = [];
const ratios: Array<{ name: string; ratio: number; peak: number }> = [];
const loadBefore = loadavg()[0]!;
for (const kind of kinds) {
  const bytes = statSync(kind.path).size;
  const skip = headerSkip(kind.path);
  // DuckDB reads only UTF-8 and Latin-1; for Windows-1252 the baseline reads a UTF-8 copy made
  // beforehand (not timed), so "bare" is DuckDB's read of the same data with no transcoding at all.
  const barePath = kind.encoding === 'utf-8' ? kind.path : utf8Copy(kind.path);
  const bare: Run[] = [];
  const ours: Run[] = [];
  const pair = () => [child('bare', join(dbDir, `bare-${kind.name}.duckdb`), skip, barePath), child('ours', join(dbDir, `ours-${kind.name}.duckdb`), skip, kind.path)] as const;
  // One pair first, not counted: it brings the file into the page cache and the tools up to speed
  // for both alike (the first round was the outlier of most runs).
  pair();
  for (let round = 0; round < ROUNDS; round++) {
    const [bareRun, oursRun] = pair();
    bare.push(bareRun);
    ours.push(oursRun);
    console.log(`${kind.name} runde ${round + 1}: bare ${bareRun.seconds.toFixed(2)} s (CPU ${bareRun.cpuSeconds.toFixed(1)} s), usk ingest ${oursRun.seconds.toFixed(2)} s (CPU ${oursRun.cpuSeconds.toFixed(1)} s, ${oursRun.maxRssMb} MB)`);
  }
  const b = median(bare.map((r) => r.seconds));
  const o = median(ours.map((r) => r.seconds));
  // The ratio is taken per round, bare and ours back to back under the same load, and its median
  // reported: on a shared machine the load drifts between rounds more than within one.
  const perRound = ours.map((r, i) => r.seconds / bare[i]!.seconds);
  const ratio = median(perRound);
  const rows = ours[0]!.rows;
  // CPU seconds of all threads: on a machine whose cores are all busy, the wall-clock ratio cannot go
  // far below the CPU ratio, whatever the overlap.
  const bareCpu = median(bare.map((r) => r.cpuSeconds));
  const oursCpu = median(ours.map((r) => r.cpuSeconds));
  lines.push(
    `| ${kind.name} | ${(bytes / 1e6).toFixed(0)} | ${rows.toLocaleString('nb-NO')} | ${b.toFixed(2)} | ${o.toFixed(2)} | ${Math.round(rows / o).toLocaleString('nb-NO')} | **${ratio.toFixed(2)}×** | ${bareCpu.toFixed(1)} | ${oursCpu.toFixed(1)} | ${(oursCpu / bareCpu).toFixed(2)}× | ${Math.max(...ours.map((r) => r.maxRssMb))} | ${Math.max(...bare.map((r) => r.maxRssMb))} |`,
  );
  ratios.push({ name: kind.name, ratio, peak: Math.max(...ours.map((r) => r.maxRssMb)) });
  details.push(
    `${kind.name}: bare ${bare.map((r) => r.seconds.toFixed(2)).join(', ')} s; usk ingest ${ours.map((r) => r.seconds.toFixed(2)).join(', ')} s; ` +
      `ratio per round ${perRound.map((x) => x.toFixed(2)).join(', ')} (median ${ratio.toFixed(2)}; the medians' ratio ${(o / b).toFixed(2)}); ` +
      `CPU s bare ${bare.map((r) => r.cpuSeconds.toFixed(1)).join(', ')}, usk ingest ${ours.map((r) => r.cpuSeconds.toFixed(1)).join(', ')}.`,
  );
}

writeResultsSection('ingest', [
  '## bench:ingest — national-size exports through `usk ingest`',
  '',
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, DuckDB via @duckdb/node-api.`,
  `1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after (the machine is shared; bare and ours alternate, ${ROUNDS} rounds after one warm-up pair not counted; times are medians, the ratio is the median of each round's ours ÷ bare).`,
  `Input: one ten-year file per profile, joined from \`usk demo --scale national\` (${dir}/joined): all municipalities, 2015–2024; the DIPS file`,
  'is Windows-1252 with a preamble and a totals row, as DIPS writes it. "bare" = `CREATE TABLE … AS SELECT * FROM read_csv(file)`',
  'with everything auto-detected (delimiter, types), on a UTF-8 copy for DIPS; "usk ingest" = the full path (hash, encoding check,',
  'line numbers, validation, pseudonymisation, batch bookkeeping, archive copy, one transaction) without the derive step',
  '(bench:rules). Targets: ≤ 2× bare, peak memory < 1 GiB.',
  '',
  '| profile | MB | rows loaded | bare read_csv s | usk ingest s | rows/s | ratio | CPU s (bare) | CPU s (ingest) | CPU ratio | peak MB (ingest) | peak MB (bare) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...lines,
  '',
  ...details,
  '',
  '**How.** The file is read once in Node: SHA-256, encoding check, Windows-1252 → UTF-8, a line-number',
  'prefix on every record (DuckDB cannot give one) and, for DIPS, each Fødselsnummer taken out and blanked;',
  'its HMAC-SHA-256 pseudonym goes into a hole in front of the record, filled by a worker thread while the',
  'pass reads on, so that no raw identifier is written anywhere, not even to a temporary file.',
  'It is written as chunks of a million records. DuckDB validates and loads each chunk while Node writes',
  'the next, all inside the file\'s one transaction: one statement reads the chunk (all VARCHAR, since',
  'Norwegian formats need SQL), parses, checks and inserts the good rows, without insertion order and',
  'without FSST string compression (together about a fifth faster; the source tables are ~15 % larger);',
  'a second reading runs only when some rows were not loaded or the profile has warning checks. Nothing',
  'of the file is held whole in memory (before chunking, the 5-million-row file peaked at 2.5 GB).',
  '',
  `**Target ≤ 2×: ${ratios.map((r) => `${r.name} ${r.ratio.toFixed(2)}× (${r.ratio <= 2 ? 'met' : 'not met'})`).join(', ')}. Peak memory < 1 GiB: ${ratios.every((r) => r.peak < 1024) ? 'met for both' : 'not met'}.**`,
  'The machine is shared and the ratio moves from run to run: over nine runs on 2026-11-23 (session 5, after its',
  'changes) dips-usk was 2.32–2.83× and hnlis-hendelser 1.79–2.15×, the latter met in five of them.',
  'Why DIPS misses, measured alone on this machine (2026-11-23, session 5; CPU seconds for its 1.57 million',
  'rows, wall seconds in brackets): bare ≈ 3.2 (2.1). In `usk ingest`, DuckDB\'s part ≈ 4.1 (2.1): reading',
  'the pseudonymised chunks as VARCHAR, parsing and checking in SQL ≈ 2.0, and writing the rows ≈ 2.0, most',
  'of it the six text columns (each string column costs DuckDB 0.2–0.4 CPU-s to store, bare stores five).',
  'The Node pass with its HMAC worker ≈ 3.6–4.6 (2.1–2.7): decoding, line numbers, blanking the identifier,',
  'SHA-256 of the file and writing chunks on the main thread; two node:crypto SHA-256 calls per row in the',
  'worker, about 0.7 µs each, nearly all of it the cost of a call, which no batch API avoids (a cache of',
  'repeated patients, 42 % of the rows, saved nothing measurable). Together ≈ 8 CPU seconds against bare\'s',
  '3.2, on two cores: the run is CPU-bound from the first record, and DuckDB waits for the first chunk.',
  'The worker costs more CPU than hashing in the pass itself but wins on the wall clock (6 alternating runs:',
  'median 5.0 s against 5.6 s). Session 5 took off: the dictionary analysis of the two near-unique columns',
  '(stored uncompressed, same file size), the regex on the pseudonym column, Buffer.write per pseudonym, and',
  'the regex over every piece for Windows-1252\'s C1 letters (9 000 Sami š); an A/B of the same file gave',
  '6.6–7.4 s before and 5.1–6.1 s after, in CPU 12.7–14.5 → 10.2–11.9 s (process totals, tsx start included).',
  'On more cores the gap widens: bare scales with DuckDB\'s threads, the reading pass is one thread (plus',
  'the HMAC worker); the step for that is to split the pass over byte ranges (line count and quote',
  `parity per range first), which cannot help on two cores. HN-LIS has no patient column and ${(ratios.find((r) => r.name === 'hnlis-hendelser')?.ratio ?? 9) <= 2 ? 'meets' : 'is near'} 2×.`,
  'What was cut to get here: no whole-file temp table, no joins on the wide chunk rows (Kommunenr by one',
  'RE2 pattern, the Oslo offset by a per-year summer-time lookup), ISO times by cast, one reading per',
  'clean chunk, one pass over the bytes, lines moved with copyWithin, Windows-1252 through V8\'s',
  'Latin-1 strings (since session 15 in WebAssembly), the HMAC beside the pass. Chunks of a million records: smaller ones (to start',
  'DuckDB sooner) cost more CPU (250 000: the commit ~1 s slower; session 5: 300 000 slower, 600 000 no faster in six alternating runs) and bigger ones',
  'were no faster.',
  'Session 8 (2026-12-06) profiled a whole DIPS run with perf (8.6 CPU-s, tsx start included): DuckDB 38 %',
  '(reading the chunks, string statistics and dictionary analysis on store, strptime, RE2, the repeated-key',
  'grouping), Node\'s own code 34 % (SHA-256 4 %, V8\'s garbage collector about 6 %, 25 full collections set off',
  'by the pass\'s buffers, UTF-8 encoding 1.3 %), the kernel 13 % (file reads and writes, page faults,',
  'scheduling), our JavaScript 9 % (the record split 4 %), libc 5 %. Timeline of one run (4.4 s): 1.3 s until the',
  'first chunk is written, 2.3 s of chunk loads beside the pass, then 0.75 s in series: the repeated-key check',
  '0.25 s, commit 0.1 s and the checkpoint at close 0.3 s (it merges the partial row groups the two parallel',
  'inserts leave). Tried and dropped, each in alternating runs: keeping insertion order (no merge at close,',
  'but the load costs as much more), the chunks on tmpfs, a smaller first chunk (300 000), and the patient',
  'cache again as an open-addressing table over typed arrays (a lookup costs ~170 ns in cache misses on a',
  '32 MB table, so 42 % hits save too little). No single part is large enough that taking it off reaches 2×.',
  'A trap found on the way: tsx (esbuild, names kept) wraps every closure it creates in a naming helper, so an',
  'arrow function made inside a per-identifier check cost the DIPS pass 0.8 s; the hot paths have plain loops.',
  'Session 9 (2026-12-06) measured the parts alone once more: the reading pass with its HMAC worker 1.9 s wall,',
  '3.3 CPU-s (with the pseudonyms left out 1.4 s and 1.8 CPU-s: the HMAC is 1.4 CPU-s and half a second of the',
  'pass\'s wall time); DuckDB\'s typed load of the two chunks 1.8 s wall, 3.2 CPU-s (parsing and checking without',
  'storing 1.9 CPU-s); and an HMAC in SQL from DuckDB\'s own sha256 1.8 CPU-s for the same 1.57 million ids, no',
  'cheaper than node:crypto. DuckDB refuses the Windows-1252 file as latin-1, so the UTF-8 copy stays the fair bare.',
  'Session 10 (2026-12-06) tried two more, in alternating runs: DuckDB on one thread for the chunk inserts (less contention',
  'with the pass, and no partial row groups to merge at close) was slower, 5.3 s against 4.5 s; and grouping the repeated-key',
  'check on a hash of the key instead of the key itself saved nothing measurable (0.15 s either way).',
  'Session 12 (2026-12-07) added work only for rejected rows (a stricter mask, the row\'s municipality and a summary of it);',
  'whole `usk ingest` runs of the DIPS file (derive included), alternating the session\'s start and end: 14.5, 16.0, 13.9 s',
  'against 14.2, 14.0, 14.7 s, no measurable change. Its bench run (04:50, load 3.4) gave DIPS 2.82× and HN-LIS 1.96×.',
  'Session 13 (2026-12-07) found that planning a statement costs, even over no rows: the statements that store rejected',
  'rows, warnings and the CSV reader\'s own rejects expand the masking macros (fødselsnummer patterns) into large expressions,',
  'about 0.1 s each to plan, and ran for every chunk of a clean file. They now run only when the chunk has such rows. HN-LIS',
  'alone, alternating with the session\'s start (d92a0c6): 5.58, 5.39, 5.45 s against 5.79, 5.73, 5.67 s. A trace of the DIPS',
  'run\'s statements over 15 ms afterwards: the two chunk inserts (1.5 and 0.6 s), the repeated-key check (0.27 s), COMMIT (0.05 s).',
  'Session 14 (2026-12-07) added checks to the typed query: no-break spaces and tabs trimmed, all-digit ids without leading',
  'zeros, Excel error values, a fødselsnummer grouped any way in free text. On a 1 M-row DIPS chunk alone (one thread,',
  'alternating) the query went from 1.10–1.24 to 1.33–1.38 CPU-s after tuning (a replace of U+00A0 on every value had',
  'cost 0.2 s; it now runs only where a parse failed). The machine was about twice as slow during this run as at 07:05',
  '(bare DIPS 3.06 s against 1.61 s; the same code ran 4.1 s then and 6–7 s alone now), which weighs on the CPU-bound',
  'DIPS path more than on bare: read the ratio here as this hour\'s; on a quiet machine an estimated 2.6–2.7× (session 13\'s 2.58× and the added cost).',
  'Session 15 (2026-12-07) found that the joined DIPS file carried its first year\'s preamble (Utskriftsdato 05.01.2016), so',
  'since session 14\'s check of dates after the report every row of 2016–2024 got a warning: 1.4 million inserts, 3.5 s of',
  'the run. The file now carries the last year\'s preamble, as a ten-year report printed after its last year would. Then',
  'two parts of the reading pass went into WebAssembly (SIMD): the HMAC, four identifiers at a time from the key\'s saved',
  'inner and outer states (two SHA-256 compressions each instead of node:crypto\'s four, no call per identifier), and',
  'Windows-1252 → UTF-8, sixteen ASCII bytes per step, with no V8 string in between. The pass alone, alternating: 5.1 → 4.0',
  'CPU-s for the HMAC, then 4.0–4.3 → 3.3–3.8 for the transcoding. What is left, measured this session (one thread, 1 M-row',
  'chunk, EXPLAIN ANALYZE): DuckDB\'s typed load 2.57 s (CSV scan 0.69, parsing projections ≈ 0.6, the `ok` filter 0.34, the',
  'insert 0.79), against bare\'s 1.63 s per million rows (scan 0.55, store 0.99); with the pass (≈ 1.4 CPU-s per million',
  'rows) the run needs about twice bare\'s CPU, and both cores are busy from the first record, so DuckDB\'s parallel bare',
  'read stays 2.8–3.2× faster on this machine in this session\'s two runs (10:41 after the HMAC: 2.80×; 10:56 after both:',
  '3.17×, with bare at 2.17 s against 2.32 s: the ratio moves with bare\'s speed as much as with ours). Smaller chunks (400 000)',
  'were again slower (6.8–7.2 s against 6.4–6.7 s).',
  'Session 16 (2026-12-07) added each run\'s CPU seconds (all threads) to the table. In its run the CPU ratio was the wall',
  'ratio (DIPS 2.92× against 3.00×, HN-LIS 2.01× against 2.01×): both ways keep the two cores busy, so the wall ratio is',
  'what the work costs, not how it overlaps. Measured apart, the same hour: DuckDB\'s part of the DIPS load alone (the',
  'chunk inserts after the pass was done, 3.3–3.9 s, and the checks and commit after them, 0.9 s) already takes about',
  '1.7–1.9× bare\'s whole read (2.2–3.0 s), before the reading pass (2.5–3.7 CPU-s with its HMAC worker) adds anything.',
  'Tried and dropped, each in alternating runs: a smaller first chunk so DuckDB starts sooner (250 000 and 400 000 records:',
  'the pass slows as soon as DuckDB runs beside it, 7.1–8.2 s against 7.2–7.3 s), the whole file as one chunk (the pass,',
  'then one insert: 7.8 and 8.2 s), DuckDB on one thread for the inserts (4.9 s of inserts against 3.3 s), and the line',
  'number read as INTEGER by the CSV reader (no change). Upper bounds, by leaving a part out of the 1 M-row chunk insert',
  '(one thread): the per-value trim test 7 %, the municipality check 3 %, the fødselsnummer checks on names 2 %; the choice',
  'of compression at the insert none. Kept: the repeated-key check groups by the key\'s hash first (0.52–0.60 → 0.35–0.47 s',
  'in three alternating runs; session 10 saw no gain when the check took 0.15 s). What 2× on two cores would need is',
  'a different design, not a faster part: DuckDB reading the export itself in parallel, which it cannot do with the',
  'line numbers of the rows and with patient identifiers kept out of everything it reads.',
  'Session 17 (2026-12-07) measured that design, stripped, with `bench/ingest-bound.ts` (run by hand): DuckDB reads the UTF-8',
  'DIPS copy as VARCHAR into a temporary table, pseudonymises in its own SQL (HMAC-SHA-256 from its sha256, once per',
  'distinct fødselsnummer, joined back), types the dates and numbers, leaves out the totals row and takes its rowid for',
  'a line number; no encoding check, no validation or rejects, no SHA-256, archive or batch row. Three alternating rounds',
  'at 13:34 UTC: 5.9, 6.8, 8.4 s against bare\'s 2.2, 2.1, 2.6 s, **3.15×**; without the pseudonym 1.74× (the',
  'pseudonym in DuckDB adds 1.4 bare reads). `usk ingest` in the same quarter-hour: 7.6 and 7.0 s against',
  'bare\'s 3.0 and 2.3 s (2.5× and 3.1×). The full path is no slower than the stripped native design: on two cores neither',
  'reaches 2× with the pseudonym, and the native one would also give up real line numbers and put raw identifiers in',
  'DuckDB\'s memory. Of the loads measured, only those without a pseudonym come under 2×.',
  'Session 19 (2026-12-07) changed the reading pass only at its edges (an xlsx formula without its value marked, a totals',
  'label behind a no-break space or tab in the patient column kept as a label) and the typed query only for rejected',
  'rows. Its run at 19:53 (no other work on the machine): DIPS 6.7–8.2 s against 6.9–7.3 s at 14:19, medians\' ratio 2.99×',
  'against 2.92×, within the spread of earlier runs; HN-LIS 1.99×. A run during browser tests at 19:47 (bare 2.4–8.5 s) was not kept.',
]);
