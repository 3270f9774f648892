import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_ANCHOR_ACCOUNT } from '../../src/main/core/audit/audit-keyring';
import {
  addEnvironment,
  dialog,
  environmentButton,
  expect,
  saveScreenshot,
  sandboxEnvironment,
  test,
} from './support-app';

test('the activity log lists actions newest first, filters by environment and shows the verified chain', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Alpha', 'staging'));
  await addEnvironment(page, sandboxEnvironment(api, 'Beta', 'development'));
  await environmentButton(page, 'Alpha').click();

  await page.getByRole('button', { name: 'New credential' }).click();
  await dialog(page, 'New credential in Alpha').getByLabel('Name', { exact: true }).fill('Audited');
  await dialog(page, 'New credential in Alpha')
    .getByRole('button', { name: 'Create credential' })
    .click();
  const capture = dialog(page, 'Store the new client secret now');
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await capture.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('tab', { name: 'Activity' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByTestId('chain-status')).toContainText('Audit chain intact');
  const log = panel.getByRole('table', { name: 'Audit log, newest first' });
  const rows = log.getByRole('row');
  await expect(rows.nth(1)).toContainText('Alpha');
  await expect(rows.nth(1)).toContainText(/credential/i);
  const total = await rows.count();
  expect(total).toBeGreaterThan(3);
  await saveScreenshot(page, testInfo, 'activity');

  // Filter by environment.
  await panel.getByLabel('Environment').selectOption({ label: 'Beta' });
  await expect(log.getByRole('row').nth(1)).toContainText('Beta');
  await expect(log).not.toContainText('Audited');
  await expect.poll(() => log.getByRole('row').count()).toBeLessThan(total);

  // A new action appears without a manual refresh (audit:appended).
  await panel.getByLabel('Environment').selectOption({ label: 'All environments' });
  const before = await log.getByRole('row').count();
  await environmentButton(page, 'Beta').click();
  await page.keyboard.press('Control+k');
  await dialog(page, 'Command palette').getByRole('combobox').fill('renew token');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect
    .poll(() =>
      page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row').count(),
    )
    .toBeGreaterThanOrEqual(before);
  await expect(page.getByTestId('chain-status')).toContainText('Audit chain intact');
});

test('the chain status says in words when the log is broken and when it cannot be verified', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Alpha', 'staging'));
  await addEnvironment(page, sandboxEnvironment(api, 'Beta', 'development'));
  const status = page.getByTestId('chain-status');
  const showActivity = async () => {
    // Leave the tab and come back: it verifies again on open.
    await page.getByRole('tab', { name: 'Credentials' }).click();
    await page.getByRole('tab', { name: 'Activity' }).click();
  };
  await showActivity();
  await expect(status).toContainText('Audit chain intact');

  // Someone with the files, not the keychain, cuts the last entry off the log.
  const path = join(app.dataDir, 'audit.log');
  const original = await readFile(path, 'utf8');
  const lines = original.split('\n').slice(0, -1);
  await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`);
  await showActivity();
  await expect(status).toContainText(`Audit chain broken at entry ${lines.length}`);
  await expect(status).toContainText('removed from the end');
  await expect(status).toHaveAttribute('role', 'alert');
  await saveScreenshot(page, testInfo, 'activity-chain-broken');

  // The log restored, but the anchor deleted from the keychain: nothing can prove the log.
  await writeFile(path, original);
  await app.secretStore.delete(AUDIT_ANCHOR_ACCOUNT);
  await showActivity();
  await expect(status).toContainText('Audit chain cannot be verified');
  await expect(status).toContainText('anchor is missing from the keychain');
  await expect(status).not.toContainText('intact');
  await saveScreenshot(page, testInfo, 'activity-chain-unverifiable');
});
