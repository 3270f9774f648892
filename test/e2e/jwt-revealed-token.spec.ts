import type { Locator, Page, TestInfo } from '@playwright/test';
import { SignJWT } from 'jose';
import type { AppHarness } from './harness';
import {
  activeBanner,
  addEnvironment,
  confirmInTrustedWindow,
  environmentButton,
  expect,
  saveScreenshot,
  sandboxEnvironment,
  storeSnapshot,
  test,
} from './support-app';

/** The JWT debugger's token field. */
function tokenInput(page: Page): Locator {
  return page.getByRole('tabpanel').getByLabel('Token', { exact: true });
}

/**
 * Reveals the selected environment's token into the debugger; returns it (read from the field).
 * A production token is shown only once the person confirms in main's window (`app`).
 */
async function inspectToken(
  page: Page,
  environment: string,
  production?: { readonly app: AppHarness; readonly screenshot?: TestInfo },
): Promise<string> {
  await page
    .getByRole('tabpanel')
    .getByRole('button', { name: `Inspect ${environment}’s token` })
    .click();
  if (production) {
    const { app, screenshot } = production;
    await confirmInTrustedWindow(app, {
      shows: [`Show the access token of ${environment}`],
      screenshot: screenshot && { testInfo: screenshot, name: 'confirm-reveal' },
    });
  }
  await expect(tokenInput(page)).toHaveValue(/^eyJ/);
  const token = await tokenInput(page).inputValue();
  // The search below can see the JWT store: the token is there while it is shown.
  expect(await storeSnapshot(page)).toContain(token);
  return token;
}

/** The token is out of the field, the stores and the page, and a note says why. */
async function expectCleared(page: Page, token: string, why: string): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'token was cleared' })).toContainText(
    why,
  );
  await expect(tokenInput(page)).toHaveValue('');
  expect(await storeSnapshot(page)).not.toContain(token);
  expect(await page.content()).not.toContain(token);
}

test("an environment's token revealed in the JWT debugger leaves on a switch, a tab change and when idle; a pasted one stays", async ({
  app,
  sandboxes,
}, testInfo) => {
  const { page } = app;
  // The page's timers and Date run on Playwright's clock, so five idle minutes take no time.
  await page.clock.install();
  await app.open();
  await addEnvironment(page, sandboxEnvironment(await sandboxes.start(), 'Alpha', 'production'));
  await addEnvironment(page, sandboxEnvironment(await sandboxes.start(), 'Beta', 'staging'));
  await page.getByRole('tab', { name: 'JWT' }).click();

  // Another environment selected.
  let token = await inspectToken(page, 'Beta');
  await environmentButton(page, 'Alpha').click();
  await expectCleared(page, token, 'Beta’s token was cleared from the debugger when another');

  // The JWT tab left (and come back to). Alpha is production: main asks before it shows the token.
  token = await inspectToken(page, 'Alpha', { app, screenshot: testInfo });
  await page.getByRole('tab', { name: 'Token' }).click();
  expect(await storeSnapshot(page)).not.toContain(token);
  await page.getByRole('tab', { name: 'JWT' }).click();
  await expectCleared(page, token, 'when you left the JWT tab');
  await saveScreenshot(page, testInfo, 'jwt-revealed-token-cleared');

  // Idle: activity keeps it, five minutes without any clears it.
  token = await inspectToken(page, 'Alpha', { app });
  await page.clock.fastForward('04:00');
  await page.mouse.move(10, 10);
  await page.clock.fastForward('04:00');
  await expect(tokenInput(page)).toHaveValue(token);
  await page.clock.fastForward('01:01');
  await expectCleared(page, token, 'after 5 minutes without activity');

  // A token the user pasted is theirs: none of this touches it.
  const pasted = await new SignJWT({ scope: 'mine' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'));
  await tokenInput(page).fill(pasted);
  await environmentButton(page, 'Beta').click();
  await expect(activeBanner(page)).toContainText('Beta');
  await page.getByRole('tab', { name: 'Token' }).click();
  await page.getByRole('tab', { name: 'JWT' }).click();
  await page.clock.fastForward('06:00');
  await expect(tokenInput(page)).toHaveValue(pasted);
  await expect(page.getByRole('status').filter({ hasText: 'token was cleared' })).toHaveCount(0);
});
