import { base64url } from 'jose';
import type { JwtError, JwtErrorCode, SegmentName } from '../types';

// jose decodes (Uint8Array.fromBase64 where the runtime has it, as Chromium does; atob in Node 20).
// Both are forgiving: they skip whitespace, accept "=" padding and ignore non-zero unused bits in
// the last character. This module checks the text strictly first, so jose only ever decodes
// canonical base64url, and every problem is reported with its segment, character and position.

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The 6-bit value of each base64url character by char code (-1: not in the alphabet). */
const URL_VALUES: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < URL_ALPHABET.length; i++) table[URL_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Text made only of the base64url alphabet (no padding, no whitespace). */
const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;
/** Text made only of the standard base64 alphabet (padding and whitespace already removed). */
const BASE64_TEXT = /^[A-Za-z0-9+/]*$/;

/** The outcome of decoding: bytes, or an error that says which character is wrong and why. */
export type DecodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: JwtError };

/**
 * Whether the caller already knows the text holds only base64url characters (`'known'`: the whole
 * token was checked at once) or it is still to be checked (`'unchecked'`).
 */
export type AlphabetCheck = 'known' | 'unchecked';

function fail(
  code: JwtErrorCode,
  segment: SegmentName,
  position: number,
  message: string,
): { readonly ok: false; readonly error: JwtError } {
  return { ok: false, error: { code, segment, position, message } };
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0')}`;
  if (/\s/u.test(char)) return 'whitespace';
  return `"${char}"`;
}

/**
 * Which text is being read: a token segment (JOSE base64url, never padded), or key text in
 * base64url or standard base64, where padding that completes the last group is allowed.
 */
type Flavour = 'segment' | 'key-base64url' | 'key-base64';

/** The first character of `text` outside the alphabet (a one-character test), worded as an error. */
function alphabetError(
  text: string,
  inAlphabet: (code: number) => boolean,
  segment: SegmentName,
  what: string,
  flavour: Flavour,
): { readonly ok: false; readonly error: JwtError } | null {
  const standard = flavour === 'key-base64';
  for (let i = 0; i < text.length; i++) {
    if (inAlphabet(text.charCodeAt(i))) continue;
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (char === '=')
      return fail(
        'base64url-padding',
        segment,
        i,
        flavour === 'segment'
          ? `The ${what} ends in "=" padding at character ${i + 1}; base64url in JOSE has no padding (RFC 7515 §2).`
          : `The ${what} has "=" at character ${i + 1}: padding may only complete the last group of four characters.`,
      );
    const hint = standard
      ? char === '-' || char === '_'
        ? ` "${char}" belongs to base64url; standard base64 uses "+" and "/" instead.`
        : ''
      : char === '+' || char === '/'
        ? ` "${char}" belongs to standard base64; base64url uses "-" and "_" instead.`
        : '';
    return fail(
      'base64url-alphabet',
      segment,
      i,
      `The ${what} contains ${describeChar(char)} at character ${i + 1}, which is not in the ${standard ? 'base64 alphabet (A–Z a–z 0–9 + /)' : 'base64url alphabet (A–Z a–z 0–9 - _)'}.${hint}`,
    );
  }
  return null;
}

const isUrlChar = (code: number): boolean => code < 128 && (URL_VALUES[code] ?? -1) >= 0;
const isStdChar = (code: number): boolean =>
  code === 0x2b || code === 0x2f || (code !== 0x2d && code !== 0x5f && isUrlChar(code));

/**
 * Checks what the alphabet cannot: the length (never one character over a group of four) and the
 * last character, whose unused low bits must be zero (RFC 4648 §3.5). A decoder that ignores them
 * reads several texts as the same bytes, so a token could be changed without its signature
 * noticing; canonical text has exactly one spelling per byte string.
 */
function shapeError(
  text: string,
  segment: SegmentName,
  what: string,
): { readonly ok: false; readonly error: JwtError } | null {
  const rest = text.length % 4;
  if (rest === 1)
    return fail(
      'base64url-length',
      segment,
      text.length,
      `The ${what} has ${text.length} character${text.length === 1 ? '' : 's'}; base64url never leaves a single character over (length mod 4 = 1), so the segment was cut or has a character too many.`,
    );
  if (rest === 0) return null;
  const last = URL_VALUES[text.charCodeAt(text.length - 1)] ?? 0;
  const unused = rest === 2 ? 0x0f : 0x03;
  if ((last & unused) === 0) return null;
  return fail(
    'base64url-noncanonical',
    segment,
    text.length - 1,
    `The ${what} ends in "${text[text.length - 1] ?? ''}" (character ${text.length}), whose unused low bits are not zero: this is not the canonical encoding of any bytes (RFC 4648 §3.5). Decoders that ignore those bits read it as if it ended in "${URL_ALPHABET[last & ~unused] ?? ''}", so the text was altered or mis-encoded.`,
  );
}

function checkUrl(
  text: string,
  segment: SegmentName,
  alphabet: AlphabetCheck,
  what: string,
  flavour: Flavour = 'segment',
): { readonly ok: false; readonly error: JwtError } | null {
  if (alphabet === 'unchecked' && !BASE64URL_TEXT.test(text)) {
    const bad = alphabetError(text, isUrlChar, segment, what, flavour);
    if (bad !== null) return bad;
  }
  return shapeError(text, segment, what);
}

/** Decodes text already checked strictly (canonical base64url) with jose. */
function decodeChecked(text: string): Uint8Array {
  return base64url.decode(text);
}

/**
 * Decodes one token segment strictly (no padding, no foreign characters, canonical last
 * character), with a precise error.
 */
export function decodeBase64url(
  text: string,
  segment: SegmentName = 'input',
  alphabet: AlphabetCheck = 'unchecked',
): DecodeResult {
  const bad = checkUrl(text, segment, alphabet, `${segment} segment`);
  return bad ?? { ok: true, bytes: decodeChecked(text) };
}

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
 * measures (a JWS signature, the encrypted parts of a JWE, the size of a key).
 */
export function measureBase64url(
  text: string,
  segment: SegmentName = 'input',
  alphabet: AlphabetCheck = 'unchecked',
): MeasureResult {
  const bad = checkUrl(text, segment, alphabet, `${segment} segment`);
  if (bad !== null) return bad;
  const firstByte =
    text.length < 2
      ? undefined
      : (((URL_VALUES[text.charCodeAt(0)] ?? 0) << 2) |
          ((URL_VALUES[text.charCodeAt(1)] ?? 0) >> 4)) &
        0xff;
  return { ok: true, byteLength: decodedLength(text.length), firstByte };
}

/**
 * Key text as people paste it: whitespace (line breaks) dropped, and "=" padding removed when it
 * completes the last group of four exactly; anything else left for the strict check to report.
 */
function unpad(text: string): string {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  let end = compact.length;
  while (end > 0 && compact.length - end < 2 && compact[end - 1] === '=') end--;
  const padding = compact.length - end;
  return padding > 0 && compact.length % 4 === 0 ? compact.slice(0, end) : compact;
}

/** Decodes standard base64 (whitespace ignored, padding optional), for secrets and PEM bodies. */
export function decodeBase64(text: string): DecodeResult {
  const body = unpad(text);
  const what = 'base64 text';
  if (!BASE64_TEXT.test(body)) {
    const bad = alphabetError(body, isStdChar, 'input', what, 'key-base64');
    if (bad !== null) return bad;
  }
  const url = body.replace(/\+/g, '-').replace(/\//g, '_');
  const bad = shapeError(url, 'input', what);
  return bad ?? { ok: true, bytes: decodeChecked(url) };
}

/** Decodes base64url that may carry padding or whitespace (keys and secrets, not token segments). */
export function decodeBase64urlLenient(text: string): DecodeResult {
  const body = unpad(text);
  const bad = checkUrl(body, 'input', 'unchecked', 'base64url text', 'key-base64url');
  return bad ?? { ok: true, bytes: decodeChecked(body) };
}

/** Encodes bytes as padded standard base64 (for PEM bodies). */
export function encodeBase64(bytes: Uint8Array): string {
  const url = base64url.encode(bytes);
  return url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (url.length % 4)) % 4);
}

/** Encodes a string's UTF-8 bytes as base64url. */
export function encodeBase64urlText(text: string): string {
  return base64url.encode(text);
}

/** The number of bytes a valid unpadded base64url string of this length decodes to. */
function decodedLength(base64urlLength: number): number {
  return Math.floor((base64urlLength * 3) / 4);
}
