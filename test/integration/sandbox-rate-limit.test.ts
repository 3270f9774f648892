import { describe, expect, it } from 'vitest';
import { call, expectProblem, manualClock, sandbox, tokenFor } from '../fixtures/sandbox-client';

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the limit, and lets requests through in the next window', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now, rateLimit: { max: 3, windowMs: 10_000 } });
    const token = await tokenFor(sbx);
    clock.advance(4000);
    expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
    expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
    const limited = await call(`${sbx.url}/auth/credentials`, { token });
    expectProblem(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe('6');
    clock.advance(6000);
    expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
  });

  it('counts each client separately and can be disabled', async () => {
    const sbx = await sandbox({ rateLimit: { max: 2, windowMs: 60_000 } });
    const token = await tokenFor(sbx);
    await call(`${sbx.url}/auth/credentials`, { token });
    expectProblem(await call(`${sbx.url}/auth/credentials`, { token }), 429, 'rate_limited');
    // Anonymous requests are counted by address, not against the client.
    expectProblem(await call(`${sbx.url}/auth/credentials`), 401, 'missing_token');

    const open = await sandbox({ rateLimit: false });
    const openToken = await tokenFor(open);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(`${open.url}/auth/credentials`, { token: openToken }).then((r) => r.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
