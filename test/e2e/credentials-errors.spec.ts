import { addEnvironment, expect, sandboxEnvironment, test } from './support-app';

test('an unreachable API is explained with a retry that works once it is back', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Flaky', 'staging'));
  await expect(page.getByRole('table', { name: /^Credentials of/ })).toBeVisible();
  const port = api.port;
  await api.close();

  await page.getByRole('button', { name: 'Refresh' }).click();
  const alert = page.getByRole('tabpanel').getByRole('alert');
  await expect(alert).toContainText(/Cannot reach the API|did not answer in time/, {
    timeout: 30_000,
  });
  await expect(alert).toContainText('Check the base URL');

  await sandboxes.start({
    port,
    bootstrap: { clientId: api.bootstrap.clientId, clientSecret: api.bootstrap.clientSecret! },
  });
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('table', { name: /^Credentials of/ })).toBeVisible();
});

test('a rate limit says when to retry and enables Retry only then', async ({ app, sandboxes }) => {
  const api = await sandboxes.start({ faults: true });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Busy', 'staging'));
  await expect(page.getByRole('table', { name: /^Credentials of/ })).toBeVisible();

  // Enough 429s to outlast the client's own retries.
  api.faults.inject('GET /auth/credentials', { kind: 'rate-limit', retryAfter: '3' }, 20);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const alert = page.getByRole('tabpanel').getByRole('alert');
  await expect(alert).toContainText('Too many requests', { timeout: 60_000 });
  await expect(alert).toContainText(/Retry after \d\d:\d\d:\d\d/);
  api.faults.clear();
  const retry = alert.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeEnabled({ timeout: 10_000 });
  await retry.click();
  await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
});
