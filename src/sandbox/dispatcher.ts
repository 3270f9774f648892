import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { decodeJwt } from 'jose';
import type { SandboxApp } from './context';
import type { FaultSource } from './fault-injector';
import { parseBasicAuth, parseBearer } from './form-encoding';
import type { RateLimiter } from './rate-limiter';
import { problemReply, ProblemError, rawReply, type ProblemSpec, type Reply } from './reply';
import { readBody } from './request-body';
import { matchRoute } from './routes';
import type { Fault } from './types';

/** Dependencies of the request dispatcher. */
export interface DispatcherOptions {
  readonly app: SandboxApp;
  readonly faults: FaultSource;
  readonly limiter: RateLimiter | null;
  readonly log: ((line: string) => void) | undefined;
}

/** Turns HTTP requests into handler calls, and can wind down the requests in progress. */
export interface Dispatcher {
  /** The node:http request listener. */
  readonly listener: (request: IncomingMessage, response: ServerResponse) => void;
  /** Cancels pending fault delays and waits for every request in progress to finish. */
  shutdown(): Promise<void>;
}

/** Thrown into handlers whose fault delay is cancelled by close(). */
class ShutdownError extends Error {}

const INTERNAL_ERROR: ProblemSpec = {
  status: 500,
  code: 'internal_error',
  detail: 'The sandbox hit an unexpected error; the request may not have been processed.',
};

/** The RFC 6749 error code closest to an HTTP status, for problems of the token endpoint. */
function oauthErrorFor(status: number): string {
  if (status === 401) return 'invalid_client';
  if (status === 429 || status === 503) return 'temporarily_unavailable';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** A problem reply; on /auth/token it also carries the OAuth `error` members (RFC 6749 §5.2). */
function problemFor(routeKey: string, spec: ProblemSpec): Reply {
  const isTokenEndpoint = routeKey.endsWith(' /auth/token');
  return problemReply(
    isTokenEndpoint && spec.oauthError === undefined
      ? { ...spec, oauthError: oauthErrorFor(spec.status) }
      : spec,
  );
}

const FAULT_CODES: Readonly<Record<number, string>> = {
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
};

/** The reply a fault gives instead of processing, or null when the request is processed. */
function faultReply(fault: Fault | null, routeKey: string): Reply | null {
  const problemReply = (spec: ProblemSpec): Reply => problemFor(routeKey, spec);
  if (fault === null) return null;
  switch (fault.kind) {
    case 'status':
      return problemReply({
        status: fault.status,
        code: FAULT_CODES[fault.status] ?? 'internal_error',
        detail: 'Injected fault: the request was not processed.',
      });
    case 'rate-limit':
      return problemReply({
        status: 429,
        code: 'rate_limited',
        detail: 'Too many requests; retry after the time in Retry-After.',
        headers: { 'Retry-After': fault.retryAfter },
      });
    case 'garbage':
      return rawReply(
        routeKey === 'POST /auth/credentials' ? 201 : 200,
        fault.contentType,
        fault.body,
      );
    default:
      return null;
  }
}

/** Rate-limit bucket: the client named by the Authorization header, else the peer address. */
function rateKey(request: IncomingMessage): string {
  const header = request.headers.authorization;
  const basic = parseBasicAuth(header);
  if (basic.kind === 'ok') return `client:${basic.credentials.clientId.slice(0, 256)}`;
  const bearer = parseBearer(header);
  if (typeof bearer === 'object') {
    try {
      const claim = decodeJwt(bearer.token)['client_id'];
      if (typeof claim === 'string') return `client:${claim.slice(0, 256)}`;
    } catch {
      // Not a JWT: the handler will refuse it; count it against the address.
    }
  }
  return `ip:${request.socket.remoteAddress ?? 'unknown'}`;
}

/** The path of a request target (origin-form or absolute-form); null when it is neither. */
function pathOf(target: string): string | null {
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0] ?? '/';
  try {
    return new URL(target).pathname;
  } catch {
    return null;
  }
}

function write(response: ServerResponse, reply: Reply): void {
  if (response.destroyed || response.writableEnded) return;
  const body = reply.body === null ? undefined : Buffer.from(reply.body, 'utf8');
  response.writeHead(reply.status, {
    ...reply.headers,
    ...(body === undefined ? {} : { 'Content-Length': String(body.length) }),
  });
  response.end(body);
}

/** Creates the dispatcher: routing, stats, faults, body limit, rate limit, errors, logging. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { app, faults, limiter, log } = options;
  const inFlight = new Set<Promise<void>>();
  const sleepers = new Set<(error: Error) => void>();
  let closing = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (closing) return reject(new ShutdownError('closing'));
      const cancel = (error: Error): void => {
        clearTimeout(timer);
        sleepers.delete(cancel);
        reject(error);
      };
      const timer = setTimeout(() => {
        sleepers.delete(cancel);
        resolve();
      }, ms);
      sleepers.add(cancel);
    });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    mark: (outcome: 'reset' | 'dropped') => void,
  ): Promise<void> {
    const path = pathOf(request.url ?? '');
    const method = request.method ?? 'GET';
    const match = matchRoute(method, path ?? '');
    const problemReply = (spec: ProblemSpec): Reply => problemFor(match.key, spec);
    app.stats.requests[match.key] = (app.stats.requests[match.key] ?? 0) + 1;
    if (match.key === 'POST /auth/token') app.stats.tokenRequests += 1;
    const fault = faults.take(match.key);
    if (fault?.kind === 'reset') {
      mark('reset');
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        write(
          response,
          problemReply({
            status: 413,
            code: 'request_too_large',
            detail: 'The request body is larger than 1 MiB.',
            headers: { Connection: 'close' },
          }),
        );
      }
      return;
    }
    const early = faultReply(fault, match.key);
    if (early !== null) {
      write(response, early);
      return;
    }
    const verdict = limiter?.hit(rateKey(request)) ?? { allowed: true };
    if (!verdict.allowed) {
      write(
        response,
        problemReply({
          status: 429,
          code: 'rate_limited',
          detail: `Rate limit exceeded; retry in ${verdict.retryAfterSeconds} s.`,
          headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
        }),
      );
      return;
    }
    if (path === null) {
      write(
        response,
        problemReply({
          status: 400,
          code: 'invalid_url',
          detail: 'The request target is not a valid URL.',
        }),
      );
      return;
    }
    if (match.kind === 'not-found') {
      write(
        response,
        problemReply({
          status: 404,
          code: 'not_found',
          detail: `Nothing at ${method} ${path.slice(0, 200)}.`,
        }),
      );
      return;
    }
    if (match.kind === 'method-not-allowed') {
      write(
        response,
        problemReply({
          status: 405,
          code: 'method_not_allowed',
          detail: `${method} is not allowed here; use ${match.allow}.`,
          headers: { Allow: match.allow },
        }),
      );
      return;
    }
    let reply: Reply;
    try {
      reply = await match.handler(app, {
        request,
        body: body.bytes,
        params: match.params,
        pause: () => (fault?.kind === 'delay' ? sleep(fault.ms) : Promise.resolve()),
      });
    } catch (error) {
      if (error instanceof ShutdownError) {
        mark('reset');
        request.socket.destroy();
        return;
      }
      reply = problemReply(error instanceof ProblemError ? error.spec : INTERNAL_ERROR);
    }
    if (fault?.kind === 'drop-after-commit') {
      mark('dropped');
      request.socket.destroy();
      return;
    }
    write(response, reply);
    return;
  }

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    // The Date header on the server's own clock (shifted when the sandbox runs with a clock offset).
    response.setHeader('Date', new Date(app.now()).toUTCString());
    let outcome: 'reset' | 'dropped' | null = null;
    if (log !== undefined) {
      response.on('close', () => {
        const status = outcome ?? (response.headersSent ? String(response.statusCode) : 'aborted');
        const path = (pathOf(request.url ?? '') ?? '(invalid)').slice(0, 200);
        log(
          `${request.method ?? '?'} ${path} ${status} ${Math.round(performance.now() - started)}ms`,
        );
      });
    }
    const task = handle(request, response, (result) => {
      outcome = result;
    })
      .catch(() => {
        try {
          if (!response.headersSent) write(response, problemReply(INTERNAL_ERROR));
          else response.destroy();
        } catch {
          response.destroy();
        }
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  return {
    listener,
    async shutdown() {
      closing = true;
      for (const cancel of [...sleepers]) cancel(new ShutdownError('closing'));
      await Promise.allSettled([...inFlight]);
    },
  };
}
