import { withoutTrailingSlashes } from '../../../shared/trailing-slashes';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { CreatedCredential, Credential, NewCredential } from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import {
  fetchWithTimeout,
  parseJsonBody,
  responseToAppError,
  type ReadResponse,
} from '../http/http-response';
import { MAX_LIST_BODY_BYTES } from '../http/capped-read';
import { CreatedSchema, ListSchema, readCredentialList, toCredential } from './credentials-body';
import { hostOf } from '../http/network-failure';
import {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  retryAfterDelay,
  type RetrySettings,
} from '../http/retry-policy';

/** How long one API request may take before it fails with a `timeout` error. */
export const API_TIMEOUT_MS = 15_000;

/** The credential endpoints of one environment's API (list, create, revoke). */
export interface CredentialsApi {
  /** Every credential of the partner, without secrets. */
  list(): Promise<Credential[]>;
  /** Creates a credential; every retry sends the same Idempotency-Key, so at most one is made. */
  create(
    input: NewCredential,
    idempotencyKey: string,
  ): Promise<{ readonly credential: CreatedCredential; readonly replayed: boolean }>;
  /** Revokes a credential for good. */
  revoke(clientId: string): Promise<void>;
}

/** What the API client needs: where the API is, how to get a token, and how patient to be. */
export interface CredentialsApiOptions {
  readonly baseUrl: string;
  /** A valid access token (cached by the caller). */
  readonly getToken: () => Promise<string>;
  /** Drops the cached token after a 401 so that the next getToken() mints a fresh one. */
  readonly invalidateToken: () => void;
  /** Per-environment headers; they never replace Authorization, Accept or Idempotency-Key. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  /** The environment's name for messages; default the API's host. */
  readonly label?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetrySettings>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

// Any JSON at all: the list body is checked by readCredentialList, then by ListSchema if need be.
const AnyJson = z.unknown();
const LIST = 'a list of credentials';

/** What a request needs besides the method and path. */
interface Send {
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Create: a 409 means the same key is still in flight (draft-ietf-httpapi-idempotency-key). */
  readonly conflictMeansInFlight?: boolean;
  /** The most bytes of a successful body to read (default 1 MiB; the list reads more). */
  readonly maxBytes?: number;
}

/** The final response, and whether an earlier try may have reached the server and acted. */
interface Sent {
  readonly response: ReadResponse;
  readonly earlierTryMayHaveActed: boolean;
  /** Tries made, when the last answer was one worth retrying (else 1). */
  readonly triesOnGivingUp: number;
}

function isRetryableStatus(status: number, conflictMeansInFlight: boolean): boolean {
  if (status === 429 || status === 408) return true;
  if (status === 409) return conflictMeansInFlight;
  return status >= 500 && status !== 501 && status !== 505;
}

function withAttempts(error: AppError, attempts: number): AppError {
  if (attempts < 2) return error;
  return { ...error, message: `${error.message} (gave up after ${attempts} tries)` };
}

/**
 * The API client for credentials. Each request carries a fresh Bearer token and a timeout;
 * a 401 drops the token and retries once with a new one. Network errors, timeouts, 408, 429
 * and 5xx are retried (Retry-After honoured, seconds or HTTP-date, when it asks for no more
 * than `maxDelayMs`, else the `rate-limited` error with its `retryAt` is shown at once;
 * otherwise exponential backoff with jitter). Create is retried too, always with the same
 * Idempotency-Key, and a 409 "key in flight" is waited out, so a lost response is replayed
 * rather than creating a second credential.
 *
 * Errors: 404 and 409 on revoke stay kind `problem` (the UI shows its code and instance) with
 * a message naming the client_id and the environment; a 409 after a try whose outcome was lost
 * means that try revoked it, so revoke succeeds. Unusable bodies become clear `problem` errors.
 */
export function createCredentialsApi(options: CredentialsApiOptions): CredentialsApi {
  const settings: RetrySettings = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const base = withoutTrailingSlashes(options.baseUrl.trim());
  const label = (): string => options.label ?? hostOf(base);

  const send = async (method: string, path: string, request: Send = {}): Promise<Sent> => {
    const url = `${base}${path}`;
    let tries = 0;
    let refreshed = false;
    let mayHaveActed = false;
    for (;;) {
      tries += 1;
      const token = await options.getToken();
      let response: ReadResponse;
      try {
        response = await fetchWithTimeout(
          url,
          {
            method,
            headers: {
              ...options.extraHeaders,
              ...request.headers,
              Authorization: `Bearer ${token}`,
              Accept: 'application/json, application/problem+json',
            },
            body: request.body,
          },
          {
            fetch: options.fetch,
            timeoutMs: options.timeoutMs ?? API_TIMEOUT_MS,
            maxBytes: request.maxBytes,
          },
        );
      } catch (error) {
        const appError = toAppError(error);
        const transient = appError.kind === 'network' || appError.kind === 'timeout';
        if (!transient || tries >= settings.attempts) {
          throw new AppFailure(withAttempts(appError, tries));
        }
        mayHaveActed = true;
        await sleep(backoffDelay(tries, settings, random));
        continue;
      }
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        tries -= 1; // A stale token is not a failed try.
        options.invalidateToken();
        continue;
      }
      const sent = (triesOnGivingUp: number): Sent => ({
        response,
        earlierTryMayHaveActed: mayHaveActed,
        triesOnGivingUp,
      });
      if (!isRetryableStatus(response.status, request.conflictMeansInFlight === true)) {
        return sent(1);
      }
      if (tries >= settings.attempts) return sent(tries);
      const at = now();
      const retryAt = parseRetryAfter(response.headers.get('retry-after'), at);
      const wait =
        retryAt === null
          ? backoffDelay(tries, settings, random)
          : retryAfterDelay(retryAt, at, settings, random);
      if (wait === null) return sent(tries);
      if (response.status >= 500 || response.status === 408) mayHaveActed = true;
      await sleep(wait);
    }
  };

  const failure = ({ response, triesOnGivingUp }: Sent, explained?: string): AppFailure => {
    const error = responseToAppError(response, response.text, { now });
    const message =
      explained ??
      (response.status === 401
        ? `${label()} refused the access token even after a fresh one was obtained: ${error.message}`
        : undefined);
    return new AppFailure(
      withAttempts(message === undefined ? error : { ...error, message }, triesOnGivingUp),
    );
  };

  return {
    async list() {
      const sent = await send('GET', '/auth/credentials', { maxBytes: MAX_LIST_BODY_BYTES });
      const { response } = sent;
      if (response.status !== 200) throw failure(sent);
      // Checked by hand first (zod on every item of a long list was a fifth of the call); a body
      // that check does not take goes through ListSchema, which decides and says what is wrong,
      // exactly as before.
      const listed = readCredentialList(parseJsonBody(response, AnyJson, LIST));
      if (listed !== null) return listed;
      return parseJsonBody(response, ListSchema, LIST).data.map(toCredential);
    },

    async create(input, idempotencyKey) {
      const sent = await send('POST', '/auth/credentials', {
        body: JSON.stringify({ name: input.name, expires_at: input.expiresAt }),
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        conflictMeansInFlight: true,
      });
      const { response } = sent;
      if (response.status !== 201 && response.status !== 200) throw failure(sent);
      const body = parseJsonBody(response, CreatedSchema, 'the created credential');
      const credential: CreatedCredential = {
        ...toCredential(body),
        ...(body.client_secret === undefined ? {} : { clientSecret: body.client_secret }),
      };
      const replayed = response.headers.get('idempotent-replayed')?.trim().toLowerCase() === 'true';
      return { credential, replayed };
    },

    async revoke(clientId) {
      const path = `/auth/credentials/${encodeURIComponent(clientId)}`;
      const sent = await send('DELETE', path);
      const { status } = sent.response;
      if (status >= 200 && status < 300) return;
      // An earlier try whose answer was lost revoked it: that is the outcome asked for.
      if (status === 409 && sent.earlierTryMayHaveActed) return;
      if (status === 404) {
        throw failure(sent, `No credential with client_id ${clientId} at ${label()}.`);
      }
      if (status === 409) {
        throw failure(sent, `The credential ${clientId} at ${label()} is already revoked.`);
      }
      throw failure(sent);
    },
  };
}
