import type { Page } from '@playwright/test';
import {
  addEnvironment,
  confirmInTrustedWindow,
  declineInTrustedWindow,
  dialog,
  expect,
  saveScreenshot,
  sandboxEnvironment,
  seedSandboxData,
  storeSnapshot,
  test,
} from './support-app';
import { storedSecret } from '../support/stored-secret';
import { confirmCapture } from './rotation-support';

/** The credentials table of the active environment. */
function table(page: Page) {
  return page.getByRole('table', { name: /^Credentials of/ });
}

/** The row of a credential, found by its name. */
function row(page: Page, name: string) {
  return table(page).getByRole('row').filter({ hasText: name });
}

test('creates a credential with a one-time capture that cannot be dismissed and leaves no trace', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Staging', 'staging'));
  await expect(table(page)).toBeVisible();

  await page.getByRole('button', { name: 'New credential' }).click();
  const form = dialog(page, 'New credential in Staging');
  await form.getByLabel('Name', { exact: true }).fill('Billing worker');
  await form.getByRole('button', { name: 'Expires in 30 days' }).click();
  await form.getByRole('button', { name: 'Create credential' }).click();

  const capture = dialog(page, 'Store the new client secret now');
  await expect(capture).toBeVisible();
  const clientId = (await capture.getByTestId('capture-client-id').textContent()) ?? '';
  expect(clientId).toMatch(/^dinie_ci_/);
  // Masked until revealed: the secret is not even in the DOM yet.
  await capture.getByRole('button', { name: 'Reveal secret' }).click();
  const secret = (await capture.getByTestId('capture-secret').textContent()) ?? '';
  expect(secret).toMatch(/^dinie_cs_/);
  await saveScreenshot(page, testInfo, 'capture-dialog');

  // Main stored it in the keychain before the dialog opened.
  const envId = await page.evaluate(
    () =>
      (
        (
          window as unknown as { __keysmithDebug: { snapshot(): Record<string, unknown> } }
        ).__keysmithDebug.snapshot().environments as { selectedId: string }
      ).selectedId,
  );
  const accounts = await app.secretStore.list();
  const account = accounts.find((name) => name.includes(clientId));
  expect(account).toBeDefined();
  expect(await storedSecret(app.secretStore, account!)).toBe(secret);

  // No way out but the confirmation: no close button, Esc and the backdrop do nothing.
  await expect(capture.getByRole('button', { name: 'Close' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 5);
  await expect(capture).toBeVisible();
  const done = capture.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();

  await capture.getByRole('button', { name: 'Copy secret' }).click();
  await expect(capture.getByText(/clipboard clears in \d+ s/)).toBeVisible();
  expect(app.clipboard.readText()).toBe(secret);

  await capture.getByRole('checkbox', { name: /Make this the credential Keysmith uses/ }).check();
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await done.click();
  await expect(capture).toBeHidden();

  // The new credential is listed, in use, with its secret in the keychain…
  const created = row(page, 'Billing worker');
  await expect(created).toContainText('in use');
  await expect(created).toContainText('expires in 30 days');
  // …and the secret is gone from the renderer: not in the DOM, not in any store.
  expect(await page.content()).not.toContain(secret);
  const snapshot = await storeSnapshot(page);
  expect(snapshot).not.toContain(secret);
  expect(snapshot).toContain(clientId);
  expect(envId).toBeTruthy();
});

test("the server's 422 on expires_at lands on the expiry field", async ({ app, sandboxes }) => {
  // The API's clock runs two years ahead: a date the form accepts is in the past for the server.
  const api = await sandboxes.start({ now: () => Date.now() + 2 * 365 * 86_400_000 });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Skewed', 'staging'));
  await page.getByRole('button', { name: 'New credential' }).click();
  const form = dialog(page, 'New credential in Skewed');
  await form.getByLabel('Name', { exact: true }).fill('Too late');
  await form.getByRole('button', { name: 'Expires in 1 year' }).click();
  await form.getByRole('button', { name: 'Create credential' }).click();
  const expiry = form.getByLabel('Expires (optional)');
  await expect(expiry).toHaveAttribute('aria-invalid', 'true');
  await expect(expiry).toHaveAccessibleDescription(/expires_at must be in the future/);
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('422');
  await expect(alert).toContainText('expires_at_in_past');
  await alert.getByRole('button', { name: 'Copy for support' }).click();
  await expect.poll(() => app.clipboard.readText()).toContain('Code: expires_at_in_past');
  expect(app.clipboard.readText()).toContain('Environment: Skewed');

  // The form's own check catches a date in the past before anything is sent.
  await expiry.fill('2001-01-01T10:00');
  await form.getByRole('button', { name: 'Create credential' }).click();
  await expect(expiry).toHaveAccessibleDescription(/must be in the future/);
});

test('in production, create and revoke are confirmed once, in Keysmith’s own window; the in-use one carries a warning', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Live', 'production'));
  const clientId = api.bootstrap.clientId;

  // Create a second credential through the UI: main asks (a button, no typing) before it sends.
  await page.getByRole('button', { name: 'New credential' }).click();
  await dialog(page, 'New credential in Live').getByLabel('Name', { exact: true }).fill('Old cron');
  await dialog(page, 'New credential in Live')
    .getByRole('button', { name: 'Create credential' })
    .click();
  await confirmInTrustedWindow(app, {
    shows: ['Production', 'Live', 'Create a credential in Live', 'Old cron'],
    screenshot: { testInfo, name: 'confirm-create' },
  });
  const capture = dialog(page, 'Store the new client secret now');
  const createdId = (await capture.getByTestId('capture-client-id').textContent()) ?? '';
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await capture.getByRole('button', { name: 'Done' }).click();

  // Revoke it: the app asks nothing; main's window wants the client_id's last 6 characters.
  await row(page, 'Old cron').getByRole('button', { name: 'Revoke Old cron' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Revoke Old cron?' })).toContainText(
    'confirm in Keysmith’s confirmation window',
  );
  await saveScreenshot(page, testInfo, 'revoke-production-waiting');
  const question = await app.confirmation();
  await expect(question.locator('body')).toContainText(createdId);
  await expect(question.locator('body')).toContainText('irreversible');
  const revoke = question.getByRole('button', { name: 'Revoke credential' });
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(revoke).toBeDisabled();
  await question.getByLabel(/^Type the last 6 characters/).fill('Old cron');
  await expect(revoke).toBeDisabled();
  await confirmInTrustedWindow(app, {
    typed: true,
    screenshot: { testInfo, name: 'confirm-revoke' },
  });
  await expect(page.getByRole('alertdialog', { name: 'Revoke Old cron?' })).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Revoked Old cron' })).toBeVisible();
  await saveScreenshot(page, testInfo, 'revoke-production');
  await page.getByRole('radio', { name: 'All' }).check();
  await expect(row(page, 'Old cron')).toContainText('revoked');

  // The credential the environment uses: main's question carries the warning; declining keeps it.
  const inUse = table(page).getByRole('row').filter({ hasText: 'in use' });
  await inUse.getByRole('button', { name: /^Revoke / }).click();
  await declineInTrustedWindow(app, 'cancel', {
    shows: [clientId, 'Live uses', 'use Rotation instead'],
  });
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(inUse).toContainText('active');
  expect(app.confirmations.requests.map((request) => request.action)).toEqual([
    'credential.create',
    'credential.revoke',
    'credential.revoke',
  ]);
});

test('a credential revoked elsewhere gets "already revoked", not a generic error', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Shared', 'staging'));
  await page.getByRole('button', { name: 'New credential' }).click();
  await dialog(page, 'New credential in Shared').getByLabel('Name', { exact: true }).fill('Temp');
  await dialog(page, 'New credential in Shared')
    .getByRole('button', { name: 'Create credential' })
    .click();
  const capture = dialog(page, 'Store the new client secret now');
  const clientId = (await capture.getByTestId('capture-client-id').textContent()) ?? '';
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await capture.getByRole('button', { name: 'Done' }).click();

  // Someone else revokes it directly against the API.
  const token = await fetch(`${api.url}/auth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${api.bootstrap.clientId}:${api.bootstrap.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  }).then((response) => response.json() as Promise<{ access_token: string }>);
  const gone = await fetch(`${api.url}/auth/credentials/${clientId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  expect(gone.status).toBe(204);

  await row(page, 'Temp').getByRole('button', { name: 'Revoke Temp' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Revoke Temp?' });
  await confirm.getByRole('button', { name: 'Revoke credential' }).click();
  await expect(confirm.getByRole('alert')).toContainText('already revoked');
});

test('10,000 credentials: only the visible rows are in the DOM; filter, search and sort work', async ({
  app,
  sandboxes,
}, testInfo) => {
  const dataFile = await seedSandboxData(app.dataDir, 10_000);
  const api = await sandboxes.start({ dataFile });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Big', 'development'));
  const grid = table(page);
  await expect(grid).toHaveAttribute('aria-rowcount', String(9_000 + 1 + 1), { timeout: 30_000 });
  const rendered = await grid.getByRole('row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await saveScreenshot(page, testInfo, 'credentials-10000');

  // Filter by status.
  await page.getByRole('radio', { name: 'All' }).check();
  await expect(grid).toHaveAttribute('aria-rowcount', String(10_001 + 1));
  await page.getByRole('radio', { name: 'Revoked' }).check();
  await expect(grid).toHaveAttribute('aria-rowcount', String(1_000 + 1));
  await page.getByRole('radio', { name: 'All' }).check();

  // Search by name and by client_id.
  const search = page.getByRole('searchbox', { name: 'Search by name or client_id' });
  await search.fill('Seeded key 04242');
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(grid.getByRole('row').nth(1)).toContainText('Seeded key 04242');
  await search.fill((4242).toString(16).padStart(32, '0'));
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await search.fill('');

  // Sort by clicking a header; aria-sort follows.
  const nameHeader = grid.getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.getByRole('row').nth(1)).toContainText('Bootstrap');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.getByRole('row').nth(1)).toContainText('Seeded key 09999');

  // Scrolling far down renders the rows there, still only a window of them.
  await page.locator('.table-scroll').evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await expect(grid.getByRole('row').nth(5)).toHaveAttribute('aria-rowindex', /^[0-9]{4}$/);
  expect(await grid.getByRole('row').count()).toBeLessThan(80);
});

test('pointing the environment at another credential moves the "in use" mark at once', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Staging', 'staging'));
  await page.getByRole('button', { name: 'New credential' }).click();
  const form = dialog(page, 'New credential in Staging');
  await form.getByLabel('Name', { exact: true }).fill('Next key');
  await form.getByRole('button', { name: 'Create credential' }).click();
  const capture = dialog(page, 'Store the new client secret now');
  const clientId = (await capture.getByTestId('capture-client-id').textContent()) ?? '';
  await capture.getByRole('button', { name: 'Reveal secret' }).click();
  const secret = (await capture.getByTestId('capture-secret').textContent()) ?? '';
  await confirmCapture(capture);
  const bootstrapRow = table(page).locator(`[data-client-id="${api.bootstrap.clientId}"]`);
  await expect(bootstrapRow).toContainText('in use');

  // The table stays on screen behind the edit: no reload, the mark follows the environment.
  await page.getByRole('button', { name: 'Edit environment' }).click();
  const edit = dialog(page, 'Edit Staging');
  await edit.getByLabel('client_id').fill(clientId);
  await edit.getByLabel('client_secret').fill(secret);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(table(page).locator(`[data-client-id="${clientId}"]`)).toContainText('in use');
  await expect(bootstrapRow).not.toContainText('in use');
});
