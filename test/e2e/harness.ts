import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { test as base, type Page } from '@playwright/test';
import type { ConfirmPort } from '../../src/main/core/confirm/confirm-port';
import { createCore, type Core } from '../../src/main/core/create-core';
import {
  createKeytarSecretStore,
  type SecretStore,
} from '../../src/main/core/secrets/secret-store';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import { eventNames } from '../../src/shared/ipc/contract';
import { BRIDGE_SCRIPT } from '../support/bridge-script';
import { createMemoryClipboard } from '../support/memory-clipboard';
import { collectingCoverage, collectRendererCoverage } from '../support/renderer-coverage';
import { serveStatic } from '../support/static-server';
import { createTrustedConfirmations, type TrustedConfirmations } from './trusted-confirm';

const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

/** Everything a renderer spec can reach: the page, the real core behind it and its folders. */
export interface AppHarness {
  readonly page: Page;
  /** The core behind the page now (a new one after `restartCore`). */
  readonly core: Core;
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly keychainService: string;
  readonly clipboard: ReturnType<typeof createMemoryClipboard>;
  readonly url: string;
  /** Main's confirmation windows: every question asked, and the pages that asked them. */
  readonly confirmations: TrustedConfirmations;
  /** The trusted confirmation page on screen now, or the next one main opens. */
  confirmation(): Promise<Page>;
  /** Loads the app page and waits for the shell. */
  open(): Promise<void>;
  /**
   * An app restart: disposes the core and builds a new one over the same userData and keychain;
   * the page's calls and events go to the new core from then on (reload the page as the app would).
   */
  restartCore(): Promise<Core>;
}

/** Builds a core over a data folder, the real keychain, a stand-in clipboard and the confirm port. */
export async function buildCore(
  dataDir: string,
  secretStore: SecretStore,
  clipboard: ReturnType<typeof createMemoryClipboard>,
  confirm: ConfirmPort,
): Promise<Core> {
  return createCore({ dataDir, secretStore, clipboard, confirm, appVersion: '0.1.0-test' });
}

/** The `app` fixture: its own userData, keychain service, ports and core for every test. */
export const test = base.extend<{ app: AppHarness }>({
  app: async ({ page }, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error('The renderer is not built: run `npm run build` first (npm test does).');
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'keysmith-e2e-'));
    const keychainService = `Keysmith-e2e-${randomUUID()}`;
    const secretStore = createKeytarSecretStore(keychainService);
    const clipboard = createMemoryClipboard();
    const server = await serveStatic(RENDERER_DIR);
    // Only under `npm run coverage`: Chromium's V8 coverage of this test's pages.
    const coverage = collectingCoverage ? await collectRendererCoverage(page, server.url) : null;
    // The person answers production confirmations in the real confirm page, opened beside the app.
    const confirmations = createTrustedConfirmations(page.context(), `${server.url}/confirm.html`);
    let core = await buildCore(dataDir, secretStore, clipboard, confirmations.port);
    const routerFor = (of: Core) =>
      createRouter({ handlers: createHandlers(of), checkSender: createSenderCheck([server.url]) });
    let router = routerFor(core);
    await page.exposeBinding('__keysmithInvoke', (source, channel: unknown, input: unknown) =>
      router.dispatch(channel, input, {
        url: source.frame.url(),
        isMainFrame: source.frame === source.page.mainFrame(),
      }),
    );
    await page.addInitScript(BRIDGE_SCRIPT);
    const forwardEvents = (of: Core) =>
      eventNames.map((name) =>
        of.events.on(name, (payload) => {
          page
            .evaluate(
              ([event, data]) =>
                (
                  window as unknown as { __keysmithEmit(e: string, d: unknown): void }
                ).__keysmithEmit(event, data),
              [name, payload] as const,
            )
            .catch(() => {});
        }),
      );
    let stops = forwardEvents(core);
    await use({
      page,
      get core() {
        return core;
      },
      dataDir,
      secretStore,
      keychainService,
      clipboard,
      url: server.url,
      confirmations,
      confirmation: () => confirmations.next(),
      async open() {
        await page.goto(server.url);
        await page.getByRole('tablist', { name: 'Sections' }).waitFor();
      },
      async restartCore() {
        stops.forEach((stop) => stop());
        await core.dispose();
        core = await buildCore(dataDir, secretStore, clipboard, confirmations.port);
        router = routerFor(core);
        stops = forwardEvents(core);
        return core;
      },
    });
    stops.forEach((stop) => stop());
    await coverage?.save();
    await confirmations.closeAll();
    await core.dispose();
    for (const account of await secretStore.list().catch(() => []))
      await secretStore.delete(account);
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
