/**
 * Sums the demo model the way domain.md counts, without the database: registered days by walking
 * each DIPS row's dates from its Utskrivningsklar date, payable days by classifying the HN-LIS event
 * times (classify.ts), invoiced days by the year of each line's Fra dato. The generator's tests use
 * it before (and beside) the real pipeline.
 */
import { ymd } from './calendar.ts';
import { classifyPeriod } from './classify.ts';
import type { DemoModel } from './generate.ts';

export type GroupName = 'somatikk' | 'psykiatri';

export interface Tally {
  registered: number;
  payable: number;
  invoiced: number;
}

export const tallyKey = (current: string, group: GroupName, year: number) => `${current}|${group}|${year}`;
const groupOf = (fag: string): GroupName => (fag === 'somatikk' ? 'somatikk' : 'psykiatri');

export function tallyModel(model: DemoModel): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const at = (current: string, fag: string, year: number) => {
    const key = tallyKey(current, groupOf(fag), year);
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { registered: 0, payable: 0, invoiced: 0 }));
    return t;
  };
  const currentOf = new Map<string, string>();
  for (const stay of model.stays) {
    currentOf.set(stay.id, stay.current);
    for (const p of stay.periods) {
      for (let i = 0; i < p.shape.days; i++) at(stay.current, stay.fag, ymd(p.times.ready.day + i).year).registered += 1;
      if (!stay.inHnlis) continue;
      for (const d of classifyPeriod({ ...p.times, end: p.eventEnd ?? p.times.end })) {
        if (d.category === 'betalbar') at(stay.current, stay.fag, ymd(d.day).year).payable += 1;
      }
    }
  }
  for (const l of model.lines) {
    at(currentOf.get(l.stayId ?? '') ?? l.nr, l.fag, ymd(l.from).year).invoiced += l.days;
  }
  return tallies;
}
