import { afterEach, describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatRelative,
  inspectJwt,
  MAX_INPUT_LENGTH,
  type JwtInspection,
  type JwtInspectionOk,
} from '../../src/shared/jwt';
import { RFC7515_A1 } from '../fixtures/jwt-vectors';
import { b64, craft } from '../fixtures/jwt-tokens';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const t = NOW / 1000;
const sig = Buffer.alloc(32, 1).toString('base64url');

function ok(result: JwtInspection): JwtInspectionOk {
  if (!result.ok)
    throw new Error(`expected a token, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function error(input: string) {
  const result = inspectJwt(input);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('pasting: what the user copied is cleaned up, and they are told what was removed', () => {
  it.each([
    ['whitespace and newlines around', `\n  ${RFC7515_A1.token}\t\n`, ['surrounding whitespace']],
    ['a Bearer prefix', `Bearer ${RFC7515_A1.token}`, ['a "Bearer" prefix']],
    ['a lower-case bearer prefix', `bearer   ${RFC7515_A1.token}`, ['a "bearer" prefix']],
    [
      'a whole Authorization header',
      `Authorization: Bearer ${RFC7515_A1.token}`,
      ['an "Authorization:" header name', 'a "Bearer" prefix'],
    ],
    [
      'double quotes from JSON, with a trailing comma',
      `"${RFC7515_A1.token}",`,
      ['a trailing separator', 'surrounding quotes'],
    ],
    [
      'single quotes around a Bearer value',
      `'Bearer ${RFC7515_A1.token}'`,
      ['surrounding quotes', 'a "Bearer" prefix'],
    ],
    [
      'line breaks inside a wrapped token',
      RFC7515_A1.token.replace(/(.{40})/g, '$1\n'),
      ['line breaks or spaces inside the token'],
    ],
  ])('%s', (_name, input, steps) => {
    const result = ok(inspectJwt(input));
    expect(result.token).toBe(RFC7515_A1.token);
    expect(result.normalization).toEqual(steps);
  });
});

describe('bad input gets a precise error: which segment, and what is wrong', () => {
  it('empty input', () => {
    expect(error('   ')).toMatchObject({ code: 'empty-input' });
  });

  it('segment counts, with a hint per count', () => {
    expect(error('opaque-token-value')).toMatchObject({
      code: 'segment-count',
      message: expect.stringMatching(/Found 1 segment .*opaque/),
    });
    expect(error('eyJhbGciOiJIUzI1NiJ9.e30')).toMatchObject({
      code: 'segment-count',
      message: expect.stringMatching(/signature segment is missing/),
    });
    expect(error('a.b.c.d')).toMatchObject({
      code: 'segment-count',
      message: expect.stringMatching(/4 segments/),
    });
    expect(error(`${RFC7515_A1.token}.${RFC7515_A1.token}`)).toMatchObject({
      code: 'segment-count',
      position: expect.any(Number),
    });
  });

  it('base64url problems name the segment, the character and its position', () => {
    const [h, p] = RFC7515_A1.token.split('.');
    expect(error(`${h}.${p}.abc+def/`)).toMatchObject({
      code: 'base64url-alphabet',
      segment: 'signature',
      position: 3,
      message: expect.stringMatching(/standard base64/),
    });
    expect(error(`${h}=.${p}.${sig}`)).toMatchObject({
      code: 'base64url-padding',
      segment: 'header',
    });
    expect(error(`${h}.abcde.${sig}`)).toMatchObject({
      code: 'base64url-length',
      segment: 'payload',
    });
    expect(error(`${h}.${p}.si*g`)).toMatchObject({
      code: 'base64url-alphabet',
      message: expect.stringMatching(/"\*" at character 3/),
    });
  });

  it('a header that is not UTF-8, not JSON, or not an object', () => {
    const bad = Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url');
    expect(error(`${bad}.${b64('{}')}.${sig}`)).toMatchObject({ code: 'utf8', segment: 'header' });
    expect(error(`${b64('{"alg":"HS256"')}.${b64('{}')}.${sig}`)).toMatchObject({
      code: 'json',
      segment: 'header',
    });
    expect(error(`${b64('"HS256"')}.${b64('{}')}.${sig}`)).toMatchObject({
      code: 'not-an-object',
      segment: 'header',
      message: expect.stringMatching(/a string/),
    });
    expect(error(`.${b64('{}')}.${sig}`)).toMatchObject({
      code: 'empty-segment',
      segment: 'header',
    });
  });

  it('JSON serialization and plain JSON are recognised', () => {
    expect(error('{"protected":"x","payload":"y","signature":"z"}')).toMatchObject({
      code: 'json-serialization',
    });
    expect(error('{"sub":"alice"}')).toMatchObject({
      code: 'segment-count',
      message: expect.stringMatching(/plain JSON/),
    });
  });

  it('huge input is refused quickly without decoding it', () => {
    const started = Date.now();
    expect(error('a'.repeat(MAX_INPUT_LENGTH + 1))).toMatchObject({ code: 'too-large' });
    expect(error('x'.repeat(MAX_INPUT_LENGTH * 3))).toMatchObject({ code: 'too-large' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('payloads that are not claims are still shown', () => {
  it('binary bytes, text, a JSON array and an empty payload', () => {
    const binary = ok(
      inspectJwt(
        `${b64('{"alg":"HS256"}')}.${Buffer.from([0, 159, 146, 150]).toString('base64url')}.${sig}`,
      ),
    );
    expect(binary.payload).toMatchObject({
      form: 'binary',
      byteLength: 4,
      hexPreview: '00 9f 92 96',
      problem: { code: 'utf8' },
    });
    expect(ok(inspectJwt(craft({ alg: 'HS256' }, 'hello', sig))).payload).toMatchObject({
      form: 'text',
      text: 'hello',
      problem: { code: 'json' },
    });
    expect(ok(inspectJwt(craft({ alg: 'HS256' }, '[1]', sig))).payload).toMatchObject({
      form: 'json',
      value: [1],
    });
    expect(ok(inspectJwt(`${b64('{"alg":"HS256"}')}..${sig}`)).payload).toMatchObject({
      form: 'text',
      problem: { code: 'empty-segment' },
    });
  });

  it('a JSON payload with a "__proto__" claim is kept as a plain claim', () => {
    const result = ok(
      inspectJwt(craft({ alg: 'HS256' }, '{"__proto__":{"admin":true},"sub":"x"}', sig)),
    );
    expect(result.claims.map((c) => c.name)).toEqual(['__proto__', 'sub']);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });
});

describe('claims are explained: what each one is, and what this value means', () => {
  const token = craft(
    { alg: 'RS256', typ: 'at+jwt', kid: 'key-1' },
    {
      iss: 'https://login.example.com/tenant',
      sub: 'client-123',
      client_id: 'client-123',
      aud: ['api://orders', 'api://billing'],
      scope: 'orders.read orders.write',
      scp: ['a', 'b'],
      roles: ['Admin'],
      cnf: { jkt: 'thumb' },
      act: { sub: 'gateway', act: { sub: 'edge' } },
      amr: ['pwd', 'mfa'],
      tid: 'tenant-guid',
      idtyp: 'app',
      iat: t - 600,
      nbf: t - 600,
      exp: t + 2520,
      jti: 'abc',
      'https://example.com/tier': 'gold',
      custom: 42,
    },
    Buffer.alloc(256, 1).toString('base64url'),
  );
  const result = ok(inspectJwt(token, { now: NOW }));
  const meaning = (name: string) => result.claims.find((c) => c.name === name)?.meaning;

  it('registered claims carry label, description and RFC reference', () => {
    const aud = result.claims.find((c) => c.name === 'aud');
    expect(aud).toMatchObject({
      category: 'registered',
      label: 'Audience',
      reference: 'RFC 7519 §4.1.3',
    });
    expect(aud?.meaning).toBe(
      'Meant for 2 audiences (api://orders, api://billing); each recipient must find itself in the list.',
    );
  });

  it('common OAuth, OIDC and vendor claims read naturally', () => {
    expect(meaning('scope')).toBe('2 scopes: orders.read, orders.write.');
    expect(meaning('scp')).toBe('2 scopes: a, b.');
    expect(meaning('sub')).toMatch(/equals the client id: typical of a client-credentials token/);
    expect(meaning('cnf')).toMatch(/DPoP key with thumbprint thumb/);
    expect(meaning('act')).toBe(
      'Delegation: "gateway" acts on behalf of the subject (earlier actors: "edge").',
    );
    expect(meaning('amr')).toBe('Authenticated with: pwd (password), mfa (multiple factors).');
    expect(meaning('idtyp')).toBe('An app-only (client-credentials) token.');
    expect(meaning('roles')).toBe('1 role: Admin.');
  });

  it('unknown claims are marked as private or namespaced', () => {
    expect(result.claims.find((c) => c.name === 'custom')).toMatchObject({
      category: 'private',
      label: null,
      meaning: 'A claim private to this issuer: a number 42.',
    });
    expect(meaning('https://example.com/tier')).toMatch(/collision-resistant/);
  });

  it('header parameters are explained too', () => {
    expect(result.headerParams.map((p) => [p.name, p.label])).toEqual([
      ['alg', 'Algorithm'],
      ['typ', 'Type'],
      ['kid', 'Key ID'],
    ]);
    expect(result.headerParams[1]?.meaning).toMatch(/RFC 9068/);
  });

  it('times: UTC ISO 8601, relative, status, seconds left and the lifetime bar', () => {
    const exp = result.claims.find((c) => c.name === 'exp');
    expect(exp?.time).toMatchObject({
      utc: '2030-01-01T12:42:00Z',
      relative: 'in 42 min',
      secondsFromNow: 2520,
    });
    expect(result.claims.find((c) => c.name === 'iat')?.time?.relative).toBe('10 min ago');
    expect(result.times).toMatchObject({
      state: 'valid',
      secondsLeft: 2520,
      lifetime: { startClaim: 'iat', totalSec: 3120, elapsedSec: 600 },
    });
    expect(result.times?.lifetime?.fraction).toBeCloseTo(600 / 3120);
  });

  it('the signature is plainly "not verified" until someone verifies it', () => {
    expect(result.signature).toMatchObject({
      status: 'not-verified',
      byteLength: 256,
      expectedByteLength: null,
    });
  });
});

describe('time display', () => {
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it('local time carries the UTC offset of the machine’s time zone', () => {
    process.env['TZ'] = 'Asia/Kolkata';
    const exp = ok(inspectJwt(RFC7515_A1.token)).claims.find((c) => c.name === 'exp');
    expect(exp?.time?.local).toBe('2011-03-23 00:13:00 UTC+05:30');
    process.env['TZ'] = 'America/New_York';
    const again = ok(inspectJwt(RFC7515_A1.token)).claims.find((c) => c.name === 'exp');
    expect(again?.time?.local).toBe('2011-03-22 14:43:00 UTC-04:00');
  });

  it('relative times and countdowns', () => {
    expect(formatRelative(0.4)).toBe('now');
    expect(formatRelative(42)).toBe('in 42 s');
    expect(formatRelative(-3 * 86_400 - 5)).toBe('3 days ago');
    expect(formatRelative(-86_400 * 400)).toBe('13 months ago');
    expect(formatRelative(5 * 365.25 * 86_400)).toBe('in 5 years');
    expect(formatCountdown(2519.4)).toBe('00:41:59');
    expect(formatCountdown(2 * 86_400 + 3 * 3600 + 4 * 60 + 5)).toBe('2 d 03:04:05');
    expect(formatCountdown(-5)).toBe('00:00:00');
  });

  it('states: not yet valid, no expiry, and unreadable exp', () => {
    expect(
      ok(inspectJwt(craft({ alg: 'HS256' }, { nbf: t + 600, exp: t + 1200 }, sig), { now: NOW }))
        .times,
    ).toMatchObject({ state: 'not-yet-valid', secondsUntilValid: 600 });
    expect(
      ok(inspectJwt(craft({ alg: 'HS256' }, { sub: 'x' }, sig), { now: NOW })).times,
    ).toMatchObject({ state: 'no-expiry', secondsLeft: null, lifetime: null });
    expect(
      ok(inspectJwt(craft({ alg: 'HS256' }, { exp: 'tomorrow' }, sig), { now: NOW })).times,
    ).toMatchObject({ state: 'malformed', problem: expect.stringMatching(/exp/) });
  });

  it('a date far outside the calendar does not break the display', () => {
    const result = ok(
      inspectJwt(craft({ alg: 'HS256' }, { exp: 1e300, iat: -1e20 }, sig), { now: NOW }),
    );
    expect(result.claims.find((c) => c.name === 'exp')?.time).toMatchObject({
      utc: null,
      local: null,
      looksLikeMilliseconds: true,
    });
  });
});

describe('explanations, times and findings are worked out when first read', () => {
  const token = craft(
    { alg: 'HS256', typ: 'JWT', kid: 'k1' },
    { sub: 'svc', scope: 'a b', iat: t - 60, exp: t + 600 },
    sig,
  );

  it('JSON has every member in the documented order; the deferred ones are read like any other', () => {
    const result = ok(inspectJwt(token, { now: NOW }));
    const plain = JSON.parse(JSON.stringify(result)) as JwtInspectionOk;
    expect(Object.keys(plain)).toEqual([
      'token',
      'normalization',
      'depth',
      'ok',
      'kind',
      'envelope',
      'segments',
      'header',
      'headerParams',
      'payload',
      'claims',
      'times',
      'signature',
      'encryption',
      'findings',
      'inner',
    ]);
    expect(plain.claims.map((c) => c.name)).toEqual(['sub', 'scope', 'iat', 'exp']);
    expect(plain.headerParams.map((p) => p.name)).toEqual(['alg', 'typ', 'kid']);
    expect(plain.times).toMatchObject({ state: 'valid', secondsLeft: 600 });
    expect(plain.findings.map((f) => f.id)).toContain('header-kid');
    expect(result).toMatchObject(plain);
    // A copy by spread (or structuredClone) carries the decoded members only.
    expect(Object.keys({ ...result })).not.toContain('claims');
    expect({ ...result }.header).toEqual(plain.header);
  });

  it('each is computed once, against the clock of the inspection, however late it is read', async () => {
    const result = ok(inspectJwt(token, { now: NOW }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const claims = result.claims;
    expect(result.claims).toBe(claims);
    expect(result.findings).toBe(result.findings);
    expect(result.headerParams).toBe(result.headerParams);
    expect(claims.find((c) => c.name === 'exp')?.time?.relative).toBe('in 10 min');
  });
});
