import { Command, CommanderError } from 'commander';
import { registerIngestCommands } from './ingest.ts';
import { registerExportCommands } from './export.ts';
import { registerDemoCommands } from './demo.ts';
import { registerServeCommands } from './serve.ts';
import { registerSnapshotCommands } from './snapshot.ts';
import { reportCliError, requireDatabase } from './open.ts';

const program = new Command();
program
  .name('usk')
  .description('USK-analyse: utskrivningsklare pasienter — registrerte mot fakturerte døgn')
  .showHelpAfterError()
  // Usage errors end with status 2, as every other refusal (1 is --strict's: a file had rejected rows).
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(inNorwegian(text)) });

registerIngestCommands(program);
registerExportCommands(program);
registerDemoCommands(program);
registerServeCommands(program);
registerSnapshotCommands(program);

/**
 * Commands that only show what was loaded (and every `usk export …`): they refuse a database that
 * does not exist rather than create an empty one and report nothing.
 */
const SHOWS_LOADED = new Set(['batches', 'rejects', 'warnings', 'export']);
program.hook('preAction', (_program, command) => {
  const name = command.parent?.name() === 'export' ? 'export' : command.name();
  if (SHOWS_LOADED.has(name)) requireDatabase(command.opts<{ db: string }>().db);
});

// `usk rejects | head` closes the pipe early: that is the reader having seen enough, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2; // --help ends with 0
  else reportCliError(e);
}

/** Commander's usage errors in the user's language; anything not known here is left as it is. */
function inNorwegian(text: string): string {
  const rules: Array<[RegExp, string]> = [
    [/^error: missing required argument '(.+)'/, 'usk: mangler argumentet «$1»'],
    [/^error: unknown option '(.+?)'/, 'usk: ukjent valg «$1»'],
    [/^error: unknown command '(.+?)'/, 'usk: ukjent kommando «$1»'],
    [/^error: too many arguments(?: for '(.+?)')?.*/, 'usk: for mange argumenter'],
    [/^error: option '(.+?)' argument missing/, 'usk: valget «$1» mangler en verdi'],
    [/^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\./, 'usk: «$2» er ikke en gyldig verdi for «$1»: velg en av $3'],
  ];
  for (const [pattern, norwegian] of rules) if (pattern.test(text)) return text.replace(pattern, norwegian);
  return text;
}
