import type { JWK } from 'jose';
import { decodeBase64urlLenient } from './base64url';
import type { KeyDescription, KeySource } from './key-types';
import type { LoadedKey } from './key-load';

/** The modulus length of an RSA JWK in bits, from its `n`. */
export function rsaBits(n: string | undefined): number | undefined {
  if (n === undefined) return undefined;
  const decoded = decodeBase64urlLenient(n);
  if (!decoded.ok) return undefined;
  const bytes = decoded.bytes;
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] ?? 0));
}

const CURVE_BITS: Readonly<Record<string, number>> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  Ed25519: 256,
  X25519: 256,
};

/** The size of a key in bits, when it has a meaningful one. */
export function keyBits(jwk: JWK): number | undefined {
  if (jwk.kty === 'oct') {
    const k = typeof jwk.k === 'string' ? decodeBase64urlLenient(jwk.k) : null;
    return k?.ok === true ? k.bytes.length * 8 : undefined;
  }
  if (jwk.kty === 'RSA') return rsaBits(jwk.n);
  return typeof jwk.crv === 'string' ? CURVE_BITS[jwk.crv] : undefined;
}

const SOURCE_NAMES: Readonly<Record<KeySource, string>> = {
  secret: 'secret',
  spki: 'PEM public key',
  x509: 'X.509 certificate',
  pkcs1: 'PEM RSA public key (PKCS#1)',
  pkcs8: 'PEM private key (PKCS#8)',
  jwk: 'JWK',
  jwks: 'JWKS',
};

/** Describes a loaded key for people, with the allowlist and how it was chosen. */
export function describeKey(
  key: LoadedKey,
  algorithms: readonly string[],
  matchedBy?: KeyDescription['matchedBy'],
): KeyDescription {
  const { jwk } = key;
  const kty = (jwk.kty ?? 'oct') as KeyDescription['kty'];
  const bits = keyBits(jwk);
  const what =
    kty === 'oct'
      ? `HMAC secret${bits === undefined ? '' : `, ${bits / 8} bytes`}`
      : `${kty === 'RSA' ? `RSA${bits === undefined ? '' : ` ${bits}-bit`}` : `${kty} ${jwk.crv ?? ''}`.trim()} ${key.private ? 'private' : 'public'} key`;
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  const where =
    key.index !== undefined
      ? `JWKS key #${key.index + 1}${key.setSize === undefined ? '' : ` of ${key.setSize}`}: `
      : '';
  const label = `${where}${what}${key.index === undefined && kty !== 'oct' ? ` (${SOURCE_NAMES[key.source]})` : ''}${kid === undefined ? '' : `, kid "${kid}"`}`;
  return {
    source: key.source,
    kty,
    ...(typeof jwk.crv === 'string' ? { crv: jwk.crv } : {}),
    ...(bits === undefined ? {} : { bits }),
    ...(kid === undefined ? {} : { kid }),
    ...(key.index === undefined ? {} : { index: key.index }),
    ...(key.thumbprint === undefined ? {} : { thumbprint: key.thumbprint }),
    ...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}),
    ...(typeof jwk.use === 'string' ? { use: jwk.use } : {}),
    ...(Array.isArray(jwk.key_ops) ? { keyOps: jwk.key_ops } : {}),
    private: key.private,
    algorithms,
    ...(matchedBy === undefined ? {} : { matchedBy }),
    notes: key.notes,
    label,
  };
}
