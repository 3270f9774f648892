import { CompactEncrypt, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptJwe, inspectJwt, verifyJwt, type KeyInput } from '../../src/shared/jwt';
import { RFC7519_A1_HEADER_B64 } from '../fixtures/jwt-vectors';
import { b64, keyPair, signToken, type TestKeyPair } from '../fixtures/jwt-tokens';

const NOW = Date.UTC(2030, 0, 1);
const claims = { iss: 'joe', sub: 'svc', exp: NOW / 1000 + 600, iat: NOW / 1000 - 10 };
const encoder = new TextEncoder();
const aesKey = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const b64key = (bytes: Uint8Array): KeyInput => ({
  kind: 'secret',
  value: Buffer.from(bytes).toString('base64url'),
  encoding: 'base64url',
});

async function encrypt(
  plaintext: string,
  header: Record<string, unknown>,
  key: CryptoKey | Uint8Array,
): Promise<string> {
  return new CompactEncrypt(encoder.encode(plaintext))
    .setProtectedHeader(header as { alg: string; enc: string })
    .encrypt(key);
}

let rsa: TestKeyPair;
let signer: TestKeyPair;
let x25519: TestKeyPair;

beforeAll(async () => {
  [rsa, signer, x25519] = await Promise.all([
    keyPair('RSA-OAEP-256'),
    keyPair('RS256'),
    keyPair('ECDH-ES', { crv: 'X25519' }),
  ]);
});

describe('encrypted tokens (JWE) before decryption', () => {
  it('RFC 7519 A.1’s protected header is shown and the four encrypted parts described; RSA1_5 is flagged', () => {
    const token = `${RFC7519_A1_HEADER_B64}.${b64('k'.repeat(256))}.${b64('i'.repeat(16))}.${b64('ciphertext')}.${b64('t'.repeat(16))}`;
    const inspection = inspectJwt(token);
    expect(inspection.ok && inspection.kind).toBe('JWE');
    if (!inspection.ok) return;
    expect(inspection.header).toEqual({ alg: 'RSA1_5', enc: 'A128CBC-HS256' });
    expect(inspection.payload).toBeNull();
    expect(inspection.signature).toBeNull();
    expect(inspection.encryption?.parts.map((p) => [p.name, p.byteLength])).toEqual([
      ['encrypted-key', 256],
      ['iv', 16],
      ['ciphertext', 10],
      ['tag', 16],
    ]);
    expect(inspection.encryption?.parts[0]?.description).toMatch(
      /encrypted for the recipient with RSA1_5/,
    );
    expect(inspection.findings.map((f) => f.id)).toContain('alg-weak');
  });

  it('a nested JWE (cty: JWT) is reported as nested, with a note to decrypt it', async () => {
    const inner = await signToken({ alg: 'RS256', typ: 'JWT' }, claims, signer.privateKey);
    const token = await encrypt(
      inner,
      { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' },
      rsa.publicKey,
    );
    const inspection = inspectJwt(token);
    expect(inspection.ok && inspection.kind).toBe('nested');
    expect(inspection.ok && inspection.envelope).toBe('JWE');
    expect(inspection.ok && inspection.findings.map((f) => f.id)).toContain('nested-token');
  });
});

describe('decrypting with a key the user supplies', () => {
  it('RFC 7519 A.2 style nested token (constructed with jose: RS256 inside RSA-OAEP-256): decrypts, unwraps and the inner JWT verifies', async () => {
    const inner = await signToken({ alg: 'RS256', typ: 'JWT' }, claims, signer.privateKey);
    const token = await encrypt(
      inner,
      { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', cty: 'JWT' },
      rsa.publicKey,
    );
    const result = await decryptJwe(token, { kind: 'pem', value: rsa.pkcs8 }, { now: NOW });
    expect(result).toMatchObject({
      ok: true,
      algorithm: 'RSA-OAEP-256',
      encryption: 'A128CBC-HS256',
      key: { source: 'pkcs8', kty: 'RSA' },
    });
    if (!result.ok) return;
    expect(result.inspection).toMatchObject({
      kind: 'nested',
      encryption: { status: 'decrypted' },
      payload: { form: 'jwt', text: inner },
    });
    const level1 = result.inspection.inner;
    expect(level1?.ok && level1.kind).toBe('JWS');
    expect(level1?.ok && level1.depth).toBe(1);
    expect(level1?.ok && level1.times?.state).toBe('valid');
    expect((await verifyJwt(inner, { kind: 'pem', value: signer.spki }, { now: NOW })).valid).toBe(
      true,
    );
  });

  it('a JWE with claims directly inside shows them after decryption with a private JWK', async () => {
    const token = await encrypt(
      JSON.stringify(claims),
      { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
      rsa.publicKey,
    );
    const result = await decryptJwe(
      token,
      { kind: 'jwk', value: JSON.stringify(rsa.privateJwk) },
      { now: NOW },
    );
    expect(result.ok && result.inspection.payload).toMatchObject({ form: 'claims', claims });
    expect(result.ok && result.inspection.claims.map((c) => c.name)).toEqual([
      'iss',
      'sub',
      'exp',
      'iat',
    ]);
  });

  it('direct encryption (dir), AES key wrap, X25519 ECDH-ES and a PBES2 password all decrypt', async () => {
    const cases: [string, KeyInput][] = [
      [await encrypt('{"a":1}', { alg: 'dir', enc: 'A256GCM' }, aesKey), b64key(aesKey)],
      [await encrypt('{"a":1}', { alg: 'A256KW', enc: 'A128GCM' }, aesKey), b64key(aesKey)],
      [
        await encrypt('{"a":1}', { alg: 'ECDH-ES+A128KW', enc: 'A128GCM' }, x25519.publicKey),
        { kind: 'jwk', value: JSON.stringify(x25519.privateJwk) },
      ],
      [
        await encrypt(
          '{"a":1}',
          { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 2000 },
          encoder.encode('correct horse'),
        ),
        { kind: 'secret', value: 'correct horse', encoding: 'text' },
      ],
    ];
    for (const [token, key] of cases) {
      const result = await decryptJwe(token, key);
      expect(result, token.slice(0, 60)).toMatchObject({
        ok: true,
        inspection: { payload: { form: 'claims', claims: { a: 1 } } },
      });
    }
  });

  it('the wrong key, a public key, or a key of the wrong type is refused with a reason', async () => {
    const token = await encrypt('{"a":1}', { alg: 'RSA-OAEP-256', enc: 'A256GCM' }, rsa.publicKey);
    const other = await keyPair('RSA-OAEP-256');
    expect(await decryptJwe(token, { kind: 'pem', value: other.pkcs8 })).toMatchObject({
      ok: false,
      code: 'decryption-failed',
    });
    expect(await decryptJwe(token, { kind: 'pem', value: rsa.spki })).toMatchObject({
      ok: false,
      code: 'key-not-private',
    });
    expect(await decryptJwe(token, b64key(aesKey))).toMatchObject({
      ok: false,
      code: 'alg-not-allowed-for-key',
    });
    const dir = await encrypt('{"a":1}', { alg: 'dir', enc: 'A256GCM' }, aesKey);
    expect(await decryptJwe(dir, b64key(aesKey.map((b) => b ^ 1)))).toMatchObject({
      ok: false,
      code: 'decryption-failed',
    });
    expect(await decryptJwe(dir, b64key(aesKey.slice(0, 16)))).toMatchObject({ ok: false });
  });

  it('a JWKS of private keys is searched by kid', async () => {
    const token = await encrypt(
      '{"a":1}',
      { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-2' },
      rsa.publicKey,
    );
    const other = await keyPair('RSA-OAEP-256');
    const set = {
      keys: [
        { ...other.privateJwk, kid: 'enc-1' },
        { ...rsa.privateJwk, kid: 'enc-2' },
      ],
    };
    expect(await decryptJwe(token, { kind: 'jwks', value: JSON.stringify(set) })).toMatchObject({
      ok: true,
      key: { kid: 'enc-2', index: 1, matchedBy: 'kid' },
    });
  });

  it('a signed token is not decrypted, it is verified', async () => {
    const token = await signToken({ alg: 'HS256' }, claims, aesKey);
    expect(await decryptJwe(token, b64key(aesKey))).toMatchObject({ ok: false, code: 'not-a-jwe' });
  });
});

describe('nested signed tokens are unwrapped level by level', () => {
  it('a JWS whose payload is a JWS (cty: JWT) shows both levels', async () => {
    const inner = await signToken({ alg: 'RS256' }, claims, signer.privateKey);
    const outer = await signToken({ alg: 'HS256', cty: 'JWT' }, inner, aesKey);
    const inspection = inspectJwt(outer, { now: NOW });
    expect(inspection).toMatchObject({
      ok: true,
      kind: 'nested',
      envelope: 'JWS',
      depth: 0,
      payload: { form: 'jwt' },
    });
    expect(inspection.ok && inspection.inner).toMatchObject({
      ok: true,
      kind: 'JWS',
      depth: 1,
      payload: { form: 'claims' },
    });
  });

  it('a JWT inside a JWT without cty is still unwrapped, with a warning', async () => {
    const inner = await signToken({ alg: 'RS256' }, claims, signer.privateKey);
    const outer = await signToken({ alg: 'HS256' }, inner, aesKey);
    const inspection = inspectJwt(outer, { now: NOW });
    expect(inspection.ok && inspection.kind).toBe('nested');
    expect(inspection.ok && inspection.findings.map((f) => f.id)).toContain('nested-without-cty');
  });

  it('stops unwrapping after four levels', async () => {
    let token = await signToken({ alg: 'HS256' }, claims, aesKey);
    for (let i = 0; i < 6; i++)
      token = await signToken({ alg: 'HS256', cty: 'JWT' }, token, aesKey);
    let level = inspectJwt(token);
    let depth = 0;
    while (level.ok && level.inner !== null) {
      level = level.inner;
      depth++;
    }
    expect(depth).toBe(4);
    expect(level.ok && level.findings.map((f) => f.id)).toContain('nesting-too-deep');
  });
});
