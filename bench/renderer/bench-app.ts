import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { createCore, type Core } from '../../src/main/core/create-core';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import { eventNames } from '../../src/shared/ipc/contract';
import { BRIDGE_SCRIPT } from '../../test/support/bridge-script';
import { createMemoryClipboard } from '../../test/support/memory-clipboard';
import { createMemorySecretStore } from '../lib/memory-secret-store';
import { startSeededSandbox, type SeededSandbox } from '../lib/sandbox';

/** The main-process side of the app for the renderer benchmarks: a real core and router. */
export interface BenchApp {
  readonly core: Core;
  /** How many credentials the active environment's API lists. */
  readonly credentials: number;
  /** Gives a browser context `window.keysmith`, answered by this app's router. */
  attach(context: BrowserContext, pageUrl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a core over a temporary userData folder with one environment, active and verified,
 * whose sandbox API lists `credentials` credentials (the bootstrap one included).
 */
export async function startBenchApp(credentials: number): Promise<BenchApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keysmith-bench-app-'));
  let sandbox: SeededSandbox | null = null;
  let core: Core | null = null;
  try {
    sandbox = await startSeededSandbox(credentials - 1);
    core = await createCore({
      dataDir,
      secretStore: createMemorySecretStore(),
      clipboard: createMemoryClipboard(),
      appVersion: '0.1.0-bench',
      tokenTickMs: 0,
    });
    const { environment } = await core.environments.add({
      name: `Bench ${credentials.toLocaleString('en-US')}`,
      kind: 'development',
      baseUrl: sandbox.handle.url,
      tokenUrl: null,
      extraHeaders: {},
      colour: '#2f6fdd',
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      saveUnverified: false,
    });
    await core.environments.select(environment.id);
  } catch (error) {
    await core?.dispose();
    await sandbox?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const ready = core;
  const api = sandbox;
  const contexts = new Set<BrowserContext>();
  const stops = eventNames.map((name) =>
    ready.events.on(name, (payload) => {
      const script = `window.__keysmithEmit(${JSON.stringify(name)}, ${JSON.stringify(payload)})`;
      for (const context of contexts) {
        for (const page of context.pages()) page.evaluate(script).catch(() => {});
      }
    }),
  );
  return {
    core: ready,
    credentials,
    async attach(context, pageUrl) {
      const router = createRouter({
        handlers: createHandlers(ready),
        checkSender: createSenderCheck([pageUrl]),
      });
      await context.exposeBinding('__keysmithInvoke', (source, channel: unknown, input: unknown) =>
        router.dispatch(channel, input, {
          url: source.frame.url(),
          isMainFrame: source.frame === source.page.mainFrame(),
        }),
      );
      await context.addInitScript(BRIDGE_SCRIPT);
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
    },
    async close() {
      stops.forEach((stop) => stop());
      await ready.dispose();
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
