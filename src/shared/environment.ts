/**
 * An environment's editable fields and the rules they follow, declared once in plain TypeScript.
 * The renderer imports this module, so it must stay free of zod (and of anything that imports
 * zod): the zod schemas of the contract, of core's checks and of profiles.json are derived from
 * it in `environment-schema.ts`, the domain types in `domain.ts`, the form's field list in the
 * renderer. Adding a field means one line in ENVIRONMENT_FIELDS, plus its input in the form.
 */

import { withoutTrailingSlashes } from './trailing-slashes';

/** What an environment is for, in the order the UI lists them; production gets the strongest guard rails. */
export const ENVIRONMENT_KINDS = ['production', 'staging', 'development', 'sandbox'] as const;

/** What an environment is for; production gets the strongest guard rails. */
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

/** How the client proves itself at the token endpoint (RFC 6749 §2.3.1, RFC 7523 §2.2). */
export const CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
] as const;

/** How the client proves itself at the token endpoint. */
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** The algorithms of the keys Keysmith makes for private_key_jwt clients (RFC 7518 §3.1). */
export const CLIENT_KEY_ALGS = ['ES256', 'RS256'] as const;

/** The algorithm of a private_key_jwt client's key. */
export type ClientKeyAlg = (typeof CLIENT_KEY_ALGS)[number];

/**
 * Where an environment's credentials are administered: the seed API (`/auth/credentials`) or
 * OAuth 2.0 Dynamic Client Registration (RFC 7591 register, RFC 7592 read/update/delete).
 */
export const CREDENTIAL_BACKENDS = ['seed-api', 'dcr'] as const;

/** Where an environment's credentials are administered. */
export type CredentialBackendKind = (typeof CREDENTIAL_BACKENDS)[number];

/** The value each type of field holds. */
export interface FieldValues {
  readonly name: string;
  readonly kind: EnvironmentKind;
  /** An absolute http(s) URL. */
  readonly url: string;
  /** An absolute http(s) URL, or null for "the default". */
  readonly 'optional-url': string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Header names only: their values are kept in the OS keychain, never with the environment. */
  readonly 'header-names': readonly string[];
  /** A CSS hex colour, `#rrggbb`. */
  readonly colour: string;
  /** A short single-line value; empty means "not sent". */
  readonly text: string;
  /** Absolute URLs (RFC 8707 resource indicators). */
  readonly 'url-list': readonly string[];
  /** Extra form parameters of the token request, name → value. */
  readonly params: Readonly<Record<string, string>>;
  readonly 'client-auth': ClientAuthMethod;
  readonly backend: CredentialBackendKind;
}

/** The types of field an environment has; each has one rule set below and one schema per use. */
export type FieldType = keyof FieldValues;

/** One editable field: its type, what messages call it, and what an older profiles.json lacking it reads as. */
export interface FieldSpec<T extends FieldType = FieldType> {
  readonly type: T;
  /** How messages name the field, e.g. "base URL". */
  readonly label: string;
  /** URLs only: why a query string is refused (no URL field takes one). */
  readonly noQuery?: string;
  /** The value an environment stored before this field existed gets; without it the field is required on disk. */
  readonly fallback?: FieldValues[T];
}

/** Declares a field, checking its fallback against its type and keeping its literal type. */
const field = <const S extends FieldSpec>(spec: S & FieldSpec<S['type']>): S => spec;

/** The editable fields of an environment, in form order: the one declaration every shape derives from. */
export const ENVIRONMENT_FIELDS = {
  name: field({ type: 'name', label: 'name' }),
  kind: field({ type: 'kind', label: 'kind' }),
  baseUrl: field({
    type: 'url',
    label: 'base URL',
    noQuery: 'API paths are appended to the base URL.',
  }),
  /** Null means `<baseUrl>/auth/token`. */
  tokenUrl: field({
    type: 'optional-url',
    label: 'token URL',
    noQuery:
      'a query (such as ?subscription-key=…) would be saved in plain text. Send a key as a secret header instead.',
    fallback: null,
  }),
  extraHeaders: field({ type: 'headers', label: 'extra headers', fallback: {} }),
  /** Extra headers whose values are secret: kept in the keychain, sent like the others. */
  secretHeaders: field({ type: 'header-names', label: 'secret headers', fallback: [] }),
  colour: field({ type: 'colour', label: 'colour' }),
  /** The authorization server's issuer, read by discovery (RFC 8414 / OIDC); null when none is known. */
  issuer: field({
    type: 'optional-url',
    label: 'issuer',
    noQuery: 'an issuer identifier has no query (RFC 8414 §2).',
    fallback: null,
  }),
  /** Null means `<baseUrl>/.well-known/jwks.json`. */
  jwksUrl: field({
    type: 'optional-url',
    label: 'JWKS URL',
    noQuery: 'it would be saved in plain text; keys are public and need none.',
    fallback: null,
  }),
  /** The client registration endpoint (RFC 7591); needed when credentials are administered through DCR. */
  registrationUrl: field({
    type: 'optional-url',
    label: 'registration endpoint',
    noQuery:
      'it would be saved in plain text. Keep an initial access token in the keychain instead.',
    fallback: null,
  }),
  credentialBackend: field({
    type: 'backend',
    label: 'credential administration',
    fallback: 'seed-api',
  }),
  clientAuth: field({
    type: 'client-auth',
    label: 'client authentication',
    fallback: 'client_secret_basic',
  }),
  /** Space-separated scope tokens of the token request (RFC 6749 §3.3). */
  scope: field({ type: 'text', label: 'scope', fallback: '' }),
  /** The `audience` parameter some servers (Auth0) require. */
  audience: field({ type: 'text', label: 'audience', fallback: '' }),
  /** RFC 8707 resource indicators, each sent as a `resource` parameter. */
  resources: field({ type: 'url-list', label: 'resources', fallback: [] }),
  /** Further form parameters sent with every token request. */
  tokenParams: field({ type: 'params', label: 'extra token parameters', fallback: {} }),
} as const;

/** The name of an editable field. */
export type EnvironmentFieldName = keyof typeof ENVIRONMENT_FIELDS;

/** The editable fields of an environment. */
export type EnvironmentFields = {
  readonly [K in EnvironmentFieldName]: FieldValues[(typeof ENVIRONMENT_FIELDS)[K]['type']];
};

/** The fields that have a fallback: code that builds an environment may leave them out. */
type FieldWithFallback = {
  [K in EnvironmentFieldName]: (typeof ENVIRONMENT_FIELDS)[K] extends { readonly fallback: unknown }
    ? K
    : never;
}[EnvironmentFieldName];

/** The fields as code that creates an environment gives them: those with a fallback are optional. */
export type EnvironmentFieldsDraft = Omit<EnvironmentFields, FieldWithFallback> &
  Partial<Pick<EnvironmentFields, FieldWithFallback>>;

/** The names of the editable fields, in form order. */
export const ENVIRONMENT_FIELD_NAMES = Object.keys(
  ENVIRONMENT_FIELDS,
) as readonly EnvironmentFieldName[];

// ---------------------------------------------------------------------------------------------
// The rules. Main enforces them (core's schema); the form uses the same data for early feedback.

/** Longest environment name. */
export const MAX_NAME_LENGTH = 80;
/** Longest URL. */
export const MAX_URL_LENGTH = 2048;
/** Most extra headers an environment may send. */
export const MAX_EXTRA_HEADERS = 50;
/** Longest extra header value. */
export const MAX_HEADER_VALUE_LENGTH = 4096;

/** Header names the app (or the HTTP client) sets itself; an environment may not override them. */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'idempotency-key',
]);

/** An HTTP header name (an RFC 9110 token). */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Control characters: in a header value they would smuggle a second header (CR/LF) or break parsers. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** A colour as the app stores it. */
export const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/**
 * True for hosts that never leave the machine, written as literals: `localhost`, 127.0.0.0/8 and
 * ::1. Nothing else (not `*.localhost`, which Node resolves through DNS).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * What is wrong with a URL field's value (already trimmed), or null: an absolute http(s) URL
 * without credentials, fragment or query.
 */
export function urlProblem(
  value: string,
  spec: Pick<FieldSpec, 'label' | 'noQuery'>,
): string | null {
  const what = spec.label;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Enter the ${what} as a full URL, e.g. https://api.example.com.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `Use an https:// (or http://) URL, not ${url.protocol}.`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'Remove the user name and password from the URL: credentials belong in the keychain.';
  }
  if (url.hash !== '' || value.includes('#')) return 'Remove the #fragment from the URL.';
  if (url.search !== '' || value.includes('?')) {
    return `Remove the query string from the ${what}: ${spec.noQuery ?? 'it takes none.'}`;
  }
  return null;
}

/** The token URL an environment uses: its own, or `<baseUrl>/auth/token`. */
export function tokenUrlOf(environment: Pick<EnvironmentFields, 'baseUrl' | 'tokenUrl'>): string {
  return environment.tokenUrl ?? `${withoutTrailingSlashes(environment.baseUrl)}/auth/token`;
}

/** The JWKS URL an environment uses: its own (from discovery), or `<baseUrl>/.well-known/jwks.json`. */
export function jwksUrlOf(environment: Pick<EnvironmentFields, 'baseUrl' | 'jwksUrl'>): string {
  return (
    environment.jwksUrl ?? `${withoutTrailingSlashes(environment.baseUrl)}/.well-known/jwks.json`
  );
}

/**
 * True when an environment of this kind may not use this URL: production must use https unless it
 * points at loopback, because a secret sent over plain http can be read by anyone on the path.
 * Other kinds may use http on any host (internal staging servers often have no TLS).
 */
export function needsHttps(kind: EnvironmentKind, url: string): boolean {
  if (kind !== 'production') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * What is wrong with a set of extra headers, or null. `looksSecret` (main passes its secret-shape
 * guard) refuses values shaped like a secret, which belong in the keychain.
 */
export function headersProblem(
  headers: Readonly<Record<string, string>>,
  looksSecret: (value: string) => boolean = () => false,
): string | null {
  const names = Object.keys(headers);
  if (names.length > MAX_EXTRA_HEADERS) return `Use at most ${MAX_EXTRA_HEADERS} extra headers.`;
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME_PATTERN.test(name)) return `“${name}” is not a valid header name.`;
    if (RESERVED_HEADER_NAMES.has(lower)) return `${name} is set by Keysmith itself.`;
    if (seen.has(lower)) return `${name} appears twice (header names ignore case).`;
    seen.add(lower);
    const value = headers[name] ?? '';
    if (value.length > MAX_HEADER_VALUE_LENGTH) {
      return `The value of ${name} is too long (${MAX_HEADER_VALUE_LENGTH} characters at most).`;
    }
    if (CONTROL_CHARACTERS.test(value)) {
      return `The value of ${name} contains a line break or control character.`;
    }
    if (looksSecret(value)) {
      return `The value of ${name} looks like a secret or a token: those belong in the keychain.`;
    }
  }
  return null;
}
