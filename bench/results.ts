import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS = join(import.meta.dirname, 'RESULTS.md');

/**
 * Replaces (or appends) one benchmark's section of bench/RESULTS.md, delimited by
 * `<!-- bench:NAME begin -->` / `<!-- bench:NAME end -->`, leaving the other sections alone.
 */
export function writeResultsSection(name: string, body: string[]): void {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const begin = `<!-- bench:${name} begin -->`;
  const end = `<!-- bench:${name} end -->`;
  const section = `${begin}\n${body.join('\n')}\n${end}`;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  writeFileSync(RESULTS, a !== -1 && b > a ? `${text.slice(0, a)}${section}${text.slice(b + end.length)}` : `${text.trimEnd()}\n\n${section}\n`);
}
