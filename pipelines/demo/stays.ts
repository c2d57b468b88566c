/**
 * From cells to stays: the periods of every cell, placed in its year, plus periods per
 * municipality that cross New Year (their days split between two years' budgets), turned into
 * stays with ids, patients, departments and event timelines.
 */
import { dayOf, type Day } from './calendar.ts';
import type { KommuneRef } from './kommuner.ts';
import type { Period, Stay } from './model.ts';
import { departmentFor, PatientPool } from './people.ts';
import { placeInYear, type PlacedStay } from './placement.ts';
import type { Cell } from './plan.ts';
import type { Rng } from './rng.ts';
import { planShapes } from './shapes.ts';
import { DEMO_YEARS } from './targets.ts';
import { buildTimeline } from './timeline.ts';

interface Budget {
  cell: Cell;
  registered: number;
  payable: number;
  placed: PlacedStay[];
}

const cellKey = (c: Cell) => `${c.year}|${c.nr}|${c.fag}`;

/**
 * Periods ready in late December and discharged early January. Each is notified on its first date
 * and never gated, so year y gets a days with a − 1 payable and year y + 1 gets b payable days.
 * About as many as the municipality has patients USK on any night (registered days / 365), so the
 * count of open periods does not drop at New Year. After the last demo year the January days fall
 * in the last extract's few days of the next year, which has no budget of its own.
 */
function addCrossings(budgets: Budget[], rng: Rng): void {
  const largest = new Map<string, Budget>();
  for (const b of budgets) {
    const key = `${b.cell.current}|${b.cell.fag}|${b.cell.year}`;
    const had = largest.get(key);
    if (!had || had.registered < b.registered) largest.set(key, b);
  }
  const lastYear = DEMO_YEARS[DEMO_YEARS.length - 1];
  for (const from of largest.values()) {
    const to = largest.get(`${from.cell.current}|${from.cell.fag}|${from.cell.year + 1}`);
    if (!to && from.cell.year !== lastYear) continue;
    if (from.registered < 200 || from.payable < 60 || (to && (to.registered < 200 || to.payable < 60))) continue;
    const count = Math.max(1, Math.round(from.registered / 365));
    for (let i = 0; i < count; i++) {
      const a = rng.int(1, 4); // dates in December; b ≤ 4 keeps discharge before the report's print date
      const b = rng.int(1, 4);
      if (from.registered - from.payable < 3 || (to && to.payable < b + 10)) break;
      from.registered -= a;
      from.payable -= a - 1;
      if (to) {
        to.registered -= b;
        to.payable -= b;
      }
      const start: Day = dayOf(from.cell.year + 1, 1, 1) - a;
      from.placed.push({ periods: [{ shape: { days: a + b, notifyAt: 0, mrAt: null }, start }] });
    }
  }
}

export function buildStays(ref: KommuneRef, cells: Cell[], rng: Rng): Stay[] {
  const budgets: Budget[] = cells.map((cell) => ({ cell, registered: cell.registered, payable: cell.invoiced, placed: [] }));
  addCrossings(budgets, rng.fork('crossings'));
  const drafts: Array<{ cell: Cell; placed: PlacedStay }> = [];
  for (const b of budgets) {
    const r = rng.fork(cellKey(b.cell));
    const style = { gated: b.cell.gated, psych: b.cell.fag !== 'somatikk' };
    const shapes = planShapes(b.registered, b.payable, style, r);
    for (const placed of [...b.placed, ...placeInYear(b.cell.year, shapes, r)]) drafts.push({ cell: b.cell, placed });
  }
  // Ids rise with time, as a hospital's contact ids do; ties are broken by cell for determinism.
  drafts.sort((x, y) => (x.placed.periods[0]?.start ?? 0) - (y.placed.periods[0]?.start ?? 0)
    || cellKey(x.cell).localeCompare(cellKey(y.cell)));
  const people = new PatientPool(rng.fork('patients'));
  const detail = rng.fork('details');
  let nextId = 41_200_000;
  return drafts.map(({ cell, placed }) => {
    const periods: Period[] = placed.periods.map(({ shape, start }) => ({
      shape,
      times: buildTimeline(shape, start, detail, { gated: cell.gated }),
    }));
    nextId += detail.int(3, 60);
    const firstReady = periods[0]?.times.ready.day ?? 0;
    return {
      id: String(nextId),
      patient: people.patientFor(cell.current, cell.fag, cell.year),
      nr: cell.nr,
      current: cell.current,
      fag: cell.fag,
      department: departmentFor(detail, ref.site(cell.current), cell.fag),
      admitted: firstReady - (detail.chance(0.3) ? 0 : detail.int(1, cell.fag === 'somatikk' ? 9 : 30)),
      periods,
      inHnlis: true,
    };
  });
}
