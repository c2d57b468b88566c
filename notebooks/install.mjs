// Installs the notebooks' own dependencies (notebooks/package-lock.json) when they are missing or
// older than the lock file: `npm ci --prefix notebooks`. The notebooks are a separate package so
// Notebook Kit never pins the application's DuckDB or Vite.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** True when notebooks/node_modules holds every package of notebooks/package-lock.json at its locked version. */
export function notebookDepsInstalled() {
  const hidden = join(here, 'node_modules/.package-lock.json');
  if (!existsSync(hidden)) return false;
  const installed = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
  const locked = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8')).packages ?? {};
  return Object.entries(locked).every(([path, p]) => path === '' || p.optional || installed[path]?.version === p.version);
}

export function ensureNotebookDeps(log = (line) => console.log(line)) {
  if (notebookDepsInstalled()) return false;
  log('Installerer notatbøkenes avhengigheter (npm ci --prefix notebooks) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--prefix', here, '--no-audit', '--no-fund', '--loglevel', 'error'], { stdio: 'inherit' });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureNotebookDeps();
