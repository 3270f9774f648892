import { expect, test } from './harness';

test('the shell shows app info that came through the real router and keychain', async ({ app }) => {
  await app.open();
  const { page } = app;
  await expect(page.getByTestId('app-version')).toHaveText('Keysmith 0.1.0-test');
  await expect(page.getByTestId('app-platform')).toContainText(process.platform);
  await expect(page.getByTestId('keychain-status')).toHaveText(
    /Keychain: Secret Service|Keychain: macOS|Keychain: Windows/,
  );
  for (const name of ['Credentials', 'Token', 'Rotation', 'JWT', 'Activity']) {
    await expect(page.getByRole('tab', { name })).toBeVisible();
  }
  await page.getByRole('tab', { name: 'JWT' }).click();
  await expect(page.getByRole('tab', { name: 'JWT' })).toHaveAttribute('aria-selected', 'true');
});

test('a call from a sub-frame is refused by the router with a clear error', async ({ app }) => {
  await app.open();
  const { page } = app;
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.srcdoc = '<p>child</p>';
    frame.title = 'child';
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve));
  });
  const child = page.frames().find((frame) => frame !== page.mainFrame());
  expect(child).toBeDefined();
  const result = await child!.evaluate(() =>
    (
      window as unknown as { __keysmithInvoke(c: string, i?: unknown): Promise<unknown> }
    ).__keysmithInvoke('app:info'),
  );
  expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  expect(JSON.stringify(result)).toContain('sub-frame');
});
