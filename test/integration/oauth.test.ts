import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  DEFAULT_TOKEN_LIFETIME_MS,
  exchangeClientCredentials,
  formUrlEncode,
} from '../../src/main/core/tokens/oauth';
import { AppFailure, type AppError } from '../../src/shared/errors';
import { call, manualClock, sandbox } from '../fixtures/sandbox-client';
import { scriptedServer, sendJson, unsignedJwt } from '../fixtures/scripted-server';

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

const AWKWARD_SECRET = 'p:a+s%s w0rd:20% ünïcødé € 🔑 &=?/#';

describe('client credentials exchange (RFC 6749 §4.4)', () => {
  it('gets a working token with a secret full of ":", "+", "%", spaces and non-ASCII', async () => {
    const clock = manualClock();
    const clientId = 'partner:ops+1 ü';
    const sbx = await sandbox({ bootstrap: { clientId, clientSecret: AWKWARD_SECRET } });
    const token = await exchangeClientCredentials({
      tokenUrl: `${sbx.url}/auth/token`,
      clientId,
      clientSecret: AWKWARD_SECRET,
      now: clock.now,
    });
    expect(token).toEqual({
      accessToken: expect.stringMatching(/^ey/),
      tokenType: 'Bearer',
      issuedAt: clock.now(),
      expiresAt: clock.now() + 3600_000,
    });
    expect(sbx.stats.tokensIssued).toBe(1);
    const listed = await call(`${sbx.url}/auth/credentials`, { token: token.accessToken });
    expect(listed.status).toBe(200);
  });

  it('sends the form body and Basic credentials form-urlencoded, a space as "+"', async () => {
    const server = await scriptedServer((_request, response) =>
      sendJson(response, 200, { access_token: 'opaque', token_type: 'bearer', expires_in: 60 }),
    );
    await exchangeClientCredentials({
      tokenUrl: `${server.url}/oauth2/token`,
      clientId: 'id with space',
      clientSecret: 'a b+c:d%é~*',
      scope: 'credentials:read credentials:write',
      extraHeaders: { 'X-Gateway-Key': 'gw', Authorization: 'must not win' },
    });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/oauth2/token');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.headers['accept']).toBe('application/json');
    expect(request?.headers['x-gateway-key']).toBe('gw');
    expect(request?.body).toBe(
      'grant_type=client_credentials&scope=credentials%3Aread+credentials%3Awrite',
    );
    const basic = Buffer.from(
      String(request?.headers['authorization']).replace(/^Basic /, ''),
      'base64',
    ).toString('utf8');
    expect(basic).toBe('id+with+space:a+b%2Bc%3Ad%25%C3%A9%7E*');
    expect(formUrlEncode('a b+c:d%é~*')).toBe('a+b%2Bc%3Ad%25%C3%A9%7E*');
    expect(basicAuthorization('id with space', 'a b+c:d%é~*')).toBe(
      request?.headers['authorization'],
    );
  });

  it('passes a requested scope through and reports the granted one', async () => {
    const sbx = await sandbox();
    const token = await exchangeClientCredentials({
      tokenUrl: `${sbx.url}/auth/token`,
      clientId: sbx.bootstrap.clientId,
      clientSecret: sbx.bootstrap.clientSecret!,
      scope: 'credentials:read',
    });
    expect(token.scope).toBe('credentials:read');
  });

  it('without expires_in, a token lives until its JWT exp', async () => {
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 600;
    const server = await scriptedServer((_request, response) => {
      response.setHeader('Date', new Date(clock.now()).toUTCString());
      sendJson(response, 200, { access_token: unsignedJwt({ exp }), token_type: 'Bearer' });
    });
    const token = await exchangeClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's',
      now: clock.now,
    });
    expect(token.expiresAt).toBe(exp * 1000);
    expect(token.issuedAt).toBe(clock.now());
  });

  it('without expires_in, a JWT exp from a server 5 minutes ahead is moved onto the local clock', async () => {
    const clock = manualClock();
    const serverNow = clock.now() + 5 * 60_000;
    const exp = Math.floor(serverNow / 1000) + 600;
    const server = await scriptedServer((_request, response) => {
      response.setHeader('Date', new Date(serverNow).toUTCString());
      sendJson(response, 200, { access_token: unsignedJwt({ exp }), token_type: 'Bearer' });
    });
    const token = await exchangeClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's',
      now: clock.now,
    });
    // The Date header has whole seconds: its reading is taken half a second in.
    expect(token.expiresAt).toBe(exp * 1000 - (5 * 60_000 + 500));
  });

  it('without expires_in or a JWT exp, a token is assumed to live one hour', async () => {
    const clock = manualClock();
    const server = await scriptedServer((_request, response) =>
      sendJson(response, 200, { access_token: 'opaque-token-value', token_type: 'Bearer' }),
    );
    const token = await exchangeClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's',
      now: clock.now,
    });
    expect(DEFAULT_TOKEN_LIFETIME_MS).toBe(3600_000);
    expect(token.expiresAt).toBe(clock.now() + 3600_000);
  });

  it('a wrong secret is reported as refused client credentials, never echoing the secret', async () => {
    const sbx = await sandbox({ bootstrap: { clientId: 'ci_1', clientSecret: 'right-secret' } });
    const error = await failureOf(
      exchangeClientCredentials({
        tokenUrl: `${sbx.url}/auth/token`,
        clientId: 'ci_1',
        clientSecret: AWKWARD_SECRET,
      }),
    );
    expect(error).toMatchObject({
      kind: 'problem',
      problem: {
        status: 401,
        code: 'invalid_client',
        title: 'Unauthorized',
        detail: 'Unknown client or wrong secret.',
        instance: expect.stringMatching(/^\/problems\/instances\//),
        extensions: { error: 'invalid_client', error_description: expect.any(String) },
      },
    });
    expect(error.message).toMatch(/Unknown client or wrong secret.*HTTP 401, invalid_client/);
    const everything = JSON.stringify(error);
    expect(everything).not.toContain(AWKWARD_SECRET);
    expect(everything).not.toContain(formUrlEncode(AWKWARD_SECRET));
  });

  it('an RFC 6749 error body becomes a clear message whose code is the OAuth error', async () => {
    const server = await scriptedServer((_request, response) =>
      sendJson(response, 400, {
        error: 'invalid_scope',
        error_description: 'scope admin is not granted to this client',
        error_uri: 'https://idp.example/errors#scope',
      }),
    );
    const error = await failureOf(
      exchangeClientCredentials({
        tokenUrl: `${server.url}/token`,
        clientId: 'c',
        clientSecret: 'top-secret-value',
        scope: 'admin',
      }),
    );
    expect(error).toEqual({
      kind: 'problem',
      message:
        'The token endpoint at ' +
        server.url.replace('http://', '') +
        ' refused the request (invalid_scope, HTTP 400): the requested scope is unknown, malformed ' +
        'or not allowed for this client — scope admin is not granted to this client.',
      problem: {
        type: 'about:blank',
        title: 'Token request refused',
        status: 400,
        detail: 'scope admin is not granted to this client',
        code: 'invalid_scope',
        param: 'scope',
        errors: [
          {
            param: 'scope',
            detail: 'scope admin is not granted to this client',
            code: 'invalid_scope',
          },
        ],
        extensions: {
          error: 'invalid_scope',
          error_description: 'scope admin is not granted to this client',
          error_uri: 'https://idp.example/errors#scope',
        },
      },
    });
  });

  it('a problem+json answer keeps every member, extensions included', async () => {
    const document = {
      type: 'https://idp.example/problems/validation',
      title: 'Invalid request',
      status: 422,
      detail: 'Two fields are wrong.',
      instance: '/problems/instances/42',
      code: 'validation_failed',
      param: 'scope',
      errors: [
        { param: 'scope', detail: 'Unknown scope.', code: 'unknown' },
        { param: 'audience', detail: 'Required.' },
      ],
      trace_id: 'abc123',
      retryable: false,
    };
    const server = await scriptedServer((_request, response) =>
      sendJson(response, 422, document, 'application/problem+json; charset=utf-8'),
    );
    const error = await failureOf(
      exchangeClientCredentials({ tokenUrl: `${server.url}/t`, clientId: 'c', clientSecret: 's1' }),
    );
    expect(error.kind).toBe('problem');
    const { trace_id, retryable, ...members } = document;
    expect(error.kind === 'problem' && error.problem).toEqual({
      ...members,
      extensions: { trace_id, retryable },
    });
    expect(error.message).toContain('Invalid request — Two fields are wrong.');
  });

  it('an HTML error page says what the server sent instead of crashing', async () => {
    const server = await scriptedServer((_request, response) => {
      response.writeHead(502, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>',
      );
    });
    const error = await failureOf(
      exchangeClientCredentials({ tokenUrl: `${server.url}/t`, clientId: 'c', clientSecret: 's1' }),
    );
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { status: 502, title: 'Bad Gateway', code: 'non_json_response' },
    });
    expect(error.message).toMatch(
      /HTTP 502 with text\/html \(an HTML page, not JSON\).*502 Bad Gateway/,
    );
  });

  it('a token response cut short is a clear error that does not quote the token', async () => {
    const server = await scriptedServer((_request, response) =>
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end('{"access_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl","token_ty'),
    );
    const error = await failureOf(
      exchangeClientCredentials({ tokenUrl: `${server.url}/t`, clientId: 'c', clientSecret: 's1' }),
    );
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { status: 200, code: 'invalid_response' },
    });
    expect(error.message).toMatch(
      /sent HTTP 200 with application\/json JSON that does not parse \(truncated or malformed\).*instead of a token response/,
    );
    expect(error.message).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  });

  it('a connection that drops mid-body is a network error naming the host', async () => {
    const server = await scriptedServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
      response.write('{"access_token":"abc');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await failureOf(
      exchangeClientCredentials({ tokenUrl: `${server.url}/t`, clientId: 'c', clientSecret: 's1' }),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toContain(`Cannot reach ${new URL(server.url).host}`);
    expect(error.message).toMatch(/before (a complete|the whole) response/);
  });

  it('a token endpoint that does not answer in time fails with a timeout', async () => {
    const server = await scriptedServer(() => undefined);
    const error = await failureOf(
      exchangeClientCredentials({
        tokenUrl: `${server.url}/t`,
        clientId: 'c',
        clientSecret: 's1',
        timeoutMs: 150,
      }),
    );
    expect(error).toEqual({
      kind: 'timeout',
      timeoutMs: 150,
      message: `${new URL(server.url).host} did not answer within 150 ms.`,
    });
  });

  it('an unreachable token URL is a network error naming the host, not the secret', async () => {
    const port = await closedPort();
    const error = await failureOf(
      exchangeClientCredentials({
        tokenUrl: `http://127.0.0.1:${port}/auth/token`,
        clientId: 'c',
        clientSecret: AWKWARD_SECRET,
      }),
    );
    expect(error).toEqual({
      kind: 'network',
      message: `Cannot reach 127.0.0.1:${port}: connection refused (is the server running, and is the port right?) (ECONNREFUSED).`,
    });
  });

  it('a rate-limited token request says when to retry (Retry-After as an HTTP-date)', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ faults: true });
    const retryAt = clock.now() + 90_000;
    sbx.faults.inject('POST /auth/token', {
      kind: 'rate-limit',
      retryAfter: new Date(retryAt).toUTCString(),
    });
    const error = await failureOf(
      exchangeClientCredentials({
        tokenUrl: `${sbx.url}/auth/token`,
        clientId: sbx.bootstrap.clientId,
        clientSecret: sbx.bootstrap.clientSecret!,
        now: clock.now,
      }),
    );
    expect(error).toMatchObject({
      kind: 'rate-limited',
      retryAt,
      problem: { status: 429, code: 'rate_limited' },
    });
    expect(error.message).toContain(new Date(retryAt).toISOString());
  });

  it('a redirect is reported with where it points, and not followed with the credentials', async () => {
    const target = await scriptedServer((_request, response) =>
      sendJson(response, 200, { access_token: 'should-not-be-reached', token_type: 'Bearer' }),
    );
    const server = await scriptedServer((_request, response) =>
      response.writeHead(307, { Location: `${target.url}/oauth/token?x=1` }).end(),
    );
    const error = await failureOf(
      exchangeClientCredentials({ tokenUrl: `${server.url}/t`, clientId: 'c', clientSecret: 's1' }),
    );
    expect(error).toMatchObject({ kind: 'problem', problem: { status: 307, code: 'redirect' } });
    expect(error.message).toContain(`a redirect to ${target.url}/oauth/token.`);
    expect(target.requests).toHaveLength(0);
  });

  it('a secret the server echoes back is redacted from the error', async () => {
    const server = await scriptedServer((request, response) =>
      sendJson(response, 400, {
        error: 'invalid_request',
        error_description: `bad credentials header ${String(request.headers['authorization'])}`,
      }),
    );
    const secret = 'echo-me-if-you-dare';
    const error = await failureOf(
      exchangeClientCredentials({
        tokenUrl: `${server.url}/t`,
        clientId: 'c',
        clientSecret: secret,
      }),
    );
    const everything = JSON.stringify(error);
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(basicAuthorization('c', secret).slice(6));
  });
});
