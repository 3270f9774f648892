import type { IncomingMessage } from 'node:http';
import { ProblemError } from './reply';

/** Largest request body the sandbox accepts (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Bytes drained (and discarded) after a 413 before the connection is cut. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

/** The outcome of reading a body: the bytes, or "too large" (the rest is being drained). */
export type BodyResult =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly reason: 'too-large' | 'aborted' };

/** Reads a request body up to MAX_BODY_BYTES; a larger body is drained in the background. */
export function readBody(request: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      drain(request);
      resolve({ ok: false, reason: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        settled = true;
        request.off('data', onData);
        drain(request, size);
        resolve({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      if (!settled) resolve({ ok: true, bytes: Buffer.concat(chunks, size) });
      settled = true;
    });
    request.on('error', () => {
      if (!settled) resolve({ ok: false, reason: 'aborted' });
      settled = true;
    });
    request.on('close', () => {
      if (!settled) resolve({ ok: false, reason: 'aborted' });
      settled = true;
    });
  });
}

/** Keeps reading (and discarding) so the client can read our 413 before we cut it off. */
function drain(request: IncomingMessage, alreadyRead = 0): void {
  let size = alreadyRead;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) request.socket.destroy();
  });
  request.resume();
}

/** A parsed Content-Type: lower-case media type and parameters. */
export interface MediaType {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses a Content-Type header value; null when absent or unparseable. */
export function parseMediaType(header: string | undefined): MediaType | null {
  if (header === undefined) return null;
  const [head = '', ...rest] = header.split(';');
  const type = head.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return null;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    params[name] = value;
  }
  return { type, params };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as strict UTF-8; null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** True when the charset parameter is absent or UTF-8 (the only one the sandbox reads). */
export function isUtf8Charset(media: MediaType): boolean {
  const charset = media.params['charset'];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

/** Parses a JSON request body (application/json, UTF-8); throws a 400/415 ProblemError otherwise. */
export function parseJsonBody(contentType: string | undefined, bytes: Buffer): unknown {
  const media = parseMediaType(contentType);
  if (media === null && bytes.length === 0) {
    throw new ProblemError({
      status: 400,
      code: 'invalid_body',
      detail: 'A JSON request body is required.',
    });
  }
  const isJson =
    media !== null && (media.type === 'application/json' || media.type.endsWith('+json'));
  if (media === null || !isJson || !isUtf8Charset(media)) {
    throw new ProblemError({
      status: 415,
      code: 'unsupported_media_type',
      detail: 'The request body must be application/json encoded as UTF-8.',
      param: 'Content-Type',
    });
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    throw new ProblemError({
      status: 400,
      code: 'invalid_json',
      detail: 'The request body is not valid UTF-8.',
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemError({
      status: 400,
      code: 'invalid_json',
      detail: 'The request body is not valid JSON.',
    });
  }
}
