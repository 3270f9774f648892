import { withoutTrailingSlashes } from '@shared/trailing-slashes';
import {
  CLIENT_AUTH_METHODS,
  isLoopbackHost,
  type ClientAuthMethod,
  type EnvironmentKind,
} from '@shared/environment';
import type { DiscoveredServer } from '@shared/domain';
import type { EnvironmentFormValues } from './environment-form-model';

/** How each client authentication method is named in the form. */
export const CLIENT_AUTH_LABELS: Readonly<Record<ClientAuthMethod, string>> = {
  client_secret_basic: 'client_secret_basic (secret in the Authorization header)',
  client_secret_post: 'client_secret_post (secret in the form body)',
  private_key_jwt: 'private_key_jwt (a signed assertion; no secret)',
};

/** What is wrong with an optional URL of the token side, or null. */
function optionalUrlProblem(value: string, kind: EnvironmentKind): string | null {
  const text = value.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL such as https://auth.example.com.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http(s) URL.';
  if (url.search !== '' || url.hash !== '') return 'Remove the query string and fragment.';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && kind === 'production') {
    return 'Use https for production (plain http only on localhost).';
  }
  return null;
}

/** Checks the token-side fields before anything is sent; main checks them again. */
export function validateTokenSide(values: EnvironmentFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.clientAuth === 'private_key_jwt' && values.clientSecret !== '') {
    errors.clientSecret = 'private_key_jwt sends no secret: Keysmith signs with a key instead.';
  }
  for (const field of ['issuer', 'jwksUrl', 'registrationUrl'] as const) {
    const problem = optionalUrlProblem(values[field], values.kind);
    if (problem) errors[field] = problem;
  }
  if (values.initialAccessToken !== '' && values.registrationUrl.trim() === '') {
    errors.initialAccessToken = 'Enter the registration endpoint: the token is sent only there.';
  }
  return errors;
}

/**
 * The form after discovery: the endpoints the metadata names fill their fields (the person may
 * still change each), the issuer becomes the one the server names, and a blank base URL takes
 * the issuer. The auth method is kept unless the server does not offer it and offers another.
 */
export function applyDiscovery(
  values: EnvironmentFormValues,
  server: DiscoveredServer,
): EnvironmentFormValues {
  const offered = CLIENT_AUTH_METHODS.filter((m) => server.tokenEndpointAuthMethods.includes(m));
  const keep = offered.length === 0 || offered.includes(values.clientAuth);
  const blankBase = values.baseUrl.trim() === '' || values.baseUrl.trim() === 'https://';
  return {
    ...values,
    issuer: server.issuer,
    tokenUrl: server.tokenEndpoint ?? values.tokenUrl,
    jwksUrl: server.jwksUri ?? values.jwksUrl,
    registrationUrl: server.registrationEndpoint ?? values.registrationUrl,
    clientAuth: keep ? values.clientAuth : offered[0]!,
    baseUrl: blankBase ? withoutTrailingSlashes(server.issuer) : values.baseUrl,
  };
}
