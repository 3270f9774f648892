import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { importJWK, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyJwt, type KeyInput } from '../../src/shared/jwt';
import {
  b64,
  keyPair,
  selfSignedCertificate,
  signRaw,
  signToken,
  swapPayload,
  type TestKeyPair,
} from '../fixtures/jwt-tokens';
import { LEGACY_EC_PRIVATE_KEY_PEM } from '../fixtures/fake-secrets';

const NOW = Date.UTC(2030, 0, 1);
const nowSec = NOW / 1000;
const claims = {
  iss: 'https://issuer.example',
  sub: 'svc',
  aud: 'api',
  iat: nowSec - 60,
  exp: nowSec + 3600,
};
const secret = (value: string): KeyInput => ({ kind: 'secret', value, encoding: 'text' });
const jwkKey = (value: object): KeyInput => ({ kind: 'jwk', value: JSON.stringify(value) });
const jwks = (...keys: object[]): KeyInput => ({ kind: 'jwks', value: JSON.stringify({ keys }) });
const LONG_SECRET = 'a-very-long-shared-secret-of-at-least-32-bytes!!';

let rsa: TestKeyPair;
let rsa2: TestKeyPair;
let p256: TestKeyPair;
let ed: TestKeyPair;

beforeAll(async () => {
  [rsa, rsa2, p256, ed] = await Promise.all([
    keyPair('RS256'),
    keyPair('RS256'),
    keyPair('ES256'),
    keyPair('Ed25519'),
  ]);
});

describe('verifying with the key formats people paste', () => {
  it('an RSA token verifies with the issuer’s SPKI PEM, its JWK, a JWKS and a self-signed certificate', async () => {
    const token = await signToken({ alg: 'RS256', typ: 'JWT' }, claims, rsa.privateKey);
    const cert = selfSignedCertificate(rsa);
    expect(createPublicKey(cert).export({ format: 'jwk' })).toMatchObject({ n: rsa.publicJwk.n });
    for (const key of [
      { kind: 'pem', value: rsa.spki },
      jwkKey(rsa.publicJwk),
      jwks(rsa.publicJwk),
      { kind: 'pem', value: cert },
    ] satisfies KeyInput[]) {
      const result = await verifyJwt(token, key, { now: NOW });
      expect(result, key.kind).toMatchObject({
        valid: true,
        claimsValid: true,
        algorithm: 'RS256',
      });
    }
    const viaCert = await verifyJwt(token, { kind: 'pem', value: cert }, { now: NOW });
    expect(viaCert.valid && viaCert.key).toMatchObject({ source: 'x509', kty: 'RSA', bits: 2048 });
  });

  it('a PKCS#1 "RSA PUBLIC KEY" PEM and a bare base64 certificate (an x5c entry) work too', async () => {
    const token = await signToken(
      { alg: 'PS256' },
      claims,
      (await importJWK(rsa.privateJwk, 'PS256')) as CryptoKey,
    );
    const pkcs1 = createPublicKey(rsa.spki).export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(await verifyJwt(token, { kind: 'pem', value: pkcs1 }, { now: NOW })).toMatchObject({
      valid: true,
      key: { source: 'pkcs1' },
    });
    const bare = selfSignedCertificate(rsa).replace(/-----[A-Z ]+-----|\s/g, '');
    expect(await verifyJwt(token, { kind: 'pem', value: bare }, { now: NOW })).toMatchObject({
      valid: true,
      key: { source: 'x509' },
    });
  });

  it('a PKCS#8 private key verifies through its public part and says it should not have been pasted', async () => {
    const token = await signToken({ alg: 'ES256' }, claims, p256.privateKey);
    const result = await verifyJwt(token, { kind: 'pem', value: p256.pkcs8 }, { now: NOW });
    expect(result).toMatchObject({
      valid: true,
      key: { source: 'pkcs8', private: true, crv: 'P-256' },
    });
    expect(result.findings.map((f) => f.id)).toContain('private-key-supplied');
  });

  it('Ed25519 tokens verify under both "EdDSA" and "Ed25519"', async () => {
    for (const alg of ['EdDSA', 'Ed25519']) {
      const token = await signToken({ alg }, claims, ed.privateKey);
      expect(await verifyJwt(token, jwkKey(ed.publicJwk), { now: NOW })).toMatchObject({
        valid: true,
        algorithm: alg,
      });
    }
  });
});

describe('rejections a user must be able to trust', () => {
  it('a changed claim breaks the signature', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const forged = swapPayload(token, { ...claims, sub: 'admin' });
    expect(await verifyJwt(forged, { kind: 'pem', value: rsa.spki }, { now: NOW })).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
  });

  it('the wrong public key or the wrong secret is rejected', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    expect(await verifyJwt(token, { kind: 'pem', value: rsa2.spki }, { now: NOW })).toMatchObject({
      valid: false,
      code: 'signature-invalid',
      key: { kty: 'RSA' },
    });
    const hs = await signToken({ alg: 'HS256' }, claims, new TextEncoder().encode(LONG_SECRET));
    expect(await verifyJwt(hs, secret(`${LONG_SECRET}x`), { now: NOW })).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
  });

  it('alg confusion: an HS256 token "signed" with the RSA public key PEM as HMAC secret is rejected, because the key is RSA', async () => {
    const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64(JSON.stringify({ ...claims, sub: 'admin' }));
    const mac = createHmac('sha256', rsa.spki).update(`${header}.${payload}`).digest('base64url');
    const forged = `${header}.${payload}.${mac}`;
    const result = await verifyJwt(forged, { kind: 'pem', value: rsa.spki }, { now: NOW });
    expect(result).toMatchObject({
      valid: false,
      code: 'alg-not-allowed-for-key',
      key: { kty: 'RSA', algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] },
    });
    if (!result.valid) expect(result.reason).toMatch(/algorithm-confusion/);
    expect(result.findings[0]).toMatchObject({ id: 'alg-key-mismatch', severity: 'error' });
    // Same via the JWK or a JWKS: the allowlist always comes from the key.
    expect(await verifyJwt(forged, jwkKey(rsa.publicJwk), { now: NOW })).toMatchObject({
      valid: false,
      code: 'alg-not-allowed-for-key',
    });
    const viaSet = await verifyJwt(forged, jwks(rsa.publicJwk), { now: NOW });
    expect(viaSet).toMatchObject({ valid: false, code: 'no-matching-key' });
    expect(viaSet.findings.map((f) => f.id)).toContain('alg-key-mismatch');
  });

  // Issue 11 §9: this used to verify green (valid: true, flagged by a finding); the HMAC still
  // matches, but a key's text as an HMAC secret is algorithm confusion and is never valid.
  it('if the user deliberately types the PEM as an HMAC secret, the math checks out but the result is refused as algorithm confusion', async () => {
    const header = b64(JSON.stringify({ alg: 'HS256' }));
    const payload = b64(JSON.stringify(claims));
    const mac = createHmac('sha256', rsa.spki).update(`${header}.${payload}`).digest('base64url');
    const result = await verifyJwt(`${header}.${payload}.${mac}`, secret(rsa.spki), { now: NOW });
    expect(result).toMatchObject({ valid: false, code: 'alg-confusion' });
    expect(result.findings.find((f) => f.id === 'secret-is-public-key')?.severity).toBe('error');
  });

  it('an RS256 token checked against an HMAC secret explains that it needs the issuer’s public key', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const result = await verifyJwt(token, secret(LONG_SECRET), { now: NOW });
    expect(result).toMatchObject({ valid: false, code: 'alg-not-allowed-for-key' });
    if (!result.valid) expect(result.reason).toMatch(/public key/);
  });

  it('a JWK that declares a different alg narrows the allowlist', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    expect(
      await verifyJwt(token, jwkKey({ ...rsa.publicJwk, alg: 'PS256' }), { now: NOW }),
    ).toMatchObject({ valid: false, code: 'alg-not-allowed-for-key' });
  });

  it('the caller can narrow the allowlist but never widen it', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    expect(
      await verifyJwt(token, { kind: 'pem', value: rsa.spki }, { now: NOW, algorithms: ['PS256'] }),
    ).toMatchObject({ valid: false, code: 'alg-not-allowed-for-key' });
    const hs = await signToken({ alg: 'HS256' }, claims, new TextEncoder().encode(LONG_SECRET));
    expect(
      await verifyJwt(hs, { kind: 'pem', value: rsa.spki }, { now: NOW, algorithms: ['HS256'] }),
    ).toMatchObject({ valid: false });
  });

  it('RSA keys under 2048 bits are refused', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pkcs8 = small.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const spki = small.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const token = signRaw({ alg: 'RS256' }, claims, pkcs8);
    expect(await verifyJwt(token, { kind: 'pem', value: spki }, { now: NOW })).toMatchObject({
      valid: false,
      code: 'key-too-weak',
    });
  });

  it('an unknown critical extension makes verification fail even with the right key', async () => {
    const token = signRaw({ alg: 'ES256', crit: ['exp-ext'], 'exp-ext': 1 }, claims, p256.pkcs8);
    expect(await verifyJwt(token, jwkKey(p256.publicJwk), { now: NOW })).toMatchObject({
      valid: false,
      code: 'crit-unsupported',
    });
  });

  it('an encrypted token is not "verified": the user is told to decrypt it', async () => {
    const jwe =
      'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA';
    expect(await verifyJwt(jwe, secret(LONG_SECRET))).toMatchObject({
      valid: false,
      code: 'not-a-jws',
    });
  });

  it('unreadable keys get a stable code and a reason, never an exception', async () => {
    const token = await signToken({ alg: 'ES256' }, claims, p256.privateKey);
    const cases: [KeyInput, string][] = [
      [secret(''), 'key-empty'],
      [{ kind: 'secret', value: 'not base64!', encoding: 'base64' }, 'key-invalid'],
      [{ kind: 'pem', value: 'hello' }, 'key-invalid'],
      [
        {
          kind: 'pem',
          value: LEGACY_EC_PRIVATE_KEY_PEM,
        },
        'key-unsupported',
      ],
      [
        { kind: 'pem', value: '-----BEGIN PUBLIC KEY-----\nMAMCAQA=\n-----END PUBLIC KEY-----' },
        'key-invalid',
      ],
      [jwkKey({ kty: 'EC', crv: 'P-256' }), 'key-invalid'],
      [{ kind: 'jwk', value: '{not json' }, 'key-invalid'],
      [jwkKey({ kty: 'AKP', alg: 'ML-DSA-44', pub: 'AA' }), 'key-unsupported'],
      [jwks(), 'key-empty'],
    ];
    for (const [key, code] of cases) {
      const result = await verifyJwt(token, key, { now: NOW });
      expect(result, key.value).toMatchObject({ valid: false, code });
      if (!result.valid) expect(result.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('choosing a key from a JWKS', () => {
  it('picks the key named by kid among several and says which one matched', async () => {
    const token = await signToken({ alg: 'RS256', kid: 'b' }, claims, rsa2.privateKey);
    const set = jwks(
      { ...p256.publicJwk, kid: 'ec' },
      { ...rsa.publicJwk, kid: 'a' },
      { ...rsa2.publicJwk, kid: 'b', use: 'sig' },
    );
    const result = await verifyJwt(token, set, { now: NOW });
    expect(result).toMatchObject({
      valid: true,
      key: { kid: 'b', index: 2, matchedBy: 'kid', source: 'jwks' },
    });
    if (result.valid) {
      expect(result.key.label).toBe('JWKS key #3 of 3: RSA 2048-bit public key, kid "b"');
      expect(result.tried).toHaveLength(1);
    }
  });

  it('without a kid, tries each compatible key and reports the thumbprint of the one that verified', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa2.privateKey);
    const result = await verifyJwt(token, jwks(p256.publicJwk, rsa.publicJwk, rsa2.publicJwk), {
      now: NOW,
    });
    expect(result).toMatchObject({ valid: true, key: { index: 2, matchedBy: 'trial' } });
    if (result.valid) {
      expect(result.tried.map((t) => t.key.index)).toEqual([1, 2]);
      expect(result.skipped.map((s) => s.index)).toEqual([0]);
      expect(result.key.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('a kid the set does not know falls back to trying every key, with a warning', async () => {
    const token = await signToken({ alg: 'RS256', kid: 'rotated-away' }, claims, rsa.privateKey);
    const result = await verifyJwt(token, jwks({ ...rsa.publicJwk, kid: 'current' }), { now: NOW });
    expect(result).toMatchObject({ valid: true, key: { matchedBy: 'trial', kid: 'current' } });
    expect(result.findings.map((f) => f.id)).toContain('kid-not-in-key-set');
  });

  it('keys marked for encryption are not used for signatures', async () => {
    const token = await signToken({ alg: 'RS256', kid: 'k' }, claims, rsa.privateKey);
    const result = await verifyJwt(token, jwks({ ...rsa.publicJwk, kid: 'k', use: 'enc' }), {
      now: NOW,
    });
    expect(result).toMatchObject({ valid: false, code: 'no-matching-key' });
    expect(result.skipped[0]?.reason).toMatch(/use/);
  });

  it('a set with no key that can verify this algorithm says what it holds', async () => {
    const token = await signToken({ alg: 'ES256' }, claims, p256.privateKey);
    const result = await verifyJwt(token, jwks(rsa.publicJwk, rsa2.publicJwk), { now: NOW });
    expect(result).toMatchObject({ valid: false, code: 'no-matching-key' });
    if (!result.valid) expect(result.reason).toMatch(/RSA 2048-bit/);
  });

  it('when no key in the set verifies, every attempt is listed', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const result = await verifyJwt(token, jwks(rsa2.publicJwk, rsa2.publicJwk), { now: NOW });
    expect(result).toMatchObject({ valid: false, code: 'signature-invalid' });
    expect(result.tried).toHaveLength(2);
  });

  it('HMAC keys in a JWKS work too (jose’s own local key set refuses them)', async () => {
    const k = Buffer.from(LONG_SECRET).toString('base64url');
    const token = await signToken(
      { alg: 'HS256', kid: 'h' },
      claims,
      new TextEncoder().encode(LONG_SECRET),
    );
    expect(await verifyJwt(token, jwks({ kty: 'oct', k, kid: 'h' }), { now: NOW })).toMatchObject({
      valid: true,
      key: { kty: 'oct', matchedBy: 'kid' },
    });
  });
});

describe('signature validity and claim validity are reported separately', () => {
  it('a correctly signed token that is not valid yet: valid signature, claims not valid', async () => {
    const token = await signToken(
      { alg: 'ES256' },
      { ...claims, nbf: nowSec + 7200 },
      p256.privateKey,
    );
    const result = await verifyJwt(token, jwkKey(p256.publicJwk), { now: NOW });
    expect(result).toMatchObject({
      valid: true,
      signatureValid: true,
      claimsValid: false,
      claimsChecked: { nbf: 'failed', exp: 'ok' },
    });
  });

  it('expected issuer and audience are checked when given', async () => {
    const token = await signToken({ alg: 'ES256' }, claims, p256.privateKey);
    const good = await verifyJwt(token, jwkKey(p256.publicJwk), {
      now: NOW,
      issuer: claims.iss,
      audience: 'api',
    });
    expect(good).toMatchObject({ claimsValid: true, claimsChecked: { iss: 'ok', aud: 'ok' } });
    const bad = await verifyJwt(token, jwkKey(p256.publicJwk), {
      now: NOW,
      issuer: 'https://other',
      audience: 'web',
    });
    expect(bad).toMatchObject({
      valid: true,
      claimsValid: false,
      claimsChecked: { iss: 'failed', aud: 'failed' },
    });
  });

  it('an HMAC secret shorter than the hash verifies, but is flagged as an error finding', async () => {
    const token = await signToken({ alg: 'HS512' }, claims, new TextEncoder().encode('short'));
    const result = await verifyJwt(token, secret('short'), { now: NOW });
    expect(result.valid).toBe(true);
    expect(result.findings[0]).toMatchObject({
      id: 'hmac-key-too-short',
      severity: 'error',
      reference: 'RFC 7518 §3.2, RFC 8725 §3.5',
    });
    expect(result.findings[0]?.detail).toMatch(/5 bytes; HS512 needs at least 64/);
  });
});
