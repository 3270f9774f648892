import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Locator, Page, TestInfo } from '@playwright/test';
import type { Core } from '../../src/main/core/create-core';
import type { EnvironmentKind, EnvironmentView } from '../../src/shared/domain';
import type { SandboxHandle } from '../../src/sandbox';
import { hashGeneratedSecret } from '../../src/sandbox/secrets';

const DAY = 86_400_000;

/** One credential of a sandbox data file, with the dates a hygiene finding needs. */
function stored(name: string, fields: { expires?: number | null; lastUsed?: number | null }) {
  const created = new Date(Date.now() - 400 * DAY).toISOString();
  const at = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : new Date(Date.now() + ms).toISOString();
  return {
    id: `cred_${randomBytes(12).toString('hex')}`,
    client_id: `dinie_ci_${randomBytes(16).toString('hex')}`,
    name,
    status: 'active',
    expires_at: at(fields.expires),
    created_at: created,
    updated_at: created,
    last_used_at: at(fields.lastUsed),
    secret_hash: hashGeneratedSecret(randomBytes(24).toString('base64url')),
  };
}

/**
 * Writes a sandbox data file (at `file`, under the test's output folder) whose credentials land
 * in each hygiene category: idle for 120 days, never used and never expiring, expiring in 5 days,
 * expired 3 days ago. It holds secret hashes only.
 */
export async function hygieneSandboxData(file: string): Promise<string> {
  const credentials = [
    stored('Old batch job', { expires: 200 * DAY, lastUsed: -120 * DAY }),
    stored('Forgotten key', { expires: null, lastUsed: null }),
    stored('Partner A', { expires: 5 * DAY, lastUsed: -DAY }),
    stored('Legacy import', { expires: -3 * DAY, lastUsed: -10 * DAY }),
  ];
  await writeFile(file, JSON.stringify({ version: 1, credentials, idempotency: [] }));
  return file;
}

/** Pastes text into the page outside any field, as Ctrl+V on the window would. */
export async function pasteOutsideFields(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Saves a screenshot with the given fields painted over (they hold a token). */
export async function screenshotMasked(
  page: Page,
  testInfo: TestInfo,
  name: string,
  mask: readonly Locator[],
): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), mask: [...mask] });
}

/** The Fleet tab's panel, opened on one of its views. */
export async function openFleet(
  page: Page,
  view: 'Snapshots' | 'Hygiene' | 'Timeline',
): Promise<Locator> {
  await page.getByRole('tab', { name: 'Fleet' }).click();
  const panel = page.getByRole('tabpanel');
  await panel
    .getByRole('radiogroup', { name: 'Fleet view' })
    .getByRole('radio', { name: view })
    .check();
  return panel;
}

/** Adds an environment through main (as another window would), with the sandbox's credential; main selects it. */
export async function addThroughMain(
  core: Core,
  api: SandboxHandle,
  name: string,
  kind: EnvironmentKind,
): Promise<EnvironmentView> {
  const { environment } = await core.environments.add({
    name,
    kind,
    baseUrl: api.url,
    tokenUrl: null,
    extraHeaders: {},
    colour: '#2459d1',
    clientId: api.bootstrap.clientId,
    clientSecret: api.bootstrap.clientSecret!,
    saveUnverified: false,
  });
  return environment;
}
