import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcServer, OIDC_TEST_RESOURCE, type OidcServer } from '../fixtures/oidc-server';

// The test peer itself: discovery, registration and a client credentials grant answer as a
// standards-based server would, so the token side and the DCR backend are tested against it.

let server: OidcServer;
beforeAll(async () => {
  server = await startOidcServer({ requireInitialAccessToken: true });
});
afterAll(() => server.close());

describe('the in-process oidc-provider', () => {
  it('publishes OpenID discovery with the token, JWKS and registration endpoints', async () => {
    const metadata = (await (
      await fetch(`${server.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(server.issuer);
    expect(metadata.token_endpoint).toBe(server.tokenEndpoint);
    expect(metadata.registration_endpoint).toBe(server.registrationEndpoint);
    expect(metadata.jwks_uri).toBe(server.jwksUri);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'private_key_jwt']),
    );
  });

  it('refuses a registration without the initial access token and accepts one with it', async () => {
    const body = JSON.stringify({ client_name: 'probe', grant_types: ['client_credentials'] });
    const headers = { 'content-type': 'application/json' };
    const refused = await fetch(server.registrationEndpoint, { method: 'POST', headers, body });
    expect(refused.status).toBe(401);
    const accepted = await fetch(server.registrationEndpoint, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${server.initialAccessToken}` },
      body,
    });
    expect(accepted.status).toBe(201);
    const client = (await accepted.json()) as Record<string, string>;
    const token = await fetch(server.tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      },
      body: `grant_type=client_credentials&resource=${encodeURIComponent(OIDC_TEST_RESOURCE)}`,
    });
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as Record<string, string>;
    expect(tokens.access_token?.split('.')).toHaveLength(3);
  });
});
