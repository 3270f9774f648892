import { openSecret } from '../../src/main/core/secrets/secret-binding';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';

/** The secret a keychain account holds, taken out of its binding envelope (null when none). */
export async function storedSecret(store: SecretStore, account: string): Promise<string | null> {
  const stored = await store.get(account);
  return stored === null ? null : (openSecret(stored)?.secret ?? stored);
}
