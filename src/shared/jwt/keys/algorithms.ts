/** The JOSE key types Keysmith understands. */
export type KeyType = 'oct' | 'RSA' | 'EC' | 'OKP';

/** What Keysmith knows about one JWS algorithm. */
export interface JwsAlgorithmInfo {
  readonly name: string;
  readonly kty: KeyType | 'none' | 'AKP';
  readonly crv?: string;
  /** Hash output in bytes: the minimum HMAC key size (RFC 7518 §3.2). */
  readonly hashBytes?: number;
  /** Fixed signature length in bytes, when the algorithm has one. */
  readonly signatureBytes: number | null;
  /** False when jose in this runtime cannot verify it. */
  readonly supported: boolean;
  readonly weak?: string;
  readonly deprecated?: string;
  readonly description: string;
}

const hs = (bits: 256 | 384 | 512): JwsAlgorithmInfo => ({
  name: `HS${bits}`,
  kty: 'oct',
  hashBytes: bits / 8,
  signatureBytes: bits / 8,
  supported: true,
  description: `HMAC with SHA-${bits}: a shared secret both signs and verifies`,
});
const rs = (prefix: 'RS' | 'PS', bits: 256 | 384 | 512): JwsAlgorithmInfo => ({
  name: `${prefix}${bits}`,
  kty: 'RSA',
  signatureBytes: null,
  supported: true,
  description:
    prefix === 'RS'
      ? `RSASSA-PKCS1-v1_5 with SHA-${bits}: RSA signature, public key verifies`
      : `RSASSA-PSS with SHA-${bits}: RSA-PSS signature, public key verifies`,
});
const es = (bits: 256 | 384 | 512, crv: string, bytes: number): JwsAlgorithmInfo => ({
  name: `ES${bits}`,
  kty: 'EC',
  crv,
  signatureBytes: bytes,
  supported: true,
  description: `ECDSA on ${crv} with SHA-${bits}: signature is R‖S, ${bytes} bytes`,
});

/** Every JWS `alg` value Keysmith recognises, supported or not. */
export const JWS_ALGORITHMS: Readonly<Record<string, JwsAlgorithmInfo>> = {
  HS256: hs(256),
  HS384: hs(384),
  HS512: hs(512),
  RS256: rs('RS', 256),
  RS384: rs('RS', 384),
  RS512: rs('RS', 512),
  PS256: rs('PS', 256),
  PS384: rs('PS', 384),
  PS512: rs('PS', 512),
  ES256: es(256, 'P-256', 64),
  ES384: es(384, 'P-384', 96),
  ES512: es(512, 'P-521', 132),
  EdDSA: {
    name: 'EdDSA',
    kty: 'OKP',
    signatureBytes: null,
    supported: true,
    deprecated: 'EdDSA does not name the curve; the fully-specified "Ed25519" is preferred',
    description: 'EdDSA (Ed25519 or Ed448, chosen by the key)',
  },
  Ed25519: {
    name: 'Ed25519',
    kty: 'OKP',
    crv: 'Ed25519',
    signatureBytes: 64,
    supported: true,
    description: 'EdDSA with the Ed25519 curve',
  },
  Ed448: {
    name: 'Ed448',
    kty: 'OKP',
    crv: 'Ed448',
    signatureBytes: 114,
    supported: false,
    description: 'EdDSA with the Ed448 curve (not supported by WebCrypto here)',
  },
  ES256K: {
    name: 'ES256K',
    kty: 'EC',
    crv: 'secp256k1',
    signatureBytes: 64,
    supported: false,
    description: 'ECDSA on secp256k1 (not supported by WebCrypto)',
  },
  RS1: {
    name: 'RS1',
    kty: 'RSA',
    signatureBytes: null,
    supported: false,
    weak: 'RSASSA-PKCS1-v1_5 with SHA-1: SHA-1 is broken for signatures and RS1 is registered as prohibited',
    description: 'RSASSA-PKCS1-v1_5 with SHA-1',
  },
  'ML-DSA-44': {
    name: 'ML-DSA-44',
    kty: 'AKP',
    signatureBytes: 2420,
    supported: false,
    description: 'ML-DSA-44 post-quantum signature (not supported here)',
  },
  'ML-DSA-65': {
    name: 'ML-DSA-65',
    kty: 'AKP',
    signatureBytes: 3309,
    supported: false,
    description: 'ML-DSA-65 post-quantum signature (not supported here)',
  },
  'ML-DSA-87': {
    name: 'ML-DSA-87',
    kty: 'AKP',
    signatureBytes: 4627,
    supported: false,
    description: 'ML-DSA-87 post-quantum signature (not supported here)',
  },
  none: {
    name: 'none',
    kty: 'none',
    signatureBytes: 0,
    supported: false,
    description: 'No signature at all: anyone can write this token',
  },
};

/** What Keysmith knows about one JWE key-management (`alg`) algorithm. */
export interface JweAlgorithmInfo {
  readonly name: string;
  readonly kty: KeyType;
  /** True when the JWE's encrypted-key segment must be empty (dir, ECDH-ES). */
  readonly emptyEncryptedKey: boolean;
  readonly supported: boolean;
  readonly weak?: string;
  readonly description: string;
}

const jwe = (
  name: string,
  kty: KeyType,
  description: string,
  emptyEncryptedKey = false,
): JweAlgorithmInfo => ({ name, kty, description, emptyEncryptedKey, supported: true });

/** Every JWE `alg` value Keysmith recognises. */
export const JWE_ALGORITHMS: Readonly<Record<string, JweAlgorithmInfo>> = {
  RSA1_5: {
    name: 'RSA1_5',
    kty: 'RSA',
    emptyEncryptedKey: false,
    supported: false,
    weak: 'RSAES-PKCS1-v1_5 is open to padding-oracle (Bleichenbacher) attacks; use RSA-OAEP-256',
    description: 'RSAES-PKCS1-v1_5 key encryption',
  },
  'RSA-OAEP': jwe('RSA-OAEP', 'RSA', 'RSAES-OAEP (SHA-1) key encryption'),
  'RSA-OAEP-256': jwe('RSA-OAEP-256', 'RSA', 'RSAES-OAEP with SHA-256 key encryption'),
  'RSA-OAEP-384': jwe('RSA-OAEP-384', 'RSA', 'RSAES-OAEP with SHA-384 key encryption'),
  'RSA-OAEP-512': jwe('RSA-OAEP-512', 'RSA', 'RSAES-OAEP with SHA-512 key encryption'),
  A128KW: jwe('A128KW', 'oct', 'AES-128 key wrap with a shared key'),
  A192KW: jwe('A192KW', 'oct', 'AES-192 key wrap with a shared key'),
  A256KW: jwe('A256KW', 'oct', 'AES-256 key wrap with a shared key'),
  A128GCMKW: jwe('A128GCMKW', 'oct', 'AES-128-GCM key wrap with a shared key'),
  A192GCMKW: jwe('A192GCMKW', 'oct', 'AES-192-GCM key wrap with a shared key'),
  A256GCMKW: jwe('A256GCMKW', 'oct', 'AES-256-GCM key wrap with a shared key'),
  dir: jwe('dir', 'oct', 'Direct encryption with a shared content key', true),
  'ECDH-ES': jwe('ECDH-ES', 'EC', 'ECDH-ES key agreement, the agreed key encrypts directly', true),
  'ECDH-ES+A128KW': jwe('ECDH-ES+A128KW', 'EC', 'ECDH-ES key agreement with AES-128 key wrap'),
  'ECDH-ES+A192KW': jwe('ECDH-ES+A192KW', 'EC', 'ECDH-ES key agreement with AES-192 key wrap'),
  'ECDH-ES+A256KW': jwe('ECDH-ES+A256KW', 'EC', 'ECDH-ES key agreement with AES-256 key wrap'),
  'PBES2-HS256+A128KW': jwe(
    'PBES2-HS256+A128KW',
    'oct',
    'Password-based (PBKDF2) + AES-128 key wrap',
  ),
  'PBES2-HS384+A192KW': jwe(
    'PBES2-HS384+A192KW',
    'oct',
    'Password-based (PBKDF2) + AES-192 key wrap',
  ),
  'PBES2-HS512+A256KW': jwe(
    'PBES2-HS512+A256KW',
    'oct',
    'Password-based (PBKDF2) + AES-256 key wrap',
  ),
};

/** Every JWE content encryption (`enc`) value Keysmith recognises, with its key size in bytes. */
export const JWE_ENCRYPTIONS: Readonly<
  Record<string, { readonly keyBytes: number; readonly description: string }>
> = {
  'A128CBC-HS256': { keyBytes: 32, description: 'AES-128-CBC with HMAC-SHA-256' },
  'A192CBC-HS384': { keyBytes: 48, description: 'AES-192-CBC with HMAC-SHA-384' },
  'A256CBC-HS512': { keyBytes: 64, description: 'AES-256-CBC with HMAC-SHA-512' },
  A128GCM: { keyBytes: 16, description: 'AES-128-GCM' },
  A192GCM: { keyBytes: 24, description: 'AES-192-GCM' },
  A256GCM: { keyBytes: 32, description: 'AES-256-GCM' },
};

/** Looks up a JWS algorithm without inheriting from Object.prototype ("constructor", "__proto__"). */
export function jwsAlgorithm(alg: unknown): JwsAlgorithmInfo | undefined {
  return typeof alg === 'string' && Object.hasOwn(JWS_ALGORITHMS, alg)
    ? JWS_ALGORITHMS[alg]
    : undefined;
}

/** Looks up a JWE key-management algorithm safely. */
export function jweAlgorithm(alg: unknown): JweAlgorithmInfo | undefined {
  return typeof alg === 'string' && Object.hasOwn(JWE_ALGORITHMS, alg)
    ? JWE_ALGORITHMS[alg]
    : undefined;
}

/** Looks up a JWE content encryption safely. */
export function jweEncryption(enc: unknown): (typeof JWE_ENCRYPTIONS)[string] | undefined {
  return typeof enc === 'string' && Object.hasOwn(JWE_ENCRYPTIONS, enc)
    ? JWE_ENCRYPTIONS[enc]
    : undefined;
}

/**
 * The JWS algorithms a key of this type may verify. This, never the token's header, is the
 * allowlist (RFC 8725 §3.1).
 */
export function signatureAlgorithmsForKey(kty: string, crv?: string): readonly string[] {
  switch (kty) {
    case 'oct':
      return ['HS256', 'HS384', 'HS512'];
    case 'RSA':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'EC':
      if (crv === 'P-256') return ['ES256'];
      if (crv === 'P-384') return ['ES384'];
      if (crv === 'P-521') return ['ES512'];
      return [];
    case 'OKP':
      return crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : [];
    default:
      return [];
  }
}

/** The JWE key-management algorithms a (private or shared) key of this type may decrypt with. */
export function decryptionAlgorithmsForKey(kty: string, crv?: string): readonly string[] {
  switch (kty) {
    case 'oct':
      return Object.values(JWE_ALGORITHMS)
        .filter((a) => a.kty === 'oct')
        .map((a) => a.name);
    case 'RSA':
      return ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'];
    case 'EC':
    case 'OKP':
      return crv === 'P-256' || crv === 'P-384' || crv === 'P-521' || crv === 'X25519'
        ? ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']
        : [];
    default:
      return [];
  }
}
