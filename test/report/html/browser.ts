/** Headless chromium for the report tests: Debian's binary, no download; tests skip only when it is absent. */
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The chromium binary to drive, or undefined when this machine has none. */
export const chromiumPath = CANDIDATES.find((p): p is string => !!p && existsSync(p));

/** Why browser tests are skipped, for the test name. */
export const skipReason = chromiumPath ? '' : ' (skipped: no chromium binary; apt-get install -y chromium)';

/** Launches headless chromium. */
export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}
