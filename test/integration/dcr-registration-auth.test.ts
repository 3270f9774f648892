import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { AppFailure } from '../../src/shared/errors';
import { createBoundSecrets } from '../../src/main/core/secrets/bound-secrets';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
import { dcrWorld } from '../fixtures/dcr-world';

/** The error a promise rejects with (fails the test when it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('DCR registration with an initial access token, and private_key_jwt clients (real oidc-provider)', () => {
  it('sends the initial access token from the keychain; a missing or wrong one is refused on its field', async () => {
    const world = await dcrWorld({ server: { requireInitialAccessToken: true } });
    const { core, server, environment, secretStore } = world;
    const env = environment.id;
    const missing = await failureOf(core.credentials.create(env, { name: 'A', expiresAt: null }));
    expect(missing.appError).toMatchObject({
      kind: 'problem',
      problem: { status: 401, code: 'invalid_token', param: 'initialAccessToken' },
    });
    expect(missing.appError.message).toMatch(/registration endpoint/);

    // The environment form stores the token through the bound secrets, over the same keychain.
    const secrets = createBoundSecrets(secretStore);
    const stored = (await core.environments.list()).find((each) => each.id === env)!;
    const asStored = { ...stored, createdAt: '', updatedAt: '' };
    await secrets.storeInitialAccessToken(asStored, `${server.initialAccessToken}-wrong`);
    const wrong = await failureOf(core.credentials.create(env, { name: 'B', expiresAt: null }));
    expect(wrong.appError).toMatchObject({ problem: { param: 'initialAccessToken' } });

    await secrets.storeInitialAccessToken(asStored, server.initialAccessToken!);
    const made = await core.credentials.create(env, { name: 'C', expiresAt: null });
    expect(await server.provider.Client.find(made.credential.clientId)).toBeDefined();
    expect(await core.credentials.pending(env)).toEqual([]);

    // Moved to another origin, the token stays home and nothing is sent.
    await core.environments.update(env, { registrationUrl: 'http://127.0.0.1:9/reg' });
    const moved = await failureOf(core.credentials.create(env, { name: 'D', expiresAt: null }));
    expect(moved.appError).toMatchObject({
      kind: 'validation',
      errors: [{ param: 'initialAccessToken' }],
    });
    expect(await core.credentials.pending(env)).toEqual([]);
  });

  it('registers a private_key_jwt client with its public JWK: no secret is captured, the key signs its token request', async () => {
    const { core, server, environment, secretStore } = await dcrWorld();
    const env = environment.id;
    // Added with the bootstrap client's secret, then switched: its new clients sign with a key.
    await core.environments.update(env, { clientAuth: 'private_key_jwt' });
    const captured = await core.credentials.create(env, {
      name: 'Signed worker',
      expiresAt: null,
      keyAlgorithm: 'ES256',
    });
    const clientId = captured.credential.clientId;
    expect(captured.clientSecret).toBeNull();
    expect(captured.credential.secretStored).toBe(true);
    const listed = await core.credentials.list(env);
    expect(listed[0]).toMatchObject({
      clientId,
      secretStored: true,
      registration: { authMethod: 'private_key_jwt' },
    });
    expect(await secretStore.get(secretAccount(env, clientId))).toBeNull();
    const publicKey = await core.clientKeys.publicKey(
      { ...(await core.environments.view(env)), createdAt: '', updatedAt: '' },
      clientId,
    );
    expect(publicKey?.alg).toBe('ES256');
    const atServer = (await server.provider.Client.find(clientId))?.metadata() as unknown as {
      token_endpoint_auth_method: string;
      jwks: { keys: { kid: string }[] };
    };
    expect(atServer.token_endpoint_auth_method).toBe('private_key_jwt');
    expect(atServer.jwks.keys.map((key) => key.kid)).toEqual([publicKey?.kid]);

    // The server takes an assertion signed with the key in the keychain.
    const assertion = await core.clientKeys.assertion(
      { ...(await core.environments.view(env)), createdAt: '', updatedAt: '' },
      clientId,
      server.tokenEndpoint,
    );
    const response = await fetch(server.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    expect(response.status).toBe(200);
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    expect(decodeJwt(accessToken).client_id).toBe(clientId);

    // Deleting it removes the key too.
    await core.credentials.revoke(env, clientId);
    expect(
      await core.clientKeys.publicKey(
        { ...(await core.environments.view(env)), createdAt: '', updatedAt: '' },
        clientId,
      ),
    ).toBeNull();
  });
});
