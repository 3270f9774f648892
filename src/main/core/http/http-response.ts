import type { z } from 'zod';
import { AppFailure, type AppError, type ProblemDocument } from '../../../shared/errors';
import {
  asObject,
  looksLikeProblem,
  oauthHint,
  oauthProblem,
  safeSnippet,
  synthesizedProblem,
  toProblemDocument,
} from './problem-document';
import { hostOf, networkFailure, timeoutFailure } from './network-failure';
import { parseRetryAfter } from './retry-policy';

/** The longest body Keysmith reads from the API (10,000 listed credentials are about 3 MiB). */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A response whose body has been read in full (within the timeout), as text. */
export interface ReadResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** `host[:port]` of the request, for messages (never a path, query or credential). */
  readonly host: string;
}

/** How one request is sent: which fetch, how long to wait, and an optional caller abort. */
export interface FetchOptions {
  readonly fetch?: typeof fetch;
  readonly timeoutMs: number;
  /** Aborting it rejects with its reason (not an AppError: the caller asked for it). */
  readonly signal?: AbortSignal;
}

async function readCapped(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      return Promise.reject(new RangeError('too-large'));
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/**
 * Sends a request and reads its whole body, both within `timeoutMs` (combined with the caller's
 * signal). A timeout becomes a `timeout` AppFailure, a connection failure a `network` one naming
 * the host; neither ever contains the request's headers or body.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  options: FetchOptions,
): Promise<ReadResponse> {
  const host = hostOf(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const fail = (error: unknown, during: 'request' | 'body'): never => {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.aborted) throw timeoutFailure(host, options.timeoutMs);
    throw networkFailure(error, host, during);
  };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { ...init, signal, redirect: 'manual' });
  } catch (error) {
    return fail(error, 'request');
  }
  let text: string;
  try {
    text = await readCapped(response);
  } catch (error) {
    if (error instanceof RangeError && error.message === 'too-large') {
      const message = `${host} sent more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB (HTTP ${response.status}); Keysmith stopped reading it.`;
      throw new AppFailure({
        kind: 'problem',
        message,
        problem: synthesizedProblem(response.status, 'response_too_large', message),
      });
    }
    return fail(error, 'body');
  }
  return { status: response.status, headers: response.headers, text, host };
}

/** The media type of a response, lower-cased, without parameters; '' when absent. */
export function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function isJsonMedia(media: string): boolean {
  return media === 'application/json' || media.endsWith('+json');
}

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The origin and path of a Location header (no query, no credentials), or null. */
function safeLocation(location: string | null): string | null {
  if (location === null) return null;
  try {
    const url = new URL(location, 'http://relative.invalid');
    return url.origin === 'http://relative.invalid' ? url.pathname : `${url.origin}${url.pathname}`;
  } catch {
    return null;
  }
}

/** "sent HTTP 502 text/html (an HTML page): "Bad gateway"" — what the server sent, safely. */
function whatWasSent(response: ReadResponse, note: string): string {
  const media = mediaTypeOf(response.headers) || 'no Content-Type';
  const snippet = safeSnippet(response.text);
  const body = snippet === '' ? 'an empty body' : `"${snippet}"`;
  return `${response.host} sent HTTP ${response.status} with ${media} ${note}: ${body}`;
}

function describe(problem: ProblemDocument, host: string): string {
  const facts = [`HTTP ${problem.status}`, ...(problem.code ? [problem.code] : [])].join(', ');
  return `${host}: ${problem.title}${problem.detail ? ` — ${problem.detail}` : ''} (${facts})`;
}

/** The problem in an error response, whether a real one, an OAuth error, or synthesized. */
function problemOf(response: ReadResponse): {
  problem: ProblemDocument;
  message: string;
  fromServer: boolean;
} {
  const media = mediaTypeOf(response.headers);
  const parsed = response.text.trim() === '' ? ({ ok: false } as const) : parseJson(response.text);
  const body = parsed.ok ? asObject(parsed.value) : null;
  if (body !== null && (media === 'application/problem+json' || looksLikeProblem(body))) {
    const problem = toProblemDocument(body, response.status);
    return { problem, message: describe(problem, response.host), fromServer: true };
  }
  if (body !== null && typeof body['error'] === 'string') {
    const problem = oauthProblem(body, response.status);
    const error = body['error'];
    const described = typeof body['error_description'] === 'string';
    return {
      problem,
      fromServer: true,
      message:
        `The token endpoint at ${response.host} refused the request (${error}, HTTP ${response.status}): ` +
        `${oauthHint(error)}${described ? ` — ${body['error_description'] as string}` : ''}.`,
    };
  }
  if (response.status >= 300 && response.status < 400) {
    const location = safeLocation(response.headers.get('location'));
    const message =
      `${response.host} answered HTTP ${response.status}, a redirect${location ? ` to ${location}` : ''}. ` +
      'Keysmith does not follow redirects with credentials: use the final URL in the environment settings.';
    return {
      problem: synthesizedProblem(response.status, 'redirect', message),
      message,
      fromServer: false,
    };
  }
  const note =
    response.text.trim() === ''
      ? ''
      : parsed.ok
        ? 'JSON that is not a problem document'
        : isJsonMedia(media)
          ? 'JSON that does not parse (truncated or malformed)'
          : /^\s*</.test(response.text)
            ? '(an HTML page, not JSON)'
            : '(not JSON)';
  const message = `${whatWasSent(response, note).replace(/ +:/, ':')}.`;
  const code = parsed.ok
    ? 'unexpected_json'
    : isJsonMedia(media)
      ? 'invalid_json'
      : 'non_json_response';
  return {
    problem: synthesizedProblem(response.status, code, message),
    message,
    fromServer: false,
  };
}

/**
 * The AppError for a failed response: an RFC 9457 problem (every member kept), an RFC 6749 §5.2
 * OAuth error (a synthesized problem whose `code` is the OAuth error), a 429 as `rate-limited`
 * with `retryAt` from Retry-After, or — for HTML, non-JSON, truncated JSON — a synthesized
 * problem whose message says what the server sent (status, media type, a redacted snippet).
 */
export function responseToAppError(
  response: Pick<ReadResponse, 'status' | 'headers'> & { readonly host?: string },
  bodyText: string,
  options: { readonly now?: () => number } = {},
): AppError {
  const read: ReadResponse = { ...response, text: bodyText, host: response.host ?? 'The API' };
  const { problem, message, fromServer } = problemOf(read);
  if (read.status === 429) {
    const retryAt = parseRetryAfter(read.headers.get('retry-after'), (options.now ?? Date.now)());
    const when = retryAt === null ? '' : ` Retry after ${new Date(retryAt).toISOString()}.`;
    return {
      kind: 'rate-limited',
      message: `${read.host} is rate limiting Keysmith (HTTP 429).${when}`,
      retryAt,
      ...(fromServer ? { problem } : {}),
    };
  }
  return { kind: 'problem', message, problem };
}

/**
 * The body of a successful response validated with `schema`, or a clear `problem` failure
 * saying what the server sent instead of `what` (never the body's secrets).
 */
export function parseJsonBody<T>(response: ReadResponse, schema: z.ZodType<T>, what: string): T {
  const media = mediaTypeOf(response.headers);
  const parsed = parseJson(response.text);
  const fail = (message: string, code: string): never => {
    throw new AppFailure({
      kind: 'problem',
      message,
      problem: synthesizedProblem(response.status, code, message),
    });
  };
  if (!parsed.ok) {
    const note = isJsonMedia(media)
      ? 'JSON that does not parse (truncated or malformed)'
      : /^\s*</.test(response.text)
        ? '(an HTML page)'
        : '(not JSON)';
    return fail(`${whatWasSent(response, note)}, instead of ${what}.`, 'invalid_response');
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    return fail(
      `${response.host} sent HTTP ${response.status} JSON that is not ${what} (${issues}).`,
      'invalid_response',
    );
  }
  return result.data;
}
