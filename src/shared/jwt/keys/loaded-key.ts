import type { JWK } from 'jose';
import type { KeyText } from './key-text';
import type { KeyErrorCode, KeySource } from './types';

/** A supplied key, parsed into a JWK (private members kept), with what is known about where it came from. */
export interface LoadedKey {
  /** The key as a JWK; a typed secret's is just `{ kty: 'oct' }`, its bytes being in `secret`. */
  readonly jwk: JWK;
  readonly source: KeySource;
  readonly index?: number;
  readonly setSize?: number;
  readonly private: boolean;
  readonly thumbprint?: string;
  readonly notes: readonly string[];
  /** The bytes of a secret typed as such (text, base64 or base64url); never kept beyond the call. */
  readonly secret?: Uint8Array;
  /** Set when an HMAC secret is really the text of a key (the algorithm-confusion setup). */
  readonly keyText?: KeyText;
}

/** Thrown while loading to stop with a stable code; caught by loadKeys. */
export class KeyLoadError extends Error {
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

/** The public half of a JWK (a secret stays a secret). */
export function publicJwk(jwk: JWK): JWK {
  if (jwk.kty === 'oct') return jwk;
  const copy: Record<string, unknown> = { ...jwk };
  for (const name of PRIVATE_MEMBERS) delete copy[name];
  return copy as JWK;
}
