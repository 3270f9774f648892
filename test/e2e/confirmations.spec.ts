import { secretAccount } from '../../src/main/core/secrets/secret-store';
import { storedSecret } from '../support/stored-secret';
import {
  confirmCapture,
  createAndCapture,
  expectStep,
  openRotationTab,
  rotationPanel,
} from './rotation-support';
import {
  activeBanner,
  addEnvironment,
  confirmInTrustedWindow,
  declineInTrustedWindow,
  pressClosingKey,
  expect,
  listEnvironments,
  sandboxEnvironment,
  test,
} from './support-app';

test('removing a production environment is confirmed in Keysmith’s own window: Escape, Cancel and closing it keep everything', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Payments prod', 'production'));
  const [environment] = await listEnvironments(page);
  const account = secretAccount(environment!.id, api.bootstrap.clientId);
  const remove = page.getByRole('button', { name: 'Remove environment' });

  // The question: red production band, the environment, its URL verbatim, Cancel focused.
  await remove.click();
  const question = await app.confirmation();
  await expect(question.getByRole('banner', { name: 'Environment' })).toHaveText(
    /Production\s*Payments prod/i,
  );
  await expect(question.getByRole('heading', { level: 1 })).toHaveText(
    'Remove the environment Payments prod',
  );
  await expect(question.locator('.confirm-subject-value')).toHaveText(api.url);
  await expect(question.locator('body')).toContainText(api.bootstrap.clientId);
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const go = question.getByRole('button', { name: 'Remove environment' });
  await expect(go).toBeDisabled();
  await question
    .getByLabel('Type the environment’s name, Payments prod, to confirm')
    .fill('payments prod');
  await expect(go).toBeDisabled();
  // Enter on the focused Cancel, Escape, closing the window, Cancel: each one is a "no".
  await question.getByRole('button', { name: 'Cancel' }).focus();
  const closed = question.waitForEvent('close');
  await pressClosingKey(question, 'Enter');
  await closed;
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await remove.click();
  await declineInTrustedWindow(app, 'escape');
  await remove.click();
  await declineInTrustedWindow(app, 'close');
  await remove.click();
  await declineInTrustedWindow(app, 'cancel');
  await expect(activeBanner(page)).toContainText('Payments prod');
  expect(await storedSecret(app.secretStore, account)).toBe(api.bootstrap.clientSecret);

  // Confirmed with the name typed: gone, with its keychain entry.
  await remove.click();
  await confirmInTrustedWindow(app, {
    typed: true,
    screenshot: { testInfo, name: 'confirm-remove' },
  });
  await expect(activeBanner(page)).toContainText('No environment selected');
  expect(await app.secretStore.get(account)).toBeNull();
  expect(app.confirmations.requests).toHaveLength(5);
});

test('revealing a production token asks once in main’s window; a "no" shows nothing', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Live', 'production'));
  await page.getByRole('tab', { name: 'Token' }).click();
  const reveal = page.getByRole('button', { name: 'Reveal token' });
  await reveal.click();
  await declineInTrustedWindow(app, 'cancel', { shows: [api.bootstrap.clientId] });
  await expect(reveal).toBeEnabled();
  await expect(page.getByLabel('Access token value')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await reveal.click();
  await confirmInTrustedWindow(app, {
    shows: ['Show the access token of Live', 'Copy is safer'],
    screenshot: { testInfo, name: 'confirm-reveal-token' },
  });
  await expect(page.getByLabel('Access token value')).toHaveText(/^eyJ/);
  expect(app.confirmations.requests.map((request) => request.action)).toEqual([
    'token.reveal',
    'token.reveal',
  ]);
});

test('cancelling a production rotation and revoking its new credential is confirmed once, with the new client_id typed', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Live', 'production'));
  const panel = await openRotationTab(page);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  const { clientId: newId, capture } = await createAndCapture(page, undefined, () =>
    confirmInTrustedWindow(app),
  );
  await confirmCapture(capture);
  await expectStep(page, 'Verify');

  await rotationPanel(page).getByRole('button', { name: 'Cancel rotation' }).click();
  const cancel = page.getByRole('alertdialog', { name: 'Cancel this rotation?' });
  await expect(cancel.getByRole('textbox')).toHaveCount(0);
  await cancel.getByRole('button', { name: 'Cancel and revoke the new credential' }).click();
  await confirmInTrustedWindow(app, {
    typed: true,
    shows: [newId, 'Cancel the rotation in Live and revoke the new credential'],
    screenshot: { testInfo, name: 'confirm-cancel-revoke-new' },
  });
  await expect(
    rotationPanel(page).getByRole('heading', { name: 'Rotation cancelled' }),
  ).toBeVisible();
  const envId = (await listEnvironments(page))[0]!.id;
  const credentials = await app.core.credentials.list(envId);
  expect(credentials.find((c) => c.clientId === newId)?.status).toBe('revoked');
  expect(api.stats.credentialCreates).toBe(1);
});

test('page script can neither read the clipboard back nor reach the confirmation window', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Live', 'production'));
  // Main copies the token: it is on the clipboard, and the page still cannot read it back.
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByRole('button', { name: 'Copy as Authorization header' }).click();
  await expect.poll(() => app.clipboard.readText()).toMatch(/^Authorization: Bearer /);
  const probe = await page.evaluate(async () => {
    const read = await navigator.clipboard.readText().then(
      (text) => `read ${text.length} characters`,
      (error: Error) => `refused: ${error.name}`,
    );
    const window_ = window as unknown as Record<string, unknown>;
    return {
      read,
      paste: document.execCommand('paste'),
      bridge: typeof window_.keysmithConfirm,
      bindings: [typeof window_.__keysmithConfirmAnswer, typeof window_.__keysmithConfirmRequest],
    };
  });
  expect(probe).toEqual({
    read: 'refused: NotAllowedError',
    paste: false,
    bridge: 'undefined',
    bindings: ['undefined', 'undefined'],
  });

  // While main asks, the page cannot answer through its own bridge either.
  await page.getByRole('button', { name: 'Reveal token' }).click();
  const question = await app.confirmation();
  const answered = await page.evaluate(() =>
    (
      window as unknown as {
        keysmith: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> };
      }
    ).keysmith.invoke('keysmith-confirm:answer', { confirmed: true, typed: '' }),
  );
  expect(answered).toMatchObject({ ok: false });
  expect(question.isClosed()).toBe(false);
  await declineInTrustedWindow(app);
  await expect(page.getByLabel('Access token value')).toHaveCount(0);
});
