/**
 * Expands the published tables into cells: one (year, municipality number as written, fagområde)
 * with an exact number of registered days and of invoiced days. Every later step keeps these sums,
 * so the demo reproduces the tables by construction and the tests confirm it through the pipeline.
 */
import type { Fagomrade } from '../query/contract.ts';
import type { KommuneRef } from './kommuner.ts';
import { Rng, splitInt } from './rng.ts';
import {
  DEMO_YEARS, GATED_MUNICIPALITIES, LENVIK_PSYKIATRI_2019, PHV_SHARE, PREDECESSOR_WEIGHTS, PSYKIATRI,
  PSYKIATRI_OTHER_MEMBERS, PSYKIATRI_OTHERS, SOMATIKK, SOMATIKK_2023, SOMATIKK_OTHER_MEMBERS,
  SOMATIKK_OTHERS, type PublishedRow,
} from './targets.ts';

export type Fag = Fagomrade;
type Group = 'somatikk' | 'psykiatri';

export interface Cell {
  year: number;
  current: string; // 2024 number
  nr: string; // number valid in the year, as written on the rows
  fag: Fag;
  registered: number;
  invoiced: number;
  gated: boolean; // Ofoten / Sør-Troms pattern
}

interface GroupTarget {
  current: string;
  group: Group;
  year: number;
  registered: number;
  invoiced: number;
}

/** Days of the deliberately 3-digit Risør row (2019, out-of-area, part of "Andre kommuner"). */
export const RISOR_2019_DAYS = 3;

const drift = (rng: Rng, value: number) => Math.max(0, Math.round(value * rng.uniform(0.85, 1.15)));

/** Invoiced share where no figure was published: 55–90 % of registered, lower in Ofoten. */
function invoicedShare(rng: Rng, registered: number, group: Group, gated: boolean): number {
  if (registered === 0) return 0;
  const share = gated ? rng.uniform(0.56, 0.68) : group === 'psykiatri' ? rng.uniform(0.66, 0.88) : rng.uniform(0.62, 0.84);
  return Math.min(Math.round(registered * share), registered - 1);
}

/** Registered days per (municipality, year) of one table, continued to 2023–2024. */
function registeredSeries(rng: Rng, rows: readonly PublishedRow[], others: readonly number[],
  members: Readonly<Record<string, number>>, fixed2023: Readonly<Record<string, number>>): Map<string, number[]> {
  const series = new Map<string, number[]>();
  for (const row of rows) series.set(row.nr, [...row.registered]);
  const memberNrs = Object.keys(members);
  const perYear = others.map((total, y) => {
    const reserved = y === 0 && members === SOMATIKK_OTHER_MEMBERS ? RISOR_2019_DAYS : 0;
    const weights = memberNrs.map((nr) => (members[nr] ?? 0) * rng.uniform(0.6, 1.4));
    return splitInt(total - reserved, weights);
  });
  memberNrs.forEach((nr, i) => series.set(nr, perYear.map((parts) => parts[i] ?? 0)));
  for (const [nr, values] of series) {
    const y2023 = fixed2023[nr] ?? drift(rng, values[3] ?? 0);
    values.push(y2023, drift(rng, y2023));
  }
  return series;
}

function groupTargets(rng: Rng): GroupTarget[] {
  const out: GroupTarget[] = [];
  const tables: Array<[Group, Map<string, number[]>]> = [
    ['somatikk', registeredSeries(rng, SOMATIKK, SOMATIKK_OTHERS.registered, SOMATIKK_OTHER_MEMBERS, SOMATIKK_2023)],
    ['psykiatri', registeredSeries(rng, PSYKIATRI, PSYKIATRI_OTHERS.registered, PSYKIATRI_OTHER_MEMBERS, {})],
  ];
  for (const [group, series] of tables) {
    for (const [current, values] of series) {
      DEMO_YEARS.forEach((year, y) => {
        const registered = values[y] ?? 0;
        out.push({ current, group, year, registered, invoiced: invoicedShare(rng, registered, group, GATED_MUNICIPALITIES.has(current)) });
      });
    }
  }
  out.push({ current: '4201', group: 'somatikk', year: 2019, registered: RISOR_2019_DAYS, invoiced: 2 });
  // Invoiced 2022 somatikk is published: named rows exactly, "Andre" spread over its members.
  const som2022 = out.filter((t) => t.group === 'somatikk' && t.year === 2022);
  for (const t of som2022) {
    const published = SOMATIKK.find((r) => r.nr === t.current)?.invoiced2022;
    if (published !== undefined) t.invoiced = published;
  }
  const others = som2022.filter((t) => SOMATIKK_OTHER_MEMBERS[t.current] !== undefined);
  const parts = splitInt(SOMATIKK_OTHERS.invoiced2022, others.map((t) => t.registered), others.map((t) => Math.max(0, t.registered - 1)));
  others.forEach((t, i) => (t.invoiced = parts[i] ?? 0));
  return out;
}

/** Splits registered and invoiced days over parts; invoiced stays below registered in each part. */
function splitPair(registered: number, invoiced: number, weights: number[], fixed?: Map<number, number>): Array<[number, number]> {
  const free = weights.map((w, i) => (fixed?.has(i) ? 0 : w));
  const fixedSum = [...(fixed?.values() ?? [])].reduce((s, v) => s + v, 0);
  const reg = splitInt(registered - fixedSum, free).map((r, i) => r + (fixed?.get(i) ?? 0));
  const caps = reg.map((r) => Math.max(0, r - 1));
  // Each part loses at least one day (its first), so a part can invoice at most registered − 1.
  const inv = splitInt(Math.min(invoiced, caps.reduce((s, c) => s + c, 0)), reg, caps);
  return reg.map((r, i) => [r, inv[i] ?? 0]);
}

export function planCells(ref: KommuneRef, rng: Rng): Cell[] {
  const cells: Cell[] = [];
  for (const t of groupTargets(rng.fork('targets'))) {
    if (t.registered === 0) continue;
    let numbers = ref.numbersIn(t.current, t.year);
    if (t.registered < 10) numbers = numbers.slice(0, 1);
    const fixed = new Map<number, number>();
    const lenvik = numbers.indexOf(LENVIK_PSYKIATRI_2019.nr);
    if (t.group === 'psykiatri' && t.year === 2019 && lenvik >= 0) fixed.set(lenvik, LENVIK_PSYKIATRI_2019.days);
    const byNumber = splitPair(t.registered, t.invoiced, numbers.map((nr) => PREDECESSOR_WEIGHTS[nr] ?? 1), fixed);
    numbers.forEach((nr, i) => {
      const [registered, invoiced] = byNumber[i] ?? [0, 0];
      const base = { year: t.year, current: t.current, nr, gated: GATED_MUNICIPALITIES.has(t.current) };
      if (t.group === 'somatikk') {
        cells.push({ ...base, fag: 'somatikk', registered, invoiced });
        return;
      }
      const phv = registered <= 3 ? 1 : PHV_SHARE * rng.uniform(0.8, 1.2);
      const [[r1, i1] = [0, 0], [r2, i2] = [0, 0]] = splitPair(registered, invoiced, [phv, 1 - phv]);
      cells.push({ ...base, fag: 'psykisk-helsevern', registered: r1, invoiced: i1 });
      cells.push({ ...base, fag: 'tsb', registered: r2, invoiced: i2 });
    });
  }
  return cells.filter((c) => c.registered > 0);
}
