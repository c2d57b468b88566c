/**
 * What "Last opp" says while a file travels and the server ingests it: the step, a Norwegian
 * sentence and a fraction for the <progress> bar (null = indeterminate, when the step cannot tell
 * how far it has come). From the browser's bytes sent, then from GET /api/uploads/:id's progress.
 */
import { formatDecimal, formatPercent } from '../../pipelines/format/index.ts';

export type UploadPhase = 'sender' | 'kø' | 'starter' | 'leser' | 'validerer' | 'laster' | 'utleder';

/** The server's job as far as progress goes (GET /api/uploads/:id). */
export interface JobProgress {
  status: string;
  progress?: { phase: string; bytes?: number | undefined; total?: number | undefined } | null | undefined;
}

export interface ProgressView {
  phase: UploadPhase;
  /** 1-based step of STEPS, for "Steg 2 av 5" */
  step: number;
  text: string;
  /** 0–1, or null when unknown (an indeterminate bar) */
  value: number | null;
}

/** The steps a file goes through, in order; the queue is a wait before the server's first step. */
export const STEPS = ['sender', 'leser', 'validerer', 'laster', 'utleder'] as const;

const mb = (bytes: number) => `${formatDecimal(bytes / 1_048_576, 1)} MB`;
const share = (done: number, total: number) => (total > 0 ? Math.min(1, Math.max(0, done / total)) : null);
const stepOf = (p: (typeof STEPS)[number]) => STEPS.indexOf(p) + 1;

export function sendingProgress(sent: number, total: number): ProgressView {
  const value = share(sent, total);
  return {
    phase: 'sender', step: stepOf('sender'), value,
    text: `Sender filen til serveren … ${value === null ? '' : `${formatPercent(value, 0)} (${mb(sent)} av ${mb(total)})`}`.trimEnd(),
  };
}

export function jobProgress(job: JobProgress): ProgressView {
  if (job.status === 'queued') return { phase: 'kø', step: stepOf('leser'), value: null, text: 'I kø: venter på at en annen innlesing blir ferdig …' };
  const p = job.progress;
  switch (p?.phase) {
    case 'leser': {
      const value = p.bytes !== undefined && p.total !== undefined ? share(p.bytes, p.total) : null;
      const amount = value === null || p.bytes === undefined || p.total === undefined ? '' : ` ${formatPercent(value, 0)} (${mb(p.bytes)} av ${mb(p.total)})`;
      return { phase: 'leser', step: stepOf('leser'), value, text: `Leser filen og sjekker tegnsettet …${amount}` };
    }
    case 'validerer':
      return { phase: 'validerer', step: stepOf('validerer'), value: null, text: 'Kontrollerer radene (datoer, tall, kommunenummer) og pseudonymiserer …' };
    case 'laster':
      return { phase: 'laster', step: stepOf('laster'), value: null, text: 'Lagrer radene i databasen …' };
    case 'utleder':
      return { phase: 'utleder', step: stepOf('utleder'), value: null, text: 'Regner ut døgnkategoriene og avstemmingen på nytt …' };
    default:
      return { phase: 'starter', step: stepOf('leser'), value: null, text: 'Starter innlesingen …' };
  }
}

/** 'Steg 2 av 5: Leser filen …' */
export const progressText = (v: ProgressView) => `Steg ${v.step} av ${STEPS.length}: ${v.text}`;

/** The next poll's delay: quick at first (a small file is done in a second), then calmer. */
export const pollDelay = (polls: number) => Math.min(1000, 250 + polls * 100);
