/**
 * The demo generator: UNN's USK exports 2019-01 … 2024-12 whose figures, through the product's own
 * pipelines, are the tables UNN presented to SSU Troms og Ofoten (data/demo/README.md).
 * Deterministic: the same seed gives the same bytes on every run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ymd } from './calendar.ts';
import { extraRows } from './extra-rows.ts';
import { applyInvoiceFaults, applyStayFaults } from './faults.ts';
import { buildInvoices } from './invoices.ts';
import { addOngoingStays, LAST_EXTRACT } from './ongoing.ts';
import { loadKommuneRef, type KommuneRef } from './kommuner.ts';
import { type FaultRecord, MANIFEST, type Manifest } from './manifest.ts';
import type { InvoiceLine, Stay } from './model.ts';
import { planCells, type Cell } from './plan.ts';
import { Rng } from './rng.ts';
import { dipsRows, eventRows } from './rows.ts';
import { buildStays } from './stays.ts';
import { DEMO_YEARS } from './targets.ts';
import { fakturaCells, writeDips, writeFaktura, writeHnlis } from './write/files.ts';

export const DEMO_SEED = 'unn-ssu-troms-ofoten-2023';
/** Bump when the generator's output changes, so existing demo folders are regenerated. */
export const GENERATOR_VERSION = 4;

export interface DemoModel {
  cells: Cell[];
  stays: Stay[];
  lines: InvoiceLine[];
  faults: FaultRecord[];
}

export function buildDemoModel(ref: KommuneRef, seed: string = DEMO_SEED): DemoModel {
  const rng = new Rng(seed);
  const cells = planCells(ref, rng.fork('plan'));
  const stays = buildStays(ref, cells, rng.fork('stays'));
  const faults = applyStayFaults(stays, rng.fork('faults'));
  faults.push(...addOngoingStays(stays));
  const lines = buildInvoices(ref, stays, rng.fork('invoices'));
  faults.push(...applyInvoiceFaults(lines, (year) => ref.rate(year) ?? 0, rng.fork('invoice-faults')));
  return { cells, stays, lines, faults };
}

/** Writes every export file into `dir` (plus manifest.json); returns the manifest. */
export function writeDemo(dir: string, ref: KommuneRef, model: DemoModel, seed: string = DEMO_SEED): Manifest {
  mkdirSync(dir, { recursive: true });
  const extra = extraRows(ref, model.stays[0]?.patient ?? '');
  const dips = [...model.stays.flatMap((s) => dipsRows(ref, s)), ...extra.dips];
  const events = [...model.stays.flatMap((s) => eventRows(s)), ...extra.events];
  const names: string[] = [];
  for (const year of DEMO_YEARS) names.push(writeDips(dir, year, dips.filter((r) => r.year === year)));
  const first = `${DEMO_YEARS[0]}-01`;
  // The last extract is of the days after the last demo year (stays crossing New Year, the two
  // still in hospital), taken the morning DIPS printed that year's report.
  const lastDay = ymd(LAST_EXTRACT.day);
  const last = `${lastDay.year}-${String(lastDay.month).padStart(2, '0')}`;
  const lastAsOf = `${last}-${String(lastDay.date).padStart(2, '0')}T${String(LAST_EXTRACT.minute / 60).padStart(2, '0')}:00:00`;
  names.push(...writeHnlis(dir, events, first, last, new Rng(`${seed}:hnlis`), lastAsOf));
  const written = (l: InvoiceLine) => model.stays.find((s) => s.id === l.stayId)?.writtenNr;
  const faktura = [...model.lines]
    .sort((a, b) => a.invoiceDate - b.invoiceDate || a.invoiceNo.localeCompare(b.invoiceNo) || (a.stayId ?? '').localeCompare(b.stayId ?? ''))
    .map((l) => ({ year: ymd(l.invoiceDate).year, cells: fakturaCells(ref, l, l.nr === '0901' ? written(l) ?? l.nr : l.nr) }))
    .concat(extra.faktura);
  const years = [...new Set(faktura.map((f) => f.year))].sort();
  for (const year of years) names.push(writeFaktura(dir, year, faktura.filter((f) => f.year === year).map((f) => f.cells)));
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    seed,
    files: names.map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
    faults: [...model.faults, ...extra.faults],
  };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export function generateDemo(dir: string, seed: string = DEMO_SEED, referenceDir?: string): Manifest {
  const ref = loadKommuneRef(referenceDir);
  return writeDemo(dir, ref, buildDemoModel(ref, seed), seed);
}
