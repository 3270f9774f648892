import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { SandboxHandle } from '../../src/sandbox';
import type { AppHarness } from './harness';
import { dialog, environmentButton, expect } from './support-app';

/** The Rotation tab's panel. */
export function rotationPanel(page: Page): Locator {
  return page.getByRole('tabpanel', { name: 'Rotation' });
}

/** Opens the Rotation tab. */
export async function openRotationTab(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Rotation' }).click();
  return rotationPanel(page);
}

/** The stepper's current step (`aria-current="step"`). */
export function currentStep(page: Page): Locator {
  return page.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]');
}

/** Waits until the stepper shows the given step as current. */
export async function expectStep(page: Page, label: string): Promise<void> {
  await expect(currentStep(page)).toContainText(label);
}

/**
 * Creates the replacement and opens its one-time capture; returns the client_id and secret. In
 * production, `confirm` answers main's confirmation window in between.
 */
export async function createAndCapture(
  page: Page,
  button = 'Create the new credential',
  confirm?: () => Promise<unknown>,
): Promise<{ clientId: string; secret: string; capture: Locator }> {
  await rotationPanel(page).getByRole('button', { name: button }).click();
  await confirm?.();
  const capture = dialog(page, 'Store the new client secret now');
  await expect(capture).toBeVisible({ timeout: 15_000 });
  await expect(capture.getByRole('checkbox', { name: /Make this the credential/ })).toHaveCount(0);
  const clientId = (await capture.getByTestId('capture-client-id').textContent()) ?? '';
  await capture.getByRole('button', { name: 'Reveal secret' }).click();
  const secret = (await capture.getByTestId('capture-secret').textContent()) ?? '';
  return { clientId, secret, capture };
}

/** Confirms the capture dialog. */
export async function confirmCapture(capture: Locator): Promise<void> {
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await capture.getByRole('button', { name: 'Done' }).click();
  await expect(capture).toBeHidden();
}

/** Mints a token with the old (bootstrap) credential directly at the API: an app still on the old key. */
export async function useOldKey(api: SandboxHandle): Promise<void> {
  const basic = Buffer.from(`${api.bootstrap.clientId}:${api.bootstrap.clientSecret}`).toString(
    'base64',
  );
  const response = await fetch(`${api.url}/auth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
}

/** The sidebar's environment entry shows (or not) the "rotation pending" mark. */
export async function expectPendingBadge(page: Page, name: string, shown: boolean): Promise<void> {
  const badge = environmentButton(page, name).getByText('rotation pending');
  if (shown) await expect(badge).toBeVisible();
  else await expect(badge).toHaveCount(0);
}

/** Quits and restarts the app: a new core over the same userData, and a fresh page. */
export async function restartApp(app: AppHarness): Promise<Page> {
  await app.restartCore();
  await app.page.reload();
  await app.page.getByRole('tablist', { name: 'Sections' }).waitFor();
  await openRotationTab(app.page);
  return app.page;
}

/** Fails on any serious or critical axe violation in the wizard's current screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${screen}: ${violation.id} ${violation.help} ${violation.nodes[0]?.target}`,
    );
  expect(bad, bad.join('\n')).toEqual([]);
}
