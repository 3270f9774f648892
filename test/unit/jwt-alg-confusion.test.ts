import { createHmac, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyJwt, type KeyInput, type VerifyResult } from '../../src/shared/jwt';
import {
  b64,
  keyPair,
  selfSignedCertificate,
  signToken,
  type TestKeyPair,
} from '../fixtures/jwt-tokens';

// Issue 11 §9 / RFC 8725 §2.1: a token that says HS256, "signed" with the text of a public key as
// the HMAC secret. A server that takes whatever key text it has and feeds it to HMAC accepts it;
// Keysmith must never call it valid, whichever way the user pastes that text as the secret.

const NOW = Date.UTC(2030, 0, 1);
const claims = { iss: 'https://issuer.example', sub: 'admin', exp: NOW / 1000 + 600 };

let rsa: TestKeyPair;
let p256: TestKeyPair;

beforeAll(async () => {
  [rsa, p256] = await Promise.all([keyPair('RS256'), keyPair('ES256')]);
});

/** An HS* token whose HMAC key is exactly `keyText` (what an attacker holding a public key does). */
function forge(keyText: string, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): string {
  const input = `${b64(JSON.stringify({ alg, typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
  const hash = `sha${alg.slice(2)}`;
  return `${input}.${createHmac(hash, keyText).update(input).digest('base64url')}`;
}

const asText = (value: string): KeyInput => ({ kind: 'secret', value, encoding: 'text' });

function expectConfusion(result: VerifyResult): void {
  expect(result).toMatchObject({ valid: false, signatureValid: false, code: 'alg-confusion' });
  expect(result.findings.map((f) => [f.id, f.severity])).toContainEqual([
    'secret-is-public-key',
    'error',
  ]);
}

describe('no green for algorithm confusion: key text as an HMAC secret is refused', () => {
  it('an HS256 token HMAC-signed with the PEM text of a real RSA public key is not valid, and says why', async () => {
    const token = forge(rsa.spki);
    const result = await verifyJwt(token, asText(rsa.spki), { now: NOW });
    expectConfusion(result);
    if (result.valid) return;
    expect(result.reason).toMatch(
      /^This token says HS256, but the key you gave is an RSA 2048-bit public key\./,
    );
    expect(result.reason).toMatch(/vulnerable to algorithm confusion \(RFC 8725 §2\.1\)/);
    expect(result.reason).toMatch(/The HMAC does match that text/);
    expect(result.key).toMatchObject({ kty: 'oct', source: 'secret' });
    expect(result.tried[0]?.outcome).toMatch(/matches the key text: refused/);
  });

  it('the same text with a mismatching HMAC is refused for the same reason, and says the HMAC does not match', async () => {
    const result = await verifyJwt(forge(rsa.spki), asText(p256.spki), { now: NOW });
    expectConfusion(result);
    if (!result.valid) {
      expect(result.reason).toMatch(/an EC P-256 public key/);
      expect(result.reason).toMatch(/The HMAC does not match that text either/);
    }
  });

  it('every form of key text counts: certificate, PKCS#1, private key, JWK, JWK set, and any HS* size', async () => {
    const cert = selfSignedCertificate(rsa);
    const pkcs1 = createPublicKey(rsa.spki).export({ format: 'pem', type: 'pkcs1' }).toString();
    const jwkText = JSON.stringify(rsa.publicJwk);
    const setText = JSON.stringify({ keys: [{ ...p256.publicJwk, kid: 'a' }] });
    const cases: [string, RegExp, 'HS256' | 'HS384' | 'HS512'][] = [
      [cert, /an RSA 2048-bit public key \(in an X\.509 certificate\)/, 'HS256'],
      [pkcs1, /an RSA 2048-bit public key \(PKCS#1\)/, 'HS384'],
      [p256.pkcs8, /an EC P-256 private key/, 'HS512'],
      [jwkText, /an RSA 2048-bit public key/, 'HS256'],
      [setText, /an EC P-256 public key \(in a JWK set\)/, 'HS256'],
      [`\n  ${rsa.spki}\n`, /an RSA 2048-bit public key/, 'HS256'],
    ];
    for (const [text, what, alg] of cases) {
      const result = await verifyJwt(forge(text, alg), asText(text), { now: NOW });
      expectConfusion(result);
      if (!result.valid) expect(result.reason, text.slice(0, 40)).toMatch(what);
    }
  });

  it('whatever encoding the secret is typed in: base64, base64url, or a JWK "oct" key whose k is the PEM', async () => {
    const token = forge(rsa.spki);
    const bytes = Buffer.from(rsa.spki, 'utf8');
    const inputs: KeyInput[] = [
      { kind: 'secret', value: bytes.toString('base64'), encoding: 'base64' },
      { kind: 'secret', value: bytes.toString('base64url'), encoding: 'base64url' },
      { kind: 'jwk', value: JSON.stringify({ kty: 'oct', k: bytes.toString('base64url') }) },
      {
        kind: 'jwks',
        value: JSON.stringify({ keys: [{ kty: 'oct', k: bytes.toString('base64url') }] }),
      },
    ];
    for (const key of inputs) expectConfusion(await verifyJwt(token, key, { now: NOW }));
  });

  it('a truncated PEM (no END line) still counts as key text', async () => {
    const text = rsa.spki.slice(0, 200);
    expectConfusion(await verifyJwt(forge(text), asText(text), { now: NOW }));
  });

  it('ordinary secrets still verify, including ones that merely start with "{" or "-"', async () => {
    for (const text of [
      'a-very-long-shared-secret-of-at-least-32-bytes!!',
      '{"not":"a key","but":"json","long":"enough for HS256"}',
      '-----not a PEM, just dashes and a long enough secret',
      JSON.stringify({ kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA' }),
    ]) {
      const token = await signToken({ alg: 'HS256' }, claims, new TextEncoder().encode(text));
      expect(await verifyJwt(token, asText(text), { now: NOW }), text).toMatchObject({
        valid: true,
      });
    }
  });

  it('an RS256 token checked with PEM text typed as a secret points at the right key type', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const result = await verifyJwt(token, asText(rsa.spki), { now: NOW });
    expect(result).toMatchObject({ valid: false, code: 'alg-not-allowed-for-key' });
    if (!result.valid) expect(result.reason).toMatch(/a PEM public key: choose the key type "PEM"/);
  });
});
