import type { JWK } from 'jose';
import { decodeBase64, decodeBase64urlLenient } from '../encoding/base64url';
import { keyTextIn } from './key-text';
import { KeyLoadError, type LoadedKey } from './loaded-key';

const UTF8 = new TextEncoder();

/** A shared secret as typed (its UTF-8 text, base64 or base64url), as an oct key; never cached. */
export function loadSecret(value: string, encoding: 'text' | 'base64' | 'base64url'): LoadedKey {
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
  const keyText = keyTextIn(bytes);
  // No k: everything that needs the secret takes `secret`, so it is not encoded just to be decoded.
  const jwk: JWK = { kty: 'oct' };
  // Two literals rather than a conditional spread: this runs on every HMAC verification.
  return keyText === null
    ? { jwk, source: 'secret', private: false, notes, secret: bytes }
    : { jwk, source: 'secret', private: false, notes, secret: bytes, keyText };
}
