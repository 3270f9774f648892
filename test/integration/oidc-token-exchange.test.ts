import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../src/shared/domain';
import type { ClientAuthMethod } from '../../src/shared/environment';
import { AppFailure, type AppError } from '../../src/shared/errors';
import { coreForTest, type CoreUnderTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { OIDC_TEST_RESOURCE, startOidcServer, type OidcServer } from '../fixtures/oidc-server';

// The token exchange against a real, certified authorization server (oidc-provider on loopback)
// with each client authentication method, through the core the app runs: the environment's
// scope and resource are sent, a JWT for the resource comes back, and a wrong secret or key is
// refused with the server's own error, in words, on the field it concerns.

let server: OidcServer;
const secret = randomBytes(24).toString('base64url');
beforeAll(async () => {
  server = await startOidcServer({
    clients: [
      {
        client_id: 'basic-client',
        client_secret: secret,
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: 'post-client',
        client_secret: secret,
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
  });
});
afterAll(() => server.close());

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

const fields = (clientAuth: ClientAuthMethod) => ({
  ...STAGING_FIELDS,
  name: `oidc ${clientAuth}`,
  baseUrl: server.issuer,
  tokenUrl: server.tokenEndpoint,
  issuer: server.issuer,
  clientAuth,
  scope: 'payments:read',
  resources: [OIDC_TEST_RESOURCE],
});

/** A private_key_jwt environment whose key the server knows (registered by "the administrator"). */
async function keyEnvironment(world: CoreUnderTest, clientId: string, alg: 'ES256' | 'RS256') {
  const { environment } = await world.core.environments.add({
    ...fields('private_key_jwt'),
    clientId,
    clientKeyAlg: alg,
    saveUnverified: false,
  });
  const key = await world.core.clientKeys.publicKey(envOf(environment), clientId);
  await server.addClient({
    client_id: clientId,
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ ...key!.jwk }] },
  });
  return environment;
}

const envOf = (view: EnvironmentView) => ({ ...view, createdAt: '', updatedAt: '' }) as const;

describe('the token exchange against oidc-provider', () => {
  it.each([
    ['client_secret_basic', 'basic-client'],
    ['client_secret_post', 'post-client'],
  ] as const)(
    '%s: proves the secret, sends scope and resource, gets a JWT for the resource',
    async (method, clientId) => {
      const world = await coreForTest();
      const { environment, verified } = await world.core.environments.add({
        ...fields(method),
        clientId,
        clientSecret: secret,
        saveUnverified: false,
      });
      expect(verified).toBe(true);
      const state = await world.core.tokens.renew(environment.id);
      expect(state.status).toBe('valid');
      expect(state.claims).toMatchObject({
        aud: OIDC_TEST_RESOURCE,
        client_id: clientId,
        scope: 'payments:read',
      });
      expect(state.request).toMatchObject({
        method: 'POST',
        url: server.tokenEndpoint,
        clientAuth: method,
      });
      const params = Object.fromEntries(state.request!.params.map((p) => [p.name, p.value]));
      expect(params).toMatchObject({
        grant_type: 'client_credentials',
        scope: 'payments:read',
        resource: OIDC_TEST_RESOURCE,
      });
      if (method === 'client_secret_post') {
        expect(params).toMatchObject({ client_id: clientId, client_secret: null });
        expect(state.request!.headers).not.toContain('Authorization');
      } else {
        expect(params).not.toHaveProperty('client_secret');
        expect(state.request!.headers).toContain('Authorization');
      }
      expect(JSON.stringify(state)).not.toContain(secret);
    },
  );

  it.each(['ES256', 'RS256'] as const)(
    'private_key_jwt (%s): needs no secret, signs a fresh assertion per request',
    async (alg) => {
      const world = await coreForTest();
      const clientId = `pk-${alg.toLowerCase()}-${randomBytes(4).toString('hex')}`;
      const environment = await keyEnvironment(world, clientId, alg);
      const [view] = await world.core.environments.list();
      expect(view).toMatchObject({
        clientAuth: 'private_key_jwt',
        secretState: 'bound',
        hasSecret: true,
      });

      const first = await world.core.tokens.renew(environment.id);
      expect(first.claims).toMatchObject({ aud: OIDC_TEST_RESOURCE, client_id: clientId });
      const assertionOf = (state: typeof first) => state.request!.assertion!;
      expect(assertionOf(first).claims).toMatchObject({
        iss: clientId,
        sub: clientId,
        aud: server.tokenEndpoint,
      });
      expect(first.request!.params).toContainEqual({
        name: 'client_assertion',
        value: null,
        hidden: 'signed client assertion',
      });
      const second = await world.core.tokens.renew(environment.id);
      expect(assertionOf(second).claims.jti).not.toBe(assertionOf(first).claims.jti);
      // The access token itself is a JWT for the resource, signed by the server.
      const token = await world.core.tokens.current(environment.id);
      expect(decodeJwt(token.accessToken).aud).toBe(OIDC_TEST_RESOURCE);
    },
  );

  it('a wrong secret is refused with the server’s own invalid_client, on the secret field', async () => {
    const world = await coreForTest();
    const error = await failureOf(
      world.core.environments.add({
        ...fields('client_secret_basic'),
        clientId: 'basic-client',
        clientSecret: `${secret}-wrong`,
        saveUnverified: false,
      }),
    );
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { status: 401, code: 'invalid_client', param: 'clientSecret' },
    });
    expect(error.message).toContain('client_id or client_secret is wrong');
    expect(error.message).toContain('client authentication failed');
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('a key the server does not have is refused with invalid_client, on the client_id', async () => {
    const world = await coreForTest();
    const clientId = `pk-wrong-${randomBytes(4).toString('hex')}`;
    const environment = await keyEnvironment(world, clientId, 'ES256');
    // The person makes a new key but does not register it: the server still has the old one.
    const env = envOf(await world.core.environments.view(environment.id));
    await world.core.clientKeys.generate(env, clientId, 'ES256');
    const error = await failureOf(world.core.tokens.renew(environment.id));
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { code: 'invalid_client', param: 'clientId' },
    });
    expect(error.message).toContain(
      'public key registered for it is not the one Keysmith signs with',
    );
    const state = await world.core.tokens.state(environment.id);
    expect(state).toMatchObject({
      status: 'error',
      error: { problem: { code: 'invalid_client' } },
    });
    expect(state.request?.clientAuth).toBe('private_key_jwt');
  });

  it('an unknown resource is refused with invalid_target, on the resources field', async () => {
    const world = await coreForTest();
    const error = await failureOf(
      world.core.environments.add({
        ...fields('client_secret_basic'),
        resources: ['https://elsewhere.example'],
        clientId: 'basic-client',
        clientSecret: secret,
        saveUnverified: false,
      }),
    );
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { code: 'invalid_target', param: 'resources' },
    });
  });
});
