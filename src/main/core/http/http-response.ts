import type { z } from 'zod';
import { AppFailure, type AppError, type ProblemDocument } from '../../../shared/errors';
import {
  asObject,
  looksLikeProblem,
  oauthHint,
  oauthProblem,
  synthesizedProblem,
  toProblemDocument,
} from './problem-document';
import { clipText, looksLikeMarkup, redactJson, safeSnippet } from './body-excerpt';
import {
  announcesMoreThan,
  describeBytes,
  MAX_BODY_BYTES,
  readCapped,
  type CappedBody,
} from './capped-read';
import { hostOf, networkFailure, timeoutFailure } from './network-failure';
import { parseRetryAfter } from './retry-policy';

/** A response whose body has been read (within the timeout and its cap), as text. */
export interface ReadResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** `host[:port]` of the request, for messages (never a path, query or credential). */
  readonly host: string;
  /** An error body longer than 1 MiB: `text` is its first MiB (a 2xx body that long is refused). */
  readonly truncated: boolean;
}

/** How one request is sent: which fetch, how long to wait, and an optional caller abort. */
export interface FetchOptions {
  readonly fetch?: typeof fetch;
  readonly timeoutMs: number;
  /** Aborting it rejects with its reason (not an AppError: the caller asked for it). */
  readonly signal?: AbortSignal;
  /**
   * The most bytes of a successful (2xx) body to read, 1 MiB unless said (the credentials list
   * says more); a longer one is a `response_too_large` problem. Other bodies are cut at 1 MiB.
   */
  readonly maxBytes?: number;
}

function tooLarge(host: string, status: number, cap: number): AppFailure {
  const message = `${host} sent more than ${describeBytes(cap)} (HTTP ${status}); Keysmith stopped reading it.`;
  return new AppFailure({
    kind: 'problem',
    message,
    problem: synthesizedProblem(status, 'response_too_large', message),
  });
}

/**
 * Sends a request and reads its body, both within `timeoutMs` (combined with the caller's
 * signal), streaming and never past its cap (see `FetchOptions.maxBytes`). A timeout becomes a
 * `timeout` AppFailure, a connection failure a `network` one naming the host; neither ever
 * contains the request's headers or body. Redirects are never followed here.
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
  const success = response.status >= 200 && response.status < 300;
  const cap = success ? (options.maxBytes ?? MAX_BODY_BYTES) : MAX_BODY_BYTES;
  if (success && announcesMoreThan(response.headers, cap)) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(host, response.status, cap);
  }
  let body: CappedBody;
  try {
    body = await readCapped(response, cap);
  } catch (error) {
    return fail(error, 'body');
  }
  if (body.truncated && success) throw tooLarge(host, response.status, cap);
  const text = new TextDecoder('utf-8').decode(body.bytes);
  return {
    status: response.status,
    headers: response.headers,
    text,
    host,
    truncated: body.truncated,
  };
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

/**
 * "sent HTTP 502 text/html (an HTML page): "Bad gateway"" — what the server sent, safely: JSON
 * with its secret members dropped, any other text as a short redacted snippet.
 */
function whatWasSent(response: ReadResponse, note: string, parsed: Parsed): string {
  const media = mediaTypeOf(response.headers) || 'no Content-Type';
  const shown = parsed.ok ? JSON.stringify(redactJson(parsed.value)) : response.text;
  const snippet = safeSnippet(shown);
  const body = snippet === '' ? 'an empty body' : `"${snippet}"`;
  const cut = response.truncated ? `, cut at ${describeBytes(MAX_BODY_BYTES)}` : '';
  return `${response.host} sent HTTP ${response.status} with ${media} ${note}${cut}: ${body}`;
}

function describe(problem: ProblemDocument, host: string): string {
  const facts = [`HTTP ${problem.status}`, ...(problem.code ? [clipText(problem.code, 80)] : [])];
  const detail = problem.detail ? ` — ${clipText(problem.detail)}` : '';
  return `${host}: ${clipText(problem.title, 200)}${detail} (${facts.join(', ')})`;
}

/** The problem in an error response, whether a real one, an OAuth error, or synthesized. */
function problemOf(response: ReadResponse): {
  problem: ProblemDocument;
  message: string;
  fromServer: boolean;
} {
  const media = mediaTypeOf(response.headers);
  const empty = response.text.trim() === '';
  const parsed = empty ? ({ ok: false } as const) : parseJson(response.text);
  // Members named like a secret (client_secret, access_token, password, …) are dropped at any
  // depth before anything of the body is kept or shown.
  const body = parsed.ok ? asObject(redactJson(parsed.value)) : null;
  if (body !== null && (media === 'application/problem+json' || looksLikeProblem(body))) {
    const problem = toProblemDocument(body, response.status);
    return { problem, message: describe(problem, response.host), fromServer: true };
  }
  if (body !== null && typeof body['error'] === 'string') {
    const problem = oauthProblem(body, response.status);
    const error = body['error'];
    const description = body['error_description'];
    const described = typeof description === 'string' ? ` — ${clipText(description)}` : '';
    return {
      problem,
      fromServer: true,
      message:
        `The token endpoint at ${response.host} refused the request (${clipText(error, 80)}, HTTP ${response.status}): ` +
        `${oauthHint(error)}${described}.`,
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
  const note = empty
    ? ''
    : parsed.ok
      ? 'JSON that is not a problem document'
      : isJsonMedia(media)
        ? 'JSON that does not parse (truncated or malformed)'
        : looksLikeMarkup(response.text)
          ? '(an HTML page, not JSON)'
          : '(not JSON)';
  const sent = whatWasSent(response, note, parsed);
  const message = `${empty ? sent.replace(' :', ':') : sent}.`;
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
  response: Pick<ReadResponse, 'status' | 'headers'> &
    Partial<Pick<ReadResponse, 'host' | 'truncated'>>,
  bodyText: string,
  options: { readonly now?: () => number } = {},
): AppError {
  const read: ReadResponse = {
    status: response.status,
    headers: response.headers,
    text: bodyText,
    host: response.host ?? 'The API',
    truncated: response.truncated ?? false,
  };
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
      : looksLikeMarkup(response.text)
        ? '(an HTML page)'
        : '(not JSON)';
    return fail(`${whatWasSent(response, note, parsed)}, instead of ${what}.`, 'invalid_response');
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 3)
      .map((issue) => clipText(`${issue.path.join('.') || '(body)'}: ${issue.message}`, 200))
      .join('; ');
    return fail(
      `${response.host} sent HTTP ${response.status} JSON that is not ${what} (${issues}).`,
      'invalid_response',
    );
  }
  return result.data;
}
