import type { Command } from 'commander';

/** Placeholder until this command group is built. */
export function registerExportCommands(_program: Command): void {}
