import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../src/main/core/secrets/secret-store';

const service = `Keysmith-test-${randomUUID()}`;
const store = createKeytarSecretStore(service);

describe('OS keychain through @github/keytar (real Secret Service / Keychain / Credential Manager)', () => {
  afterAll(async () => {
    for (const account of await store.list()) await store.delete(account);
  });

  it('round-trips a secret under a unique service name and removes it', async () => {
    const status = await store.probe();
    expect(status, JSON.stringify(status)).toMatchObject({ available: true });
    const secret = `dinie_cs_test_${randomUUID()}:+% é🙂`;
    await store.set('env/client', secret);
    expect(await store.get('env/client')).toBe(secret);
    expect(await store.list()).toEqual(['env/client']);
    expect(await store.delete('env/client')).toBe(true);
    expect(await store.get('env/client')).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  it('survives many writes, deletes and listings at once without crashing or losing an entry', async () => {
    // keytar's findCredentials crashed the process when an item vanished mid-enumeration.
    const accounts = Array.from({ length: 20 }, (_, i) => `env/concurrent-${i}`);
    await Promise.all(
      accounts.flatMap((account, i) => [
        store.set(account, `secret-${i}`),
        store.list(),
        i % 2 === 0 ? store.delete(account) : store.get(account),
      ]),
    );
    const left = await store.list();
    for (const account of left) expect(await store.get(account)).toMatch(/^secret-\d+$/);
    for (const account of left) await store.delete(account);
    expect(await store.list()).toEqual([]);
  });
});
