import type { AppError, FieldError, ProblemDocument } from '../../../shared/errors';
import { clipText, redactJson } from '../http/body-excerpt';
import { asObject, oauthHint } from '../http/problem-document';

/** Where an OAuth error came from: the token endpoint (RFC 6749 §5.2) or client registration (RFC 7591 §3.2.2, RFC 7592). */
export type OAuthErrorContext = 'token' | 'registration';

/** What an OAuth error response carries (RFC 6749 §5.2): `error` and, optionally, a description and a URI. */
export interface OAuthErrorBody {
  readonly error: string;
  readonly error_description?: string;
  readonly error_uri?: string;
}

/** How to read an OAuth error: which endpoint answered, and how the client authenticated. */
export interface OAuthErrorOptions {
  readonly context: OAuthErrorContext;
  /** `host[:port]` of the server, for the message. */
  readonly host: string;
  /** A client with a key (private_key_jwt) is wrong about its key, not about a secret. */
  readonly clientAuth?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
}

/**
 * Which form field each error code concerns, and its meaning in words for the codes beyond RFC
 * 6749 §5.2 (whose words `oauthHint` already has).
 */
const MEANINGS: Readonly<Record<string, { readonly words?: string; readonly param?: string }>> = {
  invalid_client: { param: 'clientSecret' },
  unauthorized_client: { param: 'clientId' },
  invalid_scope: { param: 'scope' },
  invalid_target: {
    words: 'a requested resource (RFC 8707) is unknown or not allowed for this client',
    param: 'resources',
  },
  invalid_token: {
    words:
      'the access token for registration (initial or registration access token) is missing, wrong or expired',
    param: 'initialAccessToken',
  },
  insufficient_scope: { words: 'the access token for registration lacks a required scope' },
  invalid_redirect_uri: {
    words: 'a redirect URI is invalid (a client-credentials client needs none)',
    param: 'redirectUris',
  },
  invalid_client_metadata: { words: 'the server refused a value of the client’s metadata' },
  invalid_software_statement: {
    words: 'the software statement is invalid',
    param: 'softwareStatement',
  },
  unapproved_software_statement: {
    words: 'the server does not approve the software statement',
    param: 'softwareStatement',
  },
};

/**
 * RFC 7591 §2 client metadata → the Keysmith field it comes from. An `invalid_client_metadata`
 * description naming one of them lands on that field.
 */
export const METADATA_FIELDS: Readonly<Record<string, string>> = {
  token_endpoint_auth_method: 'clientAuth',
  jwks: 'clientKey',
  jwks_uri: 'clientKey',
  scope: 'scope',
  grant_types: 'clientAuth',
  client_name: 'clientName',
  redirect_uris: 'redirectUris',
  response_types: 'clientAuth',
  software_statement: 'softwareStatement',
};

/** The longest description read for a metadata member name: a description is untrusted text. */
const MAX_SCANNED = 2000;

/** The first metadata member named in a description (a word match, linear in its length), or null. */
export function metadataNamed(description: string): string | null {
  const words = description.slice(0, MAX_SCANNED).split(/[^A-Za-z0-9_]+/);
  return words.find((word) => Object.hasOwn(METADATA_FIELDS, word)) ?? null;
}

/** The error members of a parsed body when it is an OAuth error response, else null. */
export function asOAuthError(body: unknown): OAuthErrorBody | null {
  const object = asObject(body);
  const error = object?.['error'];
  if (object === null || typeof error !== 'string' || error === '') return null;
  const text = (name: string) => (typeof object[name] === 'string' ? object[name] : undefined);
  const description = text('error_description');
  const uri = text('error_uri');
  return {
    error,
    ...(description === undefined ? {} : { error_description: description }),
    ...(uri === undefined ? {} : { error_uri: uri }),
  };
}

/** The field an error concerns, for the form to put it on; undefined when none in particular. */
export function oauthErrorParam(
  body: OAuthErrorBody,
  options: Pick<OAuthErrorOptions, 'context' | 'clientAuth'>,
): string | undefined {
  if (body.error === 'invalid_client') {
    return options.clientAuth === 'private_key_jwt' ? 'clientId' : 'clientSecret';
  }
  if (body.error === 'invalid_client_metadata') {
    const named = metadataNamed(body.error_description ?? '');
    return named === null ? undefined : METADATA_FIELDS[named];
  }
  if (body.error === 'invalid_token' && options.context === 'token') return undefined;
  return MEANINGS[body.error]?.param;
}

/** The meaning of an error code in words ("the requested scope is unknown…"). */
export function oauthErrorWords(
  error: string,
  clientAuth?: OAuthErrorOptions['clientAuth'],
): string {
  if (error === 'invalid_client' && clientAuth === 'private_key_jwt') {
    return 'the server did not accept the client assertion: the client_id is unknown, or the public key registered for it is not the one Keysmith signs with';
  }
  return MEANINGS[error]?.words ?? oauthHint(error);
}

/**
 * The AppError for an OAuth error response (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 6750 §3.1): a
 * `problem` whose `code` is the error, whose `param` (and `errors[]`) name the form field it
 * concerns, with a sentence in words and the server's own description. The body is redacted
 * (members named like secrets dropped) before anything of it is kept.
 */
export function oauthErrorToAppError(
  body: unknown,
  status: number,
  options: OAuthErrorOptions,
): AppError | null {
  const redacted = redactJson(body);
  const error = asOAuthError(redacted);
  if (error === null) return null;
  const code = clipText(error.error, 80);
  const param = oauthErrorParam(error, options);
  const words = oauthErrorWords(error.error, options.clientAuth);
  const description =
    error.error_description === undefined ? undefined : clipText(error.error_description);
  const detail = description ?? `${words[0]!.toUpperCase()}${words.slice(1)}.`;
  const errors: FieldError[] = param === undefined ? [] : [{ param, detail, code }];
  const extensions = asObject(redacted) ?? {};
  const problem: ProblemDocument = {
    type: 'about:blank',
    title: options.context === 'token' ? 'Token request refused' : 'Client registration refused',
    status,
    detail,
    code,
    ...(param === undefined ? {} : { param }),
    ...(errors.length === 0 ? {} : { errors }),
    extensions,
  };
  const where = options.context === 'token' ? 'token endpoint' : 'registration endpoint';
  const said = description === undefined ? '' : ` — ${description}`;
  return {
    kind: 'problem',
    message: `The ${where} at ${options.host} refused the request (${code}, HTTP ${status}): ${words}${said}.`,
    problem,
  };
}
