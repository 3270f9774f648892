import { calculateJwkThumbprint, type JWK } from 'jose';
import {
  decodeBase64,
  decodeBase64urlLenient,
  encodeBase64url,
  measureBase64url,
} from '../encoding/base64url';
import { DerError } from './der';
import { KeyLoadError, publicJwk, type LoadedKey } from './loaded-key';
import type { KeyInput, KeyErrorCode, SkippedKey } from './types';
import { loadPem } from './pem';

/** The keys parsed from one KeyInput, or why none could be. */
export type LoadResult =
  | {
      readonly ok: true;
      readonly keys: readonly LoadedKey[];
      readonly skipped: readonly SkippedKey[];
      readonly set: boolean;
    }
  | { readonly ok: false; readonly code: KeyErrorCode; readonly reason: string };

const UTF8 = new TextEncoder();

function loadSecret(value: string, encoding: 'text' | 'base64' | 'base64url'): LoadedKey {
  if (value === '') throw new KeyLoadError('key-empty', 'Enter the secret.');
  const notes: string[] = [];
  let bytes: Uint8Array;
  if (encoding === 'text') {
    bytes = UTF8.encode(value);
    if (/^\s|\s$/.test(value))
      notes.push('The secret starts or ends with whitespace, which counts as part of the key.');
  } else {
    const decoded = encoding === 'base64' ? decodeBase64(value) : decodeBase64urlLenient(value);
    if (!decoded.ok)
      throw new KeyLoadError(
        'key-invalid',
        `The secret is not valid ${encoding}: ${decoded.error.message}`,
      );
    bytes = decoded.bytes;
    if (bytes.length === 0)
      throw new KeyLoadError('key-empty', 'The secret decodes to zero bytes.');
  }
  const trimmed = value.trim();
  const secretLooksLike = /^-----BEGIN [A-Z0-9 ]*(PUBLIC KEY|CERTIFICATE)-----/.test(trimmed)
    ? 'PEM public key'
    : /^\{[\s\S]*"kty"[\s\S]*\}$/.test(trimmed)
      ? 'JWK'
      : undefined;
  const jwk: JWK = { kty: 'oct', k: encodeBase64url(bytes) };
  // Two literals rather than a conditional spread: this runs on every HMAC verification.
  return secretLooksLike === undefined
    ? { jwk, source: 'secret', private: false, notes }
    : { jwk, source: 'secret', private: false, notes, secretLooksLike };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function fromJwkObject(
  value: unknown,
  source: 'jwk' | 'jwks',
  index?: number,
  setSize?: number,
): Promise<LoadedKey> {
  if (!isRecord(value) || typeof value['kty'] !== 'string')
    throw new KeyLoadError('key-invalid', 'A JWK must be an object with a "kty" member.');
  const jwk = value as JWK;
  if (!['oct', 'RSA', 'EC', 'OKP'].includes(jwk.kty ?? ''))
    throw new KeyLoadError('key-unsupported', `Keysmith cannot use kty "${jwk.kty ?? ''}" keys.`);
  const required: Readonly<Record<string, readonly string[]>> = {
    oct: ['k'],
    RSA: ['n', 'e'],
    EC: ['crv', 'x', 'y'],
    OKP: ['crv', 'x'],
  };
  const missing = (required[jwk.kty ?? ''] ?? []).filter((m) => typeof value[m] !== 'string');
  if (missing.length > 0)
    throw new KeyLoadError('key-invalid', `This ${jwk.kty ?? ''} JWK lacks ${missing.join(', ')}.`);
  for (const m of ['k', 'n', 'e', 'x', 'y', 'd'] as const) {
    const member = value[m];
    if (typeof member === 'string' && !measureBase64url(member).ok)
      throw new KeyLoadError('key-invalid', `The JWK member "${m}" is not base64url.`);
  }
  const isPrivate = jwk.kty !== 'oct' && typeof jwk.d === 'string';
  let thumbprint: string | undefined;
  if (jwk.kty !== 'oct') {
    try {
      thumbprint = await calculateJwkThumbprint(publicJwk(jwk));
    } catch {
      thumbprint = undefined;
    }
  }
  return {
    jwk,
    source,
    private: isPrivate,
    notes: [],
    ...(index === undefined ? {} : { index }),
    ...(setSize === undefined ? {} : { setSize }),
    ...(thumbprint === undefined ? {} : { thumbprint }),
  };
}

async function loadJson(
  value: string,
): Promise<{ keys: LoadedKey[]; skipped: SkippedKey[]; set: boolean }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (cause) {
    throw new KeyLoadError(
      'key-invalid',
      `The key is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  if (isRecord(parsed) && Array.isArray(parsed['keys'])) {
    const entries = parsed['keys'];
    const keys: LoadedKey[] = [];
    const skipped: SkippedKey[] = [];
    for (const [index, entry] of entries.entries()) {
      try {
        keys.push(await fromJwkObject(entry, 'jwks', index, entries.length));
      } catch (cause) {
        skipped.push({ index, reason: cause instanceof Error ? cause.message : String(cause) });
      }
    }
    if (keys.length === 0)
      throw new KeyLoadError(
        entries.length === 0 ? 'key-empty' : 'key-invalid',
        entries.length === 0
          ? 'The key set has no keys.'
          : `No usable key in the set: ${skipped.map((s) => `#${s.index + 1}: ${s.reason}`).join('; ')}`,
      );
    return { keys, skipped, set: true };
  }
  if (isRecord(parsed) && 'keys' in parsed)
    throw new KeyLoadError('key-invalid', 'A JWKS must have a "keys" array.');
  return { keys: [await fromJwkObject(parsed, 'jwk')], skipped: [], set: false };
}

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
