import { describe, expect, it } from 'vitest';
import { jobProgress, pollDelay, progressText, sendingProgress } from './upload-progress.ts';

describe('upload progress', () => {
  it('sending: share of the bytes, in Norwegian with nb-NO numbers', () => {
    const v = sendingProgress(1_572_864, 3_145_728);
    expect(v).toMatchObject({ phase: 'sender', step: 1, value: 0.5 });
    expect(progressText(v)).toBe('Steg 1 av 5: Sender filen til serveren … 50\u00a0% (1,5 MB av 3,0 MB)');
    expect(sendingProgress(0, 0).value).toBeNull();
  });

  it('follows the server job through its steps', () => {
    expect(jobProgress({ status: 'queued', progress: null })).toMatchObject({ phase: 'kø', value: null });
    expect(jobProgress({ status: 'running', progress: null })).toMatchObject({ phase: 'starter', value: null });
    const reading = jobProgress({ status: 'running', progress: { phase: 'leser', bytes: 250, total: 1000 } });
    expect(reading).toMatchObject({ phase: 'leser', step: 2, value: 0.25 });
    expect(reading.text).toMatch(/^Leser filen .* 25\u00a0%/);
    expect(jobProgress({ status: 'running', progress: { phase: 'leser' } }).value).toBeNull();
    expect(jobProgress({ status: 'running', progress: { phase: 'validerer' } })).toMatchObject({ step: 3 });
    expect(jobProgress({ status: 'running', progress: { phase: 'laster' } })).toMatchObject({ step: 4 });
    expect(progressText(jobProgress({ status: 'running', progress: { phase: 'utleder' } }))).toBe('Steg 5 av 5: Regner ut døgnkategoriene og avstemmingen på nytt …');
  });

  it('polls quickly at first, then once a second', () => {
    expect(pollDelay(0)).toBe(250);
    expect(pollDelay(3)).toBe(550);
    expect(pollDelay(50)).toBe(1000);
  });
});
