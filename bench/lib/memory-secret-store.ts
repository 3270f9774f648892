import type { SecretStore } from '../../src/main/core/secrets/secret-store';

/**
 * STAND-IN for the OS keychain, for benchmarks only: the renderer figures do not depend on
 * where secrets live, and a benchmark must not leave entries in a developer's keychain.
 * The app itself never falls back to anything like this (DESIGN.md).
 */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    async set(account, secret) {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()],
    probe: async () => ({ available: true, backend: 'in-memory benchmark stand-in' }),
  };
}
