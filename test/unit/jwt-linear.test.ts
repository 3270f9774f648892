import { describe, expect, it } from 'vitest';
import { inspectJwt, verifyJwt, type JwtInspection } from '../../src/shared/jwt';
import { decodeBase64, decodeBase64urlLenient } from '../../src/shared/jwt/encoding/base64url';
import { findPemBlocks } from '../../src/shared/jwt/encoding/pem-blocks';
import { keyTextIn } from '../../src/shared/jwt/keys/key-text';
import { RFC7515_A1 } from '../fixtures/jwt-vectors';
import { b64 } from '../fixtures/jwt-tokens';
import { growthRatio, LINEAR_GROWTH_LIMIT } from '../fixtures/jwt-growth';

// Issue 11 §4: everything pasted into the JWT debugger (tokens, keys, secrets) is parsed in linear
// time. Each case feeds a parser input built to make a backtracking regex or a rescanning loop go
// quadratic, at n and 10n, and asserts the time grows about tenfold, not a hundredfold.

const N = 10_000;
const utf8 = new TextEncoder();

/** Inspects and reads every member computed on first access, as the debugger does when it renders. */
function inspectAll(input: string): unknown {
  const result: JwtInspection = inspectJwt(input);
  return result.ok
    ? [result.headerParams, result.claims, result.times, result.findings]
    : result.error;
}

/** A token whose payload is the given claims (JSON text), with a dummy signature. */
function tokenWith(payloadJson: string, header = '{"alg":"HS256","typ":"JWT"}'): string {
  return `${b64(header)}.${b64(payloadJson)}.${b64('signature')}`;
}

async function expectLinear<T>(
  make: (n: number) => T,
  run: (input: T) => unknown,
  n = N,
): Promise<void> {
  const ratio = await growthRatio(make, run, n);
  if (process.env['JWT_GROWTH_LOG'] === '1')
    console.log(`growth ${ratio.toFixed(1)} ${expect.getState().currentTestName ?? ''}`);
  expect(ratio).toBeLessThan(LINEAR_GROWTH_LIMIT);
}

describe('pasted tokens are cleaned up and read in linear time', () => {
  it('inner whitespace between two words (the edge trim used to retry at every space: 2 s for 80,000)', async () => {
    await expectLinear((n) => `a${' '.repeat(n)}a`, inspectAll);
  });

  it('inner zero-width spaces and line breaks inside quotes', async () => {
    await expectLinear((n) => `"a${' \u200b\n'.repeat(n / 3)}a"`, inspectAll);
  });

  it('an Authorization header and a Bearer scheme followed by long runs of spaces', async () => {
    await expectLinear((n) => `Authorization:${' '.repeat(n)}Bearer${' '.repeat(n)}x`, inspectAll);
  });

  it('a real token wrapped over many short lines', async () => {
    await expectLinear((n) => {
      const token = tokenWith(JSON.stringify({ sub: 'x', pad: 'p'.repeat(n) }));
      return token.replace(/(.{8})/g, '$1\n ');
    }, inspectAll);
  });

  it('many dots (segment counting)', async () => {
    await expectLinear((n) => '.'.repeat(n), inspectAll);
  });
});

describe('header and claims are scanned in linear time', () => {
  it('a payload of many members with one repeated (the duplicate-member scan)', async () => {
    await expectLinear((n) => {
      const members = Array.from({ length: n / 10 }, (_, i) => `"m${i}":${i}`).join(',');
      return tokenWith(`{${members},"m0":1}`);
    }, inspectAll);
  });

  it('strings of escaped quotes and backslash runs', async () => {
    await expectLinear(
      (n) => tokenWith(`{"a":"${'\\\\\\"'.repeat(n / 4)}","b":"${'\\\\'.repeat(n / 2)}","a":1}`),
      inspectAll,
    );
  });

  it('deep bracket nesting, refused past 64 levels without a recursive walk', async () => {
    await expectLinear((n) => tokenWith(`{"a":${'['.repeat(n)}${']'.repeat(n)}}`), inspectAll);
  });

  it('long values in the places lint and explanations read with regexes (kid, time strings, scope, aud)', async () => {
    await expectLinear(
      (n) =>
        tokenWith(
          JSON.stringify({
            exp: `1${' '.repeat(n / 4)}x`,
            nbf: `${' '.repeat(n / 4)}1`,
            scope: ' '.repeat(n / 4),
            aud: Array.from({ length: n / 40 }, () => 'x'),
          }),
          JSON.stringify({ alg: 'HS256', kid: `${'a'.repeat(n / 4)}:`, typ: ' '.repeat(n / 4) }),
        ),
      inspectAll,
    );
  });

  it('a long claim name that looks like the start of a URI scheme', async () => {
    await expectLinear((n) => tokenWith(`{"${'a'.repeat(n)}":1}`), inspectAll);
  });
});

describe('pasted keys and secrets are read in linear time', () => {
  it('many BEGIN lines without an END (the PEM block regex rescanned the rest for each: 362 ms for 136 KB)', async () => {
    await expectLinear((n) => '-----BEGIN PUBLIC KEY-----\n'.repeat(n / 27), findPemBlocks);
  });

  it('BEGIN lines of many different labels, and ENDs of yet other labels', async () => {
    await expectLinear(
      (n) =>
        Array.from(
          { length: n / 40 },
          (_, i) => `-----BEGIN K${i}-----\nAAAA\n-----END Q${i}-----\n`,
        ).join(''),
      findPemBlocks,
    );
  });

  it('a BEGIN marker followed by a long label-like run and no closing dashes', async () => {
    await expectLinear((n) => `-----BEGIN ${'A'.repeat(n)}`.repeat(3), findPemBlocks);
  });

  it('the same inputs given to verification as a PEM key', async () => {
    const token = RFC7515_A1.token;
    await expectLinear(
      (n) => '-----BEGIN PUBLIC KEY-----\n'.repeat(n / 27),
      (value) => verifyJwt(token, { kind: 'pem', value }),
    );
  });

  it('a secret that starts like JSON key text: many "kty" and no closing brace, or one long object', async () => {
    await expectLinear((n) => utf8.encode(`{${'"kty",'.repeat(n / 6)}`), keyTextIn);
    await expectLinear(
      (n) => utf8.encode(`{"kty":"RSA","n":"${'kty,'.repeat(n / 4)}"}`),
      keyTextIn,
    );
  });

  it('secrets in base64 and base64url with whitespace everywhere', async () => {
    await expectLinear((n) => ' A\n'.repeat(n / 3), decodeBase64);
    await expectLinear((n) => 'A \t'.repeat(n / 3), decodeBase64urlLenient);
  });
});
