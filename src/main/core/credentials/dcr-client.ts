import { z } from 'zod';
import type { ClientAuthMethod } from '../../../shared/environment';
import { AppFailure, type AppError } from '../../../shared/errors';
import {
  fetchWithTimeout,
  parseJsonBody,
  responseToAppError,
  type ReadResponse,
} from '../http/http-response';
import { jsonOrNull } from '../files/json-file';
import { oauthErrorToAppError } from '../tokens/oauth-error';

/** How long one registration request may take before it fails with a `timeout` error. */
export const DCR_TIMEOUT_MS = 15_000;

/** A client's metadata as RFC 7591 §2 names it (the members Keysmith sends or reads back). */
export interface ClientMetadata {
  readonly client_name: string;
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method: ClientAuthMethod;
  readonly jwks?: { readonly keys: readonly object[] };
}

/** A registration (RFC 7591 §3.2.1) or read (RFC 7592 §3) response; unknown members are allowed. */
const ClientInformationSchema = z.looseObject({
  client_id: z.string().min(1).max(200),
  client_secret: z.string().min(1).max(4096).optional(),
  // RFC 7591: seconds since the epoch; 0 = never expires.
  client_secret_expires_at: z.number().nonnegative().optional(),
  client_id_issued_at: z.number().nonnegative().optional(),
  registration_access_token: z.string().min(1).max(8192).optional(),
  registration_client_uri: z.string().min(1).max(2048).optional(),
  client_name: z.string().max(1000).optional(),
  token_endpoint_auth_method: z.string().max(100).optional(),
  grant_types: z.array(z.string().max(200)).max(50).optional(),
});

/** What the server says of a client. */
export type ClientInformation = z.infer<typeof ClientInformationSchema>;

/** What every request needs: which fetch, how patient, and which auth method (for error words). */
export interface DcrRequestOptions {
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly clientAuth?: ClientAuthMethod;
}

/** The AppError for a refused registration request: the OAuth error in words on its field, or the problem. */
export function registrationError(response: ReadResponse, options: DcrRequestOptions): AppError {
  const body = jsonOrNull(response.text);
  const oauth =
    body === null
      ? null
      : oauthErrorToAppError(body, response.status, {
          context: 'registration',
          host: response.host,
          clientAuth: options.clientAuth,
        });
  return oauth ?? responseToAppError(response, response.text);
}

/** Sends one request to a registration endpoint or a client configuration URI. */
async function send(
  url: string,
  init: { method: string; token: string | null; body?: string },
  options: DcrRequestOptions,
): Promise<ReadResponse> {
  return fetchWithTimeout(
    url,
    {
      method: init.method,
      headers: {
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(init.token === null ? {} : { Authorization: `Bearer ${init.token}` }),
      },
      body: init.body,
    },
    { fetch: options.fetch, timeoutMs: options.timeoutMs ?? DCR_TIMEOUT_MS },
  );
}

/**
 * RFC 7591 §3.1: registers a client, once (never retried: a registration has no idempotency
 * key, so a second try would make a second client). A network error or timeout is thrown as
 * is: the caller must treat the client as possibly registered.
 */
export async function registerClient(
  registrationUrl: string,
  metadata: ClientMetadata,
  initialAccessToken: string | null,
  options: DcrRequestOptions,
): Promise<ClientInformation> {
  const response = await send(
    registrationUrl,
    { method: 'POST', token: initialAccessToken, body: JSON.stringify(metadata) },
    options,
  );
  if (response.status !== 201 && response.status !== 200) {
    throw new AppFailure(registrationError(response, options));
  }
  return parseJsonBody(response, ClientInformationSchema, 'the registered client');
}

/** What an RFC 7592 read found: the client, or that the server no longer knows it (and its words). */
export type ReadOutcome =
  | { readonly state: 'registered'; readonly client: ClientInformation }
  | { readonly state: 'gone'; readonly status: number; readonly error: AppError };

/** RFC 7592 §2.1: 401 (the spec's answer for an unknown client) or 404 mean "no longer registered". */
function isGone(status: number): boolean {
  return status === 401 || status === 404 || status === 410;
}

/** RFC 7592 §2.1: reads a client's registration as the server has it now. */
export async function readClient(
  clientUri: string,
  registrationAccessToken: string,
  options: DcrRequestOptions,
): Promise<ReadOutcome> {
  const response = await send(
    clientUri,
    { method: 'GET', token: registrationAccessToken },
    options,
  );
  if (isGone(response.status)) {
    return { state: 'gone', status: response.status, error: registrationError(response, options) };
  }
  if (response.status !== 200) throw new AppFailure(registrationError(response, options));
  return {
    state: 'registered',
    client: parseJsonBody(response, ClientInformationSchema, 'the client’s registration'),
  };
}

/** RFC 7592 §2.3: deletes a client; `gone` when the server no longer knew it. */
export async function deleteClient(
  clientUri: string,
  registrationAccessToken: string,
  options: DcrRequestOptions,
): Promise<'deleted' | 'gone'> {
  const response = await send(
    clientUri,
    { method: 'DELETE', token: registrationAccessToken },
    options,
  );
  if (response.status === 204 || response.status === 200) return 'deleted';
  if (isGone(response.status)) return 'gone';
  throw new AppFailure(registrationError(response, options));
}

/** RFC 7592 §2.2: what a client update must not send back (the server issues these). */
const SERVER_ISSUED = [
  'registration_access_token',
  'registration_client_uri',
  'client_secret_expires_at',
  'client_id_issued_at',
] as const;

/**
 * RFC 7592 §2.2: replaces a client's metadata with what the server last returned, its
 * `client_name` changed. The members the server issues are left out, and so is `client_secret`
 * (RFC 7592 lets the client send it only for the server to compare; oidc-provider does not need
 * it): the body never carries a secret. Never retried.
 */
export async function updateClient(
  clientUri: string,
  registrationAccessToken: string,
  current: ClientInformation,
  name: string,
  options: DcrRequestOptions,
): Promise<ClientInformation> {
  const body: Record<string, unknown> = { ...current };
  for (const member of SERVER_ISSUED) delete body[member];
  delete body['client_secret'];
  body['client_id'] = current.client_id;
  body['client_name'] = name;
  const response = await send(
    clientUri,
    { method: 'PUT', token: registrationAccessToken, body: JSON.stringify(body) },
    options,
  );
  if (response.status !== 200) throw new AppFailure(registrationError(response, options));
  return parseJsonBody(response, ClientInformationSchema, 'the updated client');
}
