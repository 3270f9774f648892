import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCredentialList } from '../../src/main/core/credentials/credentials-body';
import {
  isSecretMemberName,
  redactJson,
  safeSnippet,
  TOO_DEEP,
} from '../../src/main/core/http/body-excerpt';
import {
  parseJsonBody,
  responseToAppError,
  type ReadResponse,
} from '../../src/main/core/http/http-response';
import { parseRetryAfter } from '../../src/main/core/http/retry-policy';
import { fetchJwks } from '../../src/main/core/jwks/jwks-fetch';
import { SECRET_SHAPED_VALUE } from '../fixtures/fake-secrets';
import { growthRatio, NEAR_LINEAR } from '../support/growth';

/** A read response as the HTTP layer hands it over. */
function response(text: string, status = 500, type = 'application/json'): ReadResponse {
  return {
    status,
    headers: new Headers({ 'content-type': type }),
    text,
    host: 'api.example.com',
    truncated: false,
  };
}

const repeat = (unit: string, n: number): string =>
  unit.repeat(Math.max(1, Math.floor(n / unit.length)));

/** Bodies that made the old snippet, redaction or parsers quadratic, or would make a naive one. */
const ADVERSARIAL_TEXT: Readonly<Record<string, (n: number) => string>> = {
  'a quote, then "secret" without end': (n) => `"${repeat('secret', n)}`,
  'unclosed <title> tags': (n) => repeat('<title>', n),
  'unclosed < tags': (n) => repeat('<', n),
  'whitespace runs': (n) => `x${' '.repeat(n)}x`,
  'opaque runs one short of a token': (n) => repeat(`${'a'.repeat(23)} `, n),
  'secret names without values': (n) => repeat('client_secret=', n),
  'control characters': (n) => repeat('\u0000\u001b[31m\u202e', n),
};

describe('error bodies are redacted by member name, never by regex over the raw text', () => {
  it('drops members named like a secret, in any case and spelling, at any depth', () => {
    const body = {
      error: 'invalid_client',
      client_secret: SECRET_SHAPED_VALUE,
      nested: [{ Access_Token: 'at', deeper: { refreshToken: 'rt', ID_TOKEN: 'it', ok: 1 } }],
      request: { password: 'pw', 'x-api-key': 'key', client_assertion: 'jwt', grant: 'cc' },
      Authorization: 'Basic Zm9vOmJhcg==',
    };
    expect(redactJson(body)).toEqual({
      error: 'invalid_client',
      nested: [{ deeper: { ok: 1 } }],
      request: { grant: 'cc' },
    });
    for (const name of ['clientSecret', 'CLIENT-SECRET', 'passwd', 'apiKey', 'set-cookie']) {
      expect(isSecretMemberName(name), name).toBe(true);
    }
    for (const name of ['error', 'detail', 'instance', 'code', 'param', 'errors', 'title']) {
      expect(isSecretMemberName(name), name).toBe(false);
    }
  });

  it('replaces what is nested too deep as a whole, and keeps "__proto__" a plain member', () => {
    let deep: unknown = { client_secret: SECRET_SHAPED_VALUE };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(JSON.stringify(redactJson(deep))).not.toContain(SECRET_SHAPED_VALUE);
    expect(JSON.stringify(redactJson(deep))).toContain(TOO_DEEP);
    const polluting = redactJson(JSON.parse('{"__proto__":{"polluted":true}}')) as object;
    expect(Object.getPrototypeOf(polluting)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a problem or OAuth error keeps every member but the secret ones, in the problem and the message', () => {
    const problemBody = JSON.stringify({
      type: 'about:blank',
      title: 'Bad request',
      status: 400,
      detail: 'Nope.',
      echo: { request: { client_secret: SECRET_SHAPED_VALUE, scope: 'read' } },
    });
    const problem = responseToAppError(
      response(problemBody, 400, 'application/problem+json'),
      problemBody,
    );
    const oauthBody = JSON.stringify({
      error: 'invalid_client',
      error_description: 'Unknown client.',
      access_token: SECRET_SHAPED_VALUE,
      hint: 'x',
    });
    const oauth = responseToAppError(response(oauthBody, 401), oauthBody);
    const notProblem = JSON.stringify({ data: { refresh_token: SECRET_SHAPED_VALUE, n: 1 } });
    const other = responseToAppError(response(notProblem, 500), notProblem);
    expect(problem).toMatchObject({
      kind: 'problem',
      problem: { detail: 'Nope.', extensions: { echo: { request: { scope: 'read' } } } },
    });
    expect(oauth).toMatchObject({ problem: { code: 'invalid_client', extensions: { hint: 'x' } } });
    expect(oauth.message).toMatch(/invalid_client, HTTP 401.*Unknown client\./);
    expect(other.message).toMatch(/JSON that is not a problem document: "\{"data":\{"n":1\}\}"/);
    expect(JSON.stringify([problem, oauth, other])).not.toContain(SECRET_SHAPED_VALUE);
  });

  it('shows other bodies only as a short, single-line snippet with no control characters', () => {
    const html = `<html><head><title>Sign in\u0000 - SSO</title></head><body>${'x'.repeat(5000)}</body></html>`;
    expect(safeSnippet(html)).toBe('Sign in? - SSO');
    const text = `upstream said: client_secret=${SECRET_SHAPED_VALUE.slice(0, 10)} token: short\r\n${'y '.repeat(500)}`;
    const snippet = safeSnippet(text);
    expect(snippet.length).toBeLessThanOrEqual(160);
    expect(snippet).toMatch(/^upstream said: client_secret=\[redacted\] token: \[redacted\] y y/);
    // eslint-disable-next-line no-control-regex
    expect(snippet).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(safeSnippet(`opaque ${SECRET_SHAPED_VALUE} end`)).toBe('opaque [redacted] end');
  });
});

describe('every parser of a response body runs in near-linear time (ratio at n and 10n)', () => {
  for (const [name, make] of Object.entries(ADVERSARIAL_TEXT)) {
    it(`safeSnippet: ${name}`, async () => {
      expect(await growthRatio(make, (text) => safeSnippet(text), 20_000)).toBeLessThan(
        NEAR_LINEAR,
      );
    });

    it(`an HTML or text error body: ${name}`, async () => {
      const ratio = await growthRatio(
        make,
        (text) => responseToAppError(response(text, 502, 'text/html'), text),
        20_000,
      );
      expect(ratio).toBeLessThan(NEAR_LINEAR);
    });
  }

  const jsonBodies: Readonly<Record<string, (n: number) => string>> = {
    'a problem with a huge detail': (n) =>
      JSON.stringify({ type: 'about:blank', title: 'x', status: 400, detail: 'd'.repeat(n) }),
    'an OAuth error with many secret members': (n) =>
      JSON.stringify(
        Object.fromEntries([
          ['error', 'invalid_client'],
          ...Array.from({ length: n / 40 }, (_, i) => [`client_secret_${i}`, 'x'.repeat(16)]),
        ]),
      ),
    'deep nesting': (n) => `${'{"a":'.repeat(n / 5)}1${'}'.repeat(n / 5)}`,
    'JSON cut off inside a secret': (n) => `{"client_secret":"${'s'.repeat(n)}`,
    'JSON that is not a problem': (n) => JSON.stringify({ items: Array(n / 8).fill('item') }),
  };
  for (const [name, make] of Object.entries(jsonBodies)) {
    it(`a JSON error body: ${name}`, async () => {
      const ratio = await growthRatio(
        make,
        (text) => responseToAppError(response(text, 400), text),
        10_000,
      );
      expect(ratio).toBeLessThan(NEAR_LINEAR);
    });
  }

  it('a token response: a huge token and an expires_in of digits that end badly', async () => {
    const schema = z.looseObject({
      access_token: z.string(),
      expires_in: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).optional(),
    });
    const make = (n: number) =>
      JSON.stringify({ access_token: 'a'.repeat(n), expires_in: `${'1'.repeat(n)}x` });
    const ratio = await growthRatio(
      make,
      (text) => {
        try {
          parseJsonBody(response(text, 200), schema, 'a token response');
        } catch {
          // The bad expires_in is refused; the time to say so is what is measured.
        }
      },
      20_000,
    );
    expect(ratio).toBeLessThan(NEAR_LINEAR);
  });

  it('a credentials list, valid and with its last item broken', async () => {
    const item = (i: number) => ({
      id: `cred_${i}`,
      client_id: `ci_${i}`,
      name: `n${i}`,
      status: 'active',
      expires_at: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      last_used_at: null,
      client_secret: SECRET_SHAPED_VALUE,
    });
    const make = (n: number) => {
      const data: unknown[] = Array.from({ length: n }, (_, i) => item(i));
      const text = JSON.stringify({ data });
      const last = text.lastIndexOf('"active"');
      return `${text.slice(0, last)}"gone"${text.slice(last + '"active"'.length)}`;
    };
    const ratio = await growthRatio(make, (text) => readCredentialList(JSON.parse(text)), 200);
    expect(ratio).toBeLessThan(NEAR_LINEAR);
    const listed = readCredentialList({ data: [item(1)] });
    expect(JSON.stringify(listed)).not.toContain(SECRET_SHAPED_VALUE);
  });

  it('a JWKS with many keys', async () => {
    const key = { kty: 'RSA', n: 'q'.repeat(342), e: 'AQAB', kid: 'k' };
    const make = (n: number) => JSON.stringify({ keys: Array(n).fill(key) });
    const answer =
      (text: string): typeof fetch =>
      () =>
        Promise.resolve(new Response(text, { headers: { 'content-type': 'application/json' } }));
    const ratio = await growthRatio(
      make,
      (text) => fetchJwks('https://issuer.example/jwks.json', { fetch: answer(text) }),
      100,
    );
    expect(ratio).toBeLessThan(NEAR_LINEAR);
  });

  it('a Retry-After header of digits that ends badly', async () => {
    const ratio = await growthRatio(
      (n) => `${'1'.repeat(n)}x`,
      (value) => parseRetryAfter(value, 0),
      20_000,
    );
    expect(ratio).toBeLessThan(NEAR_LINEAR);
  });
});
