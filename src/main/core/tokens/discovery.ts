import { z } from 'zod';
import { withoutTrailingSlashes } from '../../../shared/trailing-slashes';
import type { DiscoveredServer, DiscoveryResult } from '../../../shared/domain';
import { isLoopbackHost, needsHttps, type EnvironmentKind } from '../../../shared/environment';
import { AppFailure } from '../../../shared/errors';
import { clipText, looksLikeMarkup } from '../http/body-excerpt';
import { fetchWithTimeout, type ReadResponse } from '../http/http-response';

/** How long each metadata request may take. */
export const DISCOVERY_TIMEOUT_MS = 10_000;

/** How many same-origin redirects one metadata request follows. */
export const MAX_DISCOVERY_REDIRECTS = 3;

/** The most entries of a list (auth methods, scopes, grant types) kept from metadata. */
const MAX_LIST = 100;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Where metadata lives for an issuer, in the order they are tried. */
type Source = DiscoveredServer['source'];

function refused(detail: string): AppFailure {
  return new AppFailure({
    kind: 'validation',
    message: detail,
    errors: [{ param: 'issuer', detail }],
  });
}

/**
 * The issuer as a URL, or a `validation` failure on the issuer field: https (plain http only on
 * a literal loopback host), no user name or password, no query or fragment (RFC 8414 §2).
 */
export function checkedIssuer(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer.trim());
  } catch {
    throw refused('Enter the issuer as a full URL, e.g. https://auth.example.com/realms/payments.');
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw refused(
      'Discovery reads metadata over https only (plain http for localhost, 127.0.0.1 and ::1).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw refused('Remove the user name and password from the issuer.');
  }
  if (url.search !== '' || url.hash !== '' || issuer.includes('?') || issuer.includes('#')) {
    throw refused('An issuer has no query or fragment (RFC 8414 §2).');
  }
  return url;
}

/** The issuer without a trailing slash on its path (`https://a.example/` stays as the origin). */
function trimmed(url: URL): string {
  const path = withoutTrailingSlashes(url.pathname);
  return `${url.origin}${path}`;
}

/**
 * The metadata URLs of an issuer, in order: RFC 8414 §3.1 (well-known inserted before the path),
 * OpenID Connect Discovery 1.0 §4 (appended), and RFC 8414's well-known appended to the path as
 * some servers (Okta) publish it.
 */
export function metadataUrls(issuer: URL): { readonly source: Source; readonly url: string }[] {
  const path = trimmed(issuer).slice(issuer.origin.length);
  const urls: { source: Source; url: string }[] = [
    { source: 'rfc8414', url: `${issuer.origin}/.well-known/oauth-authorization-server${path}` },
    { source: 'openid', url: `${issuer.origin}${path}/.well-known/openid-configuration` },
  ];
  if (path !== '') {
    urls.push({
      source: 'rfc8414',
      url: `${issuer.origin}${path}/.well-known/oauth-authorization-server`,
    });
  }
  return urls;
}

const text = z.string().max(2048);
/** A list of short strings; anything else in its place is ignored rather than fatal. */
const list = z
  .array(z.string().max(200))
  .transform((items) => items.slice(0, MAX_LIST))
  .optional()
  .catch(undefined);
const endpoint = text.optional().catch(undefined);

/** The members of authorization server metadata Keysmith reads (RFC 8414 §2). */
const MetadataSchema = z.looseObject({
  issuer: text,
  token_endpoint: endpoint,
  jwks_uri: endpoint,
  registration_endpoint: endpoint,
  token_endpoint_auth_methods_supported: list,
  scopes_supported: list,
  grant_types_supported: list,
});

/** An endpoint URL from metadata if it is http(s), else null. */
function endpointUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** GETs one metadata URL, following same-origin redirects only; null with a reason when there is none. */
async function read(
  start: string,
  fetchImpl: typeof fetch | undefined,
): Promise<{ response: ReadResponse } | { reason: string }> {
  let current = new URL(start);
  for (let redirects = 0; ; redirects += 1) {
    const response = await fetchWithTimeout(
      current.href,
      { headers: { Accept: 'application/json' } },
      { fetch: fetchImpl, timeoutMs: DISCOVERY_TIMEOUT_MS },
    );
    if (!REDIRECT_STATUSES.has(response.status)) {
      return response.status >= 200 && response.status < 300
        ? { response }
        : { reason: `HTTP ${response.status}` };
    }
    if (redirects >= MAX_DISCOVERY_REDIRECTS) return { reason: 'too many redirects' };
    let next: URL;
    try {
      next = new URL(response.headers.get('location') ?? '', current);
    } catch {
      return { reason: 'a redirect without a usable Location' };
    }
    if (next.origin !== current.origin)
      return { reason: `a redirect to another origin (${next.origin})` };
    current = next;
  }
}

/** Facts about a server the person should know before using it with Keysmith. */
function notesOn(server: Omit<DiscoveredServer, 'notes'>, kind: EnvironmentKind): string[] {
  const notes: string[] = [];
  if (server.tokenEndpoint === null)
    notes.push('The metadata names no token endpoint: type the token URL.');
  if (server.grantTypes.length > 0 && !server.grantTypes.includes('client_credentials')) {
    notes.push(
      'The server does not list the client_credentials grant: token requests may be refused.',
    );
  }
  const plain = [server.tokenEndpoint, server.registrationEndpoint].filter(
    (url): url is string => url !== null && needsHttps(kind, url),
  );
  if (plain.length > 0)
    notes.push(`Production needs https, and the metadata names ${plain.join(', ')}.`);
  return notes;
}

/**
 * Discovers an authorization server from its issuer, in main: RFC 8414 metadata, then OpenID
 * Connect discovery (see `metadataUrls`), each read within 10 s and 1 MiB, https only (plain
 * http for loopback literals), same-origin redirects only, no credential sent. The metadata's
 * `issuer` must be the requested one (RFC 8414 §3.3; a trailing slash aside), or it is refused.
 * A server that publishes none gives `found: false` and what each URL answered.
 */
export async function discover(
  issuer: string,
  kind: EnvironmentKind,
  options: { readonly fetch?: typeof fetch } = {},
): Promise<DiscoveryResult> {
  const requested = checkedIssuer(issuer);
  const tried: string[] = [];
  const answers: string[] = [];
  for (const { source, url } of metadataUrls(requested)) {
    tried.push(url);
    const outcome = await read(url, options.fetch);
    if ('reason' in outcome) {
      answers.push(`${url}: ${outcome.reason}`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(outcome.response.text);
    } catch {
      answers.push(
        `${url}: ${looksLikeMarkup(outcome.response.text) ? 'an HTML page' : 'not JSON'}`,
      );
      continue;
    }
    const parsed = MetadataSchema.safeParse(json);
    if (!parsed.success) {
      answers.push(`${url}: JSON without an "issuer", so not metadata`);
      continue;
    }
    const metadata = parsed.data;
    if (withoutTrailingSlashes(metadata.issuer) !== trimmed(requested)) {
      throw refused(
        `The metadata at ${url} is for the issuer “${clipText(metadata.issuer, 200)}”, not ${trimmed(requested)}. ` +
          'Keysmith refuses metadata that names another issuer (RFC 8414 §3.3): check the issuer URL.',
      );
    }
    const server = {
      issuer: metadata.issuer,
      source,
      metadataUrl: url,
      tokenEndpoint: endpointUrl(metadata.token_endpoint),
      jwksUri: endpointUrl(metadata.jwks_uri),
      registrationEndpoint: endpointUrl(metadata.registration_endpoint),
      tokenEndpointAuthMethods: metadata.token_endpoint_auth_methods_supported ?? [],
      scopes: metadata.scopes_supported ?? [],
      grantTypes: metadata.grant_types_supported ?? [],
    };
    return { found: true, server: { ...server, notes: notesOn(server, kind) }, tried };
  }
  return {
    found: false,
    tried,
    message:
      `${requested.host} publishes no authorization server metadata (${answers.join('; ')}). ` +
      'Type the token URL (and the JWKS and registration URLs, if any) yourself.',
  };
}
