import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../../sandbox';
import type { EnvironmentStore } from './environment-store';
import type { BoundSecrets } from '../secrets/bound-secrets';

/** The name of the environment the app runs itself. */
export const LOCAL_SANDBOX_NAME = 'Local sandbox';
/** The Local sandbox's colour: violet, far from production's red. */
export const LOCAL_SANDBOX_COLOUR = '#8250df';

/**
 * Starts the sandbox API inside the main process on a free loopback port, its state in
 * `<dataDir>/sandbox.json`, and makes sure the "Local sandbox" environment points at it with a
 * bootstrap credential whose secret is in the keychain. Without a keychain it still runs: the
 * environment is then "not verified" and the UI explains the keychain problem.
 */
export async function startEmbeddedSandbox(deps: {
  readonly dataDir: string;
  readonly environmentStore: EnvironmentStore;
  readonly secrets: BoundSecrets;
}): Promise<SandboxHandle> {
  const { environmentStore, secrets } = deps;
  const existing = environmentStore.list().find((environment) => environment.embedded === true);
  // "The keychain failed" (locked, unavailable) is not "no secret stored": the sandbox then keeps
  // its state as it is instead of minting a new bootstrap credential whose secret could not be kept.
  const known =
    existing?.activeClientId == null
      ? { secret: null, readable: true }
      : await secrets.read(existing, existing.activeClientId).then(
          (secret) => ({ secret, readable: true }),
          () => ({ secret: null, readable: false }),
        );
  const sandbox = await startSandbox({
    dataFile: join(deps.dataDir, 'sandbox.json'),
    bootstrap:
      existing?.activeClientId == null
        ? undefined
        : known.secret !== null
          ? { clientId: existing.activeClientId, clientSecret: known.secret, name: 'Bootstrap' }
          : !known.readable
            ? { clientId: existing.activeClientId, clientSecret: null }
            : undefined,
  });
  const { clientId, clientSecret } = sandbox.bootstrap;
  const environment =
    existing === undefined
      ? await environmentStore.add({
          name: freeName(environmentStore),
          kind: 'sandbox',
          baseUrl: sandbox.url,
          tokenUrl: null,
          extraHeaders: {},
          colour: LOCAL_SANDBOX_COLOUR,
          activeClientId: clientId,
          verification: 'verified',
          embedded: true,
          autoRenew: true,
        })
      : await environmentStore.update(existing.id, {
          baseUrl: sandbox.url,
          activeClientId: clientId,
          ...(known.readable ? {} : { verification: 'not-verified' as const }),
        });
  if (known.secret === null && clientSecret !== null) {
    const stored = await secrets
      .storeClientSecret(environment, clientId, clientSecret, null)
      .then(() => true)
      .catch(() => false);
    await environmentStore.update(environment.id, {
      verification: stored ? 'verified' : 'not-verified',
    });
  } else if (known.secret !== null) {
    // Main chose the sandbox's new loopback port itself: the secret follows it there.
    await secrets.storeClientSecret(environment, clientId, known.secret, null).catch(() => {});
  }
  if (environmentStore.selectedId() === null) await environmentStore.select(environment.id);
  return sandbox;
}

/** "Local sandbox", or a variant when the user already named an environment so. */
function freeName(environmentStore: EnvironmentStore): string {
  const taken = new Set(
    environmentStore.list().map((environment) => environment.name.toLowerCase()),
  );
  if (!taken.has(LOCAL_SANDBOX_NAME.toLowerCase())) return LOCAL_SANDBOX_NAME;
  let n = 2;
  while (taken.has(`${LOCAL_SANDBOX_NAME} ${n}`.toLowerCase())) n += 1;
  return `${LOCAL_SANDBOX_NAME} ${n}`;
}
