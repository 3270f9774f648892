import type { Page } from '@playwright/test';
import { tabCycle, unreachableByTab } from './keyboard-support';
import { addEnvironment, dialog, expect, sandboxEnvironment, test } from './support-app';

/** The tab shown now. */
function selectedTab(page: Page) {
  return page.getByRole('tab', { selected: true });
}

/** Presses Tab until the focused element matches `selector` (at most `max` presses). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** How the focused element is outlined: it must be a visible ring, in the theme's focus colour. */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return {
      focusVisible: element.matches(':focus-visible'),
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      colour: style.outlineColor,
    };
  });
}

test('shortcuts reach every tab and a new credential, and the palette lists them', async ({
  app,
  sandboxes,
}) => {
  const api = await sandboxes.start();
  await app.open();
  const { page } = app;
  await addEnvironment(page, sandboxEnvironment(api, 'Keys', 'staging'));

  for (const [key, tab] of [
    ['2', 'Token'],
    ['3', 'Rotation'],
    ['4', 'JWT'],
    ['5', 'Activity'],
    ['1', 'Credentials'],
  ] as const) {
    await page.keyboard.press(`Control+${key}`);
    await expect(selectedTab(page)).toHaveText(tab);
  }

  await page.keyboard.press('Control+n');
  const form = dialog(page, 'New credential in Keys');
  await expect(form).toBeVisible();
  expect(await form.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  // An open dialog owns the keyboard: nothing behind it moves.
  await page.keyboard.press('Control+3');
  await expect(selectedTab(page)).toHaveText('Credentials');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await page.keyboard.press('Control+k');
  const palette = dialog(page, 'Command palette');
  for (const [label, shortcut] of [
    ['Go to Credentials', 'Ctrl 1'],
    ['Go to Token', 'Ctrl 2'],
    ['Go to Activity', 'Ctrl 5'],
    ['New credential', 'Ctrl N'],
  ] as const) {
    await expect(palette.getByRole('option', { name: new RegExp(`^${label}`) })).toContainText(
      shortcut,
    );
  }
  await expect(palette.getByLabel('Keyboard')).toContainText('Ctrl K');
  await page.keyboard.press('Escape');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`without a mouse, in the ${scheme} theme: details, revoke and every control, with a visible focus ring`, async ({
    app,
    sandboxes,
  }) => {
    const api = await sandboxes.start();
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();
    await addEnvironment(page, sandboxEnvironment(api, 'Keys', 'staging'));
    await expect(page.getByRole('table', { name: /^Credentials of/ })).toBeVisible();
    const focusColour = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--focus').trim(),
    );
    expect(focusColour).toBe(scheme === 'dark' ? '#7aa2ff' : '#2459d1');

    // The credential's name opens its details; Escape gives the focus back.
    await page.locator('body').focus();
    await tabTo(page, '.name-button');
    const ring = await focusRing(page);
    expect(ring).toMatchObject({ focusVisible: true, style: 'solid' });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    const name = page.locator('.name-button').first();
    await page.keyboard.press('Enter');
    const details = dialog(page, 'Credential details');
    await expect(details).toBeVisible();
    expect(await details.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await expect(name).toBeFocused();

    // Revoke from the row, and back out of it, all from the keyboard.
    await tabTo(page, 'button[aria-label^="Revoke "]');
    expect((await focusRing(page)).focusVisible).toBe(true);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(page.locator('button[aria-label^="Revoke "]').first()).toBeFocused();

    // The tabs the accessibility spec does not walk: every control is one Tab stop away.
    for (const [key, tab, ready] of [
      ['3', 'Rotation', page.getByRole('button', { name: 'Start rotation' })],
      ['4', 'JWT', page.getByRole('textbox', { name: 'Token', exact: true })],
    ] as const) {
      await page.keyboard.press(`Control+${key}`);
      await expect(selectedTab(page)).toHaveText(tab);
      await expect(ready).toBeVisible();
      const reached = await tabCycle(page);
      expect(await unreachableByTab(page), `${tab}: not reachable by Tab`).toEqual([]);
      expect(reached.length).toBeGreaterThan(5);
    }
  });
}
