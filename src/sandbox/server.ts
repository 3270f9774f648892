import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { ensureBootstrap } from './bootstrap';
import type { MutableStats, Persistence, SandboxApp } from './context';
import { CredentialStore } from './credential-store';
import { createDispatcher } from './dispatcher';
import { createFaultInjector } from './fault-injector';
import { IdempotencyCache } from './idempotency';
import { EMPTY_DATA, loadDataFile, Saver, type DataFile } from './persistence';
import { RateLimiter } from './rate-limiter';
import { problemDocument, type ProblemSpec } from './reply';
import { createTokenSigner, generateSigningKeys } from './token-signer';
import type { SandboxHandle, SandboxOptions } from './types';

const OptionsSchema = z.object({
  port: z.number().int().min(0).max(65_535).optional(),
  dataFile: z.string().min(1).optional(),
  bootstrap: z
    .object({
      clientId: z.string().min(1).max(255),
      clientSecret: z.string().min(1).max(1024).nullable(),
      name: z.string().min(1).max(100).optional(),
    })
    .optional(),
  tokenTtlSeconds: z.number().int().positive().max(31_536_000).optional(),
  rateLimit: z
    .union([
      z.literal(false),
      z.object({ max: z.number().int().positive(), windowMs: z.number().int().positive() }),
    ])
    .optional(),
  faults: z.boolean().optional(),
  clockOffsetMs: z.number().int().min(-31_536_000_000).max(31_536_000_000).optional(),
});

const DEFAULT_RATE_LIMIT = { max: 600, windowMs: 60_000 } as const;

/** Writes a problem document straight to a socket, for errors node:http raises before routing. */
function writeRawProblem(socket: Socket, spec: ProblemSpec): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(problemDocument(spec));
  socket.end(
    `HTTP/1.1 ${spec.status} ${spec.title ?? 'Error'}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** Requests whose responses are still being produced, per connection. */
const inFlight = new WeakMap<
  Socket,
  { readonly requests: Set<IncomingMessage>; readonly whenIdle: (() => void)[] }
>();

/** Counts a request as in flight on its socket until its response is finished or aborted. */
function trackResponses(server: Server): void {
  server.on('request', (request, response) => {
    const entry = inFlight.get(request.socket) ?? { requests: new Set(), whenIdle: [] };
    inFlight.set(request.socket, entry);
    entry.requests.add(request);
    const settle = (): void => {
      if (!entry.requests.delete(request)) return;
      if (entry.requests.size === 0) entry.whenIdle.splice(0).forEach((run) => run());
    };
    response.once('finish', settle);
    response.once('close', settle);
  });
}

/**
 * Answers a parse error after the responses already underway on its connection, so a request
 * pipelined ahead of the bad bytes still gets its own answer first. When a request in flight has
 * not been fully received, the bad bytes are its body: that one is answered at once.
 */
function afterPendingResponses(socket: Socket, write: () => void): void {
  const entry = inFlight.get(socket);
  const ahead = entry === undefined ? [] : [...entry.requests];
  if (entry === undefined || ahead.length === 0 || ahead.some((request) => !request.complete)) {
    write();
  } else {
    entry.whenIdle.push(write);
  }
}

/** Answers an HTTP parse error on a connection with the fitting problem document. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET') return void socket.destroy();
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return writeRawProblem(socket, {
      status: 431,
      title: 'Request Header Fields Too Large',
      code: 'headers_too_large',
      detail: 'The request headers are too large.',
    });
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return writeRawProblem(socket, {
      status: 408,
      title: 'Request Timeout',
      code: 'request_timeout',
      detail: 'The request took too long to arrive.',
    });
  }
  writeRawProblem(socket, {
    status: 400,
    title: 'Bad Request',
    code: 'malformed_request',
    detail: 'The request is not valid HTTP/1.1.',
  });
}

/** Answers malformed HTTP, unknown Expect values and CONNECT with problem documents, never a crash. */
function guardProtocolErrors(server: Server): void {
  trackResponses(server);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) =>
    afterPendingResponses(socket, () => answerClientError(error, socket)),
  );
  server.on('connect', (_request, socket: Socket) =>
    writeRawProblem(socket, {
      status: 405,
      title: 'Method Not Allowed',
      code: 'method_not_allowed',
      detail: 'CONNECT is not supported.',
    }),
  );
  server.on('checkExpectation', (_request, response) => {
    const body = JSON.stringify(
      problemDocument({
        status: 417,
        code: 'expectation_failed',
        detail: 'Only Expect: 100-continue is supported.',
      }),
    );
    response.writeHead(417, {
      'Content-Type': 'application/problem+json',
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
    });
    response.end(body);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('No TCP address'));
      else resolve(address.port);
    });
  });
}

/** Starts the local reference server for the API on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const valid = OptionsSchema.parse(options);
  const clock = options.now ?? Date.now;
  const shift = valid.clockOffsetMs ?? 0;
  const now = shift === 0 ? clock : () => clock() + shift;
  const ttl = valid.tokenTtlSeconds ?? 3600;
  const [data, keys]: [DataFile, Awaited<ReturnType<typeof generateSigningKeys>>] =
    await Promise.all([
      valid.dataFile === undefined ? EMPTY_DATA : loadDataFile(valid.dataFile),
      generateSigningKeys(),
    ]);
  const store = new CredentialStore(data.credentials);
  const idempotency = new IdempotencyCache(now, data.idempotency);
  const bootstrap = await ensureBootstrap(
    store,
    valid.bootstrap,
    new Date(now()).toISOString(),
    now(),
  );
  const saver =
    valid.dataFile === undefined
      ? null
      : new Saver(valid.dataFile, () =>
          JSON.stringify(
            { version: 1, credentials: store.snapshot(), idempotency: idempotency.snapshot() },
            null,
            2,
          ),
        );
  if (saver !== null && bootstrap.changed) await saver.save();
  const persistence: Persistence = {
    commit: () => saver?.save() ?? Promise.resolve(),
    touch: () => saver?.markDirty(),
  };

  // A client that never finishes its request loses the connection after 10 s, not Node's 5 min.
  const server = createServer({
    requireHostHeader: false,
    headersTimeout: 10_000,
    requestTimeout: 10_000,
  });
  guardProtocolErrors(server);
  const port = await listen(server, valid.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const stats: MutableStats = {
    tokenRequests: 0,
    tokensIssued: 0,
    credentialCreates: 0,
    idempotentReplays: 0,
    requests: {},
  };
  const app: SandboxApp = {
    issuer: url,
    now,
    tokenTtlSeconds: ttl,
    store,
    idempotency,
    signer: createTokenSigner(keys, { issuer: url, ttlSeconds: ttl, now }),
    stats,
    persistence,
  };
  const { injector, source } = createFaultInjector(valid.faults === true);
  const rateLimit = valid.rateLimit ?? DEFAULT_RATE_LIMIT;
  const dispatcher = createDispatcher({
    app,
    faults: source,
    limiter: rateLimit === false ? null : new RateLimiter(rateLimit, now),
    log: options.log,
  });
  server.on('request', dispatcher.listener);

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    bootstrap: { clientId: bootstrap.clientId, clientSecret: bootstrap.clientSecret },
    stats,
    faults: injector,
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await dispatcher.shutdown();
        server.closeAllConnections();
        await stopped;
        await saver?.flush();
      })();
      return closed;
    },
  };
}
