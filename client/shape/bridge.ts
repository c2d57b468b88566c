/**
 * The bridge (waterfall) from registered days through each excluded category to payable days and
 * on to invoiced days, from the server's bridge steps (signed: exclusions are negative).
 */
import type { z } from 'zod';
import type { ReconciliationResponse } from '../api/schemas.ts';
import { MEASURE_LABEL } from './labels.ts';

type Step = z.infer<typeof ReconciliationResponse>['bridge'][number];

export interface Segment {
  key: string;
  label: string;
  /** the step's signed value (days) as the server sent it */
  days: number;
  y1: number;
  y2: number;
  kind: 'total' | 'down' | 'up';
}

/** Totals stand on the axis; every other step floats from the running level. Null steps are skipped. */
export function waterfall(steps: readonly Step[]): Segment[] {
  const out: Segment[] = [];
  let level = 0;
  for (const s of steps) {
    if (s.days === null) continue;
    const label = s.step === 'differanse' ? 'Differanse' : (MEASURE_LABEL[s.step] ?? s.step);
    if (s.step === 'registrert' || s.step === 'betalbar' || s.step === 'fakturert') {
      out.push({ key: s.step, label, days: s.days, y1: 0, y2: s.days, kind: 'total' });
      level = s.days;
    } else if (s.step === 'differanse') {
      continue; // shown as the step from payable to invoiced, not as its own bar
    } else {
      if (s.days === 0) continue;
      out.push({ key: s.step, label, days: s.days, y1: level, y2: level + s.days, kind: s.days < 0 ? 'down' : 'up' });
      level += s.days;
    }
  }
  return out;
}
