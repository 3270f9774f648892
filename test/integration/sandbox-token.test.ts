import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  basicAuth,
  call,
  expectProblem,
  manualClock,
  requestToken,
  sandbox,
} from '../fixtures/sandbox-client';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('POST /auth/token (OAuth2 client credentials)', () => {
  it('issues an RS256 access token of one hour that verifies against the JWKS', async () => {
    const sbx = await sandbox();
    const response = await requestToken(
      sbx.url,
      sbx.bootstrap.clientId,
      sbx.bootstrap.clientSecret!,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = response.json as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });

    const jwks = createRemoteJWKSet(new URL(`${sbx.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(String(body['access_token']), jwks, {
      issuer: sbx.url,
      audience: 'keysmith-sandbox',
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      sub: sbx.bootstrap.clientId,
      client_id: sbx.bootstrap.clientId,
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload).not.toHaveProperty('scope');

    const keys = (await call(`${sbx.url}/.well-known/jwks.json`)).json as {
      keys: Array<Record<string, string>>;
    };
    expect(keys.keys).toHaveLength(1);
    const key = keys.keys[0]!;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    expect(key['kid']).toBe(
      await calculateJwkThumbprint({ kty: key['kty']!, n: key['n']!, e: key['e']! }),
    );
    expect(decodeProtectedHeader(String(body['access_token'])).kid).toBe(key['kid']);
  });

  it('uses the injected clock and the configured lifetime for iat and exp', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now, tokenTtlSeconds: 120 });
    const response = await requestToken(
      sbx.url,
      sbx.bootstrap.clientId,
      sbx.bootstrap.clientSecret!,
    );
    expect((response.json as Record<string, unknown>)['expires_in']).toBe(120);
    const token = String((response.json as Record<string, unknown>)['access_token']);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      number
    >;
    expect(claims['iat']).toBe(clock.now() / 1000);
    expect(claims['exp']).toBe(clock.now() / 1000 + 120);
  });

  it('echoes a requested scope in the response and the token', async () => {
    const sbx = await sandbox();
    const { clientId, clientSecret } = sbx.bootstrap;
    const response = await requestToken(
      sbx.url,
      clientId,
      clientSecret!,
      'grant_type=client_credentials&scope=credentials%3Aread+credentials%3Awrite',
    );
    expect(response.json).toMatchObject({ scope: 'credentials:read credentials:write' });
    const token = String((response.json as Record<string, unknown>)['access_token']);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({
      scope: 'credentials:read credentials:write',
    });
    const bad = await requestToken(
      sbx.url,
      clientId,
      clientSecret!,
      'grant_type=client_credentials&scope=a%22b',
    );
    expect(expectProblem(bad, 400, 'invalid_scope')).toMatchObject({ error: 'invalid_scope' });
  });

  it('accepts a secret with ":", "+", "%", spaces and non-ASCII when the client form-urlencodes it', async () => {
    const clientSecret = 'p:a+s%s w/ré🙂:%41+';
    const sbx = await sandbox({ bootstrap: { clientId: 'app:local sandbox', clientSecret } });
    expect(sbx.bootstrap).toEqual({ clientId: 'app:local sandbox', clientSecret });
    expect((await requestToken(sbx.url, 'app:local sandbox', clientSecret)).status).toBe(200);

    // Without the form-urlencoding, "+" means a space and "%41" means "A": a different secret.
    const raw = `Basic ${Buffer.from(`app:local sandbox:${clientSecret}`).toString('base64')}`;
    const rawResponse = await call(`${sbx.url}/auth/token`, {
      method: 'POST',
      headers: { ...FORM, Authorization: raw },
      rawBody: 'grant_type=client_credentials',
    });
    expectProblem(rawResponse, 401, 'invalid_client');
  });

  it('accepts the credentials in the form body (client_secret_post)', async () => {
    const sbx = await sandbox();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sbx.bootstrap.clientId,
      client_secret: sbx.bootstrap.clientSecret!,
    });
    const response = await call(`${sbx.url}/auth/token`, {
      method: 'POST',
      headers: FORM,
      rawBody: form.toString(),
    });
    expect(response.status).toBe(200);
  });

  it('refuses two authentication methods at once and mismatched client ids', async () => {
    const sbx = await sandbox();
    const { clientId, clientSecret } = sbx.bootstrap;
    const both = await requestToken(
      sbx.url,
      clientId,
      clientSecret!,
      `grant_type=client_credentials&client_secret=${clientSecret}`,
    );
    expect(expectProblem(both, 400, 'invalid_request')).toMatchObject({
      error: 'invalid_request',
      param: 'client_secret',
    });
    const other = await requestToken(
      sbx.url,
      clientId,
      clientSecret!,
      'grant_type=client_credentials&client_id=someone',
    );
    expectProblem(other, 400, 'invalid_request');
    const same = await requestToken(
      sbx.url,
      clientId,
      clientSecret!,
      `grant_type=client_credentials&client_id=${clientId}`,
    );
    expect(same.status).toBe(200);
  });

  it.each([
    ['a wrong secret', (id: string) => basicAuth(id, 'nope')],
    ['an unknown client', () => basicAuth('dinie_ci_00000000000000000000000000000000', 'x')],
    ['no credentials', () => undefined],
    ['malformed Basic credentials', () => 'Basic !!!not-base64'],
    ['Basic credentials without a colon', () => `Basic ${Buffer.from('abc').toString('base64')}`],
    ['bad percent-encoding', () => `Basic ${Buffer.from('id:%zz').toString('base64')}`],
    ['another scheme', () => 'Bearer abc'],
  ])('answers 401 invalid_client with a Basic challenge for %s', async (_label, header) => {
    const sbx = await sandbox();
    const authorization = header(sbx.bootstrap.clientId);
    const response = await call(`${sbx.url}/auth/token`, {
      method: 'POST',
      headers: {
        ...FORM,
        ...(authorization === undefined ? {} : { Authorization: authorization }),
      },
      rawBody: 'grant_type=client_credentials',
    });
    const problem = expectProblem(response, 401, 'invalid_client');
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="sandbox"');
    expect(problem['error']).toBe('invalid_client');
    expect(problem['error_description']).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['grant_type=', 'invalid_request'],
    ['grant_type=&scope=x', 'invalid_request'],
    ['grant_type=password', 'unsupported_grant_type'],
    ['scope=x&grant_type=refresh_token', 'unsupported_grant_type'],
    ['grant_type=authorization_code&code=x', 'unsupported_grant_type'],
    ['grant_type=client_credentials&grant_type=client_credentials', 'invalid_request'],
    ['grant_type=client_credentials&x=%E0%A4', 'invalid_request'],
    ['grant_type=client_credentials&x=%G1', 'invalid_request'],
  ])('answers 400 to the form %j with the OAuth error %s', async (form, error) => {
    const sbx = await sandbox();
    const response = await requestToken(
      sbx.url,
      sbx.bootstrap.clientId,
      sbx.bootstrap.clientSecret!,
      form,
    );
    const problem = expectProblem(response, 400, error);
    expect(problem['error']).toBe(error);
    expect(typeof problem['error_description']).toBe('string');
  });

  it.each([
    ['no body and no Content-Type at all, as the seed documents it', undefined],
    ['an empty form', ''],
    ['a form with only a scope', 'scope=credentials%3Aread'],
  ])('reads a request without grant_type as client_credentials: %s', async (_what, body) => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/token`, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(sbx.bootstrap.clientId, sbx.bootstrap.clientSecret!),
        ...(body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
      },
      ...(body === undefined ? {} : { rawBody: body }),
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    expect(sbx.stats.tokensIssued).toBe(1);
  });

  it('answers 400 to a body that is not form-urlencoded', async () => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/token`, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(sbx.bootstrap.clientId, sbx.bootstrap.clientSecret!),
        'Content-Type': 'application/json',
      },
      rawBody: '{"grant_type":"client_credentials"}',
    });
    expect(expectProblem(response, 400, 'invalid_request')['param']).toBe('Content-Type');
  });

  it('answers 405 with Allow to other methods', async () => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/token`);
    // Every problem of the token endpoint also speaks OAuth (RFC 6749 §5.2).
    expect(expectProblem(response, 405, 'method_not_allowed')).toMatchObject({
      error: 'invalid_request',
      error_description: expect.any(String),
    });
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('serves RFC 8414 metadata pointing at the token endpoint and the JWKS', async () => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/.well-known/oauth-authorization-server`);
    expect(response.json).toMatchObject({
      issuer: sbx.url,
      token_endpoint: `${sbx.url}/auth/token`,
      jwks_uri: `${sbx.url}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
    });
  });
});
