import { describe, expect, it } from 'vitest';
import {
  basicAuth,
  call,
  createCredential,
  rawExchange,
  requestToken,
  sandbox,
  tokenFor,
  type RawResponse,
} from '../fixtures/sandbox-client';
import { scaled } from '../fixtures/fuzz-kit';

/** A small seeded PRNG (mulberry32) so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env['SANDBOX_FUZZ_SEED'] ?? 20260301);
/** Random requests: 300 by default, 3,000 in long mode; malformed-HTTP junk lines: 40 / 400. */
const RANDOM_REQUESTS = scaled(300, 3000);
const JUNK_LINES = scaled(40, 400);

function expectProblemResponse(response: RawResponse, label: string): void {
  expect(response.status, label).not.toBeNull();
  const status = response.status!;
  expect(status, label).toBeGreaterThanOrEqual(400);
  expect(status, label).toBeLessThan(500);
  expect(response.head.toLowerCase(), label).toContain('content-type: application/problem+json');
  let problem: unknown = null;
  expect(() => (problem = JSON.parse(response.body)), `${label}\n${response.body}`).not.toThrow();
  expect(problem, label).toMatchObject({
    status,
    code: expect.any(String),
    instance: expect.any(String),
  });
}

describe('malformed input never crashes the sandbox or yields a 5xx', () => {
  it(`answers ${RANDOM_REQUESTS} random requests with 2xx or a 4xx problem document`, async () => {
    const sbx = await sandbox({ rateLimit: false });
    const token = await tokenFor(sbx);
    const [head, payload] = token.split('.') as [string, string, string];
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const bytes = (n: number): Buffer =>
      Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
    const text = (n: number): string => bytes(n).toString('latin1');

    const paths = [
      () => '/auth/token',
      () => '/auth/credentials',
      () => `/auth/credentials/${encodeURIComponent(text(8))}`,
      () => `/auth/credentials/${pick(['%', '%zz', '%E0%A4', '%00', '..', '%2F'])}`,
      () => `/${encodeURIComponent(text(6))}`,
      () => `/auth/credentials?${encodeURIComponent(text(10))}`,
      () => '/.well-known/jwks.json',
    ];
    const authorizations = [
      () => undefined,
      () => `Bearer ${token}`,
      () => `Bearer ${head}.${payload}.${'A'.repeat(342)}`,
      () => `Bearer ${head}.${Buffer.from('{"client_id":1}').toString('base64url')}.x`,
      () => `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`,
      () => `Bearer ${bytes(30).toString('base64')}`,
      () => `Basic ${bytes(24).toString('base64')}`,
      () => `Basic ${Buffer.from(`${text(5)}:${text(5)}`, 'latin1').toString('base64')}`,
      () => basicAuth(sbx.bootstrap.clientId, text(12)),
      () => `Basic ${pick(['', '=', '====', '!!', 'a'])}`,
      () => `${pick(['Digest', 'Negotiate', 'bearer', 'BASIC'])} ${bytes(9).toString('hex')}`,
    ];
    const contentTypes = [
      undefined,
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/merge-patch+json',
      '',
      ';;;',
    ];
    const bodies = [
      () => '',
      () => bytes(Math.floor(random() * 64)),
      () => JSON.stringify({ name: 'ok' }).slice(0, Math.floor(random() * 14)),
      () =>
        JSON.stringify({
          name: pick([1, null, true, [], {}, 'x'.repeat(200), '', 'ok']),
          expires_at: pick([1, 'x', null, '2020-01-01T00:00:00Z', '9999-12-31T23:59:59Z', {}]),
        }),
      () =>
        JSON.stringify(
          pick([null, 1, 'str', [], [1, 2], { a: { b: [] } }, { __proto__: { polluted: 1 } }]),
        ),
      () => `{"name":"${'\\u'}${text(3)}"}`,
      () =>
        `grant_type=${pick(['client_credentials', 'password', '', '%', '%ZZ', '+'])}&scope=${encodeURIComponent(text(4))}`,
      () =>
        `client_id=${encodeURIComponent(text(4))}&client_secret=%${text(2)}&grant_type=client_credentials`,
      () => '{"name":"x"}'.repeat(3),
      () => '['.repeat(5000),
    ];
    const keys = [
      undefined,
      undefined,
      'k',
      '"quoted"',
      '"',
      '""',
      'x'.repeat(300),
      '"a\\"b"',
      text(5).replace(/[^\x20-\x7e]/g, '?'),
    ];

    let problems = 0;
    for (let i = 0; i < RANDOM_REQUESTS; i++) {
      const method = pick(['GET', 'POST', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']);
      const path = pick(paths)();
      const body = pick(bodies)();
      const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const headers: string[] = [
        `Host: 127.0.0.1:${sbx.port}`,
        'Connection: close',
        `Content-Length: ${buffer.length}`,
      ];
      const authorization = pick(authorizations)();
      if (authorization !== undefined) headers.push(`Authorization: ${authorization}`);
      const contentType = pick(contentTypes);
      if (contentType !== undefined) headers.push(`Content-Type: ${contentType}`);
      const key = pick(keys);
      if (key !== undefined) headers.push(`Idempotency-Key: ${key}`);
      const request = Buffer.concat([
        Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'),
        buffer,
      ]);
      const label = `seed ${SEED} case ${i}: ${request.toString('latin1').slice(0, 400)}`;
      const response = await rawExchange(sbx.port, request);
      expect(response.status, label).not.toBeNull();
      if (response.status! >= 400) {
        expectProblemResponse(response, label);
        problems += 1;
      } else {
        expect([200, 201, 204], label).toContain(response.status);
      }
    }
    expect(problems).toBeGreaterThan((RANDOM_REQUESTS * 2) / 3);
    expect(
      (await requestToken(sbx.url, sbx.bootstrap.clientId, sbx.bootstrap.clientSecret!)).status,
    ).toBe(200);
  });

  it('answers malformed HTTP with a 4xx problem document', async () => {
    const sbx = await sandbox();
    const random = prng(SEED + 1);
    const junk = (n: number): string =>
      Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    const cases: Array<string | Buffer> = [
      'GARBAGE\r\n\r\n',
      'GET\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'FOO /auth/token HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /auth/credentials HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      'GET /auth/credentials HTTP/1.1\r\nHost: x\r\nX-A: \x00\x01\r\n\r\n',
      'GET /auth/credentials HTTP/1.1\r\nHo st: x\r\n\r\n',
      'POST /auth/token HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /auth/token HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'POST /auth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      'POST /auth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'POST /auth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, x\r\n\r\n',
      `GET /auth/credentials HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      'GET /auth/credentials HTTP/1.1\r\nHost: x\r\nExpect: the-unexpected\r\nConnection: close\r\n\r\n',
      'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n',
      'GET /auth/credentials HTTP/1.1\r\nConnection: close\r\n\r\n',
      'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET http://[::1/auth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET http://example.com/auth/credentials HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'GET /auth/credentials HTTP/1.1\r\nHost: x\r\nAuthorization: Basic \xff\xfe\r\nConnection: close\r\n\r\n',
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
    ];
    for (let i = 0; i < JUNK_LINES; i++)
      cases.push(`${junk(4)} /${junk(6)} HTTP/1.1\r\n${junk(10)}: ${junk(10)}\r\n\r\n`);
    for (const request of cases) {
      const label = JSON.stringify(request.toString().slice(0, 120));
      expectProblemResponse(await rawExchange(sbx.port, request), label);
    }
    expect(
      (await requestToken(sbx.url, sbx.bootstrap.clientId, sbx.bootstrap.clientSecret!)).status,
    ).toBe(200);
  });

  it('logs one line per request without secrets, tokens or Authorization values', async () => {
    const lines: string[] = [];
    const sbx = await sandbox({ log: (line) => lines.push(line), faults: true });
    const token = await tokenFor(sbx);
    const created = await createCredential(sbx.url, token, { name: 'Logged' });
    await call(`${sbx.url}/auth/credentials?client_secret=${created.client_secret}`, { token });
    sbx.faults.inject('GET /auth/credentials', { kind: 'reset' });
    await expect(call(`${sbx.url}/auth/credentials`, { token })).rejects.toThrow();
    await sbx.close();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^POST \/auth\/token 200 \d+ms$/);
    expect(lines[1]).toMatch(/^POST \/auth\/credentials 201 \d+ms$/);
    expect(lines[2]).toMatch(/^GET \/auth\/credentials 200 \d+ms$/);
    expect(lines[3]).toMatch(/^GET \/auth\/credentials reset \d+ms$/);
    const all = lines.join('\n');
    for (const secret of [
      sbx.bootstrap.clientSecret!,
      created.client_secret,
      token,
      'Bearer',
      'Basic',
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('survives a storm of random faults and still answers correctly afterwards', async () => {
    const sbx = await sandbox({ faults: true, rateLimit: false });
    const token = await tokenFor(sbx);
    const random = prng(SEED + 2);
    sbx.faults.setPolicy(() => {
      const roll = random();
      if (roll < 0.15) return { kind: 'reset' };
      if (roll < 0.3) return { kind: 'status', status: 503 };
      if (roll < 0.4) return { kind: 'drop-after-commit' };
      if (roll < 0.5) return { kind: 'garbage', contentType: 'text/html', body: '<h1>oops</h1>' };
      if (roll < 0.6) return { kind: 'delay', ms: 5 };
      return null;
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        call(`${sbx.url}/auth/credentials`, {
          method: 'POST',
          token,
          body: { name: `Storm ${i % 20}` },
          headers: { 'Idempotency-Key': `storm-${i % 20}` },
        }),
      ),
    );
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
    sbx.faults.clear();
    const list = (await call(`${sbx.url}/auth/credentials`, { token })).json as {
      data: Array<{ name: string }>;
    };
    expect(list.data.length).toBe(sbx.stats.credentialCreates + 1);
    expect(new Set(list.data.map((c) => c.name)).size).toBe(list.data.length);
  });
});
