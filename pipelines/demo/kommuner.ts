/**
 * Municipality facts for the generator, read from data/reference/*.csv (the same editable files the
 * database loads), so the generator writes exactly the numbers the crosswalk knows. Validity follows
 * pipelines/reference/load.ts: a number is valid from the first year it appears as a new number and
 * until the year before it was changed away.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_REFERENCE_DIR } from '../reference/load.ts';
import { dayOf, type Day } from './calendar.ts';

interface Change {
  year: number;
  oldNr: string;
  oldName: string;
  newNr: string;
  newName: string;
}

export interface KommuneRef {
  /** Today's municipalities (kommuner-2026.csv), in file order. */
  today: Array<{ nr: string; name: string; county: string }>;
  name(nr: string): string;
  /** Today's successor of any number that ever existed (the number itself when unchanged). */
  current(nr: string): string;
  valid(nr: string, year: number): boolean;
  exists(nr: string): boolean;
  /** Every number valid in `year` whose successor today is `currentNr` (current number first when valid). */
  numbersIn(currentNr: string, year: number): string[];
  rate(year: number): number | undefined;
  /** The first date of a care area's payment obligation (betalingsplikt.csv); undefined: never. */
  paymentStart(fag: string): Day | undefined;
  /** UNN site of a 2024 number, or undefined outside the catchment. */
  site(nr: string): string | undefined;
}

function rows(dir: string, file: string): string[][] {
  return readFileSync(resolve(dir, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(';'));
}

export function loadKommuneRef(dir: string = DEFAULT_REFERENCE_DIR): KommuneRef {
  const today = rows(dir, 'kommuner-2026.csv').map(([nr = '', name = '', county = '']) => ({ nr, name, county }));
  const changes: Change[] = rows(dir, 'kommunenr-endringer.csv')
    .map(([y = '', oldNr = '', oldName = '', newNr = '', newName = '']) => ({ year: Number(y), oldNr, oldName, newNr, newName }))
    .filter((c) => c.oldNr !== c.newNr);
  const todaySet = new Set(today.map((t) => t.nr));

  const names = new Map<string, { name: string; prio: number }>();
  const setName = (nr: string, name: string, prio: number) => {
    const had = names.get(nr);
    if (!had || had.prio < prio) names.set(nr, { name, prio });
  };
  for (const c of changes) {
    setName(c.oldNr, c.oldName, 1);
    setName(c.newNr, c.newName, 2);
  }
  for (const t of today) setName(t.nr, t.name, 3);

  const validFrom = new Map<string, number>();
  const validTo = new Map<string, number>();
  const next = new Map<string, Change>();
  for (const c of changes) {
    validFrom.set(c.newNr, Math.min(validFrom.get(c.newNr) ?? Infinity, c.year));
    if (!todaySet.has(c.oldNr)) validTo.set(c.oldNr, Math.max(validTo.get(c.oldNr) ?? -Infinity, c.year - 1));
    const prev = next.get(c.oldNr);
    if (!prev || prev.year < c.year) next.set(c.oldNr, c);
  }

  const currentCache = new Map<string, string>();
  const current = (nr: string): string => {
    const hit = currentCache.get(nr);
    if (hit) return hit;
    let at = nr;
    for (let depth = 0; depth < 10; depth++) {
      const step = next.get(at);
      if (!step) break;
      at = step.newNr;
    }
    currentCache.set(nr, at);
    return at;
  };
  const valid = (nr: string, year: number) =>
    names.has(nr) && year >= (validFrom.get(nr) ?? -Infinity) && year <= (validTo.get(nr) ?? Infinity);

  const byCurrent = new Map<string, string[]>();
  for (const nr of names.keys()) {
    const c = current(nr);
    byCurrent.set(c, [...(byCurrent.get(c) ?? []), nr]);
  }

  const rates = new Map(rows(dir, 'dognpriser.csv').map(([y = '', r = '']) => [Number(y), Number(r)] as const));
  const paymentStarts = new Map(rows(dir, 'betalingsplikt.csv').map(([fag = '', from = '']) => {
    const [y, m, d] = from.split('-').map(Number);
    return [fag, dayOf(y!, m!, d!)] as const;
  }));
  const sites = new Map(rows(dir, 'unn-opptaksomrade.csv').map(([nr = '', site = '']) => [nr, site] as const));

  return {
    today,
    name: (nr) => names.get(nr)?.name ?? nr,
    current,
    valid,
    exists: (nr) => names.has(nr),
    numbersIn: (currentNr, year) => {
      const all = (byCurrent.get(currentNr) ?? [currentNr]).filter((nr) => valid(nr, year));
      all.sort((a, b) => (a === currentNr ? -1 : b === currentNr ? 1 : a.localeCompare(b)));
      return all.length > 0 ? all : [currentNr];
    },
    rate: (year) => rates.get(year),
    paymentStart: (fag) => paymentStarts.get(fag),
    site: (nr) => sites.get(nr),
  };
}
