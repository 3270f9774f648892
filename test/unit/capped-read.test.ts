import { describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  MAX_LIST_BODY_BYTES,
  readCapped,
} from '../../src/main/core/http/capped-read';
import { fetchWithTimeout, responseToAppError } from '../../src/main/core/http/http-response';
import { AppFailure } from '../../src/shared/errors';

const CHUNK = 64 * 1024;

/** A body that never ends, counting the bytes the reader pulled and whether it was cancelled. */
function endlessBody() {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulled += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** A fetch that answers one response, whatever is asked. */
function answering(response: () => Response): typeof fetch {
  return () => Promise.resolve(response());
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

describe('bodies are read with a streaming cap, never buffered past it', () => {
  it('stops pulling at the cap and cancels the rest of an endless body', async () => {
    const { stream, seen } = endlessBody();
    const body = await readCapped(new Response(stream), MAX_BODY_BYTES);
    expect(body.truncated).toBe(true);
    expect(body.bytes.byteLength).toBe(MAX_BODY_BYTES);
    expect(seen.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
    expect(seen.cancelled).toBe(true);
  });

  it('refuses a successful body over 1 MiB (a token, a JWKS) after reading at most 1 MiB', async () => {
    const { stream, seen } = endlessBody();
    const error = await failureOf(
      fetchWithTimeout(
        'https://issuer.example/jwks.json',
        {},
        { timeoutMs: 5000, fetch: answering(() => new Response(stream, { status: 200 })) },
      ),
    );
    expect(error).toMatchObject({ kind: 'problem', problem: { code: 'response_too_large' } });
    expect(error.message).toBe(
      'issuer.example sent more than 1 MiB (HTTP 200); Keysmith stopped reading it.',
    );
    expect(seen.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
  });

  it('refuses a body whose Content-Length announces more than the cap without reading it', async () => {
    const { stream, seen } = endlessBody();
    const headers = { 'content-length': String(2 * MAX_BODY_BYTES) };
    const error = await failureOf(
      fetchWithTimeout(
        'https://issuer.example/token',
        {},
        { timeoutMs: 5000, fetch: answering(() => new Response(stream, { headers })) },
      ),
    );
    expect(error).toMatchObject({ problem: { code: 'response_too_large' } });
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('keeps the first MiB of a longer error body, so its status still counts, and says it was cut', async () => {
    const { stream, seen } = endlessBody();
    const response = await fetchWithTimeout(
      'https://api.example/auth/credentials',
      {},
      {
        timeoutMs: 5000,
        maxBytes: MAX_LIST_BODY_BYTES,
        fetch: answering(
          () => new Response(stream, { status: 503, headers: { 'content-type': 'text/plain' } }),
        ),
      },
    );
    expect(response).toMatchObject({ status: 503, truncated: true });
    expect(response.text).toHaveLength(MAX_BODY_BYTES);
    expect(seen.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
    const error = responseToAppError(response, response.text);
    expect(error.message).toMatch(/HTTP 503 with text\/plain \(not JSON\), cut at 1 MiB: "/);
  });

  it('lets the credentials list be larger: 3 MiB (10,000 credentials) reads whole', async () => {
    const text = `[${'"x",'.repeat((3 * 1024 * 1024) / 4)}"x"]`;
    const response = await fetchWithTimeout(
      'https://api.example/auth/credentials',
      {},
      {
        timeoutMs: 5000,
        maxBytes: MAX_LIST_BODY_BYTES,
        fetch: answering(() => new Response(text)),
      },
    );
    expect(response).toMatchObject({ status: 200, truncated: false });
    expect(response.text).toHaveLength(text.length);
  });
});
