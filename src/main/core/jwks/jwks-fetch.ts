import { z } from 'zod';
import type { FetchedJwks } from '../../../shared/domain';
import { isLoopbackHost } from '../../../shared/environment';
import { AppFailure } from '../../../shared/errors';
import { fetchWithTimeout, responseToAppError } from '../http/http-response';

/** How long a JWKS download may take. */
export const JWKS_TIMEOUT_MS = 10_000;

const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) });

/**
 * Downloads a JWKS by URL for the JWT debugger. Only main does this, only when the user presses
 * the button: the renderer itself has no network. Private keys in the set are refused, so a
 * misconfigured server's secrets never reach the page.
 */
export async function fetchJwks(
  url: string,
  {
    fetch: fetchImpl,
    now = Date.now,
  }: { readonly fetch?: typeof fetch; readonly now?: () => number } = {},
): Promise<FetchedJwks> {
  const parsed = new URL(url);
  const loopback = isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new AppFailure({
      kind: 'validation',
      message: 'Fetch keys only over https (plain http is allowed for localhost).',
      errors: [{ param: 'jwksUrl', detail: 'Use an https:// URL.' }],
    });
  }
  const response = await fetchWithTimeout(
    url,
    { headers: { Accept: 'application/jwk-set+json, application/json' } },
    { fetch: fetchImpl, timeoutMs: JWKS_TIMEOUT_MS },
  );
  if (response.status < 200 || response.status >= 300) {
    throw new AppFailure(responseToAppError(response, response.text));
  }
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new AppFailure({
      kind: 'validation',
      message: `${response.host} did not answer with JSON, so it is not a JWKS.`,
      errors: [{ param: 'jwksUrl', detail: 'Not JSON.' }],
    });
  }
  const jwks = JwksSchema.safeParse(body);
  if (!jwks.success) {
    throw new AppFailure({
      kind: 'validation',
      message: `${response.host} answered JSON without a non-empty "keys" array: not a JWKS.`,
      errors: [{ param: 'jwksUrl', detail: 'No "keys" array.' }],
    });
  }
  const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
  if (jwks.data.keys.some((key) => privateMembers.some((member) => member in key))) {
    throw new AppFailure({
      kind: 'validation',
      message: `${response.host} publishes private or symmetric key material in its JWKS. Keysmith refused it; tell the server's owner.`,
      errors: [{ param: 'jwksUrl', detail: 'Private key material in a public JWKS.' }],
    });
  }
  return { url, text: response.text, keyCount: jwks.data.keys.length, fetchedAt: now() };
}

/** The JWT debugger's JWKS download, over the app's fetch and clock (`createCore` builds it). */
export interface JwksFetcher {
  /** Downloads and checks a JWKS (see `fetchJwks`). */
  fetch(url: string): Promise<FetchedJwks>;
}

/** Builds the JWKS fetcher over an injected fetch (tests pass theirs) and clock. */
export function createJwksFetcher(options: {
  readonly fetch?: typeof fetch;
  readonly now: () => number;
}): JwksFetcher {
  return { fetch: (url) => fetchJwks(url, options) };
}
