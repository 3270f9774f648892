import { withoutTrailingSlashes } from '@shared/trailing-slashes';
import {
  ENVIRONMENT_FIELDS,
  HEADER_NAME_PATTERN,
  MAX_NAME_LENGTH,
  RESERVED_HEADER_NAMES,
  isLoopbackHost,
  tokenUrlOf,
  type ClientAuthMethod,
  type ClientKeyAlg,
  type CredentialBackendKind,
  type EnvironmentFields,
} from '@shared/environment';
import { looksLikeSecretHeader } from '@shared/secret-header-rules';
import type { EnvironmentKind, EnvironmentView } from '../../lib/domain';
import { DEFAULT_COLOURS, PRODUCTION_RED, looksRed } from './env-colour';
import { validateTokenSide } from './token-side-model';

/** One extra header row of the form. */
export interface HeaderRow {
  /** Stable React key. */
  readonly key: string;
  readonly name: string;
  readonly value: string;
  /** Kept in the OS keychain, shown masked, never in a file. */
  readonly secret: boolean;
  /** The person set `secret` themselves: the name no longer proposes it. */
  readonly secretChosen: boolean;
  /** A secret header the environment already has: an empty value keeps the stored one. */
  readonly kept: boolean;
  /** Kept, but its stored value must be entered again (the endpoint or kind changed). */
  readonly stale: boolean;
}

let rowCounter = 0;

/** A new header row; a name that looks like a secret proposes "secret" until the person chooses. */
export function headerRow(fields: Partial<Omit<HeaderRow, 'key'>> = {}): HeaderRow {
  rowCounter += 1;
  const name = fields.name ?? '';
  return {
    name,
    value: '',
    secret: looksLikeSecretHeader(name),
    secretChosen: false,
    kept: false,
    stale: false,
    ...fields,
    key: `header-${rowCounter}`,
  };
}

/** A row after its name changed: the proposal follows the name until the person chooses. */
export function renameRow(row: HeaderRow, name: string): HeaderRow {
  return { ...row, name, secret: row.secretChosen ? row.secret : looksLikeSecretHeader(name) };
}

/** What the environment form edits, as strings the inputs hold. */
export interface EnvironmentFormValues {
  readonly name: string;
  readonly kind: EnvironmentKind;
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly headers: readonly HeaderRow[];
  readonly colour: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The token side (issue 13): discovery fills these in, the person may override them. */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly registrationUrl: string;
  readonly credentialBackend: CredentialBackendKind;
  readonly clientAuth: ClientAuthMethod;
  readonly scope: string;
  readonly audience: string;
  /** One resource indicator per line. */
  readonly resources: string;
  /** One `name=value` per line. */
  readonly tokenParams: string;
  /** A new initial access token for client registration (RFC 7591 §3); empty keeps the stored one. */
  readonly initialAccessToken: string;
  /** The stored initial access token is to be deleted. */
  readonly forgetInitialAccessToken: boolean;
  /** private_key_jwt: the algorithm of the key Keysmith makes for a new client_id. */
  readonly clientKeyAlg: ClientKeyAlg;
}

/** The token-side values of a blank form. */
const BLANK_TOKEN_SIDE = {
  issuer: '',
  jwksUrl: '',
  registrationUrl: '',
  credentialBackend: 'seed-api',
  clientAuth: 'client_secret_basic',
  scope: '',
  audience: '',
  resources: '',
  tokenParams: '',
  initialAccessToken: '',
  forgetInitialAccessToken: false,
  clientKeyAlg: 'ES256',
} as const satisfies Partial<EnvironmentFormValues>;

/** The form's starting values: blank for a new environment, else the environment's own. */
export function initialValues(env: EnvironmentView | null): EnvironmentFormValues {
  if (!env) {
    return {
      name: '',
      kind: 'staging',
      baseUrl: 'https://',
      tokenUrl: '',
      headers: [],
      colour: DEFAULT_COLOURS.staging,
      clientId: '',
      clientSecret: '',
      ...BLANK_TOKEN_SIDE,
    };
  }
  return {
    name: env.name,
    kind: env.kind,
    baseUrl: env.baseUrl,
    tokenUrl: env.tokenUrl ?? '',
    headers: [
      ...Object.entries(env.extraHeaders).map(([name, value]) =>
        headerRow({ name, value, secret: false }),
      ),
      ...env.secretHeaders.map((name) =>
        headerRow({
          name,
          secret: true,
          secretChosen: true,
          kept: true,
          stale: env.secretHeadersToPaste.includes(name),
        }),
      ),
    ],
    colour: env.kind === 'production' ? PRODUCTION_RED : env.colour,
    clientId: env.activeClientId ?? '',
    clientSecret: '',
    issuer: env.issuer ?? '',
    jwksUrl: env.jwksUrl ?? '',
    registrationUrl: env.registrationUrl ?? '',
    credentialBackend: env.credentialBackend,
    clientAuth: env.clientAuth,
    scope: env.scope,
    audience: env.audience,
    resources: env.resources.join('\n'),
    tokenParams: Object.entries(env.tokenParams)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    initialAccessToken: '',
    forgetInitialAccessToken: false,
    clientKeyAlg: 'ES256',
  };
}

/** The rows that say something (a name or a value). */
const filledRows = (rows: readonly HeaderRow[]): HeaderRow[] =>
  rows.filter((row) => row.name.trim() !== '' || row.value !== '');

/** What is wrong with the header rows, or null. */
export function headersProblem(rows: readonly HeaderRow[]): string | null {
  const seen = new Set<string>();
  for (const row of filledRows(rows)) {
    const name = row.name.trim();
    if (!HEADER_NAME_PATTERN.test(name)) return `“${name}” is not a valid header name.`;
    const lower = name.toLowerCase();
    if (RESERVED_HEADER_NAMES.has(lower)) {
      return `${name} is set by Keysmith itself (Authorization carries the client credentials, then the token): send a key under its own name, e.g. X-Api-Key.`;
    }
    if (seen.has(lower)) return `${name} appears twice (header names ignore case).`;
    seen.add(lower);
    if (row.value === '' && !(row.secret && row.kept)) return `Enter the value of ${name}.`;
  }
  return null;
}

function urlProblem(
  value: string,
  field: 'baseUrl' | 'tokenUrl',
  kind: EnvironmentKind,
): string | null {
  const text = value.trim();
  if (text === '') return field === 'tokenUrl' ? null : 'Enter the API base URL.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL such as https://api.example.com.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http(s) URL.';
  if (url.search !== '' || text.includes('?')) {
    return `Remove the query string: ${ENVIRONMENT_FIELDS[field].noQuery}`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && kind === 'production') {
    return 'Use https for production: secrets would travel in clear text (plain http only on localhost).';
  }
  return null;
}

/** Checks the form before anything is sent; returns messages by field name. */
export function validateEnvironment(
  values: EnvironmentFormValues,
  mode: 'add' | 'edit',
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.name.trim() === '') errors.name = 'Give the environment a name.';
  else if (values.name.trim().length > MAX_NAME_LENGTH) {
    errors.name = `Keep the name under ${MAX_NAME_LENGTH} characters.`;
  }
  const base = urlProblem(values.baseUrl, 'baseUrl', values.kind);
  if (base) errors.baseUrl = base;
  const token = urlProblem(values.tokenUrl, 'tokenUrl', values.kind);
  if (token) errors.tokenUrl = token;
  const headers = headersProblem(values.headers);
  if (headers) errors.extraHeaders = headers;
  if (values.kind !== 'production' && looksRed(values.colour)) {
    errors.colour = 'Red is reserved for production: pick another colour.';
  }
  const usesKey = values.clientAuth === 'private_key_jwt';
  if (mode === 'add') {
    if (values.clientId.trim() === '') errors.clientId = 'Paste the client_id.';
    if (values.clientSecret === '' && !usesKey) errors.clientSecret = 'Paste the client_secret.';
  } else if (values.clientSecret !== '' && values.clientId.trim() === '') {
    errors.clientId = 'Paste the client_id this secret belongs to.';
  }
  return { ...errors, ...validateTokenSide(values) };
}

/** The colour to save: production's is always red. */
export function colourToSave(values: EnvironmentFormValues): string {
  return values.kind === 'production' ? PRODUCTION_RED : values.colour;
}

/** The environment's fields from the form, ready for `environments:add` or `environments:update`. */
export function environmentFields(values: EnvironmentFormValues): EnvironmentFields {
  const rows = filledRows(values.headers);
  return {
    name: values.name.trim(),
    kind: values.kind,
    baseUrl: withoutTrailingSlashes(values.baseUrl.trim()),
    tokenUrl: values.tokenUrl.trim() === '' ? null : values.tokenUrl.trim(),
    extraHeaders: Object.fromEntries(
      rows.filter((row) => !row.secret).map((row) => [row.name.trim(), row.value]),
    ),
    secretHeaders: rows.filter((row) => row.secret).map((row) => row.name.trim()),
    colour: colourToSave(values),
    issuer: optionalUrl(values.issuer),
    jwksUrl: optionalUrl(values.jwksUrl),
    registrationUrl: optionalUrl(values.registrationUrl),
    credentialBackend: values.credentialBackend,
    clientAuth: values.clientAuth,
    scope: values.scope.trim(),
    audience: values.audience.trim(),
    resources: lines(values.resources),
    tokenParams: Object.fromEntries(
      lines(values.tokenParams).map((line) => {
        const equals = line.indexOf('=');
        return equals < 0
          ? [line, '']
          : [line.slice(0, equals).trim(), line.slice(equals + 1).trim()];
      }),
    ),
  };
}

/** A URL input's value as a field: null when blank. */
const optionalUrl = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The non-blank lines of a multi-line input, trimmed. */
const lines = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The values typed for secret headers: main keeps them in the keychain (an empty one keeps the stored value). */
export function secretHeaderValues(values: EnvironmentFormValues): Record<string, string> {
  return Object.fromEntries(
    filledRows(values.headers)
      .filter((row) => row.secret && row.value !== '')
      .map((row) => [row.name.trim(), row.value]),
  );
}

/** The origin of a URL, or the text itself when it is not one (yet). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * True when saving the form moves where the environment's secrets go (the token endpoint's or
 * the API's origin, or the kind): main then sends them nowhere until they are pasted again.
 */
export function movesSecrets(values: EnvironmentFormValues, env: EnvironmentView): boolean {
  const next = environmentFields(values);
  return (
    next.kind !== env.kind ||
    originOf(next.baseUrl) !== originOf(env.baseUrl) ||
    originOf(tokenUrlOf(next)) !== originOf(tokenUrlOf(env))
  );
}
