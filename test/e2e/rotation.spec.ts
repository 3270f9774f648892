import {
  confirmCapture,
  createAndCapture,
  expectAccessible,
  expectPendingBadge,
  expectStep,
  openRotationTab,
  rotationPanel,
  useOldKey,
} from './rotation-support';
import {
  addEnvironment,
  confirmInTrustedWindow,
  expect,
  invokeFromPage,
  saveScreenshot,
  sandboxEnvironment,
  storeSnapshot,
  test,
} from './support-app';

test('rotates a production credential from the credentials row to the summary, warning about an old key still in use', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Live', 'production'));
  const oldId = api.bootstrap.clientId;

  // Start from the credential's row.
  const environmentId = (await app.core.environments.list())[0]!.id;
  const oldName = (await app.core.credentials.list(environmentId)).find(
    (c) => c.clientId === oldId,
  )!.name;
  const table = page.getByRole('table', { name: /^Credentials of/ });
  await table
    .locator(`[data-client-id="${oldId}"]`)
    .getByRole('button', { name: `Rotate ${oldName}` })
    .click();
  const panel = rotationPanel(page);
  await expect(page.getByRole('tab', { name: 'Rotation' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(panel.getByLabel('Credential to replace')).toHaveValue(oldId);
  const name = panel.getByLabel('Name of the new credential');
  await expect(name).toHaveValue(/\(rotated \d{4}-\d{2}-\d{2}\)$/);
  await expect(panel.getByRole('radio', { name: /like the old one/ })).toBeChecked();
  await saveScreenshot(page, testInfo, 'rotation-1-start');
  await expectAccessible(page, 'start');
  await panel.getByRole('button', { name: 'Start rotation' }).click();

  // (a) Create, with the one-time capture.
  await expectStep(page, 'Create');
  await expectPendingBadge(page, 'Live', true);
  await expect(panel).toContainText('Idempotency-Key');
  const {
    clientId: newId,
    secret,
    capture,
  } = await createAndCapture(page, undefined, () =>
    confirmInTrustedWindow(app, {
      shows: ['Create the replacement credential in Live', oldId],
      screenshot: { testInfo, name: 'confirm-rotation-create' },
    }),
  );
  expect(newId).toMatch(/^dinie_ci_/);
  await saveScreenshot(page, testInfo, 'rotation-2-capture');
  await confirmCapture(capture);

  // (b) Verify: a token with the new credential, and its claims.
  await expectStep(page, 'Verify');
  await saveScreenshot(page, testInfo, 'rotation-3-verify');
  await panel.getByRole('button', { name: 'Get a token with the new credential' }).click();
  await expectStep(page, 'Switch');
  const claims = panel.getByRole('table', { name: "Claims of the new credential's token" });
  await expect(claims).toContainText(newId);
  await saveScreenshot(page, testInfo, 'rotation-4-switch');
  await expectAccessible(page, 'switch');

  // (c) Switch the environment.
  await panel.getByRole('button', { name: 'Switch Live to the new credential' }).click();
  await expectStep(page, 'Hand over');
  const environments = await invokeFromPage<{ name: string; activeClientId: string }[]>(
    page,
    'environments:list',
  );
  expect(environments.find((env) => env.name === 'Live')?.activeClientId).toBe(newId);

  // (d) Hand over: snippets on screen hold a placeholder; the secret is copied through main only.
  const envSnippet = panel.getByLabel('.env snippet', { exact: true });
  await expect(envSnippet).toContainText(`OAUTH_CLIENT_ID=${newId}`);
  await expect(envSnippet).toContainText('<paste the secret from your secret manager>');
  await expect(panel).toContainText('Never paste a client secret into a ticket');
  await panel.getByRole('button', { name: 'Copy .env snippet with the secret' }).click();
  await expect(panel.getByText(/clipboard clears in \d+ s/)).toBeVisible();
  expect(app.clipboard.readText()).toContain(`OAUTH_CLIENT_SECRET=${secret}`);
  await panel.getByRole('button', { name: 'Copy JSON snippet', exact: true }).click();
  await expect.poll(() => app.clipboard.readText()).toContain(`"clientId": "${newId}"`);
  expect(app.clipboard.readText()).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
  await saveScreenshot(page, testInfo, 'rotation-5-hand-over');
  await expectAccessible(page, 'hand over');
  const proceed = panel.getByRole('button', { name: 'Continue to watching the old key' });
  await expect(proceed).toBeDisabled();
  await panel
    .getByRole('checkbox', { name: /I have given the new credential to every app/ })
    .check();
  await proceed.click();

  // (e) Watch: a countdown to the next check; the old key is quiet…
  await expectStep(page, 'Watch');
  await expect(page.getByRole('timer', { name: 'Time until the next check' })).toHaveText(
    /^0:[0-3]\d$/,
  );
  await expect(panel.getByRole('status').filter({ hasText: 'No use of' })).toBeVisible();
  await saveScreenshot(page, testInfo, 'rotation-6-watch');
  // …until an app uses it after the switch: proceeding early then needs an explicit choice.
  await useOldKey(api);
  await panel.getByRole('button', { name: 'Check now' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'still in use' })).toBeVisible();
  const early = panel.getByRole('button', { name: 'Continue to revoke early' });
  await expect(early).toBeDisabled();
  await panel.getByRole('checkbox', { name: /Revoke anyway/ }).check();
  await saveScreenshot(page, testInfo, 'rotation-7-watch-in-use');
  await expectAccessible(page, 'watch');
  await early.click();

  // (f) Revoke anyway: production is confirmed once, in main's window, which warns of the use.
  await expectStep(page, 'Revoke');
  await expect(panel).toContainText('valid for up to an hour');
  await saveScreenshot(page, testInfo, 'rotation-8-revoke');
  await panel.getByRole('button', { name: `Revoke ${oldName}` }).click();
  await expect(page.getByRole('alertdialog', { name: `Revoke ${oldName}?` })).toHaveCount(0);
  await confirmInTrustedWindow(app, {
    typed: true,
    shows: ['Revoke the old credential in Live', oldId, 'was used recently', 'revoke it anyway'],
    screenshot: { testInfo, name: 'confirm-revoke-old-anyway' },
  });

  // (g) Summary, written to the audit log.
  await expectStep(page, 'Summary');
  await expect(panel.getByTestId('tokens-valid-until')).not.toHaveText('—');
  await panel
    .getByRole('button', { name: 'Finish and write the summary to the audit log' })
    .click();
  await expect(panel.getByRole('heading', { name: 'Rotation complete' })).toBeVisible();
  await expect(panel.getByLabel('Rotation summary')).toContainText('although it was used');
  await expectPendingBadge(page, 'Live', false);
  await saveScreenshot(page, testInfo, 'rotation-9-summary');
  await expectAccessible(page, 'summary');

  // The credentials table marks the new credential as the one in use, the revoked one not.
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await page.getByRole('radio', { name: 'All' }).check();
  await expect(table.locator(`[data-client-id="${newId}"]`)).toContainText('in use');
  await expect(table.locator(`[data-client-id="${oldId}"]`)).not.toContainText('in use');

  const log = await app.core.auditLog.list();
  const summary = log.find((entry) => entry.action === 'rotation.done');
  expect(summary?.outcome).toContain(`(${newId})`);
  expect(api.stats.credentialCreates).toBe(1);
  const credentials = await app.core.credentials.list(environmentId);
  expect(credentials.find((c) => c.clientId === oldId)?.status).toBe('revoked');
  expect(await storeSnapshot(page)).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
  expect(app.confirmations.requests.map((request) => request.action)).toEqual([
    'rotation.create',
    'rotation.revoke-old',
  ]);
});

test('a second rotation in the same environment is refused while one is pending', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Staging', 'staging'));
  const panel = await openRotationTab(page);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  await expectStep(page, 'Create');
  const environmentId = (await app.core.environments.list())[0]!.id;
  const second = await page.evaluate(
    (input) =>
      (
        window as unknown as {
          keysmith: { invoke(c: string, i: unknown): Promise<{ ok: boolean; error?: unknown }> };
        }
      ).keysmith.invoke('rotation:start', input),
    { environmentId, oldClientId: api.bootstrap.clientId, name: 'Another', expiresAt: null },
  );
  expect(second.ok).toBe(false);
  expect(JSON.stringify(second.error)).toContain('already in progress');
});
