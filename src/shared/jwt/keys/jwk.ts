import { calculateJwkThumbprint, type JWK } from 'jose';
import { decodeBase64urlLenient, measureBase64url } from '../encoding/base64url';
import { keyTextIn } from './key-text';
import { KeyLoadError, publicJwk, type LoadedKey } from './loaded-key';
import type { SkippedKey } from './types';

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
  // A symmetric key whose bytes are the text of another key is the algorithm-confusion setup too.
  const secret = jwk.kty === 'oct' ? decodeBase64urlLenient(jwk.k ?? '') : null;
  const keyText = secret?.ok === true ? keyTextIn(secret.bytes) : null;
  return {
    jwk,
    source,
    private: isPrivate,
    notes: [],
    ...(index === undefined ? {} : { index }),
    ...(setSize === undefined ? {} : { setSize }),
    ...(thumbprint === undefined ? {} : { thumbprint }),
    ...(keyText === null ? {} : { keyText }),
  };
}

/** Reads JWK or JWKS text into loaded keys; a set's unusable keys are skipped, with the reason. */
export async function loadJson(
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
