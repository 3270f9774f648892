import type { Page } from '@playwright/test';
import { fakeJwt } from '../fixtures/fleet-samples';
import { openFleet, pasteOutsideFields, screenshotMasked } from './fleet-support';
import {
  activeBanner,
  addEnvironment,
  dialog,
  expect,
  listEnvironments,
  sandboxEnvironment,
  test,
} from './support-app';

/** The palette's query box. */
const paletteInput = (page: Page) => dialog(page, 'Command palette').getByRole('combobox');
/** The debugger's token box. */
const tokenBox = (page: Page) => page.getByRole('tabpanel').getByLabel('Token', { exact: true });

test('find: a production token pasted anywhere resolves to its environment, and a client_id jumps to its credential', async ({
  app,
  sandboxes,
}, testInfo) => {
  const production = await sandboxes.start();
  const staging = await sandboxes.start();
  const { page } = app;
  await app.open();
  await addEnvironment(page, sandboxEnvironment(production, 'Payments prod', 'production'));
  await addEnvironment(page, sandboxEnvironment(staging, 'Staging EU', 'staging'));
  const prod = (await listEnvironments(page)).find((env) => env.name === 'Payments prod')!;
  // Its keys are in the snapshot (Fleet → Refresh), so the token's kid is known too.
  const fleet = await openFleet(page, 'Snapshots');
  await fleet.getByRole('button', { name: 'Refresh the snapshot of Payments prod' }).click();
  await expect(fleet.getByRole('row', { name: /Payments prod/ })).toContainText('active');
  // A token from a ticket: the person copied it elsewhere and pastes it into Keysmith.
  const { accessToken } = await app.core.tokens.current(prod.id);

  await pasteOutsideFields(page, accessToken);
  const palette = dialog(page, 'Command palette');
  await expect(paletteInput(page)).toHaveValue(accessToken);
  const hit = palette.getByRole('option', { name: /Token from Payments prod/ });
  await expect(hit).toContainText('Production · matched by client, key id, issuer, audience');
  await expect(palette.getByRole('option', { name: /Staging EU/ })).toHaveCount(0);
  await screenshotMasked(page, testInfo, 'find-pasted-production-token', [paletteInput(page)]);
  await hit.click();
  await expect(activeBanner(page)).toContainText('Payments prod');

  // A client_id typed into Ctrl+K: its credential, in its environment, with its actions.
  await page.keyboard.press('Control+k');
  await paletteInput(page).fill(staging.bootstrap.clientId.slice(0, 16));
  const credential = palette.getByRole('option', { name: new RegExp(staging.bootstrap.clientId) });
  await expect(credential).toContainText('client_id in Staging · Staging EU');
  await credential.click();
  await expect(activeBanner(page)).toContainText('Staging EU');
  await expect(page.getByRole('searchbox', { name: 'Search by name or client_id' })).toHaveValue(
    staging.bootstrap.clientId,
  );
  const row = page.locator(`[data-client-id="${staging.bootstrap.clientId}"]`);
  await expect(row.getByRole('button', { name: /^Rotate/ })).toBeVisible();
  await expect(row.getByRole('button', { name: /^Revoke/ })).toBeVisible();

  // Its tail, or the shortened form the tables show ("head…tail"), finds it as well.
  const productionId = production.bootstrap.clientId;
  const productionHit = palette.getByRole('option', { name: new RegExp(productionId) });
  await page.keyboard.press('Control+k');
  await paletteInput(page).fill(productionId.slice(-8));
  await expect(productionHit).toContainText('Payments prod');
  await paletteInput(page).fill(`${productionId.slice(0, 13)}…${productionId.slice(-8)}`);
  await expect(productionHit).toContainText('Payments prod');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // A client_id pasted outside any field opens find too; other text does not.
  await pasteOutsideFields(page, 'just some words');
  await expect(palette).toBeHidden();
  await pasteOutsideFields(page, production.bootstrap.clientId);
  await expect(
    palette.getByRole('option', { name: new RegExp(production.bootstrap.clientId) }),
  ).toContainText('Payments prod');
});

test('alarm: a production token in the debugger is named in red, with a warning while staging is selected', async ({
  app,
  sandboxes,
}, testInfo) => {
  const production = await sandboxes.start();
  const staging = await sandboxes.start();
  const { page } = app;
  await app.open();
  await addEnvironment(page, sandboxEnvironment(production, 'Payments prod', 'production'));
  await addEnvironment(page, sandboxEnvironment(staging, 'Staging EU', 'staging'));
  const envs = await listEnvironments(page);
  const prodToken = (
    await app.core.tokens.current(envs.find((env) => env.name === 'Payments prod')!.id)
  ).accessToken;
  const stagingToken = (
    await app.core.tokens.current(envs.find((env) => env.name === 'Staging EU')!.id)
  ).accessToken;

  await page.getByRole('tab', { name: 'JWT' }).click();
  await tokenBox(page).fill(prodToken);
  const panel = page.getByRole('tabpanel');
  const banner = panel
    .getByRole('alert')
    .filter({ hasText: 'This is a PRODUCTION token from Payments prod' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(
    'matched by its client, its key id (kid), its issuer (iss) and its audience (aud)',
  );
  await expect(banner).toHaveCSS('background-color', 'rgb(196, 22, 28)');
  await expect(
    panel.getByRole('alert').filter({
      hasText: 'The selected environment is Staging EU (Staging), but this token is not from it.',
    }),
  ).toBeVisible();
  await screenshotMasked(page, testInfo, 'alarm-production-token-while-staging', [tokenBox(page)]);

  // Staging's own token: named, in staging's colour, and no mismatch warning.
  await tokenBox(page).fill(stagingToken);
  await expect(
    panel.getByRole('status').filter({ hasText: 'This is a staging token from Staging EU' }),
  ).toBeVisible();
  await expect(panel.getByText(/but this token is not from it/)).toHaveCount(0);
  // A token from nowhere Keysmith knows: no banner at all.
  await tokenBox(page).fill(fakeJwt({}, { iss: 'https://elsewhere.example' }));
  await expect(panel.getByLabel('Where this token comes from')).toHaveCount(0);
});

test('offline verification: after the API is stopped, the debugger verifies with the key snapshot and names it; new keys show as a rotation', async ({
  app,
  sandboxes,
}, testInfo) => {
  const first = await sandboxes.start();
  const { page } = app;
  await app.open();
  await addEnvironment(page, sandboxEnvironment(first, 'Payments prod', 'production'));
  const prod = (await listEnvironments(page))[0]!;
  const fleet = await openFleet(page, 'Snapshots');
  await fleet.getByRole('button', { name: 'Refresh the snapshot of Payments prod' }).click();
  const keysCell = fleet
    .getByRole('row', { name: /Payments prod/ })
    .getByRole('cell')
    .nth(1);
  await expect(keysCell).not.toContainText('not fetched');
  const oldKid = (await app.core.snapshots.jwks(prod.id))!.kids[0]!;
  const oldToken = (await app.core.tokens.current(prod.id)).accessToken;
  await first.close();

  await page.getByRole('tab', { name: 'JWT' }).click();
  await tokenBox(page).fill(oldToken);
  const verdict = page.getByRole('status', { name: 'Snapshot verdict' });
  await expect(verdict).toContainText('Signature verified offline');
  await expect(verdict).toContainText(`Payments prod’s key snapshot of`);
  await expect(verdict).toContainText(`kid ${oldKid} (RS256)`);
  await screenshotMasked(page, testInfo, 'offline-verification-sandbox-stopped', [tokenBox(page)]);

  // The same API comes back with new signing keys: the refreshed snapshot records a rotation.
  await sandboxes.start({
    port: first.port,
    bootstrap: { clientId: first.bootstrap.clientId, clientSecret: first.bootstrap.clientSecret },
  });
  await openFleet(page, 'Snapshots');
  await fleet.getByRole('button', { name: 'Refresh the snapshot of Payments prod' }).click();
  await expect(fleet.getByRole('row', { name: /Payments prod/ })).toContainText(`lost ${oldKid}`);
  await page.getByRole('tab', { name: 'JWT' }).click();
  await tokenBox(page).fill(oldToken);
  await expect(verdict).toContainText(
    `it was signed with kid ${oldKid}, which the server no longer publishes (a key rotation)`,
  );
  await expect(verdict).toContainText('Key rotation');
  await screenshotMasked(page, testInfo, 'offline-verification-key-rotation', [tokenBox(page)]);
});
