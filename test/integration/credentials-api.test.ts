import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  createCredentialsApi,
  type CredentialsApiOptions,
} from '../../src/main/core/credentials/credentials-api';
import { exchangeClientCredentials } from '../../src/main/core/tokens/oauth';
import type { SandboxHandle } from '../../src/sandbox';
import { AppFailure, type AppError } from '../../src/shared/errors';
import { manualClock, sandbox, tokenFor, type TestClock } from '../fixtures/sandbox-client';
import { TRUNCATED_CREATE_BODY } from '../fixtures/fake-secrets';

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

/** An API client on a sandbox, with a cached token, recorded waits and counted invalidations. */
function clientFor(
  sbx: SandboxHandle,
  overrides: Partial<CredentialsApiOptions> & {
    readonly clock?: TestClock;
    realSleep?: boolean;
  } = {},
) {
  let cached: string | null = null;
  const waits: number[] = [];
  const seen = { invalidations: 0, idempotencyKeys: [] as string[] };
  const { clock, realSleep, ...rest } = overrides;
  const api = createCredentialsApi({
    baseUrl: `${sbx.url}/`,
    async getToken() {
      cached ??= (
        await exchangeClientCredentials({
          tokenUrl: `${sbx.url}/auth/token`,
          clientId: sbx.bootstrap.clientId,
          clientSecret: sbx.bootstrap.clientSecret!,
          now: clock?.now,
        })
      ).accessToken;
      return cached;
    },
    invalidateToken() {
      seen.invalidations += 1;
      cached = null;
    },
    // A recording pass-through to the real fetch: the requests still go over loopback.
    fetch: (input, init) => {
      const key = new Headers(init?.headers).get('idempotency-key');
      if (key !== null) seen.idempotencyKeys.push(key);
      return fetch(input, init);
    },
    sleep: async (ms) => {
      waits.push(ms);
      if (realSleep) await delay(ms);
    },
    random: () => 0,
    now: clock?.now,
    ...rest,
  });
  return {
    api,
    waits,
    seen,
    setToken: (token: string) => {
      cached = token;
    },
  };
}

const KEY = '5b0f3c4e-8a2d-4f61-9c7e-0d1b2a3c4d5e';
const route = {
  list: 'GET /auth/credentials',
  create: 'POST /auth/credentials',
  revoke: 'DELETE /auth/credentials/:client_id',
} as const;

describe('credentials API client', () => {
  it('lists the credentials in the app’s camelCase shape, without secrets', async () => {
    const sbx = await sandbox({ bootstrap: { clientId: 'ci_boot', clientSecret: 's3cret-boot' } });
    const { api } = clientFor(sbx);
    const list = await api.list();
    expect(list).toEqual([
      {
        id: expect.any(String),
        clientId: 'ci_boot',
        name: 'Bootstrap',
        status: 'active',
        expiresAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        lastUsedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(list)).not.toContain('s3cret-boot');
  });

  it('creates a credential and returns its secret once; the new secret mints tokens', async () => {
    const sbx = await sandbox();
    const { api } = clientFor(sbx);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const { credential, replayed } = await api.create({ name: 'CI key', expiresAt }, KEY);
    expect(replayed).toBe(false);
    expect(credential).toMatchObject({
      name: 'CI key',
      status: 'active',
      clientSecret: expect.any(String),
    });
    expect(new Date(credential.expiresAt!).getTime()).toBe(new Date(expiresAt).getTime());
    await tokenFor(sbx, credential.clientId, credential.clientSecret);
    expect((await api.list()).map((c) => c.clientId)).toContain(credential.clientId);
  });

  it('a lost create response does not create a second credential: the retry replays it, secret included', async () => {
    const sbx = await sandbox({ faults: true });
    const { api, seen, waits } = clientFor(sbx);
    sbx.faults.inject(route.create, { kind: 'drop-after-commit' });
    const { credential, replayed } = await api.create({ name: 'Deploy bot', expiresAt: null }, KEY);
    expect(replayed).toBe(true);
    expect(sbx.stats.credentialCreates).toBe(1);
    expect(sbx.stats.idempotentReplays).toBe(1);
    expect(sbx.stats.requests[route.create]).toBe(2);
    expect(seen.idempotencyKeys).toEqual([KEY, KEY]);
    expect(waits).toEqual([125]);
    expect(credential.clientSecret).toEqual(expect.any(String));
    await tokenFor(sbx, credential.clientId, credential.clientSecret);
    const named = (await api.list()).filter((c) => c.name === 'Deploy bot');
    expect(named).toHaveLength(1);
  });

  it('a create that outlasts the timeout is retried and replayed, never made twice', async () => {
    const sbx = await sandbox({ faults: true });
    const { api, seen, waits } = clientFor(sbx, {
      timeoutMs: 300,
      realSleep: true,
      retry: { maxDelayMs: 2000 },
    });
    sbx.faults.inject(route.create, { kind: 'delay', ms: 900 });
    const { credential, replayed } = await api.create({ name: 'Slow one', expiresAt: null }, KEY);
    expect(replayed).toBe(true);
    expect(credential.clientSecret).toEqual(expect.any(String));
    expect(sbx.stats.credentialCreates).toBe(1);
    // Timed out; retried while the first was still in flight (409 + Retry-After: 1); replayed.
    expect(sbx.stats.requests[route.create]).toBe(3);
    expect(waits).toEqual([125, 1000]);
    expect(new Set(seen.idempotencyKeys)).toEqual(new Set([KEY]));
  });

  it('a request that never answers in time ends in a timeout error after every try', async () => {
    const sbx = await sandbox({ faults: true });
    const { api, waits } = clientFor(sbx, { timeoutMs: 100 });
    sbx.faults.inject(route.list, { kind: 'delay', ms: 2000 }, 4);
    const error = await failureOf(api.list());
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 100 });
    expect(error.message).toMatch(/did not answer within 100 ms\. \(gave up after 4 tries\)/);
    expect(sbx.stats.requests[route.list]).toBe(4);
    expect(waits).toEqual([125, 250, 500]);
  });

  it('500, 503 and 429 answers are retried until the list loads', async () => {
    const sbx = await sandbox({ faults: true });
    const { api, waits } = clientFor(sbx);
    sbx.faults.inject(route.list, { kind: 'status', status: 500 });
    sbx.faults.inject(route.list, { kind: 'status', status: 503 });
    sbx.faults.inject(route.list, { kind: 'rate-limit', retryAfter: '2' });
    expect(await api.list()).toHaveLength(1);
    expect(sbx.stats.requests[route.list]).toBe(4);
    expect(waits).toEqual([125, 250, 2000]);
  });

  it('a create through 502 and 503 is retried with the same Idempotency-Key and made once', async () => {
    const sbx = await sandbox({ faults: true });
    const { api, seen } = clientFor(sbx);
    sbx.faults.inject(route.create, { kind: 'status', status: 502 });
    sbx.faults.inject(route.create, { kind: 'status', status: 503 });
    const { replayed } = await api.create({ name: 'Flaky', expiresAt: null }, KEY);
    expect(replayed).toBe(false);
    expect(sbx.stats.requests[route.create]).toBe(3);
    expect(sbx.stats.credentialCreates).toBe(1);
    expect(seen.idempotencyKeys).toEqual([KEY, KEY, KEY]);
  });

  it('a server that keeps failing is reported after four tries, with its problem', async () => {
    const sbx = await sandbox({ faults: true });
    const { api } = clientFor(sbx);
    sbx.faults.inject(route.list, { kind: 'status', status: 503 }, 10);
    const error = await failureOf(api.list());
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { status: 503, code: 'service_unavailable', instance: expect.any(String) },
    });
    expect(error.message).toMatch(/\(gave up after 4 tries\)$/);
    expect(sbx.stats.requests[route.list]).toBe(4);
  });

  it('waits until the HTTP-date a 429 names before trying again', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ faults: true, now: clock.now });
    const { api, waits } = clientFor(sbx, { clock });
    const retryAfter = new Date(clock.now() + 7000).toUTCString();
    sbx.faults.inject(route.list, { kind: 'rate-limit', retryAfter });
    expect(await api.list()).toHaveLength(1);
    expect(waits).toEqual([7000]);
    expect(sbx.stats.requests[route.list]).toBe(2);
  });

  it('a 429 asking for longer than the cap is shown at once with its retry time', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ faults: true, now: clock.now });
    const { api, waits } = clientFor(sbx, { clock });
    sbx.faults.inject(route.list, { kind: 'rate-limit', retryAfter: '120' });
    const error = await failureOf(api.list());
    expect(error).toMatchObject({
      kind: 'rate-limited',
      retryAt: clock.now() + 120_000,
      problem: { status: 429, code: 'rate_limited' },
    });
    expect(waits).toEqual([]);
    expect(sbx.stats.requests[route.list]).toBe(1);
  });

  it('a dropped connection is retried', async () => {
    const sbx = await sandbox({ faults: true });
    const { api } = clientFor(sbx);
    sbx.faults.inject(route.list, { kind: 'reset' });
    expect(await api.list()).toHaveLength(1);
    expect(sbx.stats.requests[route.list]).toBe(2);
  });

  it.each([
    [
      'an HTML page',
      'text/html',
      '<html><head><title>Sign in - Corp SSO</title></head></html>',
      /text\/html \(an HTML page\): "Sign in - Corp SSO", instead of a list of credentials/,
    ],
    [
      'plain text',
      'text/plain',
      'upstream connect error',
      /text\/plain \(not JSON\): "upstream connect error", instead of a list/,
    ],
    [
      'truncated JSON',
      'application/json',
      '{"data":[{"id":"cred_1","client_id":"ci_',
      /application\/json JSON that does not parse \(truncated or malformed\)/,
    ],
    [
      'JSON of another shape',
      'application/json',
      '{"items":[]}',
      /JSON that is not a list of credentials \(data: /,
    ],
  ])(
    'a list answered with %s is a clear error, not a crash',
    async (_what, contentType, body, message) => {
      const sbx = await sandbox({ faults: true });
      const { api } = clientFor(sbx);
      sbx.faults.inject(route.list, { kind: 'garbage', contentType, body });
      const error = await failureOf(api.list());
      expect(error).toMatchObject({
        kind: 'problem',
        problem: { status: 200, code: 'invalid_response' },
      });
      expect(error.message).toMatch(message);
    },
  );

  it('a create answered with cut-off JSON is a clear error that does not quote the secret', async () => {
    const sbx = await sandbox({ faults: true });
    const { api } = clientFor(sbx);
    const body = TRUNCATED_CREATE_BODY;
    sbx.faults.inject(route.create, { kind: 'garbage', contentType: 'application/json', body });
    const error = await failureOf(api.create({ name: 'x', expiresAt: null }, KEY));
    expect(error.message).toMatch(
      /HTTP 201 .*does not parse \(truncated or malformed\).*instead of the created credential/,
    );
    expect(JSON.stringify(error)).not.toContain('0123456789abcdef');
  });

  it('revoking twice or revoking an unknown client_id are clear problems with code and instance', async () => {
    const sbx = await sandbox();
    const { api } = clientFor(sbx, { label: 'Staging' });
    const { credential } = await api.create({ name: 'Old', expiresAt: null }, KEY);
    await api.revoke(credential.clientId);
    expect((await api.list()).find((c) => c.clientId === credential.clientId)?.status).toBe(
      'revoked',
    );

    const again = await failureOf(api.revoke(credential.clientId));
    expect(again).toMatchObject({
      kind: 'problem',
      message: `The credential ${credential.clientId} at Staging is already revoked.`,
      problem: { status: 409, code: 'credential_already_revoked', instance: expect.any(String) },
    });
    const unknown = await failureOf(api.revoke('ci_nope/../x?y#z'));
    expect(unknown).toMatchObject({
      kind: 'problem',
      message: 'No credential with client_id ci_nope/../x?y#z at Staging.',
      problem: {
        status: 404,
        code: 'credential_not_found',
        param: 'client_id',
        // The sandbox decoded the path segment back to the exact client_id.
        detail: 'No credential has client_id ci_nope/../x?y#z.',
      },
    });
  });

  it('a revoke whose answer was lost still counts as revoked', async () => {
    const sbx = await sandbox({ faults: true });
    const { api } = clientFor(sbx);
    const { credential } = await api.create({ name: 'Leaked', expiresAt: null }, KEY);
    sbx.faults.inject(route.revoke, { kind: 'drop-after-commit' });
    await api.revoke(credential.clientId);
    expect(sbx.stats.requests[route.revoke]).toBe(2);
    expect((await api.list()).find((c) => c.clientId === credential.clientId)?.status).toBe(
      'revoked',
    );
  });

  it('an expired token is exchanged again once and the list still loads', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const { api, seen } = clientFor(sbx, { clock });
    await api.list();
    expect(sbx.stats.tokenRequests).toBe(1);
    clock.advance(2 * 3600_000);
    expect(await api.list()).toHaveLength(1);
    expect(seen.invalidations).toBe(1);
    expect(sbx.stats.tokenRequests).toBe(2);
    expect(sbx.stats.requests[route.list]).toBe(3);
  });

  it('a token the API keeps refusing is reported after one fresh exchange, not retried forever', async () => {
    const sbx = await sandbox();
    const { api, seen } = clientFor(sbx, { getToken: async () => 'not-a-real-token' });
    const error = await failureOf(api.list());
    expect(error).toMatchObject({
      kind: 'problem',
      problem: { status: 401, code: 'invalid_token', detail: 'The access token is invalid.' },
    });
    expect(error.message).toMatch(/refused the access token even after a fresh one was obtained/);
    expect(seen.invalidations).toBe(1);
    expect(sbx.stats.requests[route.list]).toBe(2);
  });

  it('an unreachable API is a network error naming its host after every try', async () => {
    const sbx = await sandbox();
    const token = await tokenFor(sbx);
    const { url } = sbx;
    await sbx.close();
    const { api, waits } = clientFor(sbx, { getToken: async () => token });
    const error = await failureOf(api.list());
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      `Cannot reach ${new URL(url).host}: connection refused (is the server running, and is the port right?) (ECONNREFUSED). (gave up after 4 tries)`,
    );
    expect(error.message).not.toContain(token);
    expect(waits).toEqual([125, 250, 500]);
  });
});
