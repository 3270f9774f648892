import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { registrationTokenAccount } from '../../src/main/core/secrets/registration-tokens';
import { bootstrapClient, dcrFields } from '../fixtures/dcr-fields';
import { startLossyProxy } from '../fixtures/lossy-proxy';
import { filesUnder } from '../support/files-under';
import { storedSecret } from '../support/stored-secret';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { confirmCapture, createAndCapture, expectStep, openRotationTab } from './rotation-support';
import { activeBanner, dialog, expect, saveScreenshot, storeSnapshot, test } from './support-app';

/**
 * Fails on a serious or critical axe violation in what this feature draws: the open dialog, or
 * the section's panel (the shell's banner is the shell's, checked by the a11y spec).
 */
async function expectAccessible(page: Page, screen: string, within = '[role="tabpanel"]') {
  const results = await new AxeBuilder({ page }).include(within).analyze();
  const bad = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${screen}: ${violation.id} ${violation.nodes[0]?.target}`);
  expect(bad, bad.join('\n')).toEqual([]);
}

test('a DCR environment: register a client (capture), get a token, rotate it with the wizard, delete it; no registration secret anywhere', async ({
  app,
  oidc,
}, testInfo) => {
  const { metadata, ...bootstrap } = bootstrapClient(randomBytes(32).toString('base64url'));
  const server = await oidc.start({ clients: [metadata] });
  test.info().attach('issuer', { body: server.issuer });
  const { page } = app;
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  const { environment } = await app.core.environments.add({
    ...dcrFields(server, { name: 'Auth staging' }),
    ...bootstrap,
    saveUnverified: false,
  });
  const env = environment.id;
  await app.open();
  await expect(activeBanner(page)).toContainText('Auth staging');
  const canaries = new Map<string, string>([['bootstrap secret', bootstrap.clientSecret]]);

  // Register a client: the form says "client", has no expiry, and the capture shows its secret once.
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await page.getByRole('button', { name: 'Register client' }).click();
  const form = dialog(page, 'Register a client in Auth staging');
  await expect(form.getByLabel('Expires (optional)')).toHaveCount(0);
  await expect(form.getByRole('list', { name: 'Registration' })).toHaveCount(0);
  await expect(form).toContainText(server.registrationEndpoint);
  await form.getByLabel('Name', { exact: true }).fill('Orders worker');
  await expectAccessible(page, 'register form', '[role="dialog"]');
  await form.getByRole('button', { name: 'Register client' }).click();
  const capture = dialog(page, 'Store the new client secret now');
  await expect(capture).toContainText('Registered through Dynamic Client Registration');
  await capture.getByRole('button', { name: 'Reveal secret' }).click();
  canaries.set('registered secret', (await capture.getByTestId('capture-secret').textContent())!);
  const clientId = (await capture.getByTestId('capture-client-id').textContent())!;
  await capture.getByRole('checkbox', { name: /Make this the credential Keysmith uses/ }).check();
  await saveScreenshot(page, testInfo, 'dcr-1-capture');
  await confirmCapture(capture);
  const registrationToken = await storedSecret(
    app.secretStore,
    registrationTokenAccount(env, clientId),
  );
  canaries.set('registration access token', registrationToken!);

  // The row: what the server says now; DCR reports no last use.
  const table = page.getByRole('table', { name: /^Credentials of/ });
  const row = table.locator(`[data-client-id="${clientId}"]`);
  await expect(row).toContainText('Orders worker');
  await expect(row).toContainText('not reported');
  await expect(row.getByText('in use')).toBeVisible();
  await saveScreenshot(page, testInfo, 'dcr-2-list');
  await expectAccessible(page, 'DCR list');

  // A token with it.
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByRole('button', { name: 'Renew now' }).click();
  await expect
    .poll(async () => decodeJwt((await app.core.tokens.current(env)).accessToken).client_id)
    .toBe(clientId);
  canaries.set('token', (await app.core.tokens.current(env)).accessToken);

  // Rotate it with the wizard: register the new one, verify, switch, hand over, watch, delete.
  const panel = await openRotationTab(page);
  await expect(panel.getByLabel('Credential to replace')).toHaveValue(clientId);
  await expect(panel.getByRole('radio', { name: /like the old one/ })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  await expectStep(page, 'Create');
  const rotated = await createAndCapture(page, 'Register the new client');
  canaries.set('rotated secret', rotated.secret);
  await confirmCapture(rotated.capture);
  await panel.getByRole('button', { name: 'Get a token with the new credential' }).click();
  await panel.getByRole('button', { name: 'Switch Auth staging to the new credential' }).click();
  await panel
    .getByRole('checkbox', { name: /I have given the new credential to every app/ })
    .check();
  await panel.getByRole('button', { name: 'Continue to watching the old key' }).click();
  await expectStep(page, 'Watch');
  const note = panel.getByTestId('no-last-use');
  await expect(note).toContainText('This server reports no last use');
  await expect(note).toContainText('token introspection');
  await expect(note).toContainText('issues tokens for 1 hour');
  await expect(panel.getByTestId('old-last-used')).toHaveText('not reported by this server');
  await saveScreenshot(page, testInfo, 'dcr-3-watch');
  await expectAccessible(page, 'DCR watch');
  await panel.getByRole('button', { name: 'Continue to revoke' }).click();
  await expectStep(page, 'Revoke');
  await panel.getByRole('button', { name: 'Delete Orders worker' }).click();
  await page
    .getByRole('alertdialog', { name: 'Delete Orders worker?' })
    .getByRole('button', { name: 'Delete old client' })
    .click();
  await expectStep(page, 'Summary');
  await panel
    .getByRole('button', { name: 'Finish and write the summary to the audit log' })
    .click();
  await expect(panel.getByRole('heading', { name: 'Rotation complete' })).toBeVisible();
  expect(await server.provider.Client.find(clientId)).toBeUndefined();
  expect(await server.provider.Client.find(rotated.clientId)).toBeDefined();
  canaries.set(
    'rotated registration access token',
    (await storedSecret(app.secretStore, registrationTokenAccount(env, rotated.clientId)))!,
  );

  // Delete the new one from the table (staging: the app asks, main needs no window).
  // The list refreshes behind what is on screen: wait until it says the new client is in use.
  await page.getByRole('tab', { name: 'Credentials' }).click();
  const rotatedRow = table.locator(`[data-client-id="${rotated.clientId}"]`);
  await expect(rotatedRow).toContainText('in use');
  await rotatedRow.getByRole('button', { name: /^Delete / }).click();
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page
    .getByRole('alertdialog', { name: /^Delete .*\?$/ })
    .getByRole('button', { name: 'Delete client' })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Deleted the registration of' }),
  ).toBeVisible();
  expect(await server.provider.Client.find(rotated.clientId)).toBeUndefined();
  await expect(table.locator(`[data-client-id="${rotated.clientId}"]`)).toHaveCount(0);

  // No secret, token or registration access token in any file, the console, the DOM or a store.
  await app.core.snapshots.settled(); // main's snapshot writes run behind the UI
  const files = await filesUnder(app.dataDir);
  const places = [
    ...files.map((file) => ({ where: file.path, text: file.text })),
    { where: 'renderer console', text: consoleLines.join('\n') },
    { where: 'renderer DOM', text: await page.content() },
    { where: 'renderer stores', text: await storeSnapshot(page) },
  ];
  const hits: string[] = [];
  for (const [name, value] of canaries) {
    expect(value.length, name).toBeGreaterThan(20);
    for (const place of places)
      if (place.text.includes(value)) hits.push(`${name} in ${place.where}`);
  }
  expect(hits).toEqual([]);
});

test('a registration refused for a missing initial access token says so on that field', async ({
  app,
  oidc,
}) => {
  const { metadata, ...bootstrap } = bootstrapClient(randomBytes(32).toString('base64url'));
  const server = await oidc.start({ clients: [metadata], requireInitialAccessToken: true });
  const { page } = app;
  await app.core.environments.add({
    ...dcrFields(server, { name: 'Locked auth' }),
    ...bootstrap,
    saveUnverified: false,
  });
  await app.open();
  await page.getByRole('button', { name: 'Register client' }).click();
  const form = dialog(page, 'Register a client in Locked auth');
  await form.getByLabel('Name', { exact: true }).fill('Needs a token');
  await form.getByRole('button', { name: 'Register client' }).click();
  const field = form.getByRole('definition').filter({ hasText: 'from the keychain' });
  await expect(field.getByRole('alert')).toContainText('Edit the environment to change it');
  await expect(field).toHaveAccessibleDescription(/no access token provided/);
  await expect(
    form.getByRole('alert').filter({ hasText: 'Client registration refused' }),
  ).toContainText('wants a valid initial access token');
  expect(await app.core.credentials.pending((await app.core.environments.list())[0]!.id)).toEqual(
    [],
  );
});

test('a registration whose answer is lost is shown as possibly registered until dismissed, never sent again', async ({
  app,
  oidc,
}) => {
  const { metadata, ...bootstrap } = bootstrapClient(randomBytes(32).toString('base64url'));
  const server = await oidc.start({ clients: [metadata] });
  const proxy = await startLossyProxy(server.issuer);
  try {
    const { page } = app;
    await app.core.environments.add({
      ...dcrFields(server, { name: 'Flaky auth', registrationUrl: `${proxy.url}/reg` }),
      ...bootstrap,
      saveUnverified: false,
    });
    await app.open();
    proxy.loseAnswers(1);
    await page.getByRole('button', { name: 'Register client' }).click();
    const form = dialog(page, 'Register a client in Flaky auth');
    await form.getByLabel('Name', { exact: true }).fill('Lost one');
    await form.getByRole('button', { name: 'Register client' }).click();
    await expect(form.getByRole('alert')).toContainText('may have registered it');
    // Pressing again is refused by main, without a second request.
    await form.getByRole('button', { name: 'Register client' }).click();
    await expect(form.getByRole('alert')).toContainText('Dismiss it once you have checked');
    expect(proxy.forwarded).toEqual(['POST /reg']);
    await form.getByRole('button', { name: 'Cancel' }).click();

    const pending = page.getByRole('region', { name: 'Pending registrations' });
    await expect(pending).toContainText('check the server’s console for a client named “Lost one”');
    await expectAccessible(page, 'pending registrations');
    await pending
      .getByRole('button', { name: 'Dismiss the pending registration of Lost one' })
      .click();
    await expect(pending).toHaveCount(0);
    expect(proxy.forwarded).toEqual(['POST /reg']);
  } finally {
    await proxy.close();
  }
});
