import type { JWK } from 'jose';
import { decodeBase64urlLenient, measureBase64url } from '../encoding/base64url';
import type { KeyDescription, KeySource } from './types';
import type { LoadedKey } from './loaded-key';

/** The modulus length of an RSA JWK in bits, from its `n`. */
function rsaBits(n: string | undefined): number | undefined {
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

// Sizes already worked out, per JWK object: loaded public keys are cached (see loadKeys), and an
// RSA modulus would otherwise be decoded again on every verification. Only the size is kept.
const knownBits = new WeakMap<JWK, number | undefined>();

/** The size of a key in bits, when it has a meaningful one (`secret`: a secret's own bytes). */
export function keyBits(jwk: JWK, secret?: Uint8Array): number | undefined {
  if (secret !== undefined) return secret.length * 8;
  if (knownBits.has(jwk)) return knownBits.get(jwk);
  const bits = measureKey(jwk);
  knownBits.set(jwk, bits);
  return bits;
}

function measureKey(jwk: JWK): number | undefined {
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') return undefined;
    // Plain base64url (as JWKs write k) is measured without decoding the secret.
    const plain = measureBase64url(jwk.k);
    if (plain.ok) return plain.byteLength * 8;
    const k = decodeBase64urlLenient(jwk.k);
    return k.ok ? k.bytes.length * 8 : undefined;
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
  const bits = keyBits(jwk, key.secret);
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
  // Member by member, the optional ones only when present, in this order: conditional spreads
  // cost more than the rest of this function, and it runs on every verification.
  const out: { -readonly [K in keyof KeyDescription]?: KeyDescription[K] } = {
    source: key.source,
    kty,
  };
  if (typeof jwk.crv === 'string') out.crv = jwk.crv;
  if (bits !== undefined) out.bits = bits;
  if (kid !== undefined) out.kid = kid;
  if (key.index !== undefined) out.index = key.index;
  if (key.thumbprint !== undefined) out.thumbprint = key.thumbprint;
  if (typeof jwk.alg === 'string') out.alg = jwk.alg;
  if (typeof jwk.use === 'string') out.use = jwk.use;
  if (Array.isArray(jwk.key_ops)) out.keyOps = jwk.key_ops;
  out.private = key.private;
  out.algorithms = algorithms;
  if (matchedBy !== undefined) out.matchedBy = matchedBy;
  out.notes = key.notes;
  out.label = label;
  // Every required member is set above.
  return out as KeyDescription;
}
