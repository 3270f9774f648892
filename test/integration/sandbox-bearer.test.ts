import { describe, expect, it } from 'vitest';
import {
  call,
  createCredential,
  expectProblem,
  manualClock,
  requestToken,
  sandbox,
  tokenFor,
} from '../fixtures/sandbox-client';

describe('Bearer tokens on the credential endpoints', () => {
  it('requires a token: 401 with a Bearer challenge, and invalid_token for a bad one', async () => {
    const sbx = await sandbox();
    const missing = await call(`${sbx.url}/auth/credentials`);
    expectProblem(missing, 401, 'missing_token');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="sandbox"');

    for (const token of ['garbage', 'a.b.c', `${await tokenFor(sbx)}x`]) {
      const response = await call(`${sbx.url}/auth/credentials`, { token });
      expectProblem(response, 401, 'invalid_token');
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="sandbox", error="invalid_token"/,
      );
    }
    const notBearer = await call(`${sbx.url}/auth/credentials`, {
      headers: { Authorization: 'Bearer two words' },
    });
    expectProblem(notBearer, 401, 'invalid_token');
  });

  it('refuses a token signed by another sandbox (its own key, its own issuer)', async () => {
    const a = await sandbox();
    const b = await sandbox();
    const response = await call(`${b.url}/auth/credentials`, { token: await tokenFor(a) });
    expectProblem(response, 401, 'invalid_token');
  });

  it('rejects a token once it expires, by the injected clock', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const token = await tokenFor(sbx);
    clock.advance(3599_000);
    expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
    clock.advance(1000);
    const expired = await call(`${sbx.url}/auth/credentials`, { token });
    expect(expectProblem(expired, 401, 'invalid_token')['detail']).toMatch(/expired/);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('revocation and expiry', () => {
  it('a revoked credential mints no new token; one it already has keeps working until exp', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const admin = await tokenFor(sbx);
    const created = await createCredential(sbx.url, admin, { name: 'Leaked key' });
    const issued = await tokenFor(sbx, created.client_id, created.client_secret);

    clock.advance(10 * 60_000);
    const revoke = await call(`${sbx.url}/auth/credentials/${created.client_id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(revoke.status).toBe(204);

    const again = await requestToken(sbx.url, created.client_id, created.client_secret);
    expect(expectProblem(again, 401, 'invalid_client')['detail']).toMatch(/revoked/);

    clock.advance(49 * 60_000);
    expect((await call(`${sbx.url}/auth/credentials`, { token: issued })).status).toBe(200);
    clock.advance(60_000);
    expectProblem(
      await call(`${sbx.url}/auth/credentials`, { token: issued }),
      401,
      'invalid_token',
    );
  });

  it('a credential past its expires_at mints no token', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const admin = await tokenFor(sbx);
    const expiresAt = new Date(clock.now() + 60_000).toISOString();
    const created = await createCredential(sbx.url, admin, {
      name: 'Short',
      expires_at: expiresAt,
    });
    expect(created.expires_at).toBe(expiresAt);
    expect((await requestToken(sbx.url, created.client_id, created.client_secret)).status).toBe(
      200,
    );
    clock.advance(60_000);
    const late = await requestToken(sbx.url, created.client_id, created.client_secret);
    expect(expectProblem(late, 401, 'invalid_client')['detail']).toMatch(/expired/);
  });
});

describe('last_used_at', () => {
  it('moves when the credential mints a token and when its token is used, leaving updated_at alone', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const admin = await tokenFor(sbx);
    const created = await createCredential(sbx.url, admin, { name: 'Worker' });
    expect(created.last_used_at).toBeNull();
    const find = async () => {
      const list = (await call(`${sbx.url}/auth/credentials`, { token: admin })).json as {
        data: Array<Record<string, unknown>>;
      };
      return list.data.find((c) => c['client_id'] === created.client_id)!;
    };

    clock.advance(1000);
    const mintedAt = new Date(clock.now()).toISOString();
    const token = await tokenFor(sbx, created.client_id, created.client_secret);
    expect(await find()).toMatchObject({ last_used_at: mintedAt, updated_at: created.updated_at });

    clock.advance(5000);
    const usedAt = new Date(clock.now()).toISOString();
    expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
    expect(await find()).toMatchObject({ last_used_at: usedAt, updated_at: created.updated_at });

    clock.advance(5000);
    await requestToken(sbx.url, created.client_id, 'wrong secret');
    expect((await find())['last_used_at']).toBe(usedAt);
  });
});
