import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addEnvironment,
  confirmInTrustedWindow,
  declineInTrustedWindow,
  dialog,
  expect,
  sandboxEnvironment,
  test,
} from './support-app';
import { tabCycle, unreachableByTab } from './keyboard-support';

/** Runs axe on the page (or a part of it) and fails on any serious or critical violation. */
async function expectNoSeriousViolations(page: Page, screen: string, include?: string) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const bad = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) ${violation.help}\n  ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join('\n  ')}`,
    );
  expect(bad, bad.join('\n')).toEqual([]);
}

test('every main screen passes axe and every control is reachable by Tab and named', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await expectNoSeriousViolations(page, 'empty shell');
  await addEnvironment(page, sandboxEnvironment(api, 'Prod EU', 'production'));
  await expect(page.getByRole('table', { name: /^Credentials of/ })).toBeVisible();

  for (const tab of ['Credentials', 'Token', 'Activity']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousViolations(page, tab);
    const reached = await tabCycle(page);
    const missed = await unreachableByTab(page);
    expect(missed, `${tab}: not reachable by Tab`).toEqual([]);
    expect(reached.length).toBeGreaterThan(5);
  }

  // Dialogs: the palette, the add form, the create form and the capture.
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await page.keyboard.press('Control+k');
  await expectNoSeriousViolations(page, 'palette');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Add environment' }).click();
  await expectNoSeriousViolations(page, 'add environment');
  await dialog(page, 'Add environment').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'New credential' }).click();
  await dialog(page, 'New credential in Prod EU').getByLabel('Name', { exact: true }).fill('A11y');
  await dialog(page, 'New credential in Prod EU')
    .getByRole('button', { name: 'Create credential' })
    .click();
  // Production: main asks in its own window first (axe checks that page at the revoke below).
  await confirmInTrustedWindow(app);
  const capture = dialog(page, 'Store the new client secret now');
  await expect(capture).toBeVisible();
  await expectNoSeriousViolations(page, 'capture');
  await capture
    .getByRole('checkbox', { name: 'I have stored this secret where my app needs it' })
    .check();
  await capture.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Revoke A11y' }).click();
  const question = await app.confirmation();
  await expect(question.getByLabel(/^Type the last 6 characters/)).toBeVisible();
  await expectNoSeriousViolations(question, 'trusted confirmation (revoke)');
  await expectNoSeriousViolations(page, 'waiting for the confirmation');
  await declineInTrustedWindow(app, 'escape');
  await expect(page.getByRole('alertdialog')).toBeHidden();
});

test('the palette opens with Ctrl+K from anywhere and traps focus', async ({ app }) => {
  await app.open();
  const { page } = app;
  await page.getByRole('tab', { name: 'Activity' }).focus();
  await page.keyboard.press('Control+k');
  const palette = dialog(page, 'Command palette');
  await expect(palette).toBeVisible();
  await page.keyboard.type('activity');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Activity' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Control+k');
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Shift+Tab');
    expect(await palette.evaluate((element) => element.contains(document.activeElement))).toBe(
      true,
    );
  }
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});
