import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover, metadataUrls } from '../../src/main/core/tokens/discovery';
import { AppFailure, type AppError } from '../../src/shared/errors';
import { startOidcServer, type OidcServer } from '../fixtures/oidc-server';
import { sandbox } from '../fixtures/sandbox-client';

// Discovery from an issuer, in main, against a real oidc-provider: RFC 8414 metadata at its
// path-inserted URL first, OpenID Connect discovery next; metadata naming another issuer is
// refused; a server with none says so, and the person types the token URL.

let plain: OidcServer;
let tenant: OidcServer;
let openidOnly: OidcServer;
beforeAll(async () => {
  plain = await startOidcServer();
  tenant = await startOidcServer({ path: '/tenant-a', rfc8414: true });
  openidOnly = await startOidcServer({ path: '/tenant-b' });
});
afterAll(async () => {
  await plain.close();
  await tenant.close();
  await openidOnly.close();
});

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

describe('discovery from an issuer', () => {
  it('builds the RFC 8414 (path inserted) and OpenID Connect (appended) URLs, in that order', () => {
    expect(
      metadataUrls(new URL('https://auth.example.com/realms/payments/')).map((u) => u.url),
    ).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server/realms/payments',
      'https://auth.example.com/realms/payments/.well-known/openid-configuration',
      'https://auth.example.com/realms/payments/.well-known/oauth-authorization-server',
    ]);
    expect(metadataUrls(new URL('https://tenant.auth0.com/')).map((u) => u.url)).toEqual([
      'https://tenant.auth0.com/.well-known/oauth-authorization-server',
      'https://tenant.auth0.com/.well-known/openid-configuration',
    ]);
  });

  it('reads RFC 8414 metadata at the path-inserted URL for an issuer with a path', async () => {
    const result = await discover(tenant.issuer, 'staging');
    expect(result).toMatchObject({
      found: true,
      server: {
        issuer: tenant.issuer,
        source: 'rfc8414',
        metadataUrl: `${new URL(tenant.issuer).origin}/.well-known/oauth-authorization-server/tenant-a`,
        tokenEndpoint: tenant.tokenEndpoint,
        jwksUri: tenant.jwksUri,
        registrationEndpoint: tenant.registrationEndpoint,
      },
    });
  });

  it('falls back to OpenID Connect discovery, and lists the auth methods, scopes and grants', async () => {
    const result = await discover(`${openidOnly.issuer}/`, 'production');
    expect(result.found).toBe(true);
    if (!result.found) return;
    const origin = new URL(openidOnly.issuer).origin;
    expect(result.tried).toEqual([
      `${origin}/.well-known/oauth-authorization-server/tenant-b`,
      `${openidOnly.issuer}/.well-known/openid-configuration`,
    ]);
    expect(result.server).toMatchObject({
      issuer: openidOnly.issuer,
      source: 'openid',
      tokenEndpoint: openidOnly.tokenEndpoint,
      registrationEndpoint: openidOnly.registrationEndpoint,
      jwksUri: openidOnly.jwksUri,
      tokenEndpointAuthMethods: expect.arrayContaining([
        'client_secret_basic',
        'client_secret_post',
        'private_key_jwt',
      ]),
      scopes: expect.arrayContaining(['payments:read']),
      grantTypes: expect.arrayContaining(['client_credentials']),
      notes: [],
    });
  });

  it('reads an issuer without a path at the plain well-known URL', async () => {
    const result = await discover(plain.issuer, 'staging');
    expect(result).toMatchObject({
      found: true,
      server: { issuer: plain.issuer, tokenEndpoint: plain.tokenEndpoint },
    });
  });

  it('reads the seed API sandbox’s RFC 8414 metadata: its token endpoint and keys', async () => {
    const api = await sandbox();
    const result = await discover(api.url, 'staging');
    expect(result).toMatchObject({
      found: true,
      server: {
        source: 'rfc8414',
        tokenEndpoint: `${api.url}/auth/token`,
        jwksUri: `${api.url}/.well-known/jwks.json`,
        registrationEndpoint: null,
      },
    });
  });

  it('refuses metadata that names another issuer (RFC 8414 §3.3), on the issuer field', async () => {
    const port = new URL(plain.issuer).port;
    const error = await failureOf(discover(`http://localhost:${port}`, 'staging'));
    expect(error).toMatchObject({ kind: 'validation', errors: [{ param: 'issuer' }] });
    expect(error.message).toContain(`“${plain.issuer}”`);
    expect(error.message).toContain('RFC 8414 §3.3');
  });

  it('a server without metadata says what each URL answered: type the token URL', async () => {
    // A real server, asked about an issuer it does not serve.
    const issuer = `${new URL(tenant.issuer).origin}/not-a-tenant`;
    const result = await discover(issuer, 'staging');
    expect(result).toMatchObject({ found: false });
    if (result.found) return;
    expect(result.tried).toHaveLength(3);
    expect(result.message).toMatch(/publishes no authorization server metadata/);
    expect(result.message).toMatch(/Type the token URL/);
    expect(result.message).toContain('HTTP 404');
  });

  it('fetches nothing but https, or http to a loopback literal', async () => {
    for (const issuer of [
      'http://auth.example.com',
      'http://localhost.example.com',
      'ftp://127.0.0.1/',
      'https://user:pw@auth.example.com',
      'https://auth.example.com/?tenant=a',
      'https://auth.example.com/#a',
      'not a url',
    ]) {
      const error = await failureOf(discover(issuer, 'development'));
      expect(error, issuer).toMatchObject({ kind: 'validation', errors: [{ param: 'issuer' }] });
    }
  });
});
