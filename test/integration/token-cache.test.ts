import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenCache, type TokenKey } from '../../src/main/core/tokens/token-cache';
import type { TokenSet } from '../../src/shared/domain';
import type { SandboxHandle } from '../../src/sandbox';
import {
  sandbox,
  manualClock,
  basicAuth,
  call,
  createCredential,
  tokenFor,
  waitFor,
  type TestClock,
} from '../fixtures/sandbox-client';

/** A non-2xx answer of the sandbox, with the problem code it sent. */
class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`HTTP ${status}${code === undefined ? '' : ` ${code}`}`);
  }
}

const isUnauthorized = (error: unknown): boolean =>
  error instanceof HttpStatusError && error.status === 401;

/** A real client-credentials exchange at the sandbox, timed with the test's (client) clock. */
async function exchange(
  url: string,
  clientId: string,
  clientSecret: string,
  clock: TestClock,
): Promise<TokenSet> {
  const response = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: {
      Authorization: basicAuth(clientId, clientSecret),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as {
    access_token?: string;
    token_type?: string;
    expires_in?: number;
    code?: string;
  };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new HttpStatusError(response.status, body.code);
  }
  const issuedAt = clock.now();
  return {
    accessToken: body.access_token,
    tokenType: body.token_type ?? 'Bearer',
    issuedAt,
    expiresAt: issuedAt + (body.expires_in ?? 3600) * 1000,
  };
}

/** GET /auth/credentials with a token; throws HttpStatusError on anything but 200. */
async function listCredentials(url: string, accessToken: string): Promise<number> {
  const response = await call(`${url}/auth/credentials`, { token: accessToken });
  if (response.status !== 200) {
    throw new HttpStatusError(response.status, (response.json as { code?: string }).code);
  }
  return (response.json as { data: unknown[] }).data.length;
}

/** A cache whose mint exchanges the bootstrap credential of one sandbox. */
function bootstrapCache(handle: SandboxHandle, clock: TestClock) {
  const renewed: TokenSet[] = [];
  const cache = createTokenCache({
    now: clock.now,
    mint: () =>
      exchange(handle.url, handle.bootstrap.clientId, handle.bootstrap.clientSecret ?? '', clock),
    onRenewed: (_key, token) => renewed.push(token),
  });
  const key: TokenKey = { environmentId: 'sandbox', clientId: handle.bootstrap.clientId };
  return { cache, key, renewed };
}

describe('token cache against the real sandbox', () => {
  it('100 concurrent requests on a cold cache make exactly one token request; warm ones make none', async () => {
    const handle = await sandbox();
    const clock = manualClock();
    const { cache, key } = bootstrapCache(handle, clock);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.get(key)));
    expect(handle.stats.tokenRequests).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(await listCredentials(handle.url, tokens[0]!.accessToken)).toBe(1);

    clock.advance(30 * 60_000);
    const warm = await Promise.all(Array.from({ length: 100 }, () => cache.get(key)));
    expect(warm.every((token) => token === tokens[0])).toBe(true);
    expect(handle.stats.tokenRequests).toBe(1);
  });

  it('renews a one-hour token 5 minutes before it expires, once for concurrent callers', async () => {
    const handle = await sandbox();
    const clock = manualClock();
    const { cache, key, renewed } = bootstrapCache(handle, clock);
    const first = await cache.get(key);
    expect(cache.dueAt(key)).toBe(first.expiresAt - 5 * 60_000);

    clock.advance(cache.dueAt(key)! - clock.now() - 1);
    expect(await cache.get(key)).toBe(first);
    expect(handle.stats.tokenRequests).toBe(1);

    clock.advance(1);
    expect(clock.now()).toBeLessThan(first.expiresAt);
    const next = await Promise.all(Array.from({ length: 20 }, () => cache.get(key)));
    expect(handle.stats.tokenRequests).toBe(2);
    expect(next[0]!.accessToken).not.toBe(first.accessToken);
    expect(new Set(next).size).toBe(1);
    expect(cache.peek(key)).toBe(next[0]);
    expect(renewed).toEqual([first, next[0]]);
  });

  it('renews a short-lived token at 10 % of its lifetime before expiry', async () => {
    const handle = await sandbox({ tokenTtlSeconds: 60 });
    const clock = manualClock();
    const { cache, key } = bootstrapCache(handle, clock);
    const first = await cache.get(key);
    expect(first.expiresAt - first.issuedAt).toBe(60_000);
    expect(cache.dueAt(key)).toBe(first.expiresAt - 6_000);

    clock.advance(53_999);
    expect(await cache.get(key)).toBe(first);
    expect(handle.stats.tokenRequests).toBe(1);
    clock.advance(1);
    const second = await cache.get(key);
    expect(second).not.toBe(first);
    expect(handle.stats.tokenRequests).toBe(2);
  });

  it('a failed exchange rejects every waiter with the same error and is not cached', async () => {
    const handle = await sandbox();
    const clock = manualClock();
    let secret = 'dinie_cs_test_wrong';
    const cache = createTokenCache({
      now: clock.now,
      mint: () => exchange(handle.url, handle.bootstrap.clientId, secret, clock),
    });
    const key: TokenKey = { environmentId: 'sandbox', clientId: handle.bootstrap.clientId };
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => cache.get(key)));
    expect(handle.stats.tokenRequests).toBe(1);
    const reasons = outcomes.map((outcome) =>
      outcome.status === 'rejected' ? (outcome.reason as unknown) : null,
    );
    expect(reasons[0]).toBeInstanceOf(HttpStatusError);
    expect(reasons[0]).toMatchObject({ status: 401, code: 'invalid_client' });
    expect(reasons.every((reason) => reason === reasons[0])).toBe(true);
    expect(cache.peek(key)).toBeNull();
    expect(cache.dueAt(key)).toBeNull();

    await expect(cache.get(key)).rejects.toMatchObject({ status: 401 });
    expect(handle.stats.tokenRequests).toBe(2);
    secret = handle.bootstrap.clientSecret ?? '';
    const token = await cache.get(key);
    expect(handle.stats.tokenRequests).toBe(3);
    expect(cache.peek(key)).toBe(token);
  });

  it('a token whose exchange was in flight when the key was invalidated is never served afterwards', async () => {
    const handle = await sandbox({ faults: true });
    const clock = manualClock();
    const { cache, key, renewed } = bootstrapCache(handle, clock);
    // The first exchange is held 150 ms at the server, so it completes after the second one.
    handle.faults.inject('POST /auth/token', { kind: 'delay', ms: 150 });
    const stale = cache.get(key);
    await waitFor(() => handle.stats.tokenRequests === 1);
    cache.invalidate(key);
    const fresh = await cache.get(key);
    expect(cache.peek(key)).toBe(fresh);

    const staleToken = await stale;
    expect(staleToken.accessToken).not.toBe(fresh.accessToken);
    expect(handle.stats.tokenRequests).toBe(2);
    expect(cache.peek(key)).toBe(fresh);
    expect(await cache.get(key)).toBe(fresh);
    expect(renewed).toEqual([fresh]);
    expect(handle.stats.tokenRequests).toBe(2);

    // Same with clear() and nothing minted in between: the cache stays empty.
    cache.invalidate(key);
    handle.faults.inject('POST /auth/token', { kind: 'delay', ms: 50 });
    const cleared = cache.get(key);
    cache.clear();
    await cleared;
    expect(cache.peek(key)).toBeNull();
    expect(handle.stats.tokenRequests).toBe(3);

    // And a token put in with set() (obtained elsewhere) is not replaced by an older mint.
    handle.faults.inject('POST /auth/token', { kind: 'delay', ms: 150 });
    const older = cache.get(key);
    await waitFor(() => handle.stats.tokenRequests === 4);
    const { clientId, clientSecret } = handle.bootstrap;
    const primed = await exchange(handle.url, clientId, clientSecret ?? '', clock);
    cache.set(key, primed);
    await older;
    expect(cache.peek(key)).toBe(primed);
  });

  describe('withToken on a real 401 (the server clock runs 61 minutes ahead of the client)', () => {
    // Clock skew: the client believes its token has most of an hour left, the server says it
    // expired. The sandbox's own clock is a second manual clock, so the 401 is the server's
    // genuine "invalid_token: expired" answer to an unaltered token.
    async function skewed() {
      const serverClock = manualClock();
      const handle = await sandbox({ now: serverClock.now });
      const { cache, key } = bootstrapCache(handle, manualClock());
      await cache.get(key);
      serverClock.advance(61 * 60_000);
      return { handle, cache, key, serverClock };
    }

    it('re-exchanges exactly once and retries once', async () => {
      const { handle, cache, key } = await skewed();
      const statuses: Array<number | string> = [];
      const count = await cache.withToken(
        key,
        async (accessToken) => {
          try {
            return await listCredentials(handle.url, accessToken);
          } catch (error) {
            if (error instanceof HttpStatusError) statuses.push(error.status, error.code ?? '');
            throw error;
          }
        },
        isUnauthorized,
      );
      expect(count).toBe(1);
      expect(statuses).toEqual([401, 'invalid_token']);
      expect(handle.stats.tokenRequests).toBe(2);
      expect(handle.stats.requests['GET /auth/credentials']).toBe(2);
    });

    it('concurrent callers hit by the same 401 share one re-exchange', async () => {
      const { handle, cache, key } = await skewed();
      const use = (accessToken: string) => listCredentials(handle.url, accessToken);
      const counts = await Promise.all(
        Array.from({ length: 5 }, () => cache.withToken(key, use, isUnauthorized)),
      );
      expect(counts).toEqual([1, 1, 1, 1, 1]);
      expect(handle.stats.tokenRequests).toBe(2);
      expect(handle.stats.requests['GET /auth/credentials']).toBe(10);
    });

    it('gives up after one retry, and never re-exchanges for other errors', async () => {
      const { handle, cache, key, serverClock } = await skewed();
      const alwaysExpired = async (accessToken: string) => {
        serverClock.advance(2 * 60 * 60_000);
        return listCredentials(handle.url, accessToken);
      };
      await expect(cache.withToken(key, alwaysExpired, isUnauthorized)).rejects.toMatchObject({
        status: 401,
      });
      expect(handle.stats.tokenRequests).toBe(2);
      expect(handle.stats.requests['GET /auth/credentials']).toBe(2);

      const boom = new Error('not a 401');
      await expect(cache.withToken(key, () => Promise.reject(boom), isUnauthorized)).rejects.toBe(
        boom,
      );
      expect(handle.stats.tokenRequests).toBe(2);
    });
  });

  it('separate environments and client_ids never share a token', async () => {
    const a = await sandbox();
    const { clientId, clientSecret } = a.bootstrap;
    const b = await sandbox({ bootstrap: { clientId, clientSecret: clientSecret ?? '' } });
    const second = await createCredential(a.url, await tokenFor(a), { name: 'Second' });
    const clock = manualClock();
    const secrets = new Map([
      [clientId, clientSecret ?? ''],
      [second.client_id, second.client_secret],
    ]);
    const urls = new Map([
      ['env-a', a.url],
      ['env-b', b.url],
    ]);
    const cache = createTokenCache({
      now: clock.now,
      mint: (key) =>
        exchange(urls.get(key.environmentId)!, key.clientId, secrets.get(key.clientId)!, clock),
    });
    const keys: TokenKey[] = [
      { environmentId: 'env-a', clientId },
      { environmentId: 'env-a', clientId: second.client_id },
      { environmentId: 'env-b', clientId },
    ];
    const requestsBefore = a.stats.tokenRequests;
    const tokens = await Promise.all(keys.flatMap((key) => [cache.get(key), cache.get(key)]));
    expect(a.stats.tokenRequests - requestsBefore).toBe(2);
    expect(b.stats.tokenRequests).toBe(1);
    const distinct = [tokens[0]!, tokens[2]!, tokens[4]!];
    expect(new Set(distinct.map((token) => token.accessToken)).size).toBe(3);
    expect(distinct.map((token) => decodeJwt(token.accessToken))).toMatchObject([
      { iss: a.url, sub: clientId },
      { iss: a.url, sub: second.client_id },
      { iss: b.url, sub: clientId },
    ]);

    cache.invalidate(keys[0]!);
    expect(cache.peek(keys[0]!)).toBeNull();
    expect(cache.peek(keys[1]!)).toBe(distinct[1]);
    cache.invalidateEnvironment('env-a');
    expect(cache.peek(keys[1]!)).toBeNull();
    expect(cache.peek(keys[2]!)).toBe(distinct[2]);
  });
});
