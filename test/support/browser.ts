import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags that keep a headless Chromium off the network and quiet on a closed machine. */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Which Chromium to launch: Playwright's own when it is installed, else Debian's
 * (`npx playwright install` cannot download here). Undefined means Playwright's default.
 */
export function chromiumExecutable(): string | undefined {
  if (process.env.KEYSMITH_CHROMIUM) return process.env.KEYSMITH_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return undefined;
}

/** Launch arguments: Playwright runs Chromium without its sandbox already; keep that explicit for Debian's. */
export function chromiumArgs(): string[] {
  return ['--no-sandbox', ...CHROMIUM_FLAGS];
}
