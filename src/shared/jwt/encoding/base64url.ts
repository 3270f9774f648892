import type { JwtError, SegmentName } from '../types';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function lookupTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const URL_TABLE = lookupTable(URL_ALPHABET);
/** Text made only of the base64url alphabet (no padding, no whitespace). */
const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;
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

/**
 * Decodes the first `end` characters of `text` in one pass, four characters (three bytes) at a
 * time; null at the first character outside the alphabet or a length that cannot be base64.
 * The happy path of decodeWith: on null, decodeWith finds and words the problem.
 */
function decodeFast(text: string, end: number, table: Int16Array): Uint8Array | null {
  if (end % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  const whole = end - (end % 4);
  let index = 0;
  let i = 0;
  for (; i < whole; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    // A character outside the alphabet reads as -1 (codes ≥ 128 are past the table's end), and
    // any -1 shifted into n makes it negative.
    const n =
      ((table[a] ?? -1) << 18) |
      ((table[b] ?? -1) << 12) |
      ((table[c] ?? -1) << 6) |
      (table[d] ?? -1);
    if (n < 0) return null;
    out[index++] = n >> 16;
    out[index++] = (n >> 8) & 0xff;
    out[index++] = n & 0xff;
  }
  let buffer = 0;
  let bits = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (table[code] ?? -1) : -1;
    if (value < 0) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
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
  const fast = decodeFast(text, end, table);
  if (fast !== null) return { ok: true, bytes: fast };
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

/**
 * Whether the caller already knows the text holds only base64url characters (`'known'`: the whole
 * token was checked at once) or it is still to be checked (`'unchecked'`).
 */
export type AlphabetCheck = 'known' | 'unchecked';

function plainBase64url(text: string, alphabet: AlphabetCheck): boolean {
  return text.length % 4 !== 1 && (alphabet === 'known' || BASE64URL_TEXT.test(text));
}

/**
 * Decodes one token segment strictly (no padding, no foreign characters), with a precise error.
 * For a token's header and payload only: in Node the bytes may be a view into Buffer's shared pool
 * (see nativeDecoder), so key material never goes through here (measureBase64url checks it, and
 * decodeBase64urlLenient decodes it into memory of its own).
 */
export function decodeBase64url(
  text: string,
  segment: SegmentName = 'input',
  alphabet: AlphabetCheck = 'unchecked',
): DecodeResult {
  if (NATIVE_DECODE !== null && plainBase64url(text, alphabet)) {
    const bytes = NATIVE_DECODE(text);
    if (bytes !== null) return { ok: true, bytes };
  }
  return decodeWith(text, URL_TABLE, 'forbidden', segment, `${segment} segment`);
}

/** The runtime's own decoder, where there is one (called only on text already checked). */
type NativeDecode = (text: string) => Uint8Array | null;

interface Base64Runtime {
  readonly fromBase64?: (
    text: string,
    options: { readonly alphabet: 'base64url'; readonly lastChunkHandling: 'loose' },
  ) => Uint8Array;
}

interface BufferRuntime {
  readonly Buffer?: { from(text: string, encoding: 'base64url'): Uint8Array };
}

/**
 * The native base64url decoder of the runtime, or null where there is none (the loop above does
 * the work there): `Uint8Array.fromBase64` in Chromium (the renderer), Node's Buffer in the main
 * process and the benchmarks. Node's Buffer hands out small results as views into its shared
 * pool, which is what makes it cheap (a fresh typed array over 64 bytes costs more than the
 * decoding); the parser reads those bytes and drops them. Both decoders ignore the unused low
 * bits of a last partial group, as the loop does.
 */
function nativeDecoder(): NativeDecode | null {
  const fromBase64 = (Uint8Array as unknown as Base64Runtime).fromBase64;
  if (typeof fromBase64 === 'function')
    return (text) =>
      fromBase64.call(Uint8Array, text, { alphabet: 'base64url', lastChunkHandling: 'loose' });
  const buffer = (globalThis as BufferRuntime).Buffer;
  if (buffer === undefined || typeof buffer.from !== 'function') return null;
  return (text) => {
    const bytes = buffer.from(text, 'base64url');
    return bytes.length === decodedLength(text.length) ? bytes : null;
  };
}

const NATIVE_DECODE = nativeDecoder();

/** A segment checked as strictly as decodeBase64url, measured but not decoded. */
export type MeasureResult =
  | {
      readonly ok: true;
      /** How many bytes it decodes to. */
      readonly byteLength: number;
      /** Its first decoded byte, when it has one. */
      readonly firstByte: number | undefined;
    }
  | { readonly ok: false; readonly error: JwtError };

/**
 * Checks one base64url segment exactly like decodeBase64url (same errors) and says how many bytes
 * it holds and what the first one is, without decoding the rest: for the parts Keysmith only
 * measures (a JWS signature, the encrypted parts of a JWE).
 */
export function measureBase64url(
  text: string,
  segment: SegmentName = 'input',
  alphabet: AlphabetCheck = 'unchecked',
): MeasureResult {
  if (plainBase64url(text, alphabet)) {
    const firstByte =
      text.length < 2
        ? undefined
        : (((URL_TABLE[text.charCodeAt(0)] ?? 0) << 2) |
            ((URL_TABLE[text.charCodeAt(1)] ?? 0) >> 4)) &
          0xff;
    return { ok: true, byteLength: decodedLength(text.length), firstByte };
  }
  const decoded = decodeBase64url(text, segment);
  return decoded.ok
    ? { ok: true, byteLength: decoded.bytes.length, firstByte: decoded.bytes[0] }
    : decoded;
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
