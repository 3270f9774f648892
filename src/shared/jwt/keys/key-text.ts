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
  for (let b = secret[0]; b === 0x20 || (b !== undefined && b >= 0x09 && b <= 0x0d);)
    b = secret[++start];
  const first = secret[start];
  if (first !== 0x2d && first !== 0x7b) return null;
  let text: string;
  try {
    text = STRICT_UTF8.decode(secret).trim();
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
  return text.startsWith('{') && text.endsWith('}') ? fromJson(text) : null;
}
