import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { TokenSet } from '../../../shared/domain';
import { clockReadingOf, effectiveSkewMs } from '../../../shared/fleet/clock-skew';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import {
  fetchWithTimeout,
  mediaTypeOf,
  parseJsonBody,
  responseToAppError,
} from '../http/http-response';
import { asObject, looksLikeProblem } from '../http/problem-document';
import { oauthErrorToAppError } from './oauth-error';
import {
  basicAuthorization,
  formUrlEncode,
  wireTokenRequest,
  type ClientCredentialsRequest,
} from './token-request';

export { basicAuthorization, formUrlEncode, type ClientCredentialsRequest } from './token-request';

/** How long a token exchange may take before it fails with a `timeout` error. */
export const TOKEN_TIMEOUT_MS = 15_000;

/** The lifetime assumed when the server gives neither `expires_in` nor a JWT `exp` (1 hour). */
export const DEFAULT_TOKEN_LIFETIME_MS = 60 * 60_000;

/** A successful token response (RFC 6749 §5.1); unknown members are allowed and ignored. */
const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  // Required by §5.1, but some servers omit it: Bearer is the only type this client can use.
  token_type: z.string().min(1).optional(),
  // Some servers send a numeric string.
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)])
    .nullish()
    .transform((value) => (value === null || value === undefined ? undefined : Number(value))),
  scope: z.string().optional(),
});

/**
 * When a token expires on this computer's clock: `expires_in`, else the JWT's `exp` (the server's
 * clock, moved by `serverSkewMs`, how far the server runs ahead), else one hour after issue.
 */
function expiryOf(
  accessToken: string,
  expiresIn: number | undefined,
  issuedAt: number,
  serverSkewMs: number,
): number {
  if (expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn > 0) {
    return issuedAt + Math.round(expiresIn * 1000);
  }
  try {
    const exp = decodeJwt(accessToken).exp;
    const localExp = typeof exp === 'number' ? exp * 1000 - serverSkewMs : Number.NaN;
    if (Number.isFinite(localExp) && localExp > issuedAt) return localExp;
  } catch {
    // Not a JWT (an opaque token): fall through to the default lifetime.
  }
  return issuedAt + DEFAULT_TOKEN_LIFETIME_MS;
}

/** Every form in which a secret could show up in a message, longest first. */
function secretForms(request: ClientCredentialsRequest): string[] {
  const { clientId, clientSecret, clientAssertion } = request;
  const forms = new Set(Object.values(request.secretHeaders ?? {}));
  if (clientAssertion) {
    forms.add(clientAssertion);
    // Its signature alone is what makes it a credential.
    forms.add(clientAssertion.slice(clientAssertion.lastIndexOf('.') + 1));
  }
  if (clientSecret !== undefined && clientSecret !== '') {
    forms.add(clientSecret);
    forms.add(formUrlEncode(clientSecret));
    forms.add(encodeURIComponent(clientSecret));
    forms.add(basicAuthorization(clientId, clientSecret).slice('Basic '.length));
  }
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

function scrub(value: unknown, forms: readonly string[]): unknown {
  if (typeof value === 'string') {
    return forms.reduce((text, form) => text.split(form).join('[redacted]'), value);
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, forms));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, forms)]));
  }
  return value;
}

/**
 * Exchanges client credentials for an access token (RFC 6749 §4.4) with any conformant server:
 * POST form `grant_type=client_credentials` with scope, audience, resources and extra
 * parameters, the client authenticated with client_secret_basic, client_secret_post or
 * private_key_jwt (see `wireTokenRequest`). Failures are AppFailures (problem, rate-limited,
 * network, timeout, validation); an OAuth error response lands on the field it concerns, and
 * no message, problem or extension ever contains the secret or the assertion (scrubbed in
 * every encoding).
 */
export async function exchangeClientCredentials(
  request: ClientCredentialsRequest,
): Promise<TokenSet> {
  try {
    return await exchange(request);
  } catch (error) {
    if (request.signal?.aborted && error === request.signal.reason) throw error;
    const scrubbed = scrub(toAppError(error), secretForms(request)) as AppError;
    throw new AppFailure(scrubbed);
  }
}

async function exchange(request: ClientCredentialsRequest): Promise<TokenSet> {
  const now = request.now ?? Date.now;
  const { headers, form } = wireTokenRequest(request);
  const sentAt = now();
  const response = await fetchWithTimeout(
    request.tokenUrl,
    { method: 'POST', headers, body: form.toString() },
    {
      fetch: request.fetch,
      timeoutMs: request.timeoutMs ?? TOKEN_TIMEOUT_MS,
      signal: request.signal,
    },
  );
  // RFC 6749 §5.1 answers 200; another 2xx is still read as a token response.
  if (response.status < 200 || response.status > 299) {
    const body = jsonOrNull(response.text);
    // A problem document (the seed API's answer) and a 429 keep their own reading.
    const problem =
      mediaTypeOf(response.headers) === 'application/problem+json' ||
      (asObject(body) !== null && looksLikeProblem(asObject(body)!));
    const oauthError =
      response.status === 429 || problem
        ? null
        : oauthErrorToAppError(body, response.status, {
            context: 'token',
            host: response.host,
            clientAuth: request.clientAuth,
          });
    throw new AppFailure(oauthError ?? responseToAppError(response, response.text, { now }));
  }
  const body = parseJsonBody(response, TokenResponseSchema, 'a token response (access_token)');
  const issuedAt = now();
  const tokenType = body.token_type ?? 'Bearer';
  if (tokenType.toLowerCase() !== 'bearer') {
    throw new AppFailure({
      kind: 'validation',
      message: `The token endpoint at ${response.host} issued a "${tokenType}" token; Keysmith can only use Bearer tokens.`,
      errors: [],
    });
  }
  return {
    accessToken: body.access_token,
    tokenType,
    issuedAt,
    expiresAt: expiryOf(
      body.access_token,
      body.expires_in,
      issuedAt,
      serverSkewOf(response, sentAt, issuedAt),
    ),
    ...(body.scope === undefined ? {} : { scope: body.scope }),
  };
}

/** How far the token endpoint's clock runs ahead, from its Date header: 0 when within 30 s. */
function serverSkewOf(response: { headers: Headers }, sentAt: number, receivedAt: number): number {
  const dateHeader = response.headers.get('date');
  return effectiveSkewMs(clockReadingOf({ sentAt, receivedAt, dateHeader }));
}

/** The JSON in a body, or null when it is none. */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
