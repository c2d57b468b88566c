#!/usr/bin/env node
// Entry point for `npx usk`: runs the TypeScript CLI through tsx so there is no build step to forget.
import { register } from 'tsx/esm/api';

// Everything the CLI and the server write (database, WAL, exports, archive) is the owner's alone.
process.umask(0o077);
register();
await import('../pipelines/cli/main.ts');
