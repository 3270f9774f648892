import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { createCore, type Core } from '../../src/main/core/create-core';
import { createMemoryClipboard } from '../../test/support/memory-clipboard';
import { createMemorySecretStore } from '../lib/memory-secret-store';
import { bridgeCoreToPages } from '../lib/page-bridge';
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
  const bridge = bridgeCoreToPages(ready);
  return {
    core: ready,
    credentials,
    attach: bridge.attach,
    async close() {
      bridge.stop();
      await ready.dispose();
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
