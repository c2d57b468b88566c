import { Command } from 'commander';
import { registerIngestCommands } from './ingest.ts';
import { registerExportCommands } from './export.ts';
import { registerDemoCommands } from './demo.ts';
import { registerServeCommands } from './serve.ts';
import { registerSnapshotCommands } from './snapshot.ts';

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

await program.parseAsync(process.argv);
