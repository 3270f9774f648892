// The first step of `npm test` (scripts/test-all.mjs): makes sure the renderer specs have a
// Chromium before anything slow runs. On a fresh macOS or Windows workstation there is no
// /usr/bin/chromium and `npm install` does not fetch Playwright's browser, so this installs
// Playwright's Chromium when the network allows, or stops at once with the one command to run.
import { browserChoice } from '../test/support/browser';
import { browserStep } from './browser-choice';
import { runPackageBin } from './package-bin';

let step = browserStep(browserChoice(), process.env);
if (step.action === 'install') {
  console.log(`[browser] ${step.message}`);
  const status = runPackageBin('@playwright/test', ['install', 'chromium'], {
    command: 'playwright',
  });
  step = browserStep(browserChoice(), process.env, status !== 0);
}
if (step.action === 'go') {
  console.log(`[browser] ${step.message}`);
} else {
  console.error(`[browser] ${step.message}`);
  process.exit(1);
}
