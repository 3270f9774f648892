/** The longest text read as a token for matching; a longer paste is not looked at. */
export const MAX_TOKEN_TEXT = 64 * 1024;

/** What a token says about where it comes from: never its signature, never the token itself. */
export interface TokenFacts {
  readonly issuer: string | null;
  readonly audiences: readonly string[];
  readonly kid: string | null;
  /** Claims that name the client: client_id, azp, cid, appid, and sub (without an `@clients` tail). */
  readonly clientIds: readonly string[];
  /** The payload's `exp` (seconds), when a number. */
  readonly exp: number | null;
}

const CLIENT_CLAIMS = ['client_id', 'azp', 'cid', 'appid', 'sub'] as const;
const MAX_VALUE = 2048;
const MAX_AUDIENCES = 20;

/** The text of a paste without a Bearer prefix, quotes or surrounding space. */
export function normalizeTokenText(text: string): string {
  let value = text.trim();
  if (/^bearer\s/i.test(value.slice(0, 7))) value = value.slice(7).trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    value = value.slice(1, -1).trim();
  }
  return value;
}

/** Whether a paste looks like a compact JWS or JWE: `eyJ…` with two or four dots, base64url only. */
export function looksLikeToken(text: string): boolean {
  const value = normalizeTokenText(text);
  if (value.length > MAX_TOKEN_TEXT || !value.startsWith('eyJ')) return false;
  let dots = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 46) dots += 1;
    else if (!isBase64UrlChar(code)) return false;
  }
  return dots === 2 || dots === 4;
}

function isBase64UrlChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 45 ||
    code === 95
  );
}

/** A base64url segment as a JSON object, or null. */
function segmentObject(segment: string): Record<string, unknown> | null {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' && value.length <= MAX_VALUE ? value : null;

/**
 * The identifying facts of a decoded token: its header's kid, and its payload's iss, aud, client
 * claims and exp. Either part may be missing (a JWE's payload is encrypted).
 */
export function factsOf(
  header: Readonly<Record<string, unknown>> | null | undefined,
  payload: Readonly<Record<string, unknown>> | null | undefined,
): TokenFacts {
  const aud = payload?.['aud'];
  const audiences = (Array.isArray(aud) ? aud : [aud])
    .map(text)
    .filter((value): value is string => value !== null)
    .slice(0, MAX_AUDIENCES);
  const clientIds = new Set<string>();
  for (const claim of CLIENT_CLAIMS) {
    const value = text(payload?.[claim]);
    if (value !== null) clientIds.add(claim === 'sub' ? value.replace(/@clients$/, '') : value);
  }
  const exp = payload?.['exp'];
  return {
    issuer: text(payload?.['iss']),
    audiences,
    kid: text(header?.['kid']),
    clientIds: [...clientIds],
    exp: typeof exp === 'number' && Number.isFinite(exp) ? exp : null,
  };
}

/**
 * Reads the identifying claims of a token (see `factsOf`) without verifying anything, in linear
 * time and within `MAX_TOKEN_TEXT`. A JWE gives its header's kid only. Null when the text is not
 * a token.
 */
export function readTokenFacts(input: string): TokenFacts | null {
  if (!looksLikeToken(input)) return null;
  const segments = normalizeTokenText(input).split('.');
  const header = segmentObject(segments[0] ?? '');
  if (header === null) return null;
  const payload = segments.length === 3 ? segmentObject(segments[1] ?? '') : null;
  return factsOf(header, payload);
}
