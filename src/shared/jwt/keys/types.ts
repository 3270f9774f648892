/** A key the user supplies to verify a signature or decrypt a JWE, as typed or pasted. */
export type KeyInput =
  | {
      readonly kind: 'secret';
      readonly value: string;
      /** How the secret is written: its literal UTF-8 text, base64, or base64url. */
      readonly encoding: 'text' | 'base64' | 'base64url';
    }
  /** PEM: SPKI public key, X.509 certificate, PKCS#1 RSA public key or PKCS#8 private key. */
  | { readonly kind: 'pem'; readonly value: string }
  /** One JSON Web Key, as JSON text. */
  | { readonly kind: 'jwk'; readonly value: string }
  /** A JSON Web Key Set, as JSON text: `{"keys":[...]}`. */
  | { readonly kind: 'jwks'; readonly value: string };

/** Where a key came from, in format terms. */
export type KeySource = 'secret' | 'spki' | 'x509' | 'pkcs1' | 'pkcs8' | 'jwk' | 'jwks';

/** A supplied key described for people: what it is, which algorithms it may use, how it was chosen. */
export interface KeyDescription {
  readonly source: KeySource;
  readonly kty: 'oct' | 'RSA' | 'EC' | 'OKP';
  readonly crv?: string;
  /** Secret length, RSA modulus length or curve size, in bits. */
  readonly bits?: number;
  readonly kid?: string;
  /** Position in the JWKS `keys` array (0-based). */
  readonly index?: number;
  /** RFC 7638 SHA-256 thumbprint of the public key (never computed for secrets). */
  readonly thumbprint?: string;
  /** The JWK's own `alg`, `use` and `key_ops`, when present. */
  readonly alg?: string;
  readonly use?: string;
  readonly keyOps?: readonly string[];
  /** True when private key material was supplied (only its public part verifies). */
  readonly private: boolean;
  /** The algorithms this key may be used with: the allowlist, derived from the key, never the token. */
  readonly algorithms: readonly string[];
  /** How the key was chosen: the token's kid, the only key given, or by trying each compatible key. */
  readonly matchedBy?: 'kid' | 'only-key' | 'trial';
  /** Things worth knowing about the key as supplied (e.g. "the secret ends with a space"). */
  readonly notes: readonly string[];
  /** One line for the UI: "JWKS key #2 of 3: RSA 2048-bit public key, kid "k2"". */
  readonly label: string;
}

/** Stable codes for why a supplied key could not be used at all. */
export type KeyErrorCode = 'key-empty' | 'key-invalid' | 'key-unsupported';

/** One key of a set that was not tried, and why. */
export interface SkippedKey {
  readonly index: number;
  readonly reason: string;
}

/** One key that was tried, and what happened. */
export interface KeyAttempt {
  readonly key: KeyDescription;
  readonly outcome: string;
}
