import { calculateJwkThumbprint, exportJWK, importPKCS8, importSPKI } from 'jose';
import { decodeBase64, encodeBase64 } from '../encoding/base64url';
import { certificateSpki, pkcs1ToSpki, pkcs8KeyType, spkiKeyType, type DerKeyType } from './der';
import { KeyLoadError, publicJwk, type LoadedKey } from './loaded-key';
import type { KeySource } from './types';

function toPem(der: Uint8Array, label: string): string {
  const body = encodeBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

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

async function fromSpki(spki: Uint8Array, source: KeySource, notes: string[]): Promise<LoadedKey> {
  const alg = importAlgorithm(spkiKeyType(spki));
  const jwk = await exportJWK(
    await importSPKI(toPem(spki, 'PUBLIC KEY'), alg, { extractable: true }),
  );
  return { jwk, source, private: false, notes, thumbprint: await calculateJwkThumbprint(jwk) };
}

async function fromPkcs8(der: Uint8Array): Promise<LoadedKey> {
  const alg = importAlgorithm(pkcs8KeyType(der));
  const jwk = await exportJWK(
    await importPKCS8(toPem(der, 'PRIVATE KEY'), alg, { extractable: true }),
  );
  return {
    jwk,
    source: 'pkcs8',
    private: true,
    notes: [],
    thumbprint: await calculateJwkThumbprint(publicJwk(jwk)),
  };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Reads a PEM (or bare base64 DER) public key, certificate or PKCS#8 private key into a JWK. */
export async function loadPem(value: string): Promise<LoadedKey> {
  const blocks = [...value.matchAll(PEM_BLOCK)];
  const first = blocks[0];
  if (first === undefined) return loadBareDer(value);
  const label = first[1] ?? '';
  const body = first[2] ?? '';
  if (/^[A-Za-z-]+:/m.test(body))
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
      return fromSpki(der.bytes, 'spki', notes);
    case 'CERTIFICATE':
      return fromSpki(certificateSpki(der.bytes), 'x509', [
        ...notes,
        'The certificate’s validity dates and chain are not checked.',
      ]);
    case 'RSA PUBLIC KEY':
      return fromSpki(pkcs1ToSpki(der.bytes), 'pkcs1', notes);
    case 'PRIVATE KEY':
      return fromPkcs8(der.bytes);
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
    return await fromSpki(certificateSpki(der.bytes), 'x509', [
      'Read as a base64 DER certificate (an x5c entry).',
    ]);
  } catch {
    return fromSpki(der.bytes, 'spki', ['Read as a base64 DER public key.']);
  }
}
