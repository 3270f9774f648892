import type { Page } from '@playwright/test';
import { LYING_NAME, ZERO_WIDTH_NAME } from './layout-data';
import { expectAccessible, openRotationTab, rotationPanel } from './rotation-support';
import {
  addEnvironment,
  confirmInTrustedWindow,
  declineInTrustedWindow,
  dialog,
  expect,
  sandboxEnvironment,
  test,
} from './support-app';

/** How the lying name is drawn: its override as a visible marker, the rest as the server sent it. */
const LYING_SHOWN = '⟨U+202E⟩norc dlO';

/** Creates a credential through the New credential form; production confirms in main's window first. */
async function createNamed(
  page: Page,
  environment: string,
  name: string,
  confirm?: () => Promise<unknown>,
) {
  await page.getByRole('button', { name: 'New credential' }).click();
  const form = dialog(page, `New credential in ${environment}`);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Create credential' }).click();
  await confirm?.();
  const capture = dialog(page, 'Store the new client secret now');
  await expect(capture).toBeVisible({ timeout: 15_000 });
  const clientId = (await capture.getByTestId('capture-client-id').textContent()) ?? '';
  return { capture, clientId };
}

/** Confirms the one-time capture (its secret is never revealed or photographed here). */
async function closeCapture(page: Page) {
  const capture = dialog(page, 'Store the new client secret now');
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await capture.getByRole('button', { name: 'Done' }).click();
  await expect(capture).toBeHidden();
}

test('a name with a right-to-left override is shown with its marker, and main warns before rotating it', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Payments', 'production'));

  // The sandbox accepts the name (real HTTP); main's create question already names the character.
  const { capture, clientId } = await createNamed(page, 'Payments', LYING_NAME, () =>
    confirmInTrustedWindow(app, { shows: [LYING_SHOWN, 'U+202E RIGHT-TO-LEFT OVERRIDE'] }),
  );
  await expect(capture).toContainText(LYING_SHOWN);
  await closeCapture(page);
  expect(app.confirmations.requests.at(-1)?.warning).toContain(`“${LYING_SHOWN}” holds U+202E`);

  // The table draws the override instead of obeying it, isolated from its neighbours.
  const row = page.locator(`[data-client-id="${clientId}"]`);
  await expect(row.locator('.name-button')).toHaveText(LYING_SHOWN);
  await expect(row.locator('.name-button bdi .hidden-char')).toHaveAttribute(
    'title',
    'U+202E RIGHT-TO-LEFT OVERRIDE',
  );

  // Revoking it: the app's waiting dialog warns while main asks by client_id; declined, kept.
  await row.getByRole('button', { name: `Revoke ${LYING_SHOWN}` }).click();
  const waiting = page.getByRole('alertdialog', { name: `Revoke ${LYING_SHOWN}?` });
  await expect(waiting.getByTestId('hidden-characters-warning')).toContainText(
    'U+202E RIGHT-TO-LEFT OVERRIDE',
  );
  await declineInTrustedWindow(app, 'cancel', { shows: [clientId] });
  await expect(waiting).toBeHidden();
  expect(app.confirmations.requests.at(-1)).toMatchObject({
    action: 'credential.revoke',
    subject: clientId,
  });

  // Rotating it: the start form warns, and so does main's own question before it creates anything.
  await row.getByRole('button', { name: `Rotate ${LYING_SHOWN}` }).click();
  const panel = await openRotationTab(page);
  await expect(panel.getByTestId('hidden-characters-warning')).toContainText(LYING_SHOWN);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  await rotationPanel(page).getByRole('button', { name: 'Create the new credential' }).click();
  const question = await app.confirmation();
  await expect(question.getByRole('note')).toContainText(
    `The old credential’s name “${LYING_SHOWN}” holds U+202E RIGHT-TO-LEFT OVERRIDE`,
  );
  // Nothing on main's page obeys the override: every one is drawn as a marker.
  expect(await question.locator('body').textContent()).not.toContain('\u202E');
  // Main's page, warning and all, in both themes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await question.emulateMedia({ colorScheme });
    await expectAccessible(question, `trusted confirmation with a warning (${colorScheme})`);
  }
  await declineInTrustedWindow(app, 'cancel', {
    screenshot: { testInfo, name: 'confirm-rotation-hidden-characters' },
  });
  const asked = app.confirmations.requests.at(-1);
  expect(asked?.action).toBe('rotation.create');
  expect(asked?.warning).toContain('Check the client_id before you go on.');
  expect(asked?.detail).toContain(`to replace “${LYING_SHOWN}” (${clientId})`);
});

test('outside production the app’s own revoke confirmation warns about a zero-width space', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Staging', 'staging'));
  const { clientId } = await createNamed(page, 'Staging', ZERO_WIDTH_NAME);
  await closeCapture(page);

  const shown = 'Old⟨U+200B⟩ cron';
  const row = page.locator(`[data-client-id="${clientId}"]`);
  await expect(row.locator('.name-button')).toHaveText(shown);
  await row.getByRole('button', { name: `Revoke ${shown}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Revoke ${shown}?` });
  await expect(confirm.getByTestId('hidden-characters-warning')).toContainText(
    `The credential name “${shown}” holds U+200B ZERO WIDTH SPACE`,
  );
  await expect(confirm).toContainText(clientId);
  await confirm.getByRole('button', { name: 'Revoke credential' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Revoked ${shown}` })).toBeVisible();
  expect(app.confirmations.requests).toEqual([]);
});
