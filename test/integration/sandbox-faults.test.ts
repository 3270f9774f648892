import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/sandbox';
import {
  call,
  createCredential,
  expectProblem,
  requestToken,
  sandbox,
  tokenFor,
  waitFor,
} from '../fixtures/sandbox-client';

async function credentialCount(url: string, token: string): Promise<number> {
  return ((await call(`${url}/auth/credentials`, { token })).json as { data: unknown[] }).data
    .length;
}

describe('fault injection (test-only)', () => {
  it('is off by default: the injector throws', async () => {
    const sbx = await sandbox();
    expect(() => sbx.faults.inject('POST /auth/token', { kind: 'reset' })).toThrow(/disabled/);
    expect(() => sbx.faults.setPolicy(() => null)).toThrow(/disabled/);
    expect(() => sbx.faults.clear()).toThrow(/disabled/);
  });

  it.each([500, 502, 503] as const)(
    'status %i answers a problem without processing the request',
    async (status) => {
      const sbx = await sandbox({ faults: true });
      const token = await tokenFor(sbx);
      sbx.faults.inject('POST /auth/credentials', { kind: 'status', status });
      expectProblem(
        await call(`${sbx.url}/auth/credentials`, { method: 'POST', token, body: { name: 'x' } }),
        status,
      );
      expect(sbx.stats.credentialCreates).toBe(0);
      expect(await credentialCount(sbx.url, token)).toBe(1);
    },
  );

  it('rate-limit answers 429 with the given Retry-After, seconds or HTTP-date', async () => {
    const sbx = await sandbox({ faults: true });
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    sbx.faults.inject('POST /auth/token', { kind: 'rate-limit', retryAfter: '7' });
    sbx.faults.inject('POST /auth/token', { kind: 'rate-limit', retryAfter: date });
    const { clientId, clientSecret } = sbx.bootstrap;
    const first = await requestToken(sbx.url, clientId, clientSecret!);
    expect(expectProblem(first, 429, 'rate_limited')['error']).toBe('temporarily_unavailable');
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await requestToken(sbx.url, clientId, clientSecret!)).headers.get('retry-after')).toBe(
      date,
    );
    expect((await requestToken(sbx.url, clientId, clientSecret!)).status).toBe(200);
    expect(sbx.stats.tokenRequests).toBe(3);
    expect(sbx.stats.tokensIssued).toBe(1);
  });

  it('delay holds the request; a client that gives up does not stop the server committing', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    sbx.faults.inject('POST /auth/credentials', { kind: 'delay', ms: 300 });
    const started = performance.now();
    await expect(
      fetch(`${sbx.url}/auth/credentials`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Slow' }),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    expect(sbx.stats.credentialCreates).toBe(0);
    await waitFor(() => sbx.stats.credentialCreates === 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(await credentialCount(sbx.url, token)).toBe(2);
  });

  it('reset drops the connection without processing', async () => {
    const sbx = await sandbox({ faults: true });
    sbx.faults.inject('POST /auth/token', { kind: 'reset' });
    await expect(
      requestToken(sbx.url, sbx.bootstrap.clientId, sbx.bootstrap.clientSecret!),
    ).rejects.toThrow();
    expect(sbx.stats.tokensIssued).toBe(0);
  });

  it('drop-after-commit processes the request, then drops the connection', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    const victim = await createCredential(sbx.url, token, { name: 'Victim' });
    sbx.faults.inject('DELETE /auth/credentials/:client_id', { kind: 'drop-after-commit' });
    await expect(
      call(`${sbx.url}/auth/credentials/${victim.client_id}`, { method: 'DELETE', token }),
    ).rejects.toThrow();
    const again = await call(`${sbx.url}/auth/credentials/${victim.client_id}`, {
      method: 'DELETE',
      token,
    });
    expectProblem(again, 409, 'credential_already_revoked');
  });

  it('garbage answers 200/201 with the raw body and type, without processing', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    sbx.faults.inject('POST /auth/credentials', {
      kind: 'garbage',
      contentType: 'text/html',
      body: '<html>Gateway</html>',
    });
    sbx.faults.inject('POST /auth/token', {
      kind: 'garbage',
      contentType: 'application/json',
      body: '{"access_tok',
    });
    const page = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token,
      body: { name: 'x' },
    });
    expect(page.status).toBe(201);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(page.text).toBe('<html>Gateway</html>');
    const truncated = await requestToken(
      sbx.url,
      sbx.bootstrap.clientId,
      sbx.bootstrap.clientSecret!,
    );
    expect(truncated.status).toBe(200);
    expect(truncated.text).toBe('{"access_tok');
    expect(sbx.stats.credentialCreates).toBe(0);
    expect(sbx.stats.tokensIssued).toBe(1);
  });

  it('applies a fault only to its route, count times, in order', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    sbx.faults.inject('GET /auth/credentials', { kind: 'status', status: 503 }, 2);
    sbx.faults.inject('GET /auth/credentials', { kind: 'status', status: 500 });
    expect((await call(`${sbx.url}/.well-known/jwks.json`)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(`${sbx.url}/auth/credentials`, { token })).status);
    expect(statuses).toEqual([503, 503, 500, 200]);
  });

  it('a policy decides per request until cleared', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    const seen: string[] = [];
    let n = 0;
    sbx.faults.setPolicy((route): Fault | null => {
      seen.push(route);
      return route === 'GET /auth/credentials' && n++ % 2 === 0
        ? { kind: 'status', status: 502 }
        : null;
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(`${sbx.url}/auth/credentials`, { token })).status);
    expect(statuses).toEqual([502, 200, 502, 200]);
    expect(seen).toEqual(Array(4).fill('GET /auth/credentials'));
    sbx.faults.inject('GET /auth/credentials', { kind: 'status', status: 500 });
    sbx.faults.clear();
    expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
    expect(seen).toHaveLength(4);
  });

  it('rejects malformed faults', async () => {
    const sbx = await sandbox({ faults: true });
    expect(() =>
      sbx.faults.inject('GET /x', { kind: 'status', status: 404 } as unknown as Fault),
    ).toThrow();
    expect(() => sbx.faults.inject('GET /x', { kind: 'reset' }, 0)).toThrow();
  });

  it('close() does not wait for a pending delay, and the delayed create is not committed', async () => {
    const sbx = await sandbox({ faults: true });
    const token = await tokenFor(sbx);
    sbx.faults.inject('POST /auth/credentials', { kind: 'delay', ms: 60_000 });
    const pending = call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token,
      body: { name: 'x' },
    });
    await waitFor(() => sbx.stats.requests['POST /auth/credentials'] === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await sbx.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(pending).rejects.toThrow();
    expect(sbx.stats.credentialCreates).toBe(0);
  });
});
