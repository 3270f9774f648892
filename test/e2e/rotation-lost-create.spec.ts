import {
  confirmCapture,
  createAndCapture,
  expectPendingBadge,
  expectStep,
  openRotationTab,
  restartApp,
  rotationPanel,
} from './rotation-support';
import { addEnvironment, expect, saveScreenshot, sandboxEnvironment, test } from './support-app';

test('a lost create response is retried with the same key after a restart: exactly one new credential', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start({ faults: true });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Staging', 'staging'));
  const panel = await openRotationTab(page);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  await expectStep(page, 'Create');

  // Every try of the create reaches the API, which commits it, and every answer is lost.
  api.faults.inject('POST /auth/credentials', { kind: 'drop-after-commit' }, 4);
  await panel.getByRole('button', { name: 'Create the new credential' }).click();
  await expect(panel.getByRole('alert')).toContainText(/gave up after 4 tries/, {
    timeout: 20_000,
  });
  await expectStep(page, 'Create');
  await expect(page.getByRole('list', { name: 'Rotation steps' })).toContainText('failed');
  expect(api.stats.credentialCreates).toBe(1);
  await saveScreenshot(page, testInfo, 'lost-create-error');

  // The app dies here. After the restart the wizard knows a create was sent.
  await restartApp(app);
  await expect(rotationPanel(page)).toContainText('its answer never arrived');
  const { clientId, capture } = await createAndCapture(
    page,
    'Send the create again (same Idempotency-Key)',
  );
  await expect(capture).toContainText('no second credential was created');
  await saveScreenshot(page, testInfo, 'lost-create-replayed');
  await confirmCapture(capture);
  await expectStep(page, 'Verify');
  expect(api.stats.credentialCreates).toBe(1);
  const environmentId = (await app.core.environments.list())[0]!.id;
  const rotated = (await app.core.credentials.list(environmentId)).filter((c) =>
    /\(rotated \d{4}-\d{2}-\d{2}\)$/.test(c.name),
  );
  expect(rotated.map((c) => c.clientId)).toEqual([clientId]);

  // Cancelling now says what exists and offers to revoke it.
  await rotationPanel(page).getByRole('button', { name: 'Cancel rotation' }).click();
  const cancel = page.getByRole('alertdialog', { name: 'Cancel this rotation?' });
  await expect(cancel.getByTestId('rotation-facts')).toContainText(
    'exists and its secret is stored in the keychain',
  );
  await expect(cancel).toContainText('Revoke it?');
  await cancel.getByRole('button', { name: 'Cancel and revoke the new credential' }).click();
  await expect(
    rotationPanel(page).getByRole('heading', { name: 'Rotation cancelled' }),
  ).toBeVisible();
  await expect(rotationPanel(page)).toContainText(`Revoked the new credential`);
  const after = await app.core.credentials.list(environmentId);
  expect(after.find((c) => c.clientId === clientId)?.status).toBe('revoked');
  expect(after.find((c) => c.clientId === api.bootstrap.clientId)?.status).toBe('active');
  await expectPendingBadge(page, 'Staging', false);
});
