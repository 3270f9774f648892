import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Environment, TokenRequestSummary } from '../../../shared/domain';
import {
  tokenUrlOf,
  type ClientAuthMethod,
  type EnvironmentFields,
} from '../../../shared/environment';
import { RESERVED_TOKEN_PARAMS } from '../../../shared/token-request-rules';
import { AppFailure } from '../../../shared/errors';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { ClientKeys } from './client-keys';

/** What a client credentials exchange needs (RFC 6749 §4.4). */
export interface ClientCredentialsRequest {
  readonly tokenUrl: string;
  readonly clientId: string;
  /** How the client authenticates (RFC 6749 §2.3.1, RFC 7523 §2.2); client_secret_basic when left out. */
  readonly clientAuth?: ClientAuthMethod;
  /** The secret, for client_secret_basic and client_secret_post. */
  readonly clientSecret?: string;
  /** A signed RFC 7523 client assertion, for private_key_jwt. */
  readonly clientAssertion?: string;
  /** Space-separated scope tokens; omitted when empty. */
  readonly scope?: string;
  /** The `audience` parameter (Auth0); omitted when empty. */
  readonly audience?: string;
  /** RFC 8707 resource indicators, each sent as its own `resource` parameter. */
  readonly resources?: readonly string[];
  /** Further form parameters; none may replace one Keysmith sets. */
  readonly params?: Readonly<Record<string, string>>;
  /** Per-environment headers; they never replace Authorization. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  /** Per-environment headers whose values are secret (a gateway key, say): sent, and scrubbed from errors. */
  readonly secretHeaders?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** The assertion type of RFC 7523 §2.2. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Form-urlencodes one value (application/x-www-form-urlencoded, RFC 6749 Appendix B): UTF-8,
 * a space becomes `+`, everything but `A-Z a-z 0-9 * - . _` is percent-encoded.
 */
export function formUrlEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** The `Authorization: Basic` value for client credentials (RFC 6749 §2.3.1). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const pair = `${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** A token request as it goes on the wire. */
export interface WireTokenRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly form: URLSearchParams;
}

function missing(param: string, message: string): AppFailure {
  return new AppFailure({ kind: 'validation', message, errors: [{ param, detail: message }] });
}

/** The headers and form body of a request: the one builder both sending and the summary use. */
export function wireTokenRequest(request: ClientCredentialsRequest): WireTokenRequest {
  const method = request.clientAuth ?? 'client_secret_basic';
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  const scope = request.scope?.trim();
  if (scope) form.set('scope', scope);
  const audience = request.audience?.trim();
  if (audience) form.set('audience', audience);
  for (const resource of request.resources ?? []) form.append('resource', resource);
  for (const [name, value] of Object.entries(request.params ?? {})) {
    if (RESERVED_TOKEN_PARAMS.has(name))
      throw missing('tokenParams', `${name} is set by Keysmith.`);
    form.append(name, value);
  }
  const headers: Record<string, string> = {
    ...request.extraHeaders,
    ...request.secretHeaders,
    'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
    Accept: 'application/json',
  };
  if (method === 'private_key_jwt') {
    if (!request.clientAssertion) throw missing('clientId', 'No client assertion was signed.');
    form.set('client_id', request.clientId);
    form.set('client_assertion_type', JWT_BEARER_ASSERTION);
    form.set('client_assertion', request.clientAssertion);
  } else if (request.clientSecret === undefined || request.clientSecret === '') {
    throw missing('clientSecret', `No client secret for ${request.clientId}.`);
  } else if (method === 'client_secret_post') {
    form.set('client_id', request.clientId);
    form.set('client_secret', request.clientSecret);
  } else {
    headers['Authorization'] = basicAuthorization(request.clientId, request.clientSecret);
  }
  return { headers, form };
}

/** What each hidden parameter is, in place of its value. */
const HIDDEN: Readonly<Record<string, 'client secret' | 'signed client assertion'>> = {
  client_secret: 'client secret',
  client_assertion: 'signed client assertion',
};

/**
 * What a token request sends, for the token panel: URL, method, parameters (the secret and the
 * assertion only named), header names; the assertion's decoded header and claims, not its
 * signature.
 */
export function summarizeTokenRequest(
  request: ClientCredentialsRequest,
  at: number,
): TokenRequestSummary {
  const { headers, form } = wireTokenRequest(request);
  const params = [...form.entries()].map(([name, value]) =>
    HIDDEN[name] === undefined ? { name, value } : { name, value: null, hidden: HIDDEN[name] },
  );
  let assertion: TokenRequestSummary['assertion'];
  if (request.clientAssertion !== undefined) {
    try {
      assertion = {
        header: decodeProtectedHeader(request.clientAssertion),
        claims: decodeJwt(request.clientAssertion),
      };
    } catch {
      assertion = undefined;
    }
  }
  return {
    method: 'POST',
    url: request.tokenUrl,
    clientAuth: request.clientAuth ?? 'client_secret_basic',
    clientId: request.clientId,
    params,
    headers: Object.keys(headers),
    at,
    ...(assertion === undefined ? {} : { assertion }),
  };
}

/** The parts of a token request an environment's fields decide (no client proof, no headers). */
export function tokenRequestOptions(
  fields: Pick<
    EnvironmentFields,
    'baseUrl' | 'tokenUrl' | 'clientAuth' | 'scope' | 'audience' | 'resources' | 'tokenParams'
  >,
  clientId: string,
) {
  return {
    tokenUrl: tokenUrlOf(fields),
    clientId,
    clientAuth: fields.clientAuth,
    scope: fields.scope,
    audience: fields.audience,
    resources: fields.resources,
    params: fields.tokenParams,
  } as const satisfies Partial<ClientCredentialsRequest>;
}

/** What building an environment's token request reads: secrets and keys, each checked against its binding. */
export interface TokenRequestSources {
  readonly secrets: Pick<BoundSecrets, 'sendable' | 'sendableHeaders'>;
  readonly clientKeys: Pick<ClientKeys, 'assertion'>;
}

/**
 * The token request an environment makes for one of its clients, as its fields say: the auth
 * method (the secret from the keychain, or a fresh assertion signed for its token endpoint),
 * scope, audience, resources, extra parameters and headers. Refuses a secret, key or header
 * bound to another endpoint or kind.
 */
export async function environmentTokenRequest(
  environment: Environment,
  clientId: string,
  sources: TokenRequestSources,
): Promise<ClientCredentialsRequest> {
  const options = tokenRequestOptions(environment, clientId);
  if (environment.clientAuth !== 'private_key_jwt') {
    return { ...options, ...(await sources.secrets.sendable(environment, clientId)) };
  }
  const headers = await sources.secrets.sendableHeaders(environment);
  const clientAssertion = await sources.clientKeys.assertion(
    environment,
    clientId,
    options.tokenUrl,
  );
  return { ...options, ...headers, clientAssertion };
}
