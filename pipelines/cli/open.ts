import { existsSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { openDatabase, type UskDb } from '../db/open.ts';
import { maskIdentifiers, QueryError } from '../db/errors.ts';
import { PseudonymKeyError } from '../pseudonym/key.ts';
import { Kommunenr } from '../query/index.ts';

/** A CLI failure with the exit status it should end with and a message for the user. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * What to do instead when another process holds the database, by what the command wanted: a load
 * goes through the server by itself, so its hint is for when it could not (a server on another
 * address); a command that shows what was loaded cannot, and the dashboard shows the same.
 */
const BUSY_HINTS = {
  load: '«usk ingest» sender filene til serveren når den kjører på samme database; ellers: stopp den andre prosessen, eller last opp gjennom serverens API (POST /api/uploads).',
  show: 'Mens den kjører, viser dashbordet det samme under Datakvalitet (innleste filer, avviste rader, advarsler og funn); ellers: stopp den andre prosessen og kjør kommandoen på nytt.',
} as const;

/**
 * Opens the database for a command. DuckDB lets only one process hold a file open for writing, and
 * then no other process may even read it; say so plainly instead of showing DuckDB's lock error.
 */
export async function openForCli(path: string, options: { readOnly?: boolean; busy?: keyof typeof BUSY_HINTS } = {}): Promise<UskDb> {
  const { busy = 'load', ...open } = options;
  try {
    return await openDatabase(path, open);
  } catch (e) {
    const text = e instanceof QueryError || e instanceof Error ? e.message : String(e);
    if (/lock/i.test(text)) {
      throw new CliError(`Databasen ${path} er i bruk av en annen prosess (typisk «usk serve» eller «npm start»). ${BUSY_HINTS[busy]}`);
    }
    throw e;
  }
}

/**
 * For a command that only shows what was loaded: refuses a database path where there is none.
 * DuckDB would create an empty database there, and the command would answer as if nothing had
 * been loaded ("Ingen avviste rader.") when the user most likely mistyped the path.
 */
export function requireDatabase(path: string): void {
  if (!existsSync(path)) throw new CliError(`fant ingen database i ${path}; last inn filer med usk ingest --db ${shellQuoted(path)} først`);
}

/**
 * Ends a command that failed: a CliError (or a bad pseudonym key, which the user must fix before
 * anything can load) becomes `usk: message` and its exit status; others rethrow.
 */
export function reportCliError(e: unknown): void {
  if (e instanceof CliError || e instanceof PseudonymKeyError) {
    // Masked as every other message: an argument echoed back (--kommune 01017012345) may be a fødselsnummer.
    process.stderr.write(`usk: ${maskIdentifiers(e.message)}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 2;
    return;
  }
  throw e;
}

/** --port: a TCP port (0: any free one). */
export const parsePort = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('forventet et portnummer 0–65535');
  return n;
};

/** zod's messages in Norwegian, for arguments the user typed (the server's registry does the same for HTTP). */
export const NORWEGIAN = { error: z.locales.no().localeError };

/** --kommune: four digits, a lost leading zero put back (301 → 0301), as the files' Kommunenr are read. */
export const KommuneArg = z.string().transform((s) => s.padStart(4, '0')).pipe(Kommunenr);

/** Errors whose message tells the user what to do (a path, a port, a setting): their class names. */
const USER_ERRORS = new Set(['CliError', 'PseudonymKeyError', 'StartError', 'ConfigError']);

/**
 * Ends a command that runs a server or a long job (serve, start, demo) and failed before it could.
 * What the user can act on (the errors above, or a system error with a code such as EADDRINUSE) is
 * said in one line with its exit status; anything else is a fault of ours, said with its stack
 * (identifiers masked) so that it can be reported, instead of only its message.
 */
export function reportCommandFailure(command: string, e: unknown): void {
  const error = e instanceof Error ? e : new Error(String(e));
  const code = (error as NodeJS.ErrnoException).code;
  const actionable = USER_ERRORS.has(error.name) || (typeof code === 'string' && /^E[A-Z]+$/.test(code));
  process.stderr.write(`usk ${command}: ${maskIdentifiers(actionable || !error.stack ? error.message : error.stack)}\n`);
  process.exitCode = e instanceof CliError ? e.exitCode : 2;
}

/** An argument's path as the option the user typed: asOf → as-of. */
const optionName = (path: readonly PropertyKey[]): string =>
  path.map(String).join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * A command's arguments that failed their schema, as one line naming each option (the option, not
 * an element inside it: --min-hours, not --min-hours.0) and what was wrong; `more` adds to an
 * issue's message (what was typed).
 */
export function invalidArguments(e: z.ZodError, more: (issue: z.core.$ZodIssue) => string = () => ''): CliError {
  return new CliError(`ugyldig argument: ${e.issues.map((i) => `--${optionName(i.path.slice(0, 1)) || '?'}: ${i.message}${more(i)}`).join('; ')}`);
}

/** A path as it can be pasted into a shell: quoted when it holds anything but the plainest characters. */
export function shellQuoted(path: string): string {
  return /^[\w./:@%+=,-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
