import { Command } from 'commander';
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
  .showHelpAfterError();

registerIngestCommands(program);
registerExportCommands(program);
registerDemoCommands(program);
registerServeCommands(program);
registerSnapshotCommands(program);

/** Commands that only show what was loaded: they refuse a database that does not exist rather than create it. */
const SHOWS_LOADED = new Set(['batches', 'rejects', 'warnings']);
program.hook('preAction', (_program, command) => {
  if (SHOWS_LOADED.has(command.name())) requireDatabase(command.opts<{ db: string }>().db);
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  reportCliError(e);
}
