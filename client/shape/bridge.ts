/**
 * The bridge (waterfall) from registered days through each excluded category to payable days and
 * on to invoiced days, from the server's bridge steps (signed: exclusions are negative, and
 * «Avvik mot DIPS» is the column's value with its sign turned, so either way).
 */
import type { z } from 'zod';
import type { ReconciliationResponse } from '../api/schemas.ts';
import { formatInteger } from '../../pipelines/format/index.ts';
import { formatMeasure, formatSigned } from './headline.ts';
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
  /** the value as printed (nb-NO; one decimal for hour-based days), signed for a step */
  text: string;
}

/**
 * The «Avvik mot DIPS» step named by the way it goes, the one step that can go either way. A table
 * column's «Avvik mot DIPS» is positive when DIPS gives more days; the bridge takes those off, so
 * the same name over −1 in the bridge and 1 in the table read as opposite claims.
 */
export function dipsStepLabel(days: number): string {
  return days < 0 ? 'DIPS har flere døgn' : 'DIPS har færre døgn';
}

/**
 * The sentence a bridge with an «Avvik mot DIPS» step carries: what the step is, which way the
 * bridge takes it, and how the tables (and exports) sign the same days. Null without such a step.
 */
export function bridgeNote(segments: readonly Pick<Segment, 'key' | 'days'>[]): string | null {
  const s = segments.find((x) => x.key === 'avvik_dips');
  if (!s) return null;
  const n = formatInteger(Math.abs(s.days));
  const them = Math.abs(s.days) === 1 ? 'det' : 'dem';
  // The table's value is the column's: the step with its sign turned.
  const column = `I tabeller og eksporter er «Avvik mot DIPS» da ${formatInteger(-s.days)}.`;
  return s.days < 0
    ? `DIPS har ${n} døgn flere enn hendelsene i HN-LIS gir: broen trekker ${them} fra. ${column}`
    : `DIPS har ${n} døgn færre enn hendelsene i HN-LIS gir: broen legger ${them} til. ${column}`;
}

/** Label of the step from whole payable days to hour-based days. */
export const HOUR_STEP_LABEL = 'Deldøgn (time for time)';

/**
 * Totals stand on the axis; every other step floats from the running level. Null steps are skipped.
 * With `hourBased` (the selection's hour-based days, for a rule set whose headline they are), the
 * bridge goes on from whole payable days by the part-day step to the hour-based total before the
 * invoiced days, so it stays exact and ends at the figure the rule set reports. `label` names each
 * step; a view passes measureLabel under its rule set, so DIPS's whole days are not «Betalbare døgn».
 */
export function waterfall(steps: readonly Step[], hourBased?: number | null, label: (measure: string) => string = (m) => MEASURE_LABEL[m] ?? m): Segment[] {
  const out: Segment[] = [];
  let level = 0;
  const total = (key: string, label: string, days: number) => {
    out.push({ key, label, days, y1: 0, y2: days, kind: 'total', text: formatMeasure(key, days) });
    level = days;
  };
  const step = (key: string, label: string, days: number, measure = 'betalbar') => {
    if (days === 0) return;
    out.push({ key, label, days, y1: level, y2: level + days, kind: days < 0 ? 'down' : 'up', text: formatSigned(measure, days) });
    level += days;
  };
  for (const s of steps) {
    if (s.days === null) continue;
    const name = label(s.step);
    if (s.step === 'differanse') continue; // shown as the step from payable to invoiced, not as its own bar
    if (s.step === 'registrert' || s.step === 'fakturert') total(s.step, name, s.days);
    else if (s.step === 'betalbar') {
      total(s.step, name, s.days);
      if (hourBased !== undefined && hourBased !== null) {
        step('deldogn', HOUR_STEP_LABEL, hourBased - s.days, 'timebasert');
        total('timebasert', label('timebasert'), hourBased);
      }
    } else step(s.step, s.step === 'avvik_dips' ? dipsStepLabel(s.days) : name, s.days);
  }
  return out;
}
