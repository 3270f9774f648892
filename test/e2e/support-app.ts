import type { Locator, Page, TestInfo } from '@playwright/test';
import type { EnvironmentView } from '../../src/shared/domain';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox';
import { startOidcServer, type OidcServer, type OidcServerOptions } from '../fixtures/oidc-server';
import { expect, test as harnessTest, type AppHarness } from './harness';

/**
 * The `app` fixture plus `sandboxes` (API servers a test starts) and `oidc` (real oidc-provider
 * authorization servers a test starts), all closed when it ends.
 */
export const test = harnessTest.extend<{
  sandboxes: { start(options?: SandboxOptions): Promise<SandboxHandle> };
  oidc: { start(options?: OidcServerOptions): Promise<OidcServer> };
}>({
  // eslint-disable-next-line no-empty-pattern
  oidc: async ({}, use) => {
    const started: OidcServer[] = [];
    await use({
      async start(options = {}) {
        const server = await startOidcServer(options);
        started.push(server);
        return server;
      },
    });
    await Promise.all(started.map((server) => server.close()));
  },
  // eslint-disable-next-line no-empty-pattern
  sandboxes: async ({}, use) => {
    const started: SandboxHandle[] = [];
    await use({
      async start(options = {}) {
        const handle = await startSandbox({ rateLimit: false, ...options });
        started.push(handle);
        return handle;
      },
    });
    await Promise.all(started.map((handle) => handle.close()));
  },
});

export { expect };

/** Re-exported for the specs: the seeding logic is shared with the benchmarks. */
export { seedSandboxData } from '../fixtures/sandbox-data';

/** What the add-environment form needs. */
export interface NewEnvironment {
  readonly name: string;
  readonly kind: 'production' | 'staging' | 'development' | 'sandbox';
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The environment form's dialog. */
export function dialog(page: Page, name: string | RegExp): Locator {
  return page.getByRole('dialog', { name });
}

/** Fills the add-environment form; does not submit. */
export async function fillEnvironmentForm(page: Page, env: NewEnvironment): Promise<Locator> {
  await page.getByRole('button', { name: 'Add environment' }).click();
  const form = dialog(page, 'Add environment');
  await form.getByLabel('Name', { exact: true }).fill(env.name);
  await form.getByLabel('Kind').selectOption(env.kind);
  await form.getByLabel('Base URL').fill(env.baseUrl);
  await form.getByLabel('client_id').fill(env.clientId);
  await form.getByLabel('client_secret').fill(env.clientSecret);
  return form;
}

/** Adds an environment through the UI with a credential the API accepts, and waits until it is active. */
export async function addEnvironment(page: Page, env: NewEnvironment): Promise<void> {
  const form = await fillEnvironmentForm(page, env);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(form).toBeHidden({ timeout: 15_000 });
  await expect(activeBanner(page)).toContainText(env.name);
}

/** An environment for a sandbox, with its bootstrap credential. */
export function sandboxEnvironment(
  sandbox: SandboxHandle,
  name: string,
  kind: NewEnvironment['kind'],
): NewEnvironment {
  if (sandbox.bootstrap.clientSecret === null) throw new Error('sandbox without bootstrap secret');
  return {
    name,
    kind,
    baseUrl: sandbox.url,
    clientId: sandbox.bootstrap.clientId,
    clientSecret: sandbox.bootstrap.clientSecret,
  };
}

/** The banner naming the active environment. */
export function activeBanner(page: Page): Locator {
  return page.getByRole('status', { name: 'Active environment' });
}

/** The sidebar button that switches to an environment. */
export function environmentButton(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Environments' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

/** The JSON snapshot of every renderer store (`window.__keysmithDebug.snapshot()`). */
export async function storeSnapshot(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify(
      (
        window as unknown as { __keysmithDebug?: { snapshot(): unknown } }
      ).__keysmithDebug?.snapshot() ?? null,
    ),
  );
}

/**
 * Saves a screenshot as a test artifact (test-results/, never committed), with every revealed
 * secret or token painted over: artifacts get shared in tickets.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({
    path: testInfo.outputPath(`${name}.png`),
    mask: [page.getByTestId('capture-secret'), page.getByLabel('Access token value')],
  });
}

/** Calls a channel from the page, through the same bridge and router the app uses. */
export async function invokeFromPage<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([name, data]) =>
      (
        window as unknown as {
          keysmith: {
            invoke(
              c: string,
              i?: unknown,
            ): Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
          };
        }
      ).keysmith.invoke(name, data),
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The environments main knows, as the renderer sees them. */
export async function listEnvironments(page: Page): Promise<EnvironmentView[]> {
  return invokeFromPage(page, 'environments:list');
}

/** What a spec expects of a confirmation main asks, and how it answers. */
export interface TrustedAnswer {
  /** Type the phrase the page asks for (read from the page, as a person would), then confirm. */
  readonly typed?: boolean;
  /** Text the question must show (title, subject, warning…), checked before answering. */
  readonly shows?: readonly (string | RegExp)[];
  /** Saves `<name>.png` (1280×720) and `<name>-900x600.png` of the question as artifacts. */
  readonly screenshot?: { readonly testInfo: TestInfo; readonly name: string };
}

/** Saves the confirmation page at the two window sizes it must look right at. */
async function screenshotConfirmation(page: Page, testInfo: TestInfo, name: string) {
  const size = page.viewportSize();
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await page.setViewportSize({ width: 900, height: 600 });
  await page.screenshot({ path: testInfo.outputPath(`${name}-900x600.png`) });
  if (size) await page.setViewportSize(size);
}

/** The trusted confirmation page main opened, once its question is on screen. */
async function openQuestion(app: AppHarness, answer: TrustedAnswer): Promise<Page> {
  const page = await app.confirmation();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const text of answer.shows ?? []) await expect(page.locator('body')).toContainText(text);
  return page;
}

/** The button that goes ahead (the one that is not Cancel). */
function goAhead(page: Page): Locator {
  return page.locator('.confirm-actions').getByRole('button').last();
}

/**
 * Answers "yes" in main's trusted confirmation window, as a person would: types the phrase it
 * shows when asked to, then presses its confirm button. Returns the question's title.
 */
export async function confirmInTrustedWindow(
  app: AppHarness,
  answer: TrustedAnswer = {},
): Promise<string> {
  const page = await openQuestion(app, answer);
  const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const button = goAhead(page);
  if (answer.typed) {
    await expect(button).toBeDisabled();
    const phrase = (await page.getByTestId('confirm-phrase').textContent()) ?? '';
    const field = page.getByLabel(/^Type /);
    await field.clear();
    await field.pressSequentially(phrase);
  }
  if (answer.screenshot) {
    await screenshotConfirmation(page, answer.screenshot.testInfo, answer.screenshot.name);
  }
  await expect(button).toBeEnabled();
  const closed = page.waitForEvent('close');
  await button.click({ noWaitAfter: true });
  await closed;
  return title;
}

/**
 * Presses a key that closes the page it is pressed in: the page may be gone before Playwright has
 * finished delivering the key, and only that race is forgiven.
 */
export async function pressClosingKey(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key).catch((error: unknown) => {
    if (!String(error).includes('has been closed')) throw error;
  });
}

/** Answers "no" in main's trusted confirmation window: Cancel, Escape, or closing it. */
export async function declineInTrustedWindow(
  app: AppHarness,
  how: 'cancel' | 'escape' | 'close' = 'cancel',
  answer: Omit<TrustedAnswer, 'typed'> = {},
): Promise<void> {
  const page = await openQuestion(app, answer);
  if (answer.screenshot) {
    await screenshotConfirmation(page, answer.screenshot.testInfo, answer.screenshot.name);
  }
  if (how === 'close') return page.close();
  const closed = page.waitForEvent('close');
  if (how === 'escape') await pressClosingKey(page, 'Escape');
  else await page.getByRole('button', { name: 'Cancel' }).click({ noWaitAfter: true });
  await closed;
}
