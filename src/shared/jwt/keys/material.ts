import { importJWK, type CryptoKey, type JWK } from 'jose';
import { decodeBase64urlLenient } from '../encoding/base64url';
import { publicJwk, type LoadedKey } from './loaded-key';

/** The bytes of a symmetric key: as the user gave them, or decoded from its JWK's k. */
export function secretBytes(key: LoadedKey): Uint8Array {
  if (key.secret !== undefined) return key.secret;
  const k = decodeBase64urlLenient(key.jwk.k ?? '');
  if (!k.ok) throw new TypeError('The secret is not base64url');
  return k.bytes;
}

// Imported CryptoKeys per loaded key and algorithm; loaded keys of public key sets are cached by
// loadKeys, so repeated verification with the same key skips the import too. An import still
// under way is shared as its promise; once done, the key itself is kept, so that later calls need
// not wait for a promise at all.
const imported = new WeakMap<LoadedKey, Map<string, CryptoKey | Promise<CryptoKey>>>();

/**
 * What jose verifies a signature with: a secret's bytes, or the public key imported for `alg`
 * (kept per loaded key, so a cached public key is imported once).
 */
export function verificationKey(
  key: LoadedKey,
  alg: string,
): CryptoKey | Uint8Array | Promise<CryptoKey> {
  if (key.jwk.kty === 'oct') return secretBytes(key);
  let perAlg = imported.get(key);
  if (perAlg === undefined) {
    perAlg = new Map();
    imported.set(key, perAlg);
  }
  return perAlg.get(alg) ?? startImport(perAlg, key, alg);
}

function startImport(
  perAlg: Map<string, CryptoKey | Promise<CryptoKey>>,
  key: LoadedKey,
  alg: string,
): Promise<CryptoKey> {
  const jwk: JWK = { ...publicJwk(key.jwk) };
  delete jwk.alg;
  delete jwk.use;
  delete jwk.key_ops;
  const pending = importJWK(jwk, alg) as Promise<CryptoKey>;
  perAlg.set(alg, pending);
  pending.then(
    (cryptoKey) => perAlg.set(alg, cryptoKey),
    () => perAlg.delete(alg),
  );
  return pending;
}

/**
 * What jose decrypts with: a secret's bytes, or the private key imported for `alg` (anew on every
 * call: private keys are never kept).
 */
export async function decryptionKey(key: LoadedKey, alg: string): Promise<CryptoKey | Uint8Array> {
  if (key.jwk.kty === 'oct') return secretBytes(key);
  const jwk: JWK = { ...key.jwk };
  delete jwk.alg;
  delete jwk.use;
  delete jwk.key_ops;
  return (await importJWK(jwk, alg)) as CryptoKey;
}
