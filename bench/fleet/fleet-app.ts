import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { createCore, type Core } from '../../src/main/core/create-core';
import { createMemoryClipboard } from '../../test/support/memory-clipboard';
import { createMemorySecretStore } from '../lib/memory-secret-store';
import { bridgeCoreToPages } from '../lib/page-bridge';
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
  const bridge = bridgeCoreToPages(ready);
  return {
    core: ready,
    perEnvironment,
    environments,
    attach: bridge.attach,
    async close() {
      bridge.stop();
      await ready.dispose();
      for (const sandbox of sandboxes) await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
