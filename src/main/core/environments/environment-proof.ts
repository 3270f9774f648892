import type { EnvironmentFields, TokenRequestSummary, TokenSet } from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { SendableHeaders } from '../secrets/bound-secrets';
import { exchangeClientCredentials } from '../tokens/oauth';
import { summarizeTokenRequest, tokenRequestOptions } from '../tokens/token-request';

/** A proof's outcome: a token, or the failure (unreachable servers included); with what was sent. */
export type Proof =
  | { readonly token: TokenSet; readonly request: TokenRequestSummary }
  | { readonly error: AppError; readonly request?: TokenRequestSummary };

/** The fields a proof reads. */
export type ProvableFields = Pick<
  EnvironmentFields,
  'baseUrl' | 'tokenUrl' | 'clientAuth' | 'scope' | 'audience' | 'resources' | 'tokenParams'
>;

/** A server that could not be reached, as opposed to one that answered "no". */
export function unreachable(error: AppError): boolean {
  return error.kind === 'network' || error.kind === 'timeout';
}

/**
 * Proves a pasted secret with a token exchange as the fields say (token endpoint, auth method,
 * scope, audience, resources, extra parameters) with the given headers.
 */
export async function proveSecret(
  fields: ProvableFields,
  clientId: string,
  clientSecret: string,
  headers: SendableHeaders,
  options: { readonly fetch?: typeof fetch; readonly now: () => number },
): Promise<Proof> {
  const request = {
    ...tokenRequestOptions(fields, clientId),
    clientSecret,
    extraHeaders: headers.extraHeaders,
    secretHeaders: headers.secretHeaders,
  };
  let summary: TokenRequestSummary | undefined;
  try {
    summary = summarizeTokenRequest(request, options.now());
    const token = await exchangeClientCredentials({ ...request, ...options });
    return { token, request: summary };
  } catch (error) {
    return { error: toAppError(error), ...(summary === undefined ? {} : { request: summary }) };
  }
}

/**
 * Refuses what a proof cannot use: a secret for a private_key_jwt client (it signs, it sends
 * none), or no secret for a client that authenticates with one.
 */
export function checkSecretFor(
  fields: Pick<EnvironmentFields, 'clientAuth'>,
  secret: string,
): void {
  const usesKey = fields.clientAuth === 'private_key_jwt';
  if (usesKey === (secret === '')) return;
  const detail = usesKey
    ? 'This environment authenticates with a private key (private_key_jwt): it sends no client secret. Leave the secret empty.'
    : 'Paste the client_secret.';
  throw new AppFailure({
    kind: 'validation',
    message: detail,
    errors: [{ param: 'clientSecret', detail }],
  });
}
