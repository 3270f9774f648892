import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
} from '../fixtures/sandbox-client';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keysmith-sandbox-'));
  return dir;
}

describe('POST /auth/credentials', () => {
  it('creates an active credential and shows its secret once', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const token = await tokenFor(sbx);
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token,
      body: { name: 'Production Key' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const at = new Date(clock.now()).toISOString();
    expect(response.json).toEqual({
      id: expect.stringMatching(/^cred_[0-9a-f]{24}$/),
      client_id: expect.stringMatching(/^dinie_ci_[0-9a-f]{32}$/),
      name: 'Production Key',
      status: 'active',
      expires_at: null,
      created_at: at,
      updated_at: at,
      last_used_at: null,
      client_secret: expect.stringMatching(/^dinie_cs_test_[0-9A-Za-z]{40}$/),
    });
    expect(sbx.stats.credentialCreates).toBe(1);
    const list = await call(`${sbx.url}/auth/credentials`, { token });
    expect(list.text).not.toContain((response.json as Record<string, string>)['client_secret']);
    expect(list.text).not.toContain('client_secret');
    expect(list.text).not.toContain('secret_hash');
  });

  it('accepts a future expires_at with an offset and returns it in UTC', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const created = await createCredential(sbx.url, await tokenFor(sbx), {
      name: 'Staging',
      expires_at: '2027-03-04T02:00:00+02:00',
    });
    expect(created.expires_at).toBe('2027-03-04T00:00:00.000Z');
  });

  it('accepts a 100-character name counted in characters, not UTF-16 units', async () => {
    const sbx = await sandbox();
    const created = await createCredential(sbx.url, await tokenFor(sbx), {
      name: '🔑'.repeat(100),
    });
    expect(created.name).toBe('🔑'.repeat(100));
  });

  it.each([
    ['missing name', {}, 'name', 'required'],
    ['a numeric name', { name: 42 }, 'name', 'invalid_type'],
    ['a null name', { name: null }, 'name', 'invalid_type'],
    ['an empty name', { name: '' }, 'name', 'blank'],
    ['a blank name', { name: '   ' }, 'name', 'blank'],
    ['a 101-character name', { name: 'x'.repeat(101) }, 'name', 'too_long'],
    ['a name with control characters', { name: 'a\u0000b' }, 'name', 'invalid_characters'],
    ['a numeric expires_at', { name: 'k', expires_at: 1700000000 }, 'expires_at', 'invalid_type'],
    [
      'a date-only expires_at',
      { name: 'k', expires_at: '2027-03-04' },
      'expires_at',
      'invalid_format',
    ],
    [
      'an impossible expires_at',
      { name: 'k', expires_at: '2027-02-30T00:00:00Z' },
      'expires_at',
      'invalid_format',
    ],
    [
      'an expires_at without zone',
      { name: 'k', expires_at: '2027-03-04T00:00:00' },
      'expires_at',
      'invalid_format',
    ],
    ['an unknown parameter', { name: 'k', scopes: ['a'] }, 'scopes', 'unknown_parameter'],
  ])('answers 400 with param and errors[] for %s', async (_label, body, param, code) => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token: await tokenFor(sbx),
      body,
    });
    const problem = expectProblem(response, 400, 'validation_failed');
    expect(problem['param']).toBe(param);
    expect(problem['errors']).toEqual([{ param, detail: expect.any(String), code }]);
    expect(sbx.stats.credentialCreates).toBe(0);
  });

  it('lists every invalid field in errors[]', async () => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token: await tokenFor(sbx),
      body: { expires_at: 'soon', extra: true },
    });
    const problem = expectProblem(response, 400, 'validation_failed');
    const errors = problem['errors'] as Array<Record<string, string>>;
    expect(errors.map((e) => `${e['param']}:${e['code']}`).sort()).toEqual([
      'expires_at:invalid_format',
      'extra:unknown_parameter',
      'name:required',
    ]);
  });

  it.each([
    ['malformed JSON', '{"name": "x"', 'application/json', 400, 'invalid_json'],
    ['a JSON array', '["x"]', 'application/json', 400, 'invalid_body'],
    ['a JSON string', '"x"', 'application/json', 400, 'invalid_body'],
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      'application/json',
      400,
      'invalid_json',
    ],
    ['no body at all', undefined, undefined, 400, 'invalid_body'],
    ['an empty JSON body', '', 'application/json', 400, 'invalid_json'],
    ['a form body', 'name=x', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    [
      'JSON in Latin-1',
      '{"name":"x"}',
      'application/json; charset=iso-8859-1',
      415,
      'unsupported_media_type',
    ],
  ])('answers %s with a 4xx problem', async (_label, rawBody, contentType, status, code) => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token: await tokenFor(sbx),
      rawBody: rawBody,
      headers: contentType === undefined ? {} : { 'Content-Type': contentType },
    });
    expectProblem(response, status, code);
  });

  it('answers 422 to an expires_at in the past', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token: await tokenFor(sbx),
      body: { name: 'Old', expires_at: new Date(clock.now()).toISOString() },
    });
    const problem = expectProblem(response, 422, 'expires_at_in_past');
    expect(problem['param']).toBe('expires_at');
    expect(problem).not.toHaveProperty('error');
    expect(problem['errors']).toEqual([
      { param: 'expires_at', detail: expect.any(String), code: 'in_past' },
    ]);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      token: await tokenFor(sbx),
      body: { name: 'x'.repeat(1024 * 1024) },
    });
    expectProblem(response, 413, 'request_too_large');
    expect((await call(`${sbx.url}/auth/credentials`, { token: await tokenFor(sbx) })).status).toBe(
      200,
    );
  });

  it('answers 401 without a token and creates nothing', async () => {
    const sbx = await sandbox();
    const response = await call(`${sbx.url}/auth/credentials`, {
      method: 'POST',
      body: { name: 'x' },
    });
    expectProblem(response, 401, 'missing_token');
    expect(sbx.stats.credentialCreates).toBe(0);
  });
});

describe('GET /auth/credentials', () => {
  it('lists credentials newest first, without secrets', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const token = await tokenFor(sbx);
    const names: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      clock.advance(1000);
      names.push((await createCredential(sbx.url, token, { name })).name);
    }
    const response = await call(`${sbx.url}/auth/credentials`, { token });
    const data = (response.json as { data: Array<Record<string, unknown>> }).data;
    expect(data.map((c) => c['name'])).toEqual(['three', 'two', 'one', 'Bootstrap']);
    for (const credential of data) {
      expect(Object.keys(credential).sort()).toEqual([
        'client_id',
        'created_at',
        'expires_at',
        'id',
        'last_used_at',
        'name',
        'status',
        'updated_at',
      ]);
    }
  });

  it('lists 10,000 credentials quickly', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'big.json');
    const at = '2026-01-01T00:00:00.000Z';
    const credentials = Array.from({ length: 10_000 }, (_, i) => ({
      id: `cred_${i.toString(16).padStart(24, '0')}`,
      client_id: `dinie_ci_${i.toString(16).padStart(32, '0')}`,
      name: `Key ${i}`,
      status: i % 7 === 0 ? 'revoked' : 'active',
      expires_at: null,
      created_at: at,
      updated_at: at,
      last_used_at: null,
      secret_hash: { alg: 'hmac-sha256', salt: 'AAAAAAAAAAAAAAAAAAAAAA', hash: 'A'.repeat(43) },
    }));
    await writeFile(dataFile, JSON.stringify({ version: 1, credentials, idempotency: [] }));
    try {
      const sbx = await sandbox({ dataFile });
      const token = await tokenFor(sbx);
      await call(`${sbx.url}/auth/credentials`, { token });
      const started = performance.now();
      const response = await call(`${sbx.url}/auth/credentials`, { token });
      const elapsed = performance.now() - started;
      const data = (response.json as { data: Array<Record<string, unknown>> }).data;
      expect(data).toHaveLength(10_001);
      expect(data[0]!['name']).toMatch(/^Bootstrap /);
      expect(data[1]!['name']).toBe('Key 9999');
      expect(data[10_000]!['name']).toBe('Key 0');
      expect(elapsed).toBeLessThan(1000);
      await sbx.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('DELETE /auth/credentials/{client_id}', () => {
  it('revokes (204, no body), then 409 on a second revoke, 404 for an unknown client_id', async () => {
    const clock = manualClock();
    const sbx = await sandbox({ now: clock.now });
    const token = await tokenFor(sbx);
    const created = await createCredential(sbx.url, token, { name: 'To revoke' });
    clock.advance(60_000);
    const first = await call(`${sbx.url}/auth/credentials/${created.client_id}`, {
      method: 'DELETE',
      token,
    });
    expect(first.status).toBe(204);
    expect(first.text).toBe('');

    const list = (await call(`${sbx.url}/auth/credentials`, { token })).json as {
      data: Array<Record<string, unknown>>;
    };
    expect(list.data.find((c) => c['client_id'] === created.client_id)).toMatchObject({
      status: 'revoked',
      updated_at: new Date(clock.now()).toISOString(),
      created_at: created.created_at,
    });

    const second = await call(`${sbx.url}/auth/credentials/${created.client_id}`, {
      method: 'DELETE',
      token,
    });
    expect(expectProblem(second, 409, 'credential_already_revoked')['param']).toBe('client_id');
    const unknown = await call(
      `${sbx.url}/auth/credentials/dinie_ci_ffffffffffffffffffffffffffffffff`,
      { method: 'DELETE', token },
    );
    expectProblem(unknown, 404, 'credential_not_found');
    const badEncoding = await call(`${sbx.url}/auth/credentials/%E0%A4%A`, {
      method: 'DELETE',
      token,
    });
    expectProblem(badEncoding, 400, 'invalid_path');
  });

  it('answers 405 with Allow for other methods and 404 for other paths', async () => {
    const sbx = await sandbox();
    const put = await call(`${sbx.url}/auth/credentials/abc`, { method: 'PUT' });
    expectProblem(put, 405, 'method_not_allowed');
    expect(put.headers.get('allow')).toBe('DELETE');
    const patch = await call(`${sbx.url}/auth/credentials`, { method: 'PATCH' });
    expect(patch.headers.get('allow')).toBe('GET, POST');
    expectProblem(
      await call(`${sbx.url}/auth/credentials/a/b`, { method: 'DELETE' }),
      404,
      'not_found',
    );
    expectProblem(await call(`${sbx.url}/nothing-here`), 404, 'not_found');
    expect(sbx.stats.requests).toMatchObject({
      'PUT /auth/credentials/:client_id': 1,
      'PATCH /auth/credentials': 1,
      'DELETE (unmatched)': 1,
      'GET (unmatched)': 1,
    });
  });
});
