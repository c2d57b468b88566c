// The npm mirror of this workplace serves only linux-x64 builds of @duckdb/node-bindings, so
// `npm install` cannot record the other platforms' optional packages in package-lock.json, and
// `npm ci` then refuses the lockfile ("Missing: @duckdb/node-bindings-darwin-arm64@ from lock file").
// This adds lock entries for them (optional, with os/cpu/libc) so npm ci accepts the lockfile and
// skips them on Linux without fetching anything. Run after `npm install` changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const platform = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'win32-arm64': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64': { os: ['win32'], cpu: ['x64'] },
};
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const where = `node_modules/${dep}`; // hoisted beside their parent, as npm places them
    const suffix = dep.match(/node-bindings-(.+)$/)?.[1];
    if (!suffix || lock.packages[where] || !platform[suffix]) continue;
    lock.packages[where] = { version, license: 'MIT', optional: true, ...platform[suffix] };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-packages: ${added} entries added`);
