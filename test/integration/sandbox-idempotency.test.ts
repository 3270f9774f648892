import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  call,
  createCredential,
  expectProblem,
  manualClock,
  sandbox,
  tokenFor,
  type TestResponse,
  waitFor,
} from '../fixtures/sandbox-client';

function create(
  url: string,
  token: string,
  key: string | undefined,
  body: unknown,
): Promise<TestResponse> {
  return call(`${url}/auth/credentials`, {
    method: 'POST',
    token,
    body,
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });
}

async function listNames(url: string, token: string): Promise<string[]> {
  const list = (await call(`${url}/auth/credentials`, { token })).json as {
    data: Array<{ name: string }>;
  };
  return list.data.map((c) => c.name);
}

describe('Idempotency-Key on POST /auth/credentials', () => {
  it('replays the stored response, secret included, for the same key and body', async () => {
    const sbx = await sandbox();
    const token = await tokenFor(sbx);
    const key = 'a5c1c6a3-42e3-4c57-9c6d-0d4a3e6b8f10';
    const first = await create(sbx.url, token, key, { name: 'CI', expires_at: null });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same content, keys in another order: the fingerprint is of canonical JSON.
    const again = await create(sbx.url, token, key, { expires_at: null, name: 'CI' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect((again.json as Record<string, unknown>)['client_secret']).toMatch(/^dinie_cs_test_/);
    expect(sbx.stats.credentialCreates).toBe(1);
    expect(sbx.stats.idempotentReplays).toBe(1);
    expect(await listNames(sbx.url, token)).toEqual(['CI', 'Bootstrap']);
  });

  it('treats a structured-field string key like the same bare key', async () => {
    const sbx = await sandbox();
    const token = await tokenFor(sbx);
    expect((await create(sbx.url, token, '"key-1"', { name: 'x' })).status).toBe(201);
    const again = await create(sbx.url, token, 'key-1', { name: 'x' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 idempotency_key_reused for the same key with a different body', async () => {
    const sbx = await sandbox();
    const token = await tokenFor(sbx);
    expect((await create(sbx.url, token, 'k', { name: 'One' })).status).toBe(201);
    const reused = await create(sbx.url, token, 'k', { name: 'Two' });
    expect(expectProblem(reused, 422, 'idempotency_key_reused')['param']).toBe('Idempotency-Key');
    expect(await listNames(sbx.url, token)).toEqual(['One', 'Bootstrap']);
  });

  it('answers 409 idempotency_key_in_flight while the first request is still processing', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    sbx.faults.inject('POST /auth/credentials', { kind: 'delay', ms: 1000 });
    const slow = create(sbx.url, token, 'same', { name: 'Slow' });
    await waitFor(() => sbx.stats.requests['POST /auth/credentials'] === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const concurrent = await create(sbx.url, token, 'same', { name: 'Slow' });
    expectProblem(concurrent, 409, 'idempotency_key_in_flight');
    expect((await slow).status).toBe(201);
    const after = await create(sbx.url, token, 'same', { name: 'Slow' });
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(sbx.stats.credentialCreates).toBe(1);
  });

  it('scopes keys to the authenticated client', async () => {
    const sbx = await sandbox();
    const admin = await tokenFor(sbx);
    const other = await createCredential(sbx.url, admin, { name: 'Other' });
    const otherToken = await tokenFor(sbx, other.client_id, other.client_secret);
    const mine = await create(sbx.url, admin, 'shared-key', { name: 'Same' });
    const theirs = await create(sbx.url, otherToken, 'shared-key', { name: 'Same' });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect((theirs.json as Record<string, string>)['client_id']).not.toBe(
      (mine.json as Record<string, string>)['client_id'],
    );
  });

  it('forgets keys after 24 hours, by the injected clock', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const first = await create(sbx.url, await tokenFor(sbx), 'daily', { name: 'Daily' });
    clock.advance(24 * 3600_000 - 1000);
    const replay = await create(sbx.url, await tokenFor(sbx), 'daily', { name: 'Daily' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    clock.advance(1000);
    const fresh = await create(sbx.url, await tokenFor(sbx), 'daily', { name: 'Daily' });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect((fresh.json as Record<string, string>)['id']).not.toBe(
      (first.json as Record<string, string>)['id'],
    );
  });

  it('does not remember requests that failed validation', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const token = await tokenFor(sbx);
    expectProblem(await create(sbx.url, token, 'fix-me', { name: '' }), 400);
    const past = { name: 'x', expires_at: new Date(clock.now() - 1).toISOString() };
    expectProblem(await create(sbx.url, token, 'fix-me', past), 422, 'expires_at_in_past');
    expect((await create(sbx.url, token, 'fix-me', { name: 'Fixed' })).status).toBe(201);
  });

  it('creates a new credential each time without a key', async () => {
    const sbx = await sandbox();
    const token = await tokenFor(sbx);
    await create(sbx.url, token, undefined, { name: 'Same' });
    await create(sbx.url, token, undefined, { name: 'Same' });
    expect(await listNames(sbx.url, token)).toEqual(['Same', 'Same', 'Bootstrap']);
  });

  it.each([
    ['256 characters', 'k'.repeat(256)],
    ['empty', '""'],
    ['a broken structured string', '"abc'],
  ])('answers 400 to a key that is %s', async (_label, key) => {
    const sbx = await sandbox();
    const response = await create(sbx.url, await tokenFor(sbx), key, { name: 'x' });
    expect(expectProblem(response, 400, 'invalid_idempotency_key')['param']).toBe(
      'Idempotency-Key',
    );
    expect(sbx.stats.credentialCreates).toBe(0);
  });

  it('accepts a 255-character key', async () => {
    const sbx = await sandbox();
    expect(
      (await create(sbx.url, await tokenFor(sbx), 'k'.repeat(255), { name: 'x' })).status,
    ).toBe(201);
  });

  it('a lost response does not create a second credential: the retry is replayed', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    sbx.faults.inject('POST /auth/credentials', { kind: 'drop-after-commit' });
    await expect(create(sbx.url, token, 'retry-me', { name: 'Once' })).rejects.toThrow();
    expect(sbx.stats.credentialCreates).toBe(1);
    const retry = await create(sbx.url, token, 'retry-me', { name: 'Once' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((retry.json as Record<string, string>)['client_secret']).toMatch(/^dinie_cs_test_/);
    expect(await listNames(sbx.url, token)).toEqual(['Once', 'Bootstrap']);
  });

  it('after a restart, replays a persisted key without the secret, which never reaches the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keysmith-sandbox-'));
    const dataFile = join(dir, 'sandbox.json');
    try {
      const first = await sandbox({ dataFile });
      const created = await create(first.url, await tokenFor(first), 'persisted-key', {
        name: 'Durable',
      });
      const secret = (created.json as Record<string, string>)['client_secret']!;
      await first.close();
      expect(await readFile(dataFile, 'utf8')).not.toContain(secret);

      // Same partner, same bootstrap client: the key's scope survives the restart.
      const bootstrap = {
        clientId: first.bootstrap.clientId,
        clientSecret: first.bootstrap.clientSecret!,
      };
      const second = await sandbox({ dataFile, bootstrap });
      const replay = await create(second.url, await tokenFor(second), 'persisted-key', {
        name: 'Durable',
      });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const { client_secret: _secret, ...withoutSecret } = created.json as Record<string, unknown>;
      expect(replay.json).toEqual(withoutSecret);
      expect(second.stats.credentialCreates).toBe(0);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
