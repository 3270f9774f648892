import type { JwtError, SegmentName } from './types';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function lookupTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const URL_TABLE = lookupTable(URL_ALPHABET);
const STD_TABLE = lookupTable(STD_ALPHABET);

/** The outcome of decoding: bytes, or an error that says which character is wrong and why. */
export type DecodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: JwtError };

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0')}`;
  if (/\s/u.test(char)) return 'whitespace';
  return `"${char}"`;
}

function decodeWith(
  text: string,
  table: Int16Array,
  padding: 'forbidden' | 'optional',
  segment: SegmentName,
  what: string,
): DecodeResult {
  let end = text.length;
  if (padding === 'optional') while (end > 0 && text[end - 1] === '=') end--;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && (table[code] ?? -1) >= 0) continue;
    const char = String.fromCodePoint(text.codePointAt(i) ?? code);
    if (char === '=') {
      return fail(
        'base64url-padding',
        segment,
        i,
        `The ${what} ends in "=" padding at character ${i + 1}; base64url in JOSE has no padding (RFC 7515 §2).`,
      );
    }
    const hint =
      char === '+' || char === '/'
        ? ` "${char}" belongs to standard base64; base64url uses "-" and "_" instead.`
        : '';
    return fail(
      'base64url-alphabet',
      segment,
      i,
      `The ${what} contains ${describeChar(char)} at character ${i + 1}, which is not in the base64url alphabet (A–Z a–z 0–9 - _).${hint}`,
    );
  }
  if (end % 4 === 1) {
    return fail(
      'base64url-length',
      segment,
      end,
      `The ${what} has ${end} character${end === 1 ? '' : 's'}; base64url never leaves a single character over (length mod 4 = 1), so the segment was cut or has a character too many.`,
    );
  }
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < end; i++) {
    buffer = (buffer << 6) | (table[text.charCodeAt(i)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out };
}

function fail(
  code: JwtError['code'],
  segment: SegmentName,
  position: number,
  message: string,
): DecodeResult {
  return { ok: false, error: { code, segment, position, message } };
}

/** Decodes one base64url segment strictly (no padding, no foreign characters), with a precise error. */
export function decodeBase64url(
  text: string,
  segment: SegmentName = 'input',
  what = `${segment} segment`,
): DecodeResult {
  return decodeWith(text, URL_TABLE, 'forbidden', segment, what);
}

/** Decodes standard base64 (padding optional, whitespace ignored), for secrets pasted as base64. */
export function decodeBase64(text: string): DecodeResult {
  return decodeWith(text.replace(/\s+/g, ''), STD_TABLE, 'optional', 'input', 'base64 text');
}

/** Decodes base64url that may carry padding or whitespace (keys and secrets, not token segments). */
export function decodeBase64urlLenient(text: string): DecodeResult {
  return decodeWith(text.replace(/\s+/g, ''), URL_TABLE, 'optional', 'input', 'base64url text');
}

function encodeWith(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      alphabet[(n >> 18) & 63]! +
      alphabet[(n >> 12) & 63]! +
      alphabet[(n >> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out +=
      alphabet[(n >> 18) & 63]! +
      alphabet[(n >> 12) & 63]! +
      alphabet[(n >> 6) & 63]! +
      (pad ? '=' : '');
  }
  return out;
}

/** Encodes bytes as unpadded base64url (the JOSE form). */
export function encodeBase64url(bytes: Uint8Array): string {
  return encodeWith(bytes, URL_ALPHABET, false);
}

/** Encodes bytes as padded standard base64 (for PEM bodies). */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(bytes, STD_ALPHABET, true);
}

/** Encodes a string's UTF-8 bytes as base64url. */
export function encodeBase64urlText(text: string): string {
  return encodeBase64url(new TextEncoder().encode(text));
}

/** The number of bytes a valid unpadded base64url string of this length decodes to. */
export function decodedLength(base64urlLength: number): number {
  return Math.floor((base64urlLength * 3) / 4);
}
