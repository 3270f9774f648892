import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './test/support/browser';

export default defineConfig({
  testDir: './test',
  outputDir: './test-results/artifacts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  // CI runs two workers on two cores beside a keyring daemon and Chromium: each step's retrying
  // assertion gets room to wait out that load (it still fails if the state never comes).
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'renderer',
      testDir: './test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs() },
      },
    },
    { name: 'electron', testDir: './test/electron' },
  ],
});
