import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { seedSandboxData } from '../../test/fixtures/sandbox-data';

/** A sandbox API on loopback holding a given number of credentials, with its bootstrap secret. */
export interface SeededSandbox {
  readonly handle: SandboxHandle;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox (no rate limit) whose data file holds `count` seeded credentials; the
 * bootstrap credential comes on top, so the API lists `count + 1`.
 */
export async function startSeededSandbox(count: number): Promise<SeededSandbox> {
  const folder = await mkdtemp(join(tmpdir(), 'keysmith-bench-sandbox-'));
  const dataFile = count > 0 ? await seedSandboxData(folder, count) : join(folder, 'sandbox.json');
  const handle = await startSandbox({ dataFile, rateLimit: false });
  const { clientId, clientSecret } = handle.bootstrap;
  if (clientSecret === null) throw new Error('The sandbox did not report its bootstrap secret');
  return {
    handle,
    clientId,
    clientSecret,
    async close() {
      await handle.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
