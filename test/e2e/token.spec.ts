import { addEnvironment, expect, saveScreenshot, sandboxEnvironment, test } from './support-app';

test('the token panel shows the live countdown, renews, copies and reveals only on request', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Tokens', 'staging'));
  await page.getByRole('tab', { name: 'Token' }).click();
  const panel = page.getByRole('tabpanel');

  // A token exists once the environment was verified; if not, get one.
  const renew = panel.getByRole('button', { name: /Renew now|Get token/ });
  if ((await renew.textContent())?.includes('Get token')) await renew.click();
  const timer = panel.getByRole('timer', { name: 'Time until the token expires' });
  await expect(timer).toHaveText(/^(59|60):\d\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '', { timeout: 3_000 });

  await expect(panel.getByRole('table', { name: 'Claims' })).toContainText(api.url);
  await expect(panel.getByRole('table', { name: 'Header' })).toContainText('RS256');

  const issued = api.stats.tokensIssued;
  await panel.getByRole('button', { name: 'Renew now' }).click();
  await expect.poll(() => api.stats.tokensIssued).toBeGreaterThan(issued);

  const autoRenew = panel.getByRole('switch', { name: 'Auto-renew before expiry' });
  const wasOn = await autoRenew.isChecked();
  await autoRenew.click();
  await expect(autoRenew).toBeChecked({ checked: !wasOn });

  await panel.getByRole('button', { name: 'Copy as Authorization header' }).click();
  await expect(panel.getByText(/clipboard clears in \d+ s/).first()).toBeVisible();
  expect(app.clipboard.readText()).toMatch(/^Authorization: Bearer ey/);
  await panel.getByRole('button', { name: 'Copy as curl' }).click();
  await expect.poll(() => app.clipboard.readText()).toMatch(/^curl /);
  expect(app.clipboard.readText()).toContain('Authorization: Bearer ey');
  const token = app.clipboard.readText().match(/Bearer (ey[\w.-]+)/)?.[1] ?? '';
  expect(token).not.toBe('');

  // Not in the page until explicitly revealed, and hidden again on a tab change.
  expect(await page.content()).not.toContain(token);
  await panel.getByRole('button', { name: 'Reveal token' }).click();
  await expect(panel.getByLabel('Access token value')).toContainText('ey');
  await saveScreenshot(page, testInfo, 'token-panel');
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await page.getByRole('tab', { name: 'Token' }).click();
  await expect(page.getByRole('tabpanel').getByLabel('Access token value')).toHaveCount(0);
  await expect(
    page.getByRole('tabpanel').getByRole('button', { name: 'Reveal token' }),
  ).toBeVisible();
});
