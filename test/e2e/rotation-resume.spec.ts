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

test('a rotation survives an app restart at every step and finishes', async ({
  app,
  sandboxes,
}, testInfo) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Staging', 'staging'));
  const panel = await openRotationTab(page);
  // By default the wizard rotates the credential the environment uses.
  await expect(panel.getByLabel('Credential to replace')).toHaveValue(api.bootstrap.clientId);
  await panel.getByRole('button', { name: 'Start rotation' }).click();
  await expectStep(page, 'Create');

  await restartApp(app);
  await expectStep(page, 'Create');
  await expectPendingBadge(page, 'Staging', true);
  const { clientId: newId, capture } = await createAndCapture(page);
  await confirmCapture(capture);
  await expectStep(page, 'Verify');

  await restartApp(app);
  await expectStep(page, 'Verify');
  await rotationPanel(page)
    .getByRole('button', { name: 'Get a token with the new credential' })
    .click();
  await expectStep(page, 'Switch');

  await restartApp(app);
  await expectStep(page, 'Switch');
  // The verification survived the restart: its claims are still shown.
  await expect(
    rotationPanel(page).getByRole('table', { name: "Claims of the new credential's token" }),
  ).toContainText(newId);
  await rotationPanel(page)
    .getByRole('button', { name: 'Switch Staging to the new credential' })
    .click();
  await expectStep(page, 'Hand over');

  await restartApp(app);
  await expectStep(page, 'Hand over');
  await expect(rotationPanel(page).getByTestId('hand-over-client-id')).toHaveText(newId);
  await rotationPanel(page)
    .getByRole('checkbox', { name: /I have given the new credential to every app/ })
    .check();
  await rotationPanel(page)
    .getByRole('button', { name: 'Continue to watching the old key' })
    .click();
  await expectStep(page, 'Watch');
  await expect(rotationPanel(page).getByText(/^1, last at/)).toBeVisible();

  await restartApp(app);
  await expectStep(page, 'Watch');
  await saveScreenshot(page, testInfo, 'resume-watch-after-restart');
  // The saved checks are back, the countdown goes on, and checking again counts on from them.
  await expect(rotationPanel(page).getByText(/^1, last at/)).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Time until the next check' })).toBeVisible();
  await rotationPanel(page).getByRole('button', { name: 'Check now' }).click();
  await expect(rotationPanel(page).getByText(/^2, last at/)).toBeVisible();
  await rotationPanel(page).getByRole('button', { name: 'Continue to revoke' }).click();
  await expectStep(page, 'Revoke');
  await rotationPanel(page)
    .getByRole('button', { name: /^Revoke / })
    .click();
  const confirm = page.getByRole('alertdialog', { name: /^Revoke .*\?$/ });
  await confirm.getByRole('button', { name: 'Revoke old credential' }).click();
  await expectStep(page, 'Summary');

  await restartApp(app);
  await expectStep(page, 'Summary');
  await rotationPanel(page)
    .getByRole('button', { name: 'Finish and write the summary to the audit log' })
    .click();
  await expect(
    rotationPanel(page).getByRole('heading', { name: 'Rotation complete' }),
  ).toBeVisible();
  await expectPendingBadge(page, 'Staging', false);
  await saveScreenshot(page, testInfo, 'resume-summary');

  expect(api.stats.credentialCreates).toBe(1);
  const log = await app.core.auditLog.list();
  expect(log.filter((entry) => entry.action === 'rotation.done')).toHaveLength(1);
});
