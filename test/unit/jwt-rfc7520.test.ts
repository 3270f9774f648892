import { describe, expect, it } from 'vitest';
import { decryptJwe, inspectJwt, verifyJwt, type KeyInput } from '../../src/shared/jwt';
import {
  RFC7520_4_1,
  RFC7520_4_2,
  RFC7520_4_3,
  RFC7520_4_4,
  RFC7520_4_5,
  RFC7520_5_1,
  RFC7520_5_2,
  RFC7520_5_2_KEY,
  RFC7520_5_3,
  RFC7520_5_3_PASSWORD,
  RFC7520_5_3_PLAINTEXT,
  RFC7520_5_4,
  RFC7520_5_4_KEY,
  RFC7520_5_5,
  RFC7520_5_5_KEY,
  RFC7520_5_6,
  RFC7520_5_6_KEY,
  RFC7520_5_7,
  RFC7520_5_7_KEY,
  RFC7520_5_8,
  RFC7520_5_8_KEY,
  RFC7520_5_9,
  RFC7520_EC_PUBLIC,
  RFC7520_HMAC_KEY,
  RFC7520_JWE_PLAINTEXT,
  RFC7520_JWS_PAYLOAD,
  RFC7520_JWS_PAYLOAD_B64,
  RFC7520_RSA_PRIVATE,
  RFC7520_RSA_PUBLIC,
} from '../fixtures/jwt-rfc7520';
import { tamperSignature } from '../fixtures/jwt-tokens';

const jwk = (key: object): KeyInput => ({ kind: 'jwk', value: JSON.stringify(key) });
const jwks = (...keys: object[]): KeyInput => ({ kind: 'jwks', value: JSON.stringify({ keys }) });

describe('RFC 7520 §4: the JWS examples verify with their published keys', () => {
  it.each([
    ['§4.1 RS256', RFC7520_4_1, RFC7520_RSA_PUBLIC, 'RS256', { kty: 'RSA', bits: 2048 }],
    ['§4.2 PS384', RFC7520_4_2, RFC7520_RSA_PUBLIC, 'PS384', { kty: 'RSA', bits: 2048 }],
    ['§4.3 ES512', RFC7520_4_3, RFC7520_EC_PUBLIC, 'ES512', { kty: 'EC', crv: 'P-521' }],
    ['§4.4 HS256', RFC7520_4_4, RFC7520_HMAC_KEY, 'HS256', { kty: 'oct', bits: 256 }],
  ] as const)('%s', async (_name, token, key, alg, described) => {
    const result = await verifyJwt(token, jwk(key));
    expect(result).toMatchObject({
      valid: true,
      algorithm: alg,
      key: { ...described, kid: key.kid, use: 'sig' },
      // The payload is a quote, not a claims set: there are no claims to check.
      claimsChecked: { applicable: false },
    });
    const inspection = inspectJwt(token);
    expect(inspection.ok && inspection.payload).toMatchObject({
      form: 'text',
      text: RFC7520_JWS_PAYLOAD,
    });
    expect(await verifyJwt(tamperSignature(token), jwk(key))).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
  });

  it('§4.1 also verifies with the key exactly as §4.1 gives it (private members included), with a note', async () => {
    const result = await verifyJwt(RFC7520_4_1, jwk(RFC7520_RSA_PRIVATE));
    expect(result).toMatchObject({ valid: true, key: { private: true } });
    expect(result.findings.map((f) => f.id)).toContain('private-key-supplied');
  });

  it('a set of every §3 signing key picks the right one for each token, even where two share a kid', async () => {
    const set = jwks(RFC7520_EC_PUBLIC, RFC7520_RSA_PUBLIC, RFC7520_HMAC_KEY);
    for (const [token, kty] of [
      [RFC7520_4_1, 'RSA'],
      [RFC7520_4_2, 'RSA'],
      [RFC7520_4_3, 'EC'],
      [RFC7520_4_4, 'oct'],
    ] as const) {
      expect(await verifyJwt(token, set)).toMatchObject({
        valid: true,
        key: { kty, matchedBy: 'kid' },
      });
    }
  });

  it('§4.5 detached content: the token alone has an empty payload; with the §4 payload put back it is §4.4', async () => {
    const inspection = inspectJwt(RFC7520_4_5);
    expect(inspection.ok && inspection.payload).toMatchObject({
      form: 'text',
      text: '',
      problem: { code: 'empty-segment' },
    });
    // The signature covers the detached payload, not an empty one.
    expect(await verifyJwt(RFC7520_4_5, jwk(RFC7520_HMAC_KEY))).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
    const [header, , signature] = RFC7520_4_5.split('.');
    const attached = `${header}.${RFC7520_JWS_PAYLOAD_B64}.${signature}`;
    expect(attached).toBe(RFC7520_4_4);
    expect((await verifyJwt(attached, jwk(RFC7520_HMAC_KEY))).valid).toBe(true);
  });
});

describe('RFC 7520 §5: the JWE examples decrypt with their published keys', () => {
  it.each([
    ['§5.2 RSA-OAEP + A256GCM', RFC7520_5_2, jwk(RFC7520_5_2_KEY), 'RSA-OAEP', 'A256GCM'],
    [
      '§5.4 ECDH-ES+A128KW + A128GCM',
      RFC7520_5_4,
      jwk(RFC7520_5_4_KEY),
      'ECDH-ES+A128KW',
      'A128GCM',
    ],
    ['§5.5 ECDH-ES + A128CBC-HS256', RFC7520_5_5, jwk(RFC7520_5_5_KEY), 'ECDH-ES', 'A128CBC-HS256'],
    ['§5.6 dir + A128GCM', RFC7520_5_6, jwk(RFC7520_5_6_KEY), 'dir', 'A128GCM'],
    [
      '§5.7 A256GCMKW + A128CBC-HS256',
      RFC7520_5_7,
      jwk(RFC7520_5_7_KEY),
      'A256GCMKW',
      'A128CBC-HS256',
    ],
    ['§5.8 A128KW + A128GCM', RFC7520_5_8, jwk(RFC7520_5_8_KEY), 'A128KW', 'A128GCM'],
    [
      '§5.9 A128KW + A128GCM, compressed (zip: DEF)',
      RFC7520_5_9,
      jwk(RFC7520_5_8_KEY),
      'A128KW',
      'A128GCM',
    ],
  ] as const)('%s', async (_name, token, key, alg, enc) => {
    const result = await decryptJwe(token, key);
    expect(result).toMatchObject({ ok: true, algorithm: alg, encryption: enc });
    if (!result.ok) return;
    expect(result.inspection).toMatchObject({
      kind: 'JWE',
      encryption: { status: 'decrypted' },
      payload: { form: 'text', text: RFC7520_JWE_PLAINTEXT },
    });
  });

  it('§5.3 PBES2-HS512+A256KW + A128CBC-HS256 decrypts with the published password into the JWK set', async () => {
    const result = await decryptJwe(RFC7520_5_3, {
      kind: 'secret',
      value: RFC7520_5_3_PASSWORD,
      encoding: 'text',
    });
    expect(result).toMatchObject({
      ok: true,
      algorithm: 'PBES2-HS512+A256KW',
      encryption: 'A128CBC-HS256',
      inspection: { payload: { text: RFC7520_5_3_PLAINTEXT } },
    });
  });

  it('the JWK set §5.3 carries holds the keys of §5.6, §5.7 and §5.8: each token finds its key by kid', async () => {
    const set: KeyInput = { kind: 'jwks', value: RFC7520_5_3_PLAINTEXT };
    for (const token of [RFC7520_5_6, RFC7520_5_7, RFC7520_5_8]) {
      expect(await decryptJwe(token, set), token.slice(0, 40)).toMatchObject({
        ok: true,
        key: { matchedBy: 'kid' },
        inspection: { payload: { text: RFC7520_JWE_PLAINTEXT } },
      });
    }
  });

  it('§5.6: a key whose alg names the content encryption is for "dir" with that encryption only (RFC 7517 §4.4)', async () => {
    const result = await decryptJwe(RFC7520_5_6, jwk(RFC7520_5_6_KEY));
    expect(result.ok && result.key).toMatchObject({ alg: 'A128GCM', algorithms: ['dir'] });
    const other = await decryptJwe(RFC7520_5_6, jwk({ ...RFC7520_5_6_KEY, alg: 'A256GCM' }));
    expect(other).toMatchObject({ ok: false, code: 'alg-not-allowed-for-key' });
    if (!other.ok)
      expect(other.reason).toMatch(
        /"alg": "A256GCM", which allows only "dir" with A256GCM content/,
      );
    // The same key may not unwrap a content key either: its alg says "dir".
    expect(
      await decryptJwe(RFC7520_5_8, jwk({ ...RFC7520_5_8_KEY, alg: 'A128GCM' })),
    ).toMatchObject({
      ok: false,
      code: 'alg-not-allowed-for-key',
    });
  });

  it('keys marked "use": "sig" are left out of a set, and a single one decrypts with a warning (RFC 7517 §4.2)', async () => {
    const signing = { ...RFC7520_5_8_KEY, use: 'sig' };
    const fromSet = await decryptJwe(RFC7520_5_8, jwks(signing));
    expect(fromSet).toMatchObject({ ok: false, code: 'no-matching-key' });
    expect(fromSet.tried[0]?.outcome).toMatch(/"use": "sig", not for encryption/);
    const single = await decryptJwe(RFC7520_5_8, jwk(signing));
    expect(single.ok).toBe(true);
    expect(single.findings.map((f) => f.id)).toContain('key-use-mismatch');
  });

  it('§5.1 (RSA1_5) is shown and flagged, but not decrypted: jose 6 and Keysmith refuse RSAES-PKCS1-v1_5', async () => {
    const inspection = inspectJwt(RFC7520_5_1);
    expect(inspection).toMatchObject({
      ok: true,
      kind: 'JWE',
      header: { alg: 'RSA1_5', kid: 'frodo.baggins@hobbiton.example', enc: 'A128CBC-HS256' },
    });
    if (!inspection.ok) return;
    // A 2048-bit RSA encrypted key, a 16-byte IV and tag, whole AES blocks of ciphertext.
    expect(inspection.encryption?.parts.map((p) => [p.name, p.byteLength])).toEqual([
      ['encrypted-key', 256],
      ['iv', 16],
      ['ciphertext', 288],
      ['tag', 16],
    ]);
    expect(inspection.findings.map((f) => f.id)).toContain('alg-weak');
    expect(await decryptJwe(RFC7520_5_1, jwk(RFC7520_5_2_KEY))).toMatchObject({
      ok: false,
      code: 'alg-unsupported',
    });
  });

  it('a changed ciphertext character fails decryption with the right key', async () => {
    const parts = RFC7520_5_8.split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    expect(await decryptJwe(parts.join('.'), jwk(RFC7520_5_8_KEY))).toMatchObject({
      ok: false,
      code: 'decryption-failed',
    });
  });
});
