// Mutation fuzzing of the sandbox: valid requests with their headers, bodies, framing and
// delivery broken in seeded random ways, over raw sockets. sandbox-robustness.test.ts sends
// random requests and a list of malformed HTTP; this one starts from requests that work, so the
// mutations reach deep into the handlers (auth, idempotency, body parsing) and it checks that a
// 4xx never hides a committed credential.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  bump,
  dice,
  LONG_MODE,
  scaled,
  seedFrom,
  tallyObject,
  type Dice,
} from '../fixtures/fuzz-kit';
import {
  basicAuth,
  call,
  createCredential,
  requestToken,
  sandbox,
  tokenFor,
} from '../fixtures/sandbox-client';

const SEED = seedFrom('SANDBOX_MUTATION_SEED', 0x5a4d_0005);
/** Mutated requests: 1,000 by default, 10,000 in long mode. */
const REQUESTS = scaled(1000, 10_000);

/** One HTTP/1.1 response read off the wire. */
interface WireResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  /** The answer to a HEAD request: headers only. */
  readonly bodiless: boolean;
}

/** A request as lines and bytes, before it is put on the wire. */
interface RawRequest {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  body: Buffer;
  /** Content-Length to send; null: none; undefined: the body's length. */
  contentLength?: string | null;
}

function serialise(request: RawRequest): Buffer {
  const headers = [...request.headers];
  const length =
    request.contentLength === undefined ? String(request.body.length) : request.contentLength;
  if (length !== null) headers.push(['Content-Length', length]);
  const head = `${request.method} ${request.target} ${request.version}\r\n${headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), request.body]);
}

/**
 * Splits what the server sent into responses (the sandbox always sends Content-Length); the
 * answer to a HEAD request (`bodiless[i]`) has a Content-Length but no body.
 */
function parseResponses(
  data: Buffer,
  bodiless: readonly boolean[],
): { responses: WireResponse[]; rest: string } {
  const responses: WireResponse[] = [];
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset, 'latin1');
    if (end < 0) break;
    const head = data.subarray(offset, end).toString('latin1');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const match = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
    if (match === null) break;
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const bodyStart = end + 4;
    if (match[1]!.startsWith('1')) {
      offset = bodyStart; // An interim response (100 Continue) has no body.
      continue;
    }
    const length =
      bodiless[responses.length] === true ? 0 : Number(headers.get('content-length') ?? '0');
    if (data.length < bodyStart + length) break;
    responses.push({
      status: Number(match[1]),
      bodiless: bodiless[responses.length] === true,
      headers,
      body: data.subarray(bodyStart, bodyStart + length).toString('utf8'),
    });
    offset = bodyStart + length;
  }
  return { responses, rest: data.subarray(offset).toString('latin1') };
}

/** What came back on one connection, and whether the client had to give up waiting. */
interface Exchanged {
  readonly responses: WireResponse[];
  /** The server still waited for more (a body it was promised) when the client hung up. */
  readonly cutOff: boolean;
}

/** How long the server may stay silent before the client concludes it waits for more bytes. */
const IDLE_MS = 150;

/**
 * Sends bytes (in pieces, with a pause between them when asked) and reads until the server
 * closes. When the server goes quiet with the connection open (it waits for bytes that were
 * promised and never come), the client hangs up, as a real one would.
 */
function exchange(
  port: number,
  pieces: readonly Buffer[],
  bodiless: readonly boolean[],
  pauseMs = 0,
): Promise<Exchanged> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let written = false;
    let cutOff = false;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = (): void => {
      clearTimeout(idle);
      if (!written) return;
      idle = setTimeout(() => {
        cutOff = true;
        socket.end();
        idle = setTimeout(() => socket.destroy(), 2000);
      }, IDLE_MS);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!cutOff) armIdle();
    });
    socket.on('error', () => undefined);
    // The server closed its side: it has answered everything it is going to.
    socket.on('end', () => {
      clearTimeout(idle);
      socket.end();
    });
    socket.on('close', () => {
      clearTimeout(idle);
      resolve({ responses: parseResponses(Buffer.concat(chunks), bodiless).responses, cutOff });
    });
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        if (pauseMs > 0) await sleep(pauseMs);
      }
      written = true;
      armIdle();
    });
  });
}

/** A 400/408/431 from the HTTP parser (the request never reached a handler), not from a handler. */
function isConnectionLevelRefusal(response: WireResponse): boolean {
  if (response.bodiless || ![400, 408, 431].includes(response.status)) return false;
  try {
    const { code } = JSON.parse(response.body) as { code?: unknown };
    return (
      code === 'malformed_request' || code === 'request_timeout' || code === 'headers_too_large'
    );
  } catch {
    return false;
  }
}

/** Cuts bytes into 1 to 5 random pieces. */
function cut(roll: Dice, bytes: Buffer): Buffer[] {
  const points = Array.from({ length: roll.int(5) }, () => roll.int(bytes.length + 1)).sort(
    (a, b) => a - b,
  );
  const pieces: Buffer[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.subarray(last, point));
    last = point;
  }
  return pieces.filter((piece) => piece.length > 0);
}

const JUNK_VALUES = [
  '',
  ' ',
  '\t',
  'null',
  '"',
  '""',
  '\\',
  '%00',
  '\x7f',
  '\xff\xfe',
  '\u00e9',
  'a'.repeat(8000),
  'b'.repeat(17_000),
  '=?utf-8?q?x?=',
  'Bearer',
  'Basic',
  'Bearer  ',
  'Basic Og==',
  'Basic ==',
];

function mutateHeaders(roll: Dice, request: RawRequest): string {
  const headers = request.headers;
  const index = roll.int(Math.max(1, headers.length));
  const existing = headers[index];
  switch (roll.int(10)) {
    case 0:
      if (existing) headers.push([existing[0], existing[1]]);
      return 'duplicate header';
    case 1:
      if (existing) headers.splice(index, 1);
      return 'drop header';
    case 2:
      if (existing) existing[1] = roll.pick(JUNK_VALUES);
      return 'junk header value';
    case 3:
      if (existing)
        existing[0] = roll.pick([
          existing[0].toUpperCase(),
          existing[0].toLowerCase(),
          ` ${existing[0]}`,
          `${existing[0]} `,
          `${existing[0]}\t`,
          existing[0].replace('-', '_'),
        ]);
      return 'header name mangled';
    case 4:
      if (existing) existing[1] = `${existing[1]}\r\n ${roll.pick(JUNK_VALUES.slice(0, 6))}`;
      return 'obs-fold';
    case 5:
      headers.push([
        'Transfer-Encoding',
        roll.pick(['chunked', 'gzip', 'chunked, identity', 'CHUNKED', ' chunked']),
      ]);
      return 'transfer-encoding added';
    case 6:
      request.contentLength = roll.pick([
        null,
        '-1',
        '+5',
        ' 5',
        '5 5',
        '0x10',
        '1e3',
        '99999999999999999999',
        `${request.body.length + 1 + roll.int(20)}`,
        `${Math.max(0, request.body.length - 1 - roll.int(5))}`,
      ]);
      return 'content-length wrong';
    case 7:
      headers.push([
        'Idempotency-Key',
        roll.pick([
          'k',
          '"k"',
          '"',
          '',
          'x'.repeat(256),
          '"a\\"b"',
          '"\\x"',
          'key\u00e9',
          `k-${roll.int(5)}`,
        ]),
      ]);
      return 'idempotency-key junk';
    case 8:
      headers.push([
        'Content-Type',
        roll.pick([
          'application/json; charset=latin1',
          'application/json; charset="utf-8"',
          'application/x-www-form-urlencoded; charset=utf-16',
          'text/json',
          'application/json;;',
          '*/*',
          'application/json\u0000',
        ]),
      ]);
      return 'content-type junk';
    default:
      headers.push([
        roll.pick(['Expect', 'Connection', 'Upgrade', 'Host', 'X-Forwarded-For', 'Authorization']),
        roll.pick([
          '100-continue',
          'upgrade',
          'h2c',
          'websocket',
          '',
          'keep-alive, close',
          '127.0.0.1, evil',
        ]),
      ]);
      return 'special header added';
  }
}

function mutateBody(roll: Dice, request: RawRequest): string {
  const body = request.body;
  const i = roll.int(body.length + 1);
  switch (roll.int(9)) {
    case 0: {
      const flipped = Buffer.from(body);
      if (flipped.length > 0) flipped[Math.min(i, flipped.length - 1)]! ^= 1 << roll.int(8);
      request.body = flipped;
      return 'bit flip';
    }
    case 1:
      request.body = body.subarray(0, i);
      return 'truncated';
    case 2:
      request.body = Buffer.concat([
        body.subarray(0, i),
        Buffer.from(Array.from({ length: 1 + roll.int(16) }, () => roll.int(256))),
        body.subarray(i),
      ]);
      return 'bytes inserted';
    case 3:
      request.body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
      return 'BOM';
    case 4:
      request.body = Buffer.from(body.toString('utf8'), 'utf16le');
      return 'utf-16';
    case 5:
      request.body = Buffer.from(
        roll.pick([
          '{"name":"a","name":"b"}',
          '{"name":1e999999}',
          '{"name":"x","expires_at":"2026-02-30T00:00:00Z"}',
          '{"name":"\\ud800"}',
          `{"name":"${'n'.repeat(10_000)}"}`,
          `${'['.repeat(100_000)}`,
          '{"__proto__":{"name":"x"},"name":"y"}',
          '{"constructor":{"prototype":{}},"name":"z"}',
          '{"name":"ok","expires_at":-1}',
          'grant_type=client_credentials&grant_type=client_credentials',
          'grant_type=client_credentials&client_id=%ZZ',
        ]),
      );
      return 'crafted body';
    case 6:
      request.headers.push(['Transfer-Encoding', 'chunked']);
      request.contentLength = null;
      request.body = Buffer.concat([
        Buffer.from(
          `${roll.pick([body.length.toString(16), (body.length + 3).toString(16), 'zz', '-1', `${body.length.toString(16)};ext=1`])}\r\n`,
        ),
        body,
        Buffer.from(
          roll.pick(['\r\n0\r\n\r\n', '\r\n', '\r\n0\r\nX-Trailer: 1\r\n\r\n', '0\r\n\r\n']),
        ),
      ]);
      return 'chunked framing';
    case 7:
      request.body = Buffer.alloc(0);
      return 'empty body';
    default:
      request.body = Buffer.concat([
        body,
        Buffer.from(roll.pick(['\r\n', '}', ' garbage', '\u0000'])),
      ]);
      return 'trailing bytes';
  }
}

function mutateLine(roll: Dice, request: RawRequest): string {
  switch (roll.int(6)) {
    case 0:
      request.method = roll.pick([
        request.method.toLowerCase(),
        `${request.method} `,
        'POSTX',
        'PUT',
        'HEAD',
        'TRACE',
      ]);
      return 'method mangled';
    case 1:
      request.target = roll.pick([
        `${request.target}/`,
        `/${request.target}`,
        request.target.replace('/auth/', '/auth//'),
        request.target.replace('credentials', '%63redentials'),
        `${request.target};x=1`,
        `${request.target}?a=%ZZ`,
        `http://127.0.0.1${request.target}`,
        request.target.toUpperCase(),
        `${request.target}#frag`,
      ]);
      return 'target mangled';
    case 2:
      request.version = roll.pick([
        'HTTP/1.0',
        'HTTP/1.2',
        'HTTP/2.0',
        'http/1.1',
        'HTTP/1.1 ',
        '',
      ]);
      return 'version mangled';
    default:
      return 'line intact';
  }
}

describe(`sandbox mutation fuzzing (seed ${SEED.toString(16)})`, () => {
  it(`answers ${REQUESTS} broken variants of valid requests with 2xx or a 4xx problem document, never a 5xx, and a create answered with a 4xx never commits`, async () => {
    const sbx = await sandbox({ rateLimit: false });
    const token = await tokenFor(sbx);
    const victims = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        createCredential(sbx.url, token, { name: `Victim ${i}` }),
      ),
    );
    const { clientId, clientSecret } = sbx.bootstrap;
    /** A fresh Host header for each request (mutations change headers in place). */
    const host = (): [string, string] => ['Host', `127.0.0.1:${sbx.port}`];
    const roll = dice(SEED);
    const templates: (() => RawRequest)[] = [
      () => ({
        method: 'POST',
        target: '/auth/token',
        version: 'HTTP/1.1',
        headers: [
          host(),
          ['Authorization', basicAuth(clientId, clientSecret!)],
          ['Content-Type', 'application/x-www-form-urlencoded'],
        ],
        body: Buffer.from('grant_type=client_credentials'),
      }),
      () => ({
        method: 'POST',
        target: '/auth/token',
        version: 'HTTP/1.1',
        headers: [host(), ['Content-Type', 'application/x-www-form-urlencoded']],
        body: Buffer.from(
          `grant_type=client_credentials&client_id=${encodeURIComponent(clientId)}&client_secret=${encodeURIComponent(clientSecret!)}`,
        ),
      }),
      () => ({
        method: 'POST',
        target: '/auth/credentials',
        version: 'HTTP/1.1',
        headers: [
          host(),
          ['Authorization', `Bearer ${token}`],
          ['Content-Type', 'application/json'],
          ['Idempotency-Key', `fuzz-${roll.int(40)}`],
        ],
        body: Buffer.from(
          JSON.stringify({
            name: `Fuzz ${roll.int(5)}`,
            expires_at: roll.pick([null, '2030-01-01T00:00:00Z']),
          }),
        ),
      }),
      () => ({
        method: 'POST',
        target: '/auth/credentials',
        version: 'HTTP/1.1',
        headers: [
          host(),
          ['Authorization', `Bearer ${token}`],
          ['Content-Type', 'application/json'],
        ],
        body: Buffer.from(JSON.stringify({ name: 'No key' })),
      }),
      () => ({
        method: 'GET',
        target: '/auth/credentials',
        version: 'HTTP/1.1',
        headers: [host(), ['Authorization', `Bearer ${token}`]],
        body: Buffer.alloc(0),
      }),
      () => ({
        method: 'DELETE',
        target: `/auth/credentials/${encodeURIComponent(roll.pick(victims).client_id)}`,
        version: 'HTTP/1.1',
        headers: [host(), ['Authorization', `Bearer ${token}`]],
        body: Buffer.alloc(0),
      }),
      () => ({
        method: 'GET',
        target: '/.well-known/jwks.json',
        version: 'HTTP/1.1',
        headers: [host()],
        body: Buffer.alloc(0),
      }),
    ];

    const tally = new Map<string, number>();
    /** client_ids the server answered 201 for (replays included). */
    const answered = new Set<string>();
    /**
     * Creates whose outcome the client cannot know: on a connection it had to hang up on, or
     * pipelined on one that was closed before every request got its answer (see the known
     * weakness below).
     */
    let unknownCreates = 0;
    let unanswered = 0;
    let cutOffs = 0;
    let responsesSeen = 0;
    // One request per connection first (where a commit is checked connection by connection),
    // then the last 15 % pipelined, several requests on one connection, the last one closing it.
    const firstPipelined = Math.floor(REQUESTS * 0.85);
    let baseline = sbx.stats.credentialCreates;
    let strictCreates = 0;
    /** Creates hidden behind a connection-level 400 (the known weakness): they may commit late. */
    let mayCommitLate = 0;
    for (let n = 0; n < REQUESTS; n++) {
      const requests: RawRequest[] = [];
      const how: string[] = [];
      for (let k = n >= firstPipelined ? 2 + roll.int(3) : 1; k > 0; k--) {
        const request = roll.pick(templates)();
        for (let m = 1 + roll.int(3); m > 0; m--) {
          const target = roll.int(3);
          how.push(
            target === 0
              ? mutateHeaders(roll, request)
              : target === 1
                ? mutateBody(roll, request)
                : mutateLine(roll, request),
          );
        }
        requests.push(request);
      }
      requests.at(-1)!.headers.push(['Connection', 'close']);
      const bytes = Buffer.concat(requests.map(serialise));
      const fragmented = roll.chance(0.05);
      const label = `seed ${SEED} case ${n} [${how.join(', ')}]: ${JSON.stringify(bytes.toString('latin1').slice(0, 600))}`;
      const { responses, cutOff } = await exchange(
        sbx.port,
        fragmented ? cut(roll, bytes) : [bytes],
        requests.map((request) => request.method === 'HEAD'),
        fragmented ? 2 : 0,
      );
      for (const label of how) bump(tally, label);
      const creates = requests.filter((r) => r.target.includes('credentials')).length;
      const fresh = responses.filter(
        (r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true',
      ).length;
      const framingRefused = responses.some(isConnectionLevelRefusal);
      if (cutOff) {
        cutOffs += 1;
        unknownCreates += creates;
        bump(tally, 'client hung up: server waited for promised bytes');
        // Whatever the abandoned request does, let it finish before the next check.
        if (n < firstPipelined) {
          await sleep(200);
          mayCommitLate = 0;
        }
      } else if (n < firstPipelined) {
        // One request per connection: it committed a credential exactly when it said 201 (plus,
        // at most, late commits of creates hidden behind an earlier connection-level 400).
        const late = sbx.stats.credentialCreates - baseline - fresh;
        expect(late, label).toBeGreaterThanOrEqual(0);
        expect(late, label).toBeLessThanOrEqual(mayCommitLate);
        mayCommitLate -= late;
        strictCreates += fresh;
        if (framingRefused && creates > 0) {
          // Bytes after a complete request (a bad chunk trailer, a Content-Length too short)
          // are a second, malformed request: the known weakness below applies.
          mayCommitLate += creates;
          unknownCreates += creates;
          bump(tally, 'create refused by the HTTP parser (may hide a commit)');
        }
      } else if (requests.length > 1 && responses.length < requests.length) {
        unanswered += requests.length - responses.length;
        unknownCreates += creates;
      }
      responsesSeen += responses.length;
      baseline = sbx.stats.credentialCreates;
      for (const response of responses) {
        expect(response.status, label).toBeLessThan(500);
        bump(tally, `status ${response.status}`);
        if (response.status >= 400) {
          expect(response.headers.get('content-type'), label).toBe('application/problem+json');
          if (response.bodiless) continue;
          const problem = JSON.parse(response.body) as Record<string, unknown>;
          expect(problem, label).toMatchObject({
            status: response.status,
            code: expect.any(String),
            instance: expect.any(String),
            type: expect.any(String),
            title: expect.any(String),
            detail: expect.any(String),
          });
        } else {
          expect([200, 201, 204], label).toContain(response.status);
        }
        if (response.status === 201) {
          answered.add((JSON.parse(response.body) as { client_id: string }).client_id);
        }
      }
    }
    // Every credential the server holds was answered with a 201, except at most those whose
    // connection the client cut or whose answer the known weakness swallowed.
    await sleep(200);
    const listed = (await call(`${sbx.url}/auth/credentials`, { token })).json as {
      data: { client_id: string }[];
    };
    const known = new Set([clientId, ...victims.map((victim) => victim.client_id)]);
    const made = listed.data.filter((credential) => !known.has(credential.client_id));
    const unexplained = made.filter((credential) => !answered.has(credential.client_id));
    expect(unexplained.length).toBeLessThanOrEqual(unknownCreates);
    for (const id of answered) expect(made.some((c) => c.client_id === id)).toBe(true);
    expect(sbx.stats.credentialCreates).toBe(victims.length + made.length);
    // It still works afterwards.
    expect((await requestToken(sbx.url, clientId, clientSecret!)).status).toBe(200);
    expect(cutOffs).toBeLessThan(REQUESTS / 4);
    console.log(
      JSON.stringify({
        test: 'sandbox-fuzz',
        mode: LONG_MODE ? 'long' : 'default',
        seed: SEED,
        connections: REQUESTS,
        responses: responsesSeen,
        clientHungUp: cutOffs,
        singleRequestConnections: firstPipelined,
        createdOnSingleRequestConnections: strictCreates,
        pipelinedRequestsUnanswered: unanswered,
        credentialsCreated: made.length,
        createdWithoutA201: unexplained.length,
        outcomes: tallyObject(tally),
      }),
    );
  }, 300_000);

  // Found by the fuzzer above and fixed: a malformed request pipelined behind a create used to
  // get its 400 written (and the socket closed) before the create's 201, which a client reads as
  // the create's answer although the credential was made.
  it('a create pipelined ahead of a malformed request gets its own 201 before the 400', async () => {
    const sbx = await sandbox({ rateLimit: false });
    const token = await tokenFor(sbx);
    const body = JSON.stringify({ name: 'Pipelined' });
    const create =
      `POST /auth/credentials HTTP/1.1\r\nHost: 127.0.0.1:${sbx.port}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const { responses } = await exchange(
      sbx.port,
      [Buffer.from(`${create}GARBAGE\r\n\r\n`, 'latin1')],
      [false, false],
    );
    await sleep(200);
    expect(sbx.stats.credentialCreates).toBe(1);
    expect(responses.map((response) => response.status)).toEqual([201, 400]);
  });
});
