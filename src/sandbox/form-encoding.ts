/** Decodes one application/x-www-form-urlencoded component (`+` is a space); null when malformed. */
export function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** A parsed form body: every name with all its values, in order. */
export type FormFields = ReadonlyMap<string, readonly string[]>;

/** Parses a form-urlencoded body strictly; null when any component has bad percent-encoding. */
export function parseForm(text: string): FormFields | null {
  const fields = new Map<string, string[]>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = formDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = formDecode(eq < 0 ? '' : pair.slice(eq + 1));
    if (name === null || value === null) return null;
    const list = fields.get(name);
    if (list === undefined) fields.set(name, [value]);
    else list.push(value);
  }
  return fields;
}

/** Client credentials carried by an `Authorization: Basic` header (RFC 6749 §2.3.1). */
export interface BasicCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The outcome of reading the Authorization header for client authentication. */
export type BasicAuthResult =
  | { readonly kind: 'absent' }
  | { readonly kind: 'other-scheme' }
  | { readonly kind: 'malformed'; readonly detail: string }
  | { readonly kind: 'ok'; readonly credentials: BasicCredentials };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses `Basic base64(urlencode(id):urlencode(secret))`, form-decoding both halves. */
export function parseBasicAuth(header: string | undefined): BasicAuthResult {
  if (header === undefined || header.trim() === '') return { kind: 'absent' };
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+(.*))?$/.exec(header);
  if (match === null)
    return { kind: 'malformed', detail: 'The Authorization header is malformed.' };
  if ((match[1] ?? '').toLowerCase() !== 'basic') return { kind: 'other-scheme' };
  const encoded = (match[2] ?? '').trim();
  if (encoded === '' || encoded.length % 4 === 1 || !BASE64.test(encoded)) {
    return { kind: 'malformed', detail: 'The Basic credentials are not valid base64.' };
  }
  const bytes = Buffer.from(encoded, 'base64');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'malformed', detail: 'The Basic credentials are not valid UTF-8.' };
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return { kind: 'malformed', detail: 'The Basic credentials have no ":" separator.' };
  }
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (clientId === null || clientSecret === null) {
    return {
      kind: 'malformed',
      detail:
        'The Basic credentials are not valid form-urlencoded values (RFC 6749 section 2.3.1).',
    };
  }
  return { kind: 'ok', credentials: { clientId, clientSecret } };
}

/** Reads an `Authorization: Bearer` header: the token, absent (or another scheme), or malformed. */
export function parseBearer(
  header: string | undefined,
): { readonly token: string } | 'absent' | 'malformed' {
  if (header === undefined || !/^\s*bearer(\s|$)/i.test(header)) return 'absent';
  const match = /^\s*bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (match === null || match[1] === undefined) return 'malformed';
  return { token: match[1] };
}
