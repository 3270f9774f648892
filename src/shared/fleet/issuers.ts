import { tokenUrlOf, type EnvironmentFields } from '../environment';
import { withoutTrailingSlashes } from '../trailing-slashes';

/** The longest issuer compared; longer values are never matched. */
const MAX_ISSUER_LENGTH = 2048;

/** An issuer as compared: its URL's origin and path without trailing slashes; other text as is. */
export function normalizeIssuer(issuer: string): string {
  const value = issuer.trim();
  if (value.length > MAX_ISSUER_LENGTH) return value;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return value;
    return `${url.origin}${withoutTrailingSlashes(url.pathname)}`;
  } catch {
    return value;
  }
}

/** Every path prefix of a URL, its origin first: `https://h`, `https://h/a`, `https://h/a/b`. */
function prefixesOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
    const prefixes = [parsed.origin];
    for (let i = 1; i <= segments.length; i++) {
      prefixes.push(`${parsed.origin}/${segments.slice(0, i).join('/')}`);
    }
    return prefixes;
  } catch {
    return [];
  }
}

/**
 * The issuers a token of this environment may carry, from its configuration: the base URL and
 * the token URL with each of their path prefixes (an issuer is the token URL's origin for most
 * servers, a path under it for Keycloak realms or Okta authorization servers). Normalized.
 */
export function configuredIssuers(
  environment: Pick<EnvironmentFields, 'baseUrl' | 'tokenUrl'>,
): string[] {
  const tokenUrl = tokenUrlOf(environment);
  const all = [...prefixesOf(environment.baseUrl), ...prefixesOf(tokenUrl).slice(0, -1)];
  return [...new Set(all.map(normalizeIssuer))];
}
