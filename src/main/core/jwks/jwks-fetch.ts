import { z } from 'zod';
import type { FetchedJwks } from '../../../shared/domain';
import { isLoopbackHost } from '../../../shared/environment';
import { AppFailure } from '../../../shared/errors';
import { MAX_BODY_BYTES } from '../http/capped-read';
import { fetchWithTimeout, responseToAppError, type ReadResponse } from '../http/http-response';

/** How long a JWKS download may take (each hop of a redirect gets this long). */
export const JWKS_TIMEOUT_MS = 10_000;

/** How many same-origin redirects a JWKS download follows. */
export const MAX_JWKS_REDIRECTS = 3;

const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) });

/** Members of a JWK that hold private or symmetric key material. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function refused(message: string, detail: string): AppFailure {
  return new AppFailure({
    kind: 'validation',
    message,
    errors: [{ param: 'jwksUrl', detail }],
  });
}

/**
 * The URL a JWKS may be fetched from, parsed, or a `validation` failure: https, or plain http
 * only on a literal loopback host (`localhost`, 127.0.0.0/8, ::1); no user name or password.
 */
export function checkedJwksUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('The JWKS URL is not a valid URL.', 'Not a URL.');
  }
  const loopback = isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw refused(
      'Fetch keys only over https (plain http is allowed for localhost, 127.0.0.1 and ::1).',
      'Use an https:// URL.',
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw refused(
      'A JWKS URL must not carry a user name or password.',
      'Remove the credentials from the URL.',
    );
  }
  return parsed;
}

/** The next URL of a same-origin redirect, or a failure naming where the server wanted to go. */
function redirectTarget(response: ReadResponse, from: URL, origin: string): URL {
  const location = response.headers.get('location');
  let next: URL | null;
  try {
    next = location === null ? null : new URL(location, from);
  } catch {
    next = null;
  }
  if (next === null) {
    throw refused(
      `${response.host} answered HTTP ${response.status}, a redirect without a usable Location.`,
      'Redirect without a target.',
    );
  }
  if (next.origin !== origin) {
    throw refused(
      `${response.host} redirected the key download to another origin (${next.origin}). Keysmith fetches keys only from the origin it was given: use the final URL.`,
      'Redirected to another origin.',
    );
  }
  return next;
}

/** Reads a downloaded JWKS: JSON with a non-empty "keys" array of public keys only. */
function readJwks(response: ReadResponse): number {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw refused(`${response.host} did not answer with JSON, so it is not a JWKS.`, 'Not JSON.');
  }
  const jwks = JwksSchema.safeParse(body);
  if (!jwks.success) {
    throw refused(
      `${response.host} answered JSON without a non-empty "keys" array: not a JWKS.`,
      'No "keys" array.',
    );
  }
  if (jwks.data.keys.some((key) => PRIVATE_MEMBERS.some((member) => member in key))) {
    throw refused(
      `${response.host} publishes private or symmetric key material in its JWKS. Keysmith refused it; tell the server's owner.`,
      'Private key material in a public JWKS.',
    );
  }
  return jwks.data.keys.length;
}

/**
 * Downloads a JWKS from a URL (see `checkedJwksUrl`) for the JWT debugger: at most 1 MiB, read
 * as a stream; redirects followed only within the same origin (at most three). Private keys in
 * the set are refused, so a misconfigured server's secrets never reach the page. Deciding
 * whether this URL may be fetched at all is the caller's job (see `createJwksFetcher`).
 */
export async function fetchJwks(
  url: string,
  {
    fetch: fetchImpl,
    now = Date.now,
  }: { readonly fetch?: typeof fetch; readonly now?: () => number } = {},
): Promise<FetchedJwks> {
  const start = checkedJwksUrl(url);
  let current = start;
  for (let redirects = 0; ; redirects += 1) {
    const response = await fetchWithTimeout(
      current.href,
      { headers: { Accept: 'application/jwk-set+json, application/json' } },
      { fetch: fetchImpl, timeoutMs: JWKS_TIMEOUT_MS, maxBytes: MAX_BODY_BYTES },
    );
    if (REDIRECT_STATUSES.has(response.status)) {
      if (redirects >= MAX_JWKS_REDIRECTS) {
        throw refused(
          `${response.host} redirected the key download more than ${MAX_JWKS_REDIRECTS} times.`,
          'Too many redirects.',
        );
      }
      current = redirectTarget(response, current, start.origin);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      throw new AppFailure(responseToAppError(response, response.text));
    }
    const keyCount = readJwks(response);
    return { url: start.href, text: response.text, keyCount, fetchedAt: now() };
  }
}
