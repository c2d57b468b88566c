import type { Command } from 'commander';

/** Placeholder until this command group is built. */
export function registerIngestCommands(_program: Command): void {}
