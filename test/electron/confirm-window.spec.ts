import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { electronBinary, launchApp } from './launch';

const binary = electronBinary();

/** What page script gets back from `window.keysmith.invoke`. */
type PageResult = { ok: boolean; value?: unknown; error?: { kind: string } };

/** Calls a channel from the app's page, as page script would (the call is not awaited here). */
function invokeFromPage(page: Page, channel: string, input: unknown): Promise<PageResult> {
  return page.evaluate(
    ([name, data]) =>
      (
        window as unknown as { keysmith: { invoke(c: string, i: unknown): Promise<PageResult> } }
      ).keysmith.invoke(name, data),
    [channel, input] as const,
  );
}

/** Adds a production environment over a sandbox on loopback; returns its id. */
async function addProduction(page: Page, api: SandboxHandle): Promise<string> {
  const added = await invokeFromPage(page, 'environments:add', {
    name: 'Payments prod',
    kind: 'production',
    baseUrl: api.url,
    tokenUrl: null,
    extraHeaders: {},
    colour: '#c4161c',
    clientId: api.bootstrap.clientId,
    clientSecret: api.bootstrap.clientSecret,
    saveUnverified: false,
  });
  expect(added.ok, JSON.stringify(added.error)).toBe(true);
  return (added.value as { environment: { id: string } }).environment.id;
}

/** The confirmation window main opens for the next question. */
async function nextConfirmation(app: ElectronApplication): Promise<Page> {
  const page = await app.waitForEvent('window');
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

test.describe('the trusted confirmation window (Electron)', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('a production reveal opens a modal child window, as locked down as the main one, that only it can answer', async () => {
    const api = await startSandbox({ rateLimit: false });
    const app = await launchApp((binary as { path: string }).path);
    try {
      const page = await app.firstWindow();
      const environmentId = await addProduction(page, api);

      // Declined with Escape: nothing reaches the page.
      const refused = invokeFromPage(page, 'token:reveal', { environmentId });
      const question = await nextConfirmation(app);
      expect(question.url()).toMatch(/^app:\/\/keysmith\/confirm\.html$/);
      const windows = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((window) => {
          const internal = window.webContents as unknown as {
            getLastWebPreferences(): Record<string, unknown> | null;
          };
          const { preload: _preload, ...prefs } = internal.getLastWebPreferences() ?? {};
          return {
            url: window.webContents.getURL(),
            modal: window.isModal(),
            hasParent: window.getParentWindow() !== null,
            prefs,
          };
        }),
      );
      const main = windows.find((w) => w.url.endsWith('/index.html'))!;
      const confirm = windows.find((w) => w.url.endsWith('/confirm.html'))!;
      expect(confirm).toMatchObject({ modal: true, hasParent: true });
      expect(confirm.prefs).toEqual(main.prefs);
      expect(confirm.prefs).toMatchObject({ contextIsolation: true, sandbox: true });
      // Its page gets only its own bridge; the app's page has neither that nor ipcRenderer.
      expect(
        await question.evaluate(() => ({
          confirm: Object.keys(
            (window as unknown as { keysmithConfirm: object }).keysmithConfirm,
          ).sort(),
          keysmith: typeof (window as unknown as { keysmith?: unknown }).keysmith,
        })),
      ).toEqual({ confirm: ['answer', 'request'], keysmith: 'undefined' });
      expect(
        await page.evaluate(
          () => typeof (window as unknown as { keysmithConfirm?: unknown }).keysmithConfirm,
        ),
      ).toBe('undefined');
      await question.keyboard.press('Escape');
      expect((await refused).error?.kind).toBe('cancelled');

      // Confirmed with the button: the token comes back.
      const revealed = invokeFromPage(page, 'token:reveal', { environmentId });
      const again = await nextConfirmation(app);
      await again.getByRole('button', { name: 'Reveal token' }).click();
      expect((await revealed).ok).toBe(true);
    } finally {
      await app.close();
      await api.close();
    }
  });

  test('main checks the typed phrase itself, and closing the window is a "no"', async () => {
    const api = await startSandbox({ rateLimit: false });
    const app = await launchApp((binary as { path: string }).path);
    try {
      const page = await app.firstWindow();
      const environmentId = await addProduction(page, api);
      const input = { environmentId, clientId: api.bootstrap.clientId };

      // The confirm page itself says "yes" with a wrong phrase: main still declines.
      const wrong = invokeFromPage(page, 'credentials:revoke', input);
      const question = await nextConfirmation(app);
      await question.evaluate(() =>
        (
          window as unknown as { keysmithConfirm: { answer(c: boolean, t: string): unknown } }
        ).keysmithConfirm.answer(true, 'not-the-tail'),
      );
      expect((await wrong).error?.kind).toBe('cancelled');

      const closed = invokeFromPage(page, 'credentials:revoke', input);
      await (await nextConfirmation(app)).close();
      expect((await closed).error?.kind).toBe('cancelled');
      expect(api.stats.requests['DELETE /auth/credentials/:client_id'] ?? 0).toBe(0);
    } finally {
      await app.close();
      await api.close();
    }
  });

  test('the app’s page cannot read the clipboard back (the permission handler refuses clipboard-read)', async () => {
    const app = await launchApp((binary as { path: string }).path);
    try {
      const page = await app.firstWindow();
      await app.evaluate(({ clipboard }) => clipboard.writeText('copied-through-main'));
      const read = await page.evaluate(() =>
        navigator.clipboard.readText().then(
          (text) => `read: ${text}`,
          (error: Error) => `refused: ${error.name}`,
        ),
      );
      expect(read).toBe('refused: NotAllowedError');
    } finally {
      await app.close();
    }
  });
});
