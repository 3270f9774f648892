import { findPemBlocks } from '../encoding/pem-blocks';

/** A supposed HMAC secret that is really the text of a key: a PEM block, a JWK or a JWK set. */
export interface KeyText {
  /** How to load it as the key it is. */
  readonly kind: 'pem' | 'jwk' | 'jwks';
  /** What it is, for messages: "a PEM public key", "a JWK (RSA)", ... */
  readonly what: string;
  /** The text itself, trimmed. */
  readonly text: string;
}

const ASYMMETRIC: ReadonlySet<unknown> = new Set(['RSA', 'EC', 'OKP']);
const PEM_START = '-----BEGIN ';
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const PEM_NAMES: Readonly<Record<string, string>> = {
  'PUBLIC KEY': 'a PEM public key',
  'RSA PUBLIC KEY': 'a PEM RSA public key (PKCS#1)',
  CERTIFICATE: 'a PEM certificate',
  'PRIVATE KEY': 'a PEM private key',
  'RSA PRIVATE KEY': 'a PEM RSA private key',
  'EC PRIVATE KEY': 'a PEM EC private key',
};

/** ASCII whitespace, as String.prototype.trim sees it in the ASCII range. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asymmetricKty(value: unknown): string | null {
  return isObject(value) && ASYMMETRIC.has(value['kty']) ? String(value['kty']) : null;
}

function fromJson(text: string): KeyText | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const kty = asymmetricKty(value);
  if (kty !== null) return { kind: 'jwk', what: `a JWK (${kty} key)`, text };
  if (isObject(value) && Array.isArray(value['keys'])) {
    const first = value['keys'].map(asymmetricKty).find((k) => k !== null);
    if (first !== undefined && first !== null)
      return { kind: 'jwks', what: `a JWK set (with an ${first} key)`, text };
  }
  return null;
}

/**
 * Recognises key text given as an HMAC secret: a PEM block of any kind, or a JWK or JWK set
 * holding an RSA, EC or OKP key. Whatever the secret's encoding, its bytes are what HMAC uses, so
 * those are looked at. Costs nothing unless they start like a PEM or a JSON object; linear then.
 */
export function keyTextIn(secret: Uint8Array): KeyText | null {
  let start = 0;
  while (start < secret.length && isSpace(secret[start] ?? 0)) start++;
  let end = secret.length;
  while (end > start && isSpace(secret[end - 1] ?? 0)) end--;
  const first = secret[start];
  // A PEM starts with dashes; a JSON object starts and ends with braces. Nothing else is decoded.
  if (first !== 0x2d && !(first === 0x7b && secret[end - 1] === 0x7d)) return null;
  let text: string;
  try {
    text = STRICT_UTF8.decode(secret.subarray(start, end));
  } catch {
    return null;
  }
  if (text.startsWith(PEM_START)) {
    const label = findPemBlocks(text)[0]?.label;
    const what =
      label === undefined
        ? 'the start of a PEM block'
        : (PEM_NAMES[label] ?? `a PEM "${label}" block`);
    return { kind: 'pem', what, text };
  }
  return first === 0x7b ? fromJson(text) : null;
}
