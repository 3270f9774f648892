import { DerError } from './der';
import { loadJson } from './jwk';
import { KeyLoadError, type LoadedKey } from './loaded-key';
import { loadPem } from './pem';
import { loadSecret } from './secret';
import type { KeyErrorCode, KeyInput, SkippedKey } from './types';

/** The keys parsed from one KeyInput, or why none could be. */
export type LoadResult =
  | {
      readonly ok: true;
      readonly keys: readonly LoadedKey[];
      readonly skipped: readonly SkippedKey[];
      readonly set: boolean;
    }
  | { readonly ok: false; readonly code: KeyErrorCode; readonly reason: string };

/** How many parsed public keys are remembered (a debugger re-verifies with the same key often). */
const PUBLIC_KEY_CACHE_SIZE = 16;

interface CachedKeys {
  readonly kind: KeyInput['kind'];
  readonly value: string;
  readonly result: LoadResult;
}

// Oldest first. Looked up by comparing the key text itself: the same text object is passed on
// every call (the debugger's input), so that is a pointer comparison, where a Map would hash
// a kilobyte-long PEM on every call.
const publicKeyCache: CachedKeys[] = [];

/**
 * The keys of this input when they can be had without waiting: a secret (parsed now, and not
 * kept) or a public key set parsed lately; undefined when loadKeys has work to do.
 */
export function keysAtOnce(input: KeyInput): LoadResult | undefined {
  if (input.kind === 'secret') {
    try {
      const value = typeof input.value === 'string' ? input.value : '';
      return { ok: true, keys: [loadSecret(value, input.encoding)], skipped: [], set: false };
    } catch (cause) {
      return loadFailure(cause);
    }
  }
  if (typeof input.value !== 'string') return undefined;
  for (const entry of publicKeyCache)
    if (entry.value === input.value && entry.kind === input.kind) return entry.result;
  return undefined;
}

/**
 * Parses whatever key the user supplied into JWKs; never throws. Results made only of public keys
 * are remembered (most recent 16), so re-verifying with the same key skips the parsing. Secrets
 * and private keys are never kept beyond the call.
 */
export async function loadKeys(input: KeyInput): Promise<LoadResult> {
  const known = keysAtOnce(input);
  if (known !== undefined) return known;
  const result = await loadKeysUncached(input);
  if (result.ok && result.keys.every((k) => !k.private && k.jwk.kty !== 'oct')) {
    if (publicKeyCache.length >= PUBLIC_KEY_CACHE_SIZE) publicKeyCache.shift();
    publicKeyCache.push({
      kind: input.kind,
      value: typeof input.value === 'string' ? input.value : '',
      result,
    });
  }
  return result;
}

/** Keys that are not secrets (those keysAtOnce reads): PEM, JWK or JWKS text. */
async function loadKeysUncached(input: KeyInput): Promise<LoadResult> {
  try {
    const value = typeof input.value === 'string' ? input.value : '';
    const trimmed = value.trim();
    if (trimmed === '') throw new KeyLoadError('key-empty', 'Paste a key.');
    // Be forgiving about the format picker: a PEM pasted as JWK (or the reverse) is read for what it is.
    if (trimmed.startsWith('{')) return { ok: true, ...(await loadJson(trimmed)) };
    if (input.kind === 'pem' || trimmed.startsWith('-----BEGIN'))
      return { ok: true, keys: [await loadPem(trimmed)], skipped: [], set: false };
    throw new KeyLoadError(
      'key-invalid',
      `A ${input.kind === 'jwk' ? 'JWK' : 'JWKS'} is a JSON object starting with "{".`,
    );
  } catch (cause) {
    return loadFailure(cause);
  }
}

function loadFailure(cause: unknown): LoadResult {
  if (cause instanceof KeyLoadError) return { ok: false, code: cause.code, reason: cause.message };
  if (cause instanceof DerError)
    return {
      ok: false,
      code: 'key-invalid',
      reason: `The key’s DER structure is broken: ${cause.message}.`,
    };
  return {
    ok: false,
    code: 'key-invalid',
    reason: `The key cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
  };
}
