import { basename } from 'node:path';
import { maskIdentifiers } from '../db/errors.ts';
import { refusedResult, type IngestResult } from './result.ts';

/**
 * The result for a file whose load failed in a way not foreseen. The file's transaction was rolled
 * back. A file system error (no access, a disk error) is said as such; anything else is an internal
 * error, whose masked stack goes to stderr for the operator (the CLI's terminal, the server's log)
 * so that it can be reported. A database that DuckDB has invalidated ends the run: every later file
 * would fail the same way.
 */
export function internalFailure(file: string, profile: string | undefined, e: unknown): IngestResult {
  const message = e instanceof Error ? e.message : String(e);
  if (/^FATAL|database has been invalidated/i.test(message)) throw e;
  const name = maskIdentifiers(basename(file));
  const refused = (error: string): IngestResult => refusedResult(name, error, { profile: profile ?? null });
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const what = code === 'EACCES' || code === 'EPERM' ? 'ingen tilgang til filen' : 'filen kunne ikke leses';
    return refused(`${name}: ${what} (${code}); ingenting fra filen er lastet`);
  }
  process.stderr.write(`usk: intern feil under innlesing av ${name}:\n${maskIdentifiers(e instanceof Error && e.stack ? e.stack : message)}\n`);
  return refused(`${name}: intern feil under innlesingen, ingenting fra filen er lastet (${message.split('\n')[0]!.slice(0, 300)}); meld fra om feilen med filens format (ikke innholdet)`);
}
