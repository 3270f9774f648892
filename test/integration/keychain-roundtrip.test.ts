import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../src/main/core/secret-store';

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
});
