import {
  createKeytarSecretStore,
  type KeytarApi,
  type SecretStore,
} from '../../src/main/core/secrets/secret-store';
import { addEnvironment, dialog, expect, sandboxEnvironment, test } from './support-app';

/** What libsecret answers while the login keyring is locked (keytar passes its message on). */
const LOCKED = 'Cannot create an item in a locked collection';

/** A keytar whose every call fails as a locked Secret Service does. */
const lockedKeytar: KeytarApi = {
  getPassword: () => Promise.reject(new Error(LOCKED)),
  setPassword: () => Promise.reject(new Error(LOCKED)),
  deletePassword: () => Promise.reject(new Error(LOCKED)),
  findCredentials: () => Promise.reject(new Error(LOCKED)),
};

/**
 * Locks the keychain under the running core: the harness's store answers through the real keytar
 * adapter over a locked keytar until the returned function unlocks it. (Locking the real
 * gnome-keyring would lock it for every other test running beside this one.)
 */
function lockKeychain(store: SecretStore, service: string): () => void {
  const real = { ...store };
  Object.assign(
    store,
    createKeytarSecretStore(service, () => Promise.resolve(lockedKeytar)),
  );
  return () => Object.assign(store, real);
}

test('every network action shows its progress while the API is slow', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start({ faults: true });
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Slow', 'staging'));
  await expect(page.getByRole('table', { name: /^Credentials of/ })).toBeVisible();

  api.faults.inject('GET /auth/credentials', { kind: 'delay', ms: 2_000 }, 1);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByText('Loading…')).toBeVisible();
  await expect(page.getByText(/ · updated \d\d:\d\d:\d\d/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveAttribute('aria-busy', 'false');

  await page.getByRole('tab', { name: 'Token' }).click();
  api.faults.inject('POST /auth/token', { kind: 'delay', ms: 2_000 }, 1);
  await page.getByRole('button', { name: /Get token|Renew now/ }).click();
  const renewing = page.getByRole('button', { name: 'Renewing…' });
  await expect(renewing).toHaveAttribute('aria-busy', 'true');
  await expect(renewing).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Renew now' })).toBeEnabled({ timeout: 15_000 });
});

test('an API gone away: the error is where it happened, in view and focused, in the smallest window', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  const { page } = app;
  await page.setViewportSize({ width: 900, height: 600 });
  await app.open();
  await addEnvironment(page, sandboxEnvironment(api, 'Gone', 'development'));
  await page.getByRole('tab', { name: 'Token' }).click();
  await expect(page.getByRole('button', { name: /Get token|Renew now/ })).toBeEnabled();
  await api.close();

  await page.getByRole('button', { name: /Get token|Renew now/ }).click();
  const alert = page.getByRole('tabpanel').getByRole('alert');
  await expect(alert).toContainText(/Cannot reach the API|did not answer in time/, {
    timeout: 30_000,
  });
  await expect(alert).toBeFocused();
  await expect(alert).toBeInViewport();
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a locked keychain is said window-wide at once, and each action that needs it explains it', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Vault', 'staging'));
  const unlock = lockKeychain(app.secretStore, app.keychainService);
  try {
    await app.open();
    const notice = page.getByTestId('keychain-notice');
    await expect(notice).toContainText('The OS keychain is locked');
    await expect(notice).toContainText('Unlock your OS keychain');
    await expect(page.getByTestId('keychain-status')).toContainText(
      'Keychain unavailable (locked)',
    );

    // An action that needs a secret says why it failed, where it was asked for, with a retry.
    await page.getByRole('tab', { name: 'Token' }).click();
    await page.getByRole('button', { name: /Get token|Renew now/ }).click();
    const alert = page.getByRole('tabpanel').getByRole('alert');
    await expect(alert).toContainText('The OS keychain is locked', { timeout: 15_000 });
    await expect(alert).toBeFocused();
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();

    // Unlocked: "Check again" clears the notice, and the retry gets a token.
    unlock();
    await notice.getByRole('button', { name: 'Check again' }).click();
    await expect(notice).toBeHidden();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByRole('timer').first()).toBeVisible();
  } finally {
    unlock();
  }
});

test('offline, the window says so until the connection is back', async ({ app }) => {
  await app.open();
  const { page } = app;
  const notice = page.getByTestId('offline-notice');
  await expect(notice).toHaveCount(0);
  await page.context().setOffline(true);
  await expect(notice).toContainText('You are offline');
  await expect(notice).toContainText('the JWT debugger and a local sandbox keep working');
  await page.context().setOffline(false);
  await expect(notice).toHaveCount(0);
});

test('empty states say what is missing and offer the next step', async ({ app, sandboxes }) => {
  await app.open();
  const { page } = app;
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'No environment' })).toBeVisible();
  await panel.getByRole('button', { name: 'Add your first environment' }).click();
  await expect(dialog(page, 'Add environment')).toBeVisible();
  await page.keyboard.press('Escape');

  const api = await sandboxes.start();
  await addEnvironment(page, sandboxEnvironment(api, 'Fresh', 'sandbox'));
  await page.getByRole('radio', { name: 'Revoked' }).check();
  await expect(panel).toContainText('No credential matches this filter and search.');
  await page.getByRole('tab', { name: 'JWT' }).click();
  await expect(panel).toContainText('Paste a token to verify its signature or decrypt it.');
  await expect(panel).toContainText('The decoded header and claims appear here');
});
