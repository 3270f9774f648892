import { randomBytes } from 'node:crypto';
import { clientKeyAccount } from '../../src/main/core/tokens/client-keys';
import { openSecret } from '../../src/main/core/secrets/secret-binding';
import { OIDC_TEST_RESOURCE } from '../fixtures/oidc-server';
import {
  activeBanner,
  dialog,
  expect,
  listEnvironments,
  saveScreenshot,
  storeSnapshot,
  test,
} from './support-app';

// Any standard authorization server (a real oidc-provider here): an environment added from its
// issuer with discovery, and a private_key_jwt environment whose token panel works with no
// secret ever shown.

test('adds an environment from an issuer URL with discovery, and the token panel shows what was sent', async ({
  app,
  oidc,
}, testInfo) => {
  const secret = randomBytes(24).toString('base64url');
  const server = await oidc.start({
    clients: [
      {
        client_id: 'e2e-basic',
        client_secret: secret,
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
  });
  await app.open();
  const { page } = app;
  await page.getByRole('button', { name: 'Add environment' }).click();
  const form = dialog(page, 'Add environment');
  await form.getByLabel('Name', { exact: true }).fill('Partner IdP');
  await form.getByLabel('Issuer').fill(server.issuer);
  await form.getByRole('button', { name: 'Discover' }).click();

  const found = form.getByRole('status', { name: 'What discovery found' });
  await expect(found).toContainText(server.tokenEndpoint);
  await expect(found).toContainText('private_key_jwt');
  await expect(found).toContainText(server.registrationEndpoint);
  await expect(form.getByLabel('Token URL (optional)')).toHaveValue(server.tokenEndpoint);
  await expect(form.getByLabel('JWKS URL (optional)')).toHaveValue(server.jwksUri);
  await expect(form.getByLabel('Base URL')).toHaveValue(server.issuer);
  await saveScreenshot(page, testInfo, 'discovery-found');

  // Every value stays the person's to change: the server sends the secret in the body here.
  await form.getByLabel('Client authentication').selectOption('client_secret_post');
  await form.getByLabel('Scope').fill('payments:read');
  await form.getByLabel('Resources (one per line)').fill(OIDC_TEST_RESOURCE);
  await form.getByLabel('client_id').fill('e2e-basic');
  await form.getByLabel('client_secret').fill(secret);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(form).toBeHidden({ timeout: 15_000 });
  await expect(activeBanner(page)).toContainText('Partner IdP');

  const [environment] = await listEnvironments(page);
  expect(environment).toMatchObject({
    issuer: server.issuer,
    tokenUrl: server.tokenEndpoint,
    jwksUrl: server.jwksUri,
    clientAuth: 'client_secret_post',
    resources: [OIDC_TEST_RESOURCE],
    verification: 'verified',
  });

  await page.getByRole('tab', { name: 'Token' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('table', { name: 'Claims', exact: true })).toContainText(
    OIDC_TEST_RESOURCE,
  );
  const summary = panel.getByRole('region', { name: 'Token request' });
  await expect(summary).toContainText(`POST ${server.tokenEndpoint}`);
  await expect(summary).toContainText('client_secret_post');
  await expect(summary.getByRole('row', { name: /^resource / })).toContainText(OIDC_TEST_RESOURCE);
  await expect(summary.getByRole('row', { name: /^client_secret / })).toContainText('not shown');
  expect(await page.content()).not.toContain(secret);
  expect(await storeSnapshot(page)).not.toContain(secret);
  await saveScreenshot(page, testInfo, 'token-request-summary');
});

test('a server without metadata says so, and a typed token URL still works', async ({
  app,
  oidc,
}) => {
  const server = await oidc.start({ path: '/tenant' });
  await app.open();
  const { page } = app;
  await page.getByRole('button', { name: 'Add environment' }).click();
  const form = dialog(page, 'Add environment');
  await form.getByLabel('Issuer').fill(`${new URL(server.issuer).origin}/elsewhere`);
  await form.getByRole('button', { name: 'Discover' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'No metadata' })).toContainText(
    'Type the token URL',
  );
  await expect(form.getByLabel('Token URL (optional)')).toHaveValue('');
});

test('a private_key_jwt environment gets tokens with a key made in the app, no secret ever shown', async ({
  app,
  oidc,
}, testInfo) => {
  const server = await oidc.start();
  await app.open();
  const { page } = app;
  await page.getByRole('button', { name: 'Add environment' }).click();
  const form = dialog(page, 'Add environment');
  await form.getByLabel('Name', { exact: true }).fill('Signed client');
  await form.getByLabel('Issuer').fill(server.issuer);
  await form.getByRole('button', { name: 'Discover' }).click();
  await expect(form.getByLabel('Token URL (optional)')).toHaveValue(server.tokenEndpoint);
  await form.getByLabel('Client authentication').selectOption('private_key_jwt');
  await form.getByLabel('Key algorithm').selectOption('ES256');
  await form.getByLabel('Resources (one per line)').fill(OIDC_TEST_RESOURCE);
  await form.getByLabel('client_id').fill('e2e-signed');
  await expect(form.getByLabel('client_secret')).toHaveCount(0);
  await form.getByRole('button', { name: 'Add and make key' }).click();

  // The key was made in main; the page shows its public half for registration.
  const keyDialog = dialog(page, 'Register the key of Signed client');
  const jwkText = await keyDialog.getByLabel('Public JWK').textContent();
  const jwk = JSON.parse(jwkText ?? '{}') as Record<string, string>;
  expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  expect(jwk).not.toHaveProperty('d');
  await keyDialog.getByRole('button', { name: 'Copy certificate (PEM)' }).click();
  await expect.poll(() => app.clipboard.readText()).toContain('-----BEGIN CERTIFICATE-----');
  await keyDialog.getByRole('button', { name: 'Copy public JWK' }).click();
  await expect.poll(() => app.clipboard.readText()).toContain(jwk.x!);
  await saveScreenshot(page, testInfo, 'client-key-registration');

  // The administrator registers the public key with the server, as its console would.
  await server.addClient({
    client_id: 'e2e-signed',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [jwk] },
  });
  await keyDialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('tab', { name: 'Token' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: /Get token|Renew now/ }).click();
  await expect(panel.getByRole('table', { name: 'Claims', exact: true })).toContainText(
    'e2e-signed',
  );
  const summary = panel.getByRole('region', { name: 'Token request' });
  await expect(summary).toContainText('private_key_jwt');
  await expect(summary.getByRole('row', { name: /^client_assertion / })).toContainText(
    'signed client assertion (not shown)',
  );
  await expect(summary.getByRole('table', { name: 'Assertion claims' })).toContainText(
    server.tokenEndpoint,
  );

  // The private key is only in the keychain: never in the page, its stores or a file.
  const [environment] = await listEnvironments(page);
  expect(environment).toMatchObject({ clientAuth: 'private_key_jwt', secretState: 'bound' });
  const stored = openSecret(
    (await app.secretStore.get(clientKeyAccount(environment!.id, 'e2e-signed')))!,
  );
  const privateD = (JSON.parse(stored!.secret) as { privateJwk: { d: string } }).privateJwk.d;
  expect(privateD.length).toBeGreaterThan(20);
  expect(await page.content()).not.toContain(privateD);
  expect(await storeSnapshot(page)).not.toContain(privateD);
  await saveScreenshot(page, testInfo, 'private-key-jwt-token');
});
