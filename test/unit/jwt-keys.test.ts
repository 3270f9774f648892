import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyJwt, type KeyInput } from '../../src/shared/jwt';
import { findPemBlocks } from '../../src/shared/jwt/encoding/pem-blocks';
import { LEGACY_ENCRYPTED_RSA_PRIVATE_KEY_PEM } from '../fixtures/fake-secrets';
import {
  keyPair,
  selfSignedCertificate,
  signToken,
  type TestKeyPair,
} from '../fixtures/jwt-tokens';

// PEM keys and certificates are imported with jose (importSPKI / importX509 / importPKCS8);
// Keysmith only finds the block, reads the key type jose must be told, and wraps PKCS#1.

const NOW = Date.UTC(2030, 0, 1);
const claims = { sub: 'svc', exp: NOW / 1000 + 600 };
const pem = (value: string): KeyInput => ({ kind: 'pem', value });

let rsa: TestKeyPair;
let p384: TestKeyPair;
let ed: TestKeyPair;

beforeAll(async () => {
  [rsa, p384, ed] = await Promise.all([keyPair('RS256'), keyPair('ES384'), keyPair('Ed25519')]);
});

describe('certificates of every key type jose imports', () => {
  it.each([
    ['RSA', () => rsa, 'RS256', { kty: 'RSA', bits: 2048 }],
    ['EC P-384', () => p384, 'ES384', { kty: 'EC', crv: 'P-384' }],
    ['Ed25519', () => ed, 'Ed25519', { kty: 'OKP', crv: 'Ed25519' }],
  ] as const)(
    'a self-signed %s certificate verifies its key’s tokens',
    async (_name, pair, alg, key) => {
      const cert = selfSignedCertificate(pair());
      // Node agrees the certificate is well formed and holds that key.
      expect(new X509Certificate(cert).publicKey.export({ format: 'jwk' })).toMatchObject({
        kty: key.kty,
      });
      const token = await signToken({ alg }, claims, pair().privateKey);
      expect(await verifyJwt(token, pem(cert), { now: NOW })).toMatchObject({
        valid: true,
        key: { ...key, source: 'x509' },
      });
    },
  );

  it('a certificate whose DER is broken is key-invalid; one whose key jose cannot use is key-unsupported', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const broken = '-----BEGIN CERTIFICATE-----\nMIIBCgKCAQEA\n-----END CERTIFICATE-----';
    expect(await verifyJwt(token, pem(broken), { now: NOW })).toMatchObject({
      valid: false,
      code: 'key-invalid',
    });
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const secp = selfSignedCertificate({
      publicJwk: { kty: 'EC' },
      spki: k1.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      pkcs8: k1.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    } as TestKeyPair);
    expect(new X509Certificate(secp).publicKey.asymmetricKeyDetails).toMatchObject({
      namedCurve: 'secp256k1',
    });
    expect(await verifyJwt(token, pem(secp), { now: NOW })).toMatchObject({
      valid: false,
      code: 'key-unsupported',
    });
  });
});

describe('what jose is told, and what Keysmith still reads itself', () => {
  it('key types jose cannot import are named, not misread', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const ed448 = generateKeyPairSync('ed448').publicKey.export({ format: 'pem', type: 'spki' });
    const result = await verifyJwt(token, pem(ed448.toString()), { now: NOW });
    expect(result).toMatchObject({ valid: false, code: 'key-unsupported' });
    if (!result.valid) expect(result.reason).toMatch(/Ed448/);
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    const secp = await verifyJwt(token, pem(k1.toString()), { now: NOW });
    expect(secp).toMatchObject({ valid: false, code: 'key-unsupported' });
    if (!secp.valid) expect(secp.reason).toMatch(/secp256k1/);
  });

  it('only the first of several PEM blocks is used, and the user is told', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const result = await verifyJwt(token, pem(`${rsa.spki}\n${p384.spki}`), { now: NOW });
    expect(result).toMatchObject({ valid: true, key: { kty: 'RSA', source: 'spki' } });
    if (result.valid)
      expect(result.key.notes).toContain(
        'The PEM holds 2 blocks; only the first (PUBLIC KEY) was used.',
      );
  });

  it('a PEM with text around it, CRLF line ends and a block of another label cut short before it still reads', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const pasted = `Here is our key:\r\n-----BEGIN CERTIFICATE-----\r\n(cut)\r\n${rsa.spki.replace(/\n/g, '\r\n')}\r\nThanks`;
    expect(await verifyJwt(token, pem(pasted), { now: NOW })).toMatchObject({ valid: true });
  });

  it('a bare base64 SPKI (no PEM lines) is read as a public key', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const bare = createPublicKey(rsa.spki)
      .export({ format: 'der', type: 'spki' })
      .toString('base64');
    const result = await verifyJwt(token, pem(bare), { now: NOW });
    expect(result).toMatchObject({ valid: true, key: { source: 'spki' } });
    if (result.valid) expect(result.key.notes).toContain('Read as a base64 DER public key.');
  });

  it('legacy encrypted PEM and encrypted PKCS#8 are refused with what to do instead', async () => {
    const token = await signToken({ alg: 'RS256' }, claims, rsa.privateKey);
    const legacy = LEGACY_ENCRYPTED_RSA_PRIVATE_KEY_PEM;
    const encrypted =
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----';
    for (const value of [legacy, encrypted]) {
      const result = await verifyJwt(token, pem(value), { now: NOW });
      expect(result).toMatchObject({ valid: false, code: 'key-unsupported' });
      if (!result.valid) expect(result.reason).toMatch(/password|Proc-Type/);
    }
  });
});

describe('finding PEM blocks', () => {
  it('pairs each BEGIN with the first END of its own label, skipping unmatched and nested ones', () => {
    const text = [
      '-----BEGIN A-----',
      'one',
      '-----BEGIN B-----',
      'not closed',
      '-----END A-----',
      '-----BEGIN lower case-----',
      '-----END lower case-----',
      '-----BEGIN C D-----two-----END C D-----',
      '-----END C D-----',
    ].join('\n');
    expect(findPemBlocks(text)).toEqual([
      { label: 'A', body: '\none\n-----BEGIN B-----\nnot closed\n' },
      { label: 'C D', body: 'two' },
    ]);
    expect(findPemBlocks('-----BEGIN X-----END X-----')).toEqual([]);
    expect(findPemBlocks('no blocks at all')).toEqual([]);
  });
});
