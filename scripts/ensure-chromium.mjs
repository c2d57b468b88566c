// Browser tests (the notebooks test in `npm test`, and `npm run test:e2e`) drive Debian's Chromium
// through playwright-core. On a clean machine it is not there: install it with apt when we may
// (root, as in CI); otherwise say what to do and let the tests that need it fail with that message.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.USK_CHROMIUM ?? '/usr/bin/chromium';

export function ensureChromium({ required = true } = {}) {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() !== 0) {
    const msg = `${CHROMIUM} mangler. Installer Chromium (sudo apt-get install -y chromium) eller pek USK_CHROMIUM på en annen.`;
    if (required) throw new Error(msg);
    console.warn(`ensure-chromium: ${msg}`);
    return false;
  }
  console.log(`ensure-chromium: ${CHROMIUM} mangler; installerer med apt-get …`);
  const apt = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    apt(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
  } catch {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium({ required: false });
