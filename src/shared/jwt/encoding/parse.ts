import { decodeBase64url, measureBase64url, type AlphabetCheck } from './base64url';
import { decodeUtf8, isJsonObject, jsonTypeName, parseJson } from './json';
import type { JsonObject, JwtError, SegmentInfo, SegmentName } from '../types';

/** A compact JWS taken apart: header decoded, payload and signature as bytes. */
export interface ParsedJws {
  readonly envelope: 'JWS';
  readonly header: JsonObject;
  readonly headerText: string;
  readonly payloadBytes: Uint8Array;
  /** The signature is measured, not decoded: its length and first byte are all a lint reads. */
  readonly signature: SignatureShape;
  readonly segments: readonly SegmentInfo[];
}

/** What is known of a JWS signature before verification: its length and its first byte. */
export interface SignatureShape {
  readonly byteLength: number;
  readonly firstByte: number | undefined;
}

/** A compact JWE taken apart: protected header decoded, encrypted parts as segments. */
export interface ParsedJwe {
  readonly envelope: 'JWE';
  readonly header: JsonObject;
  readonly headerText: string;
  readonly segments: readonly SegmentInfo[];
}

/** A token taken apart, or the precise reason it cannot be. */
export type ParseResult =
  | { readonly ok: true; readonly token: ParsedJws | ParsedJwe }
  | { readonly ok: false; readonly error: JwtError };

/** Thrown inside the parser to stop at the first problem; never escapes this module. */
class ParseFailure extends Error {
  readonly error: JwtError;
  constructor(error: JwtError) {
    super(error.message);
    this.error = error;
  }
}

const UTF8 = new TextEncoder();

/**
 * How many bytes TextEncoder makes of `text`, counted without encoding it: 1, 2 or 3 bytes per
 * UTF-16 unit, 4 per surrogate pair (a lone surrogate becomes U+FFFD, 3 bytes).
 */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const JWE_SEGMENTS: readonly SegmentName[] = ['header', 'encrypted-key', 'iv', 'ciphertext', 'tag'];

function bytesOf(text: string, segment: SegmentName, alphabet: AlphabetCheck): Uint8Array {
  const decoded = decodeBase64url(text, segment, alphabet);
  if (!decoded.ok) throw new ParseFailure(decoded.error);
  return decoded.bytes;
}

function lengthOf(text: string, segment: SegmentName, alphabet: AlphabetCheck): SignatureShape {
  const measured = measureBase64url(text, segment, alphabet);
  if (!measured.ok) throw new ParseFailure(measured.error);
  return measured;
}

function decodeHeader(
  text: string,
  alphabet: AlphabetCheck,
): { readonly header: JsonObject; readonly headerText: string } {
  if (text === '')
    throw new ParseFailure({
      code: 'empty-segment',
      segment: 'header',
      message:
        'The header segment (before the first dot) is empty; every JWT starts with a header.',
    });
  const utf8 = decodeUtf8(bytesOf(text, 'header', alphabet), 'header');
  if (!utf8.ok) throw new ParseFailure(utf8.error);
  const json = parseJson(utf8.text, 'header');
  if (!json.ok) throw new ParseFailure(json.error);
  if (!isJsonObject(json.value))
    throw new ParseFailure({
      code: 'not-an-object',
      segment: 'header',
      message: `The header is ${jsonTypeName(json.value)}, but a JOSE header must be a JSON object.`,
    });
  return { header: json.value, headerText: utf8.text };
}

function segmentCountError(token: string, count: number): JwtError {
  const dots = count - 1;
  const hint =
    count === 1
      ? ' There is no dot at all: this may be a single segment, an opaque (non-JWT) access token, or an API key.'
      : count === 2
        ? ' The signature segment is missing: this may be a redacted copy (header.payload) or a token cut short.'
        : count === 4
          ? ' A JWE has 5; a segment is missing or a dot is extra.'
          : ' There are extra dots, or several tokens were pasted together.';
  const position = count > 5 ? nthDot(token, 5) : undefined;
  return {
    code: 'segment-count',
    segment: 'input',
    ...(position === undefined ? {} : { position }),
    message: `Found ${count} segment${count === 1 ? '' : 's'} (${dots} dot${dots === 1 ? '' : 's'}); a signed JWT (JWS) has 3 and an encrypted one (JWE) has 5.${hint}`,
  };
}

function nthDot(text: string, n: number): number | undefined {
  let index = -1;
  for (let i = 0; i < n; i++) {
    index = text.indexOf('.', index + 1);
    if (index < 0) return undefined;
  }
  return index;
}

function jsonInputError(token: string): JwtError {
  const json = parseJson(token, 'input');
  const value = json.ok ? json.value : null;
  if (
    isJsonObject(value) &&
    ['protected', 'payload', 'signature', 'signatures', 'ciphertext', 'recipients'].some(
      (k) => k in value,
    )
  ) {
    return {
      code: 'json-serialization',
      segment: 'input',
      message:
        'This is a JWS/JWE in JSON serialization; Keysmith reads the compact form (header.payload.signature).',
    };
  }
  return {
    code: 'segment-count',
    segment: 'input',
    message: json.ok
      ? 'This is plain JSON, not a token: a JWT is base64url segments separated by dots.'
      : 'This starts like JSON but is neither JSON nor a compact token.',
  };
}

function parseJws(parts: readonly string[], alphabet: AlphabetCheck): ParsedJws {
  const [headerSeg = '', payloadSeg = '', signatureSeg = ''] = parts;
  const { header, headerText } = decodeHeader(headerSeg, alphabet);
  // RFC 7797: with b64=false the payload travels as is (it cannot contain a dot in compact form).
  const payloadBytes =
    header['b64'] === false ? UTF8.encode(payloadSeg) : bytesOf(payloadSeg, 'payload', alphabet);
  const signature = lengthOf(signatureSeg, 'signature', alphabet);
  return {
    envelope: 'JWS',
    header,
    headerText,
    payloadBytes,
    signature: { byteLength: signature.byteLength, firstByte: signature.firstByte },
    segments: [
      { name: 'header', base64url: headerSeg, byteLength: utf8Length(headerText) },
      { name: 'payload', base64url: payloadSeg, byteLength: payloadBytes.length },
      { name: 'signature', base64url: signatureSeg, byteLength: signature.byteLength },
    ],
  };
}

function parseJwe(parts: readonly string[], alphabet: AlphabetCheck): ParsedJwe {
  const { header, headerText } = decodeHeader(parts[0] ?? '', alphabet);
  const segments = JWE_SEGMENTS.map((name, i) => {
    const text = parts[i] ?? '';
    const byteLength =
      name === 'header' ? utf8Length(headerText) : lengthOf(text, name, alphabet).byteLength;
    return { name, base64url: text, byteLength };
  });
  return { envelope: 'JWE', header, headerText, segments };
}

/**
 * Takes a normalised compact token apart, stopping at the first problem with a precise error.
 * `bare`: the caller has checked that the token holds only base64url characters and dots.
 */
export function parseCompact(token: string, bare = false): ParseResult {
  const alphabet: AlphabetCheck = bare ? 'known' : 'unchecked';
  try {
    if (token === '')
      return {
        ok: false,
        error: {
          code: 'empty-input',
          segment: 'input',
          message: 'Nothing to inspect: paste a token.',
        },
      };
    if (token.startsWith('{') || token.startsWith('['))
      return { ok: false, error: jsonInputError(token) };
    const parts = token.split('.');
    if (parts.length === 3) return { ok: true, token: parseJws(parts, alphabet) };
    if (parts.length === 5) return { ok: true, token: parseJwe(parts, alphabet) };
    return { ok: false, error: segmentCountError(token, parts.length) };
  } catch (cause) {
    if (cause instanceof ParseFailure) return { ok: false, error: cause.error };
    throw cause;
  }
}
