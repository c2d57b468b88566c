import { Command, CommanderError } from 'commander';
import { registerIngestCommands } from './ingest.ts';
import { registerExportCommands } from './export.ts';
import { registerDemoCommands } from './demo.ts';
import { registerServeCommands } from './serve.ts';
import { registerSnapshotCommands } from './snapshot.ts';
import { registerFindingsCommands } from './findings.ts';
import { norwegianCommander } from './norwegian.ts';
import { reportCliError, requireDatabase } from './open.ts';

const program = norwegianCommander(new Command())
  .name('usk')
  .description('USK-analyse: utskrivningsklare pasienter — registrerte mot fakturerte døgn');

registerIngestCommands(program);
registerFindingsCommands(program);
registerExportCommands(program);
registerDemoCommands(program);
registerServeCommands(program);
registerSnapshotCommands(program);

/**
 * Commands that only show what was loaded (and every `usk export …`): they refuse a database that
 * does not exist rather than create an empty one and report nothing.
 */
const SHOWS_LOADED = new Set(['batches', 'rejects', 'warnings', 'findings', 'export']);
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
