// Entry of the pseudonym worker thread (filler.ts): loads its TypeScript through tsx, as
// bin/usk.js does for the CLI, whether or not the thread that started it runs under tsx.
import { register } from 'tsx/esm/api';

register();
await import('./filler-worker.ts');
