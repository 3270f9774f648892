import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronBinary, launchApp, MAIN_SCRIPT } from './launch';

// What only the Electron binary can show of src/main/launch-policy.ts as index.ts applies it. These
// run the unpackaged app (`app.isPackaged` is false): the packaged refusals (debugging switches,
// env overrides, no DevTools) are covered by test/unit/launch-policy.test.ts and need a packaged
// build to be seen end to end.
const binary = electronBinary();

test.describe('the launch policy in Electron', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');
  const path = (binary as { path: string }).path;

  test('a second instance on the same data folder exits at once, without a window', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'keysmith-electron-'));
    const first = await launchApp(path, userData);
    await first.firstWindow();
    const second = spawnSync(path, [MAIN_SCRIPT], {
      env: { ...process.env, KEYSMITH_USER_DATA: userData },
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(second.error, 'the second instance must exit by itself').toBeUndefined();
    expect(second.status).toBe(0);
    expect(first.windows()).toHaveLength(1);
    await first.close();
  });

  test('the menu is the minimal one, with Toggle Developer Tools only because this build is unpackaged', async () => {
    const app = await launchApp(path);
    await app.firstWindow();
    const menu = await app.evaluate(({ app: electronApp, Menu }) => ({
      packaged: electronApp.isPackaged,
      labels: Menu.getApplicationMenu()?.items.map((item) => item.label) ?? [],
      roles:
        Menu.getApplicationMenu()?.items.flatMap(
          (item) => item.submenu?.items.map((sub) => sub.role ?? '') ?? [],
        ) ?? [],
    }));
    expect(menu.packaged).toBe(false);
    // On macOS the first menu is the app's own (its label is the app name).
    expect(menu.labels.slice(1)).toEqual(['Edit', 'View', 'Window']);
    if (process.platform !== 'darwin') expect(menu.labels[0]).toBe('File');
    expect(menu.roles.map((role) => role.toLowerCase())).toEqual(
      expect.arrayContaining(['quit', 'copy', 'paste', 'selectall', 'toggledevtools']),
    );
    await app.close();
  });
});
