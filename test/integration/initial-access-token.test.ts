import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBoundSecrets } from '../../src/main/core/secrets/bound-secrets';
import { initialAccessTokenAccount } from '../../src/main/core/secrets/initial-access-token';
import { openSecret } from '../../src/main/core/secrets/secret-binding';
import { createKeytarSecretStore } from '../../src/main/core/secrets/secret-store';
import { clientKeyAccount } from '../../src/main/core/tokens/client-keys';
import { AppFailure } from '../../src/shared/errors';
import { STAGING_FIELDS } from '../fixtures/environment-sample';

// An environment's initial access token (RFC 7591 §3): a keychain secret bound to the
// registration endpoint's origin and the kind, handed out only while both still hold.

const env = {
  ...STAGING_FIELDS,
  id: 'env-dcr',
  credentialBackend: 'dcr' as const,
  registrationUrl: 'https://auth.example.com/realms/r/clients-registrations/openid-connect',
};

function secretsForTest() {
  const store = createKeytarSecretStore(`Keysmith-test-${randomUUID()}`);
  onTestFinished(async () => {
    for (const account of await store.list()) await store.delete(account);
  });
  return { store, secrets: createBoundSecrets(store) };
}

describe('the initial access token of an environment', () => {
  it('is kept in the keychain bound to the registration endpoint and the kind', async () => {
    const { store, secrets } = secretsForTest();
    expect(await secrets.initialAccessToken(env)).toBeNull();
    expect(await secrets.initialAccessTokenState(env)).toBe('missing');
    await secrets.storeInitialAccessToken(env, 'iat-value-1');
    expect(await secrets.initialAccessToken(env)).toBe('iat-value-1');
    expect(await secrets.initialAccessTokenState(env)).toBe('bound');
    const envelope = openSecret((await store.get(initialAccessTokenAccount(env.id)))!);
    expect(envelope).toMatchObject({ tokenOrigin: 'https://auth.example.com', kind: 'staging' });
  });

  it('is not handed out once the registration endpoint moves to another origin or the kind changes', async () => {
    const { secrets } = secretsForTest();
    await secrets.storeInitialAccessToken(env, 'iat-value-2');
    const moved = { ...env, registrationUrl: 'https://evil.example/register' };
    expect(await secrets.initialAccessToken(moved)).toBeNull();
    expect(await secrets.initialAccessTokenState(moved)).toBe('needs-proof');
    expect(await secrets.initialAccessToken({ ...env, kind: 'production' })).toBeNull();
    expect(await secrets.initialAccessToken({ ...env, registrationUrl: null })).toBeNull();
    // Another path on the same origin is the same server.
    expect(
      await secrets.initialAccessToken({ ...env, registrationUrl: 'https://auth.example.com/reg' }),
    ).toBe('iat-value-2');
  });

  it('needs a registration endpoint, and goes with the environment', async () => {
    const { store, secrets } = secretsForTest();
    const error = await secrets
      .storeInitialAccessToken({ ...env, registrationUrl: null }, 'iat-value-3')
      .catch((e: unknown) => e);
    expect((error as AppFailure).appError).toMatchObject({
      kind: 'validation',
      errors: [{ param: 'initialAccessToken' }],
    });
    await secrets.storeInitialAccessToken(env, 'iat-value-3');
    expect(await secrets.deleteInitialAccessToken(env.id)).toBe(true);
    await secrets.storeInitialAccessToken(env, 'iat-value-4');
    expect(await secrets.removeEnvironment(env.id)).toBe(1);
    expect(await store.list()).toEqual([]);
  });

  it('is never counted as a client secret, nor is a client key', async () => {
    const { store, secrets } = secretsForTest();
    await secrets.storeInitialAccessToken(env, 'iat-value-5');
    await store.set(clientKeyAccount(env.id, 'svc'), 'not read here');
    await secrets.storeClientSecret(env, 'svc', 'client-secret-value', null);
    expect([...secrets.clientIds(env.id, await secrets.accounts())]).toEqual(['svc']);
    for (const reserved of ['key/x', 'dcr/initial-access-token', 'header/x']) {
      const refused = await secrets
        .storeClientSecret(env, reserved, 's', null)
        .catch((e: unknown) => e);
      expect((refused as AppFailure).appError).toMatchObject({ errors: [{ param: 'clientId' }] });
    }
  });
});
