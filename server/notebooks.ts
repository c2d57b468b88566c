import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run notebooks` puts the built notebooks (USK_NOTEBOOKS_DIR overrides it, for tests). */
export function notebooksDir(): string {
  return process.env.USK_NOTEBOOKS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../notebooks/dist');
}

/** Whether they are built: the dashboard offers «Notatbøker» only then (npm start builds only the dashboard). */
export function notebooksBuilt(): boolean {
  return existsSync(resolve(notebooksDir(), 'index.html'));
}
