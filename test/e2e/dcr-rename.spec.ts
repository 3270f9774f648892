import { randomBytes } from 'node:crypto';
import { bootstrapClient, dcrFields } from '../fixtures/dcr-fields';
import { activeBanner, dialog, expect, test } from './support-app';

test('a registered client is renamed from its details: the server and the table show the new name', async ({
  app,
  oidc,
}) => {
  const { metadata, ...bootstrap } = bootstrapClient(randomBytes(32).toString('base64url'));
  const server = await oidc.start({ clients: [metadata] });
  const { page } = app;
  const { environment } = await app.core.environments.add({
    ...dcrFields(server, { name: 'Auth staging' }),
    ...bootstrap,
    saveUnverified: false,
  });
  const { credential } = await app.core.credentials.create(environment.id, {
    name: 'Orders worker',
    expiresAt: null,
  });
  await app.open();
  await expect(activeBanner(page)).toContainText('Auth staging');
  await page.getByRole('tab', { name: 'Credentials' }).click();
  const table = page.getByRole('table', { name: /^Credentials of/ });
  const row = table.locator(`[data-client-id="${credential.clientId}"]`);
  await expect(row).toContainText('Orders worker');

  await row.getByRole('button', { name: 'Details of Orders worker' }).click();
  await dialog(page, 'Credential details').getByRole('button', { name: 'Rename…' }).click();
  const rename = dialog(page, 'Rename registered client');
  const field = rename.getByLabel('New name');
  await expect(field).toHaveValue('Orders worker');
  // An empty name is refused on the field, before anything is sent.
  await field.fill('  ');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toContainText('Give the client a name.');
  await field.fill('Orders worker (EU)');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Orders worker (EU)' })).toBeVisible();
  await expect(row).toContainText('Orders worker (EU)');
  expect((await server.provider.Client.find(credential.clientId))?.metadata().client_name).toBe(
    'Orders worker (EU)',
  );
  // A refresh reads the server again: the name stays, with no "changed at the server" mark.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(row).toContainText('Orders worker (EU)');
  await expect(row).not.toContainText('changed');
});
