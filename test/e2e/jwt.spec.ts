import { SignJWT } from 'jose';
import type { Page } from '@playwright/test';
import {
  addEnvironment,
  expect,
  saveScreenshot,
  sandboxEnvironment,
  storeSnapshot,
  test,
} from './support-app';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/** The instant the debugger last inspected its token (the JWT store's `inspectedAt`). */
async function inspectedAt(page: Page): Promise<unknown> {
  return (JSON.parse(await storeSnapshot(page)) as { jwt?: { inspectedAt?: unknown } }).jwt
    ?.inspectedAt;
}

test('paste a token, read its claims, verify it, and watch the countdown tick — all offline', async ({
  app,
}, testInfo) => {
  const token = await new SignJWT({ scope: 'credentials:read', client_id: 'dinie_ci_demo' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('https://issuer.example')
    .setSubject('dinie_ci_demo')
    .setIssuedAt(NOW / 1000)
    .setExpirationTime(NOW / 1000 + 600)
    .sign(new TextEncoder().encode(SECRET));
  const { page } = app;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  // The page's clock stands still at NOW (timers still run) until the test moves it.
  await page.clock.setFixedTime(NOW);
  await app.open();
  await page.getByRole('tab', { name: 'JWT' }).click();
  const panel = page.getByRole('tabpanel');

  await panel.getByLabel('Token', { exact: true }).fill(`Bearer "${token}"`);
  await expect(panel.getByText('Signature not verified')).toBeVisible();
  const claims = panel.getByRole('table', { name: 'Claims' });
  await expect(claims.getByRole('row', { name: /^iss/ })).toContainText('https://issuer.example');
  await expect(claims.getByRole('row', { name: /^exp/ })).toContainText('2026-11-24T12:10:00Z');
  await expect(claims.getByRole('row', { name: /^exp/ })).toContainText('in 10 min');
  const timer = panel.getByRole('timer', { name: 'Time until the pasted token expires' });
  await expect(timer).toHaveText('00:10:00');
  await page.clock.setFixedTime(NOW + 5_000);
  await expect(timer).toHaveText('00:09:55');
  await expect(claims.getByRole('row', { name: /^iat/ })).toContainText('5 s ago');
  // The clock moved the times, not the inspection: the token was read once, at NOW.
  expect(await inspectedAt(page)).toBe(NOW);

  // A wrong key is rejected, the right one verifies and says which algorithm.
  await panel.getByLabel('Key', { exact: true }).fill('not the secret at all, but long enough');
  await panel.getByRole('button', { name: 'Verify signature' }).click();
  await expect(panel.getByRole('status', { name: 'Signature verdict' })).toContainText(
    'Signature invalid',
  );
  await panel.getByLabel('Key', { exact: true }).fill(SECRET);
  await panel.getByRole('button', { name: 'Verify signature' }).click();
  await expect(panel.getByRole('status', { name: 'Signature verdict' })).toContainText(
    'Signature valid',
  );
  await expect(panel.getByText('Signature verified')).toBeVisible();
  await saveScreenshot(page, testInfo, 'jwt-debugger');

  // Just past exp but inside the clock tolerance (60 s), then past it.
  await page.clock.setFixedTime(NOW + 601_000);
  await expect(panel.getByText('within the 60 s clock tolerance')).toBeVisible();
  await page.clock.setFixedTime(NOW + 700_000);
  await expect(panel.getByRole('heading', { name: 'Time Expired' })).toBeVisible();
  // A change of state (valid → expired) inspects again, so findings about the window stay true.
  await expect.poll(() => inspectedAt(page)).toBe(NOW + 700_000);

  // Garbage gets a precise error, not a crash.
  await panel.getByLabel('Token', { exact: true }).fill('eyJhbGciOiJIUzI1NiJ9.%%%.abc');
  await expect(panel.getByRole('alert')).toContainText('payload');

  // Nothing but the app's own files was ever requested by the page.
  expect(requests.every((url) => url.startsWith(app.url))).toBe(true);
});

test("inspects an environment's token and verifies it with keys fetched by main", async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Keys', 'staging'));
  await page.getByRole('tab', { name: 'JWT' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'Inspect Keys’s token' }).click();
  await expect(panel.getByRole('table', { name: 'Header' })).toContainText('RS256');
  // The environment's own JWKS: its configuration names the URL, so main asks nothing.
  await panel.getByRole('button', { name: 'Keys of Keys' }).click();
  await expect(panel.getByLabel('Key type')).toHaveValue('jwks');
  await panel.getByRole('button', { name: 'Verify signature' }).click();
  const verdict = panel.getByRole('status', { name: 'Signature verdict' });
  await expect(verdict).toContainText('Signature valid');
  await expect(verdict).toContainText('kid');

  // Pin it: the watch list keeps only metadata, never the token.
  await panel.getByRole('button', { name: 'Pin to watch list' }).click();
  await expect(panel.getByRole('list', { name: 'Pinned tokens' })).toContainText('expires in');
  const pinned = await app.core.watchList.list();
  expect(pinned).toHaveLength(1);
  expect(JSON.stringify(pinned)).not.toContain('eyJ');
});
