import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chooseBrowser, type BrowserChoice } from '../../scripts/browser-choice';

/** Flags that keep a headless Chromium off the network and quiet on a closed machine. */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium on this machine (scripts/browser-choice.ts decides). */
export function browserChoice(): BrowserChoice {
  return chooseBrowser({
    override: process.env.KEYSMITH_CHROMIUM,
    playwrightChromium: chromium.executablePath(),
    exists: existsSync,
  });
}

/**
 * Which Chromium to launch: KEYSMITH_CHROMIUM, else Playwright's own when it is installed, else
 * Debian's (`npx playwright install` cannot download here). Undefined means Playwright's default.
 */
export function chromiumExecutable(): string | undefined {
  const choice = browserChoice();
  return choice.kind === 'system' ? choice.executable : undefined;
}

/** Launch arguments: Playwright runs Chromium without its sandbox already; keep that explicit for Debian's. */
export function chromiumArgs(): string[] {
  return ['--no-sandbox', ...CHROMIUM_FLAGS];
}
