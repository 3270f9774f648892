import { randomBytes } from 'node:crypto';
import { openSecret } from '../../src/main/core/secrets/secret-binding';
import { clientKeyAccount } from '../../src/main/core/tokens/client-keys';
import { OIDC_TEST_RESOURCE } from '../fixtures/oidc-server';
import { filesUnder } from '../support/files-under';
import {
  confirmCapture,
  createAndCapture,
  expectStep,
  openRotationTab,
  rotationPanel,
} from './rotation-support';
import {
  addEnvironment,
  confirmInTrustedWindow,
  dialog,
  expect,
  listEnvironments,
  sandboxEnvironment,
  storeSnapshot,
  test,
} from './support-app';

test('secret canary: after create, rotate, revoke and inspect, no secret or token is in any file, log, DOM or store', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  const { page } = app;
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await app.open();
  const canaries = new Map<string, string>();
  canaries.set('bootstrap secret', api.bootstrap.clientSecret!);
  await addEnvironment(page, sandboxEnvironment(api, 'Canary', 'production'));
  const environmentId = (await app.core.environments.list())[0]!.id;
  canaries.set('first token', (await app.core.tokens.current(environmentId)).accessToken);

  // Create a credential through the UI; its secret is shown once.
  await page.getByRole('button', { name: 'New credential' }).click();
  const form = dialog(page, 'New credential in Canary');
  await form.getByLabel('Name', { exact: true }).fill('Canary worker');
  await form.getByRole('button', { name: 'Create credential' }).click();
  await confirmInTrustedWindow(app);
  const capture = dialog(page, 'Store the new client secret now');
  await capture.getByRole('button', { name: 'Reveal secret' }).click();
  canaries.set('created secret', (await capture.getByTestId('capture-secret').textContent())!);
  const createdId = (await capture.getByTestId('capture-client-id').textContent())!;
  await confirmCapture(capture);

  // Copy the token as a header (through main), then renew it.
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByRole('button', { name: 'Copy as Authorization header' }).click();
  await page.getByRole('button', { name: 'Renew now' }).click();
  await expect
    .poll(async () => (await app.core.tokens.current(environmentId)).accessToken)
    .not.toBe(canaries.get('first token'));
  canaries.set('renewed token', (await app.core.tokens.current(environmentId)).accessToken);

  // Rotate the environment's credential through the wizard.
  const panel = await openRotationTab(page);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  const rotated = await createAndCapture(page, undefined, () => confirmInTrustedWindow(app));
  canaries.set('rotated secret', rotated.secret);
  await confirmCapture(rotated.capture);
  await panel.getByRole('button', { name: 'Get a token with the new credential' }).click();
  await rotationPanel(page)
    .getByRole('button', { name: 'Switch Canary to the new credential' })
    .click();
  await panel
    .getByRole('checkbox', { name: /I have given the new credential to every app/ })
    .check();
  await panel.getByRole('button', { name: 'Continue to watching the old key' }).click();
  await expectStep(page, 'Watch');
  canaries.set('rotated token', (await app.core.tokens.current(environmentId)).accessToken);
  await panel.getByRole('button', { name: /Continue to revoke/ }).click();
  await expectStep(page, 'Revoke');
  await panel.getByRole('button', { name: /^Revoke / }).click();
  await confirmInTrustedWindow(app, {
    typed: true,
    shows: [api.bootstrap.clientId],
    screenshot: { testInfo, name: 'confirm-revoke-old' },
  });
  await expectStep(page, 'Summary');
  await panel
    .getByRole('button', { name: 'Finish and write the summary to the audit log' })
    .click();
  await expect(panel.getByRole('heading', { name: 'Rotation complete' })).toBeVisible();

  // Revoke the first created credential from the table.
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await page
    .getByRole('table', { name: /^Credentials of/ })
    .locator(`[data-client-id="${createdId}"]`)
    .getByRole('button', { name: /^Revoke/ })
    .click();
  await confirmInTrustedWindow(app, { typed: true, shows: [createdId] });
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Revoked Canary worker' })).toBeVisible();

  // Inspect the environment's token in the JWT debugger: it sits in the JWT store while shown,
  // and leaves it (and the page) with the tab.
  await page.getByRole('tab', { name: 'JWT' }).click();
  await page.getByRole('button', { name: 'Inspect Canary’s token' }).click();
  await confirmInTrustedWindow(app, { shows: ['Show the access token of Canary'] });
  const jwtInput = page.getByRole('tabpanel').getByLabel('Token', { exact: true });
  await expect(jwtInput).toHaveValue(/^eyJ/);
  const inspected = await jwtInput.inputValue();
  expect(await storeSnapshot(page)).toContain(inspected);
  canaries.set('inspected token', inspected);
  // Refresh Canary's snapshot (its list and its public keys) from the Fleet tab.
  await page.getByRole('tab', { name: 'Fleet' }).click();
  await page.getByRole('button', { name: 'Refresh the snapshot of Canary' }).click();
  await expect(page.getByRole('row', { name: /Canary/ })).not.toContainText('not fetched');
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByTestId('chain-status')).toContainText('Audit chain intact');

  // The search: every file in userData (audit log included), the page's console, DOM and stores.
  await app.core.snapshots.settled(); // main's snapshot writes run behind the UI
  const files = await filesUnder(app.dataDir);
  expect(files.map((file) => file.path).some((path) => path.endsWith('audit.log'))).toBe(true);
  // The snapshots main keeps (credentials list, public keys, clock) are searched too.
  const snapshotFiles = files.filter((file) => /[\\/]snapshots[\\/]/.test(file.path));
  expect(snapshotFiles.map((file) => file.path.endsWith('.credentials.json')).sort()).toEqual([
    false,
    true,
  ]);
  expect(snapshotFiles.some((file) => file.text.includes(createdId))).toBe(true);
  const places = [
    ...files.map((file) => ({ where: file.path, text: file.text })),
    { where: 'renderer console', text: consoleLines.join('\n') },
    { where: 'renderer DOM', text: await page.content() },
    { where: 'renderer stores', text: await storeSnapshot(page) },
    { where: 'confirmation questions', text: JSON.stringify(app.confirmations.requests) },
  ];
  const hits: string[] = [];
  for (const [name, value] of canaries) {
    expect(value.length, name).toBeGreaterThan(20);
    for (const place of places)
      if (place.text.includes(value)) hits.push(`${name} in ${place.where}`);
  }
  console.log(
    `[canary] ${canaries.size} secrets and tokens searched in ${places.length} places (${files.length} files): ${hits.length} hits`,
  );
  expect(hits).toEqual([]);
});

test('secret canary: private keys and initial access tokens stay out of every file, log, DOM and store', async ({
  app,
  oidc,
}) => {
  const server = await oidc.start();
  const { page } = app;
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await app.open();
  const canaries = new Map<string, string>();
  const initialAccessToken = randomBytes(24).toString('base64url');
  canaries.set('initial access token', initialAccessToken);

  // A production environment from discovery: private_key_jwt, DCR with an initial access token.
  await page.getByRole('button', { name: 'Add environment' }).click();
  const form = dialog(page, 'Add environment');
  await form.getByLabel('Name', { exact: true }).fill('Keyed prod');
  await form.getByLabel('Kind').selectOption('production');
  await form.getByLabel('Issuer').fill(server.issuer);
  await form.getByRole('button', { name: 'Discover' }).click();
  await expect(form.getByLabel('Token URL (optional)')).toHaveValue(server.tokenEndpoint);
  await form.getByLabel('Credential administration').selectOption('dcr');
  await expect(form.getByLabel('Registration endpoint')).toHaveValue(server.registrationEndpoint);
  await form.getByLabel('Initial access token').fill(initialAccessToken);
  await form.getByLabel('Client authentication').selectOption('private_key_jwt');
  await form.getByLabel('Resources (one per line)').fill(OIDC_TEST_RESOURCE);
  await form.getByLabel('client_id').fill('canary-signed');
  await form.getByRole('button', { name: 'Add and make key' }).click();
  await confirmInTrustedWindow(app, { shows: ['canary-signed'] });
  const keyDialog = dialog(page, 'Register the key of Keyed prod');
  const jwk = JSON.parse((await keyDialog.getByLabel('Public JWK').textContent()) ?? '{}');
  await keyDialog.getByRole('button', { name: 'Copy public JWK' }).click();
  await server.addClient({
    client_id: 'canary-signed',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [jwk as Record<string, string>] },
  });
  await keyDialog.getByRole('button', { name: 'Done' }).click();

  const [environment] = await listEnvironments(page);
  expect(environment).toMatchObject({ initialAccessTokenState: 'bound', secretState: 'bound' });
  const privateKeyOf = async () => {
    const stored = await app.secretStore.get(clientKeyAccount(environment!.id, 'canary-signed'));
    return JSON.stringify(
      (JSON.parse(openSecret(stored!)!.secret) as { privateJwk: unknown }).privateJwk,
    );
  };
  const first = await privateKeyOf();
  canaries.set('first private key', first);
  canaries.set('first private key d', (JSON.parse(first) as { d: string }).d);

  // Tokens with it; then the key is replaced from the edit form (production asks, typed).
  await page.getByRole('tab', { name: 'Token' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: /Get token|Renew now/ }).click();
  await expect(panel.getByRole('table', { name: 'Claims', exact: true })).toContainText(
    'canary-signed',
  );
  canaries.set('token', (await app.core.tokens.current(environment!.id)).accessToken);
  await page.getByRole('button', { name: 'Edit environment' }).click();
  const edit = dialog(page, 'Edit Keyed prod');
  await edit.getByRole('button', { name: 'Replace key…' }).click();
  await edit.getByRole('button', { name: 'Generate key' }).click();
  await confirmInTrustedWindow(app, { typed: true, shows: ['canary-signed'] });
  await expect(edit.getByRole('button', { name: 'Replace key…' })).toBeVisible();
  const second = await privateKeyOf();
  expect(second).not.toBe(first);
  canaries.set('second private key d', (JSON.parse(second) as { d: string }).d);
  await edit.getByRole('button', { name: 'Cancel' }).click();

  await app.core.snapshots.settled(); // main's snapshot writes run behind the UI
  const files = await filesUnder(app.dataDir);
  const places = [
    ...files.map((file) => ({ where: file.path, text: file.text })),
    { where: 'renderer console', text: consoleLines.join('\n') },
    { where: 'renderer DOM', text: await page.content() },
    { where: 'renderer stores', text: await storeSnapshot(page) },
    { where: 'confirmation questions', text: JSON.stringify(app.confirmations.requests) },
    { where: 'clipboard', text: app.clipboard.readText() },
  ];
  const hits: string[] = [];
  for (const [name, value] of canaries) {
    expect(value.length, name).toBeGreaterThan(20);
    for (const place of places)
      if (place.text.includes(value)) hits.push(`${name} in ${place.where}`);
  }
  console.log(
    `[canary] ${canaries.size} keys, tokens and initial access tokens searched in ${places.length} places (${files.length} files): ${hits.length} hits`,
  );
  expect(hits).toEqual([]);
});
