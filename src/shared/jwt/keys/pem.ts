import {
  calculateJwkThumbprint,
  exportJWK,
  importPKCS8,
  importSPKI,
  importX509,
  type CryptoKey,
  type JWK,
} from 'jose';
import { decodeBase64, encodeBase64 } from '../encoding/base64url';
import { findPemBlocks, hasPemHeaders } from '../encoding/pem-blocks';
import { pkcs1ToSpki, pkcs8KeyType, spkiKeyType, type DerKeyType } from './der';
import { KeyLoadError, publicJwk, type LoadedKey } from './loaded-key';
import type { KeySource } from './types';

/**
 * The algorithm a key is imported under. Only the key's type matters here: the key is exported
 * again as a JWK at once, and the allowlist comes from that JWK.
 */
function importAlgorithm(type: DerKeyType): string {
  switch (type.kty) {
    case 'RSA':
      return 'RS256';
    case 'EC':
      return type.crv === 'P-256' ? 'ES256' : type.crv === 'P-384' ? 'ES384' : 'ES512';
    case 'OKP':
      return type.crv === 'Ed25519' ? 'Ed25519' : 'ECDH-ES';
    default:
      throw new KeyLoadError('key-unsupported', `Keysmith cannot use a ${type.name}.`);
  }
}

/**
 * What a certificate is imported under, tried in turn: jose's importX509 must be told the
 * algorithm, and reading the key type out of the certificate is what importX509 itself does.
 * ECDH-ES takes any EC curve jose knows, and X25519.
 */
const CERTIFICATE_ALGORITHMS = ['RS256', 'ECDH-ES', 'Ed25519'] as const;

/** PEM text for jose's importers: one block, exactly the label they expect. */
function armour(label: string, base64: string): string {
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----`;
}

async function publicKey(jwk: JWK, source: KeySource, notes: string[]): Promise<LoadedKey> {
  return { jwk, source, private: false, notes, thumbprint: await calculateJwkThumbprint(jwk) };
}

async function exported(key: Promise<CryptoKey>): Promise<JWK> {
  return exportJWK(await key);
}

async function fromSpki(
  base64: string,
  der: Uint8Array,
  source: KeySource,
  notes: string[],
): Promise<LoadedKey> {
  const alg = importAlgorithm(spkiKeyType(der));
  const jwk = await exported(importSPKI(armour('PUBLIC KEY', base64), alg, { extractable: true }));
  return publicKey(jwk, source, notes);
}

async function fromCertificate(base64: string, notes: string[]): Promise<LoadedKey> {
  const pem = armour('CERTIFICATE', base64);
  for (const alg of CERTIFICATE_ALGORITHMS) {
    try {
      return await publicKey(
        await exported(importX509(pem, alg, { extractable: true })),
        'x509',
        notes,
      );
    } catch (cause) {
      // jose throws a TypeError when the certificate itself cannot be parsed; any other error
      // means its key is not of the type tried.
      if (cause instanceof TypeError)
        throw new KeyLoadError('key-invalid', `The certificate cannot be read: ${cause.message}`);
    }
  }
  throw new KeyLoadError(
    'key-unsupported',
    'The certificate holds a key Keysmith cannot use; it reads RSA, EC (P-256, P-384, P-521), Ed25519 and X25519 keys.',
  );
}

async function fromPkcs8(base64: string, der: Uint8Array): Promise<LoadedKey> {
  const alg = importAlgorithm(pkcs8KeyType(der));
  const jwk = await exported(
    importPKCS8(armour('PRIVATE KEY', base64), alg, { extractable: true }),
  );
  return {
    jwk,
    source: 'pkcs8',
    private: true,
    notes: [],
    thumbprint: await calculateJwkThumbprint(publicJwk(jwk)),
  };
}

/** Reads a PEM (or bare base64 DER) public key, certificate or PKCS#8 private key into a JWK. */
export async function loadPem(value: string): Promise<LoadedKey> {
  const blocks = findPemBlocks(value);
  const first = blocks[0];
  if (first === undefined) return loadBareDer(value);
  const { label, body } = first;
  if (hasPemHeaders(body))
    throw new KeyLoadError(
      'key-unsupported',
      'This PEM is encrypted (legacy Proc-Type header); decrypt it first: Keysmith takes no passwords.',
    );
  const der = decodeBase64(body);
  if (!der.ok)
    throw new KeyLoadError('key-invalid', `The PEM body is not valid base64: ${der.error.message}`);
  const notes =
    blocks.length > 1
      ? [`The PEM holds ${blocks.length} blocks; only the first (${label}) was used.`]
      : [];
  switch (label) {
    case 'PUBLIC KEY':
      return fromSpki(body, der.bytes, 'spki', notes);
    case 'CERTIFICATE':
      return fromCertificate(body, [
        ...notes,
        'The certificate’s validity dates and chain are not checked.',
      ]);
    case 'RSA PUBLIC KEY': {
      const spki = pkcs1ToSpki(der.bytes);
      return fromSpki(encodeBase64(spki), spki, 'pkcs1', notes);
    }
    case 'PRIVATE KEY':
      return fromPkcs8(body, der.bytes);
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
      throw new KeyLoadError(
        'key-unsupported',
        `"${label}" is a legacy private key format; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt) or paste the public key instead.`,
      );
    case 'ENCRYPTED PRIVATE KEY':
      throw new KeyLoadError(
        'key-unsupported',
        'This private key is password-protected; Keysmith takes no passwords. Paste the public key instead.',
      );
    default:
      throw new KeyLoadError(
        'key-unsupported',
        `Keysmith cannot use a "${label}" PEM block; paste a PUBLIC KEY, CERTIFICATE or PRIVATE KEY.`,
      );
  }
}

/** A certificate or public key pasted as bare base64 DER (e.g. an x5c entry). */
async function loadBareDer(value: string): Promise<LoadedKey> {
  const der = decodeBase64(value);
  if (!der.ok || der.bytes.length < 32 || der.bytes[0] !== 0x30)
    throw new KeyLoadError(
      'key-invalid',
      'No PEM block found: a PEM key starts with "-----BEGIN PUBLIC KEY-----" or "-----BEGIN CERTIFICATE-----".',
    );
  try {
    return await fromCertificate(value, ['Read as a base64 DER certificate (an x5c entry).']);
  } catch (cause) {
    if (!(cause instanceof KeyLoadError) || cause.code !== 'key-invalid') throw cause;
    return fromSpki(value, der.bytes, 'spki', ['Read as a base64 DER public key.']);
  }
}
