import { decodeBase64url } from './base64url';
import { decodeUtf8, isJsonObject, jsonTypeName, parseJson } from './json';
import type { JsonObject, JwtError, SegmentInfo, SegmentName } from './types';

/** A compact JWS taken apart: header decoded, payload and signature as bytes. */
export interface ParsedJws {
  readonly envelope: 'JWS';
  readonly header: JsonObject;
  readonly headerText: string;
  readonly payloadBytes: Uint8Array;
  readonly signatureBytes: Uint8Array;
  readonly segments: readonly SegmentInfo[];
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

const JWE_SEGMENTS: readonly SegmentName[] = ['header', 'encrypted-key', 'iv', 'ciphertext', 'tag'];

function bytesOf(text: string, segment: SegmentName): Uint8Array {
  const decoded = decodeBase64url(text, segment);
  if (!decoded.ok) throw new ParseFailure(decoded.error);
  return decoded.bytes;
}

function decodeHeader(text: string): { readonly header: JsonObject; readonly headerText: string } {
  if (text === '')
    throw new ParseFailure({
      code: 'empty-segment',
      segment: 'header',
      message:
        'The header segment (before the first dot) is empty; every JWT starts with a header.',
    });
  const utf8 = decodeUtf8(bytesOf(text, 'header'), 'header');
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

function parseJws(parts: readonly string[]): ParsedJws {
  const [headerSeg = '', payloadSeg = '', signatureSeg = ''] = parts;
  const { header, headerText } = decodeHeader(headerSeg);
  // RFC 7797: with b64=false the payload travels as is (it cannot contain a dot in compact form).
  const payloadBytes =
    header['b64'] === false ? new TextEncoder().encode(payloadSeg) : bytesOf(payloadSeg, 'payload');
  const signatureBytes = bytesOf(signatureSeg, 'signature');
  return {
    envelope: 'JWS',
    header,
    headerText,
    payloadBytes,
    signatureBytes,
    segments: [
      {
        name: 'header',
        base64url: headerSeg,
        byteLength: new TextEncoder().encode(headerText).length,
      },
      { name: 'payload', base64url: payloadSeg, byteLength: payloadBytes.length },
      { name: 'signature', base64url: signatureSeg, byteLength: signatureBytes.length },
    ],
  };
}

function parseJwe(parts: readonly string[]): ParsedJwe {
  const { header, headerText } = decodeHeader(parts[0] ?? '');
  const segments = JWE_SEGMENTS.map((name, i) => {
    const text = parts[i] ?? '';
    const byteLength =
      name === 'header' ? new TextEncoder().encode(headerText).length : bytesOf(text, name).length;
    return { name, base64url: text, byteLength };
  });
  return { envelope: 'JWE', header, headerText, segments };
}

/** Takes a normalised compact token apart, stopping at the first problem with a precise error. */
export function parseCompact(token: string): ParseResult {
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
    if (parts.length === 3) return { ok: true, token: parseJws(parts) };
    if (parts.length === 5) return { ok: true, token: parseJwe(parts) };
    return { ok: false, error: segmentCountError(token, parts.length) };
  } catch (cause) {
    if (cause instanceof ParseFailure) return { ok: false, error: cause.error };
    throw cause;
  }
}
