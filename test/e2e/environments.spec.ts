import { createServer } from 'node:net';
import {
  activeBanner,
  addEnvironment,
  confirmInTrustedWindow,
  dialog,
  environmentButton,
  expect,
  fillEnvironmentForm,
  listEnvironments,
  saveScreenshot,
  sandboxEnvironment,
  test,
} from './support-app';
import { filesUnder } from '../support/files-under';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('adds a staging and a production environment and switches by click and by Ctrl+K', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;

  await addEnvironment(page, sandboxEnvironment(api, 'Staging EU', 'staging'));
  const frame = page.locator('.app-frame');
  await expect(frame).toHaveAttribute('data-env-kind', 'staging');
  await expect(activeBanner(page)).not.toContainText('PRODUCTION');

  await addEnvironment(page, sandboxEnvironment(api, 'Payments prod', 'production'));
  await expect(activeBanner(page)).toContainText('PRODUCTION');
  await expect(frame).toHaveAttribute('data-env-kind', 'production');
  const style = await frame.evaluate((element) => {
    const computed = getComputedStyle(element);
    return {
      colour: computed.getPropertyValue('--env-colour').trim(),
      border: computed.borderTopWidth,
      borderColour: computed.borderTopColor,
    };
  });
  expect(style.colour.toLowerCase()).toBe('#c4161c');
  expect(style.borderColour).toBe('rgb(196, 22, 28)');
  expect(parseFloat(style.border)).toBeGreaterThanOrEqual(8);
  await saveScreenshot(page, testInfo, 'environment-production');

  // Switch by click.
  await environmentButton(page, 'Staging EU').click();
  await expect(activeBanner(page)).toContainText('Staging EU');
  await expect(environmentButton(page, 'Staging EU')).toHaveAttribute('aria-current', 'true');
  await expect(frame).toHaveAttribute('data-env-kind', 'staging');

  // Switch by the palette: Ctrl+K, type, Enter.
  await page.keyboard.press('Control+k');
  const palette = dialog(page, 'Command palette');
  await expect(palette).toBeVisible();
  const search = palette.getByRole('combobox', { name: 'Search environments and commands' });
  await expect(search).toBeFocused();
  await search.fill('payments');
  await expect(palette.getByRole('option').first()).toContainText('Payments prod');
  await saveScreenshot(page, testInfo, 'command-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(activeBanner(page)).toContainText('Payments prod');

  // Esc closes the palette; Tab stays inside it.
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press('Tab');
    expect(await palette.evaluate((element) => element.contains(document.activeElement))).toBe(
      true,
    );
  }
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // The selection is main's: a reload comes back to the same environment.
  await page.reload();
  await expect(activeBanner(page)).toContainText('Payments prod');
});

test('production is always red, whatever colour was asked for', async ({ app, sandboxes }) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  const form = await fillEnvironmentForm(page, sandboxEnvironment(api, 'Prod', 'staging'));
  await form.getByRole('radio', { name: 'Blue' }).check();
  await form.getByLabel('Kind').selectOption('production');
  await expect(form.getByText('Production is always red')).toBeVisible();
  await expect(form.getByRole('radio', { name: 'Blue' })).toHaveCount(0);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(form).toBeHidden();
  const colour = await page
    .locator('.app-frame')
    .evaluate((element) => getComputedStyle(element).getPropertyValue('--env-colour').trim());
  expect(colour.toLowerCase()).toBe('#c4161c');
  const saved = (await listEnvironments(page)).find((env) => env.name === 'Prod');
  expect(saved?.colour.toLowerCase()).toBe('#c4161c');
});

test('a rejected secret shows the 401 on the secret field and offers no unverified save', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  const form = await fillEnvironmentForm(page, {
    ...sandboxEnvironment(api, 'Wrong secret', 'staging'),
    clientSecret: 'not-the-secret',
  });
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(form.getByLabel('client_secret')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toContainText('401');
  await expect(form.getByRole('button', { name: 'Save as not verified' })).toHaveCount(0);
});

test('an unreachable API offers to save the environment as not verified', async ({
  app,
}, testInfo) => {
  await app.open();
  const { page } = app;
  const port = await closedPort();
  const form = await fillEnvironmentForm(page, {
    name: 'Offline dev',
    kind: 'development',
    baseUrl: `http://127.0.0.1:${port}`,
    clientId: 'dinie_ci_offline',
    clientSecret: 'offline-secret',
  });
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(form.getByText('Cannot reach the API')).toBeVisible({ timeout: 20_000 });
  await saveScreenshot(page, testInfo, 'environment-unreachable');
  await form.getByRole('button', { name: 'Save as not verified' }).click();
  await expect(form).toBeHidden();
  await expect(activeBanner(page)).toContainText('Offline dev');
  await expect(environmentButton(page, 'Offline dev')).toContainText('not verified');
});

test('edits an environment and removes it with its keychain entries after asking', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Scratch', 'development'));
  const env = (await listEnvironments(page)).find((item) => item.name === 'Scratch');
  expect(env).toBeDefined();
  const accountsBefore = await app.secretStore.list();
  expect(accountsBefore.some((account) => account.startsWith(env!.id))).toBe(true);

  await page.getByRole('button', { name: 'Edit environment' }).click();
  const edit = dialog(page, 'Edit Scratch');
  await edit.getByLabel('Name', { exact: true }).fill('Scratch renamed');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(activeBanner(page)).toContainText('Scratch renamed');

  await page.getByRole('button', { name: 'Remove environment' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove Scratch renamed?' });
  await expect(confirm).toContainText('deletes its client secrets from the OS keychain');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(environmentButton(page, 'Scratch renamed')).toBeVisible();

  await page.getByRole('button', { name: 'Remove environment' }).click();
  await confirm.getByRole('button', { name: 'Remove environment' }).click();
  await expect(confirm).toBeHidden();
  await expect(environmentButton(page, 'Scratch renamed')).toHaveCount(0);
  const accountsAfter = await app.secretStore.list();
  expect(accountsAfter.some((account) => account.startsWith(env!.id))).toBe(false);
});

test('a production environment moved to another endpoint asks for its secret again, and a pasted secret rebinds it', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  const prod = sandboxEnvironment(api, 'Payments prod', 'production');
  await addEnvironment(page, prod);

  // Another origin of the same API (localhost instead of 127.0.0.1): the form says what follows.
  const moved = `http://localhost:${new URL(api.url).port}`;
  await page.getByRole('button', { name: 'Edit environment' }).click();
  const edit = dialog(page, 'Edit Payments prod');
  await edit.getByLabel('Base URL').fill(moved);
  await expect(edit.getByText('This edit changes where the secret goes')).toBeVisible();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  // Repointing production is asked once, by main, in its trusted window.
  await confirmInTrustedWindow(app, {
    shows: ['Production', 'Change where Payments prod sends its secrets', moved],
    screenshot: { testInfo, name: 'confirm-rebind' },
  });
  await expect(edit).toBeHidden();

  await expect(environmentButton(page, 'Payments prod')).toContainText(
    'secret must be pasted again',
  );
  const tokenRequests = api.stats.tokenRequests;
  await page.getByRole('button', { name: 'Paste secret again' }).click();
  const paste = dialog(page, 'Edit Payments prod');
  await expect(paste.getByRole('status')).toContainText('Paste the secret again');
  await expect(paste.getByLabel('client_secret')).toHaveAttribute('placeholder', 'paste it again');
  await expect(paste.getByLabel('client_secret')).toBeFocused();
  await saveScreenshot(page, testInfo, 'environment-paste-secret-again');
  // Nothing was sent with the old secret meanwhile.
  expect(api.stats.tokenRequests).toBe(tokenRequests);

  await paste.getByLabel('client_secret').fill(prod.clientSecret);
  await paste.getByRole('button', { name: 'Save changes' }).click();
  await expect(paste).toBeHidden();
  await expect(environmentButton(page, 'Payments prod')).not.toContainText('pasted again');
  const [view] = await listEnvironments(page);
  expect(view?.secretState).toBe('bound');
});

test('a header named like a key is proposed as secret, kept in the keychain and shown masked', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  const gatewayKey = `gw-${Date.now()}-never-in-a-file`;
  const form = await fillEnvironmentForm(page, sandboxEnvironment(api, 'Gateway', 'staging'));
  // A key in the token URL's query would be saved in plain text: refused, pointing at headers.
  const tokenUrl = form.getByLabel('Token URL (optional)');
  await tokenUrl.fill(`${api.url}/auth/token?subscription-key=${gatewayKey}`);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(tokenUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(
    form.getByText('send a key as a secret header instead', { exact: false }),
  ).toBeVisible();
  await tokenUrl.fill('');
  await form.getByRole('button', { name: 'Add header' }).click();
  const row = form.getByRole('group', { name: 'Header 1' });
  await row.getByLabel('Header name').fill('X-Api-Key');
  await expect(row.getByRole('checkbox', { name: 'Secret' })).toBeChecked();
  const value = row.getByLabel('Value of X-Api-Key');
  await expect(value).toHaveAttribute('type', 'password');
  await value.fill(gatewayKey);
  await form.getByRole('button', { name: 'Add header' }).click();
  const plain = form.getByRole('group', { name: 'Header 2' });
  await plain.getByLabel('Header name').fill('X-Tenant');
  await expect(plain.getByRole('checkbox', { name: 'Secret' })).not.toBeChecked();
  await plain.getByLabel('Value of X-Tenant').fill('eu');
  await saveScreenshot(page, testInfo, 'environment-secret-header');
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(form).toBeHidden({ timeout: 15_000 });

  const env = (await listEnvironments(page)).find((item) => item.name === 'Gateway');
  expect(env).toMatchObject({ secretHeaders: ['X-Api-Key'], extraHeaders: { 'X-Tenant': 'eu' } });
  expect(await app.secretStore.list()).toContain(`${env!.id}/header/x-api-key`);
  expect(JSON.stringify(await listEnvironments(page))).not.toContain(gatewayKey);
  await app.core.snapshots.settled(); // main's snapshot writes run behind the UI
  for (const file of await filesUnder(app.dataDir)) {
    expect(file.text, file.path).not.toContain(gatewayKey);
  }

  // Editing shows the header as secret, its value empty (it stays in the keychain).
  await page.getByRole('button', { name: 'Edit environment' }).click();
  const edit = dialog(page, 'Edit Gateway');
  const kept = edit.getByRole('group', { name: 'Header 2' });
  await expect(kept.getByLabel('Header name')).toHaveValue('X-Api-Key');
  await expect(kept.getByLabel('Value of X-Api-Key')).toHaveValue('');
  await expect(kept.getByLabel('Value of X-Api-Key')).toHaveAttribute(
    'placeholder',
    'in the keychain (unchanged)',
  );
  await edit.getByRole('button', { name: 'Cancel' }).click();
});
