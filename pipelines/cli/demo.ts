import type { Command } from 'commander';

/** Placeholder until this command group is built. */
export function registerDemoCommands(_program: Command): void {}
