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

/** A core with several environments, each listed once, so every one has a credentials snapshot. */
export interface FleetApp {
  readonly core: Core;
  /** Credentials per environment (the bootstrap one included). */
  readonly perEnvironment: number;
  readonly environments: number;
  /** Gives a browser context `window.keysmith`, answered by this app's router. */
  attach(context: BrowserContext, pageUrl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `environments` sandbox APIs of `perEnvironment` credentials each, a core over a
 * temporary userData folder with one environment per API, lists each once (the snapshots), and
 * selects the first.
 */
export async function startFleetApp(
  perEnvironment: number,
  environments: number,
): Promise<FleetApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keysmith-bench-fleet-'));
  const sandboxes: SeededSandbox[] = [];
  let core: Core | null = null;
  try {
    for (let i = 0; i < environments; i++)
      sandboxes.push(await startSeededSandbox(perEnvironment - 1));
    core = await createCore({
      dataDir,
      secretStore: createMemorySecretStore(),
      clipboard: createMemoryClipboard(),
      appVersion: '0.1.0-bench',
      tokenTickMs: 0,
    });
    const ids: string[] = [];
    for (const [index, sandbox] of sandboxes.entries()) {
      const { environment } = await core.environments.add({
        name: `Fleet ${index + 1} (${perEnvironment.toLocaleString('en-US')})`,
        kind: 'development',
        baseUrl: sandbox.handle.url,
        tokenUrl: null,
        extraHeaders: {},
        colour: '#2f6fdd',
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        saveUnverified: false,
      });
      await core.credentials.list(environment.id);
      ids.push(environment.id);
    }
    await core.snapshots.settled();
    await core.environments.select(ids[0]!);
  } catch (error) {
    await core?.dispose();
    for (const sandbox of sandboxes) await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const ready = core;
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
    perEnvironment,
    environments,
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
      for (const sandbox of sandboxes) await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
