import type { Command } from 'commander';

/** Placeholder until this command group is built. */
export function registerServeCommands(_program: Command): void {}
