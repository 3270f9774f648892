import { STATUS_CODES } from 'node:http';
import type { FieldError, ProblemDocument } from '../../../shared/errors';

const KNOWN_MEMBERS = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'param',
  'errors',
]);

/** What RFC 6749 §5.2 error codes mean, in words a user can act on. */
const OAUTH_HINTS: Readonly<Record<string, string>> = {
  invalid_client:
    'the client_id or client_secret is wrong, or the credential is revoked or expired',
  invalid_request: 'the token request is malformed or misses a parameter',
  invalid_grant: 'the grant is invalid or expired',
  unauthorized_client: 'this client may not use the client_credentials grant',
  unsupported_grant_type: 'the server does not support the client_credentials grant',
  invalid_scope: 'the requested scope is unknown, malformed or not allowed for this client',
  temporarily_unavailable: 'the server is temporarily unavailable',
  server_error: 'the server hit an unexpected error',
};

/** A plain JSON object, or null. */
export function asObject(value: unknown): Readonly<Record<string, unknown>> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The reason phrase of an HTTP status, e.g. "Bad Gateway". */
export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown status';
}

/** Whether a JSON object looks like an RFC 9457 problem even when sent as application/json. */
export function looksLikeProblem(body: Readonly<Record<string, unknown>>): boolean {
  return (
    typeof body['status'] === 'number' &&
    (typeof body['type'] === 'string' || typeof body['title'] === 'string')
  );
}

function fieldErrors(value: unknown): { errors?: FieldError[]; exact: boolean } {
  if (!Array.isArray(value)) return { exact: value === undefined };
  let exact = true;
  const errors: FieldError[] = [];
  for (const item of value) {
    const entry = asObject(item);
    const param = entry?.['param'] ?? entry?.['pointer'] ?? entry?.['field'];
    const detail = entry?.['detail'] ?? entry?.['message'];
    const code = entry?.['code'];
    if (entry === null || typeof param !== 'string' || typeof detail !== 'string') {
      exact = false;
      continue;
    }
    if (entry['param'] === undefined || entry['detail'] === undefined) exact = false;
    if (Object.keys(entry).some((k) => !['param', 'detail', 'code'].includes(k))) exact = false;
    errors.push({ param, detail, ...(typeof code === 'string' ? { code } : {}) });
  }
  return { errors, exact };
}

/**
 * A problem document from a parsed JSON body, keeping every member: the RFC 9457 ones, the
 * seed's `code` / `param` / `errors[]`, and anything else under `extensions` (also a raw
 * `errors` array that did not fit the field-error shape, so nothing is lost).
 */
export function toProblemDocument(
  body: Readonly<Record<string, unknown>>,
  httpStatus: number,
): ProblemDocument {
  const text = (name: string): string | undefined =>
    typeof body[name] === 'string' ? (body[name] as string) : undefined;
  const status = typeof body['status'] === 'number' ? body['status'] : httpStatus;
  const extensions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!KNOWN_MEMBERS.has(name)) extensions[name] = value;
  }
  // A member of the wrong type is kept too, rather than silently dropped.
  for (const name of ['type', 'title', 'detail', 'instance', 'code', 'param']) {
    if (body[name] !== undefined && text(name) === undefined) extensions[name] = body[name];
  }
  if (body['status'] !== undefined && typeof body['status'] !== 'number') {
    extensions['status'] = body['status'];
  }
  const { errors, exact } = fieldErrors(body['errors']);
  if (!exact) extensions['errors'] = body['errors'];
  const title = text('title');
  return {
    type: text('type') ?? 'about:blank',
    // RFC 9457 §4.2.1: with about:blank (or no title) the title is the status phrase.
    title: title ?? statusText(status),
    status,
    ...(text('detail') === undefined ? {} : { detail: text('detail') }),
    ...(text('instance') === undefined ? {} : { instance: text('instance') }),
    ...(text('code') === undefined ? {} : { code: text('code') }),
    ...(text('param') === undefined ? {} : { param: text('param') }),
    ...(errors === undefined || errors.length === 0 ? {} : { errors }),
    ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
  };
}

/** A plain-words reading of an OAuth error code (RFC 6749 §5.2). */
export function oauthHint(error: string): string {
  return OAUTH_HINTS[error] ?? 'the authorization server refused the request';
}

/** A problem document synthesized from an RFC 6749 §5.2 error body; `code` is the OAuth error. */
export function oauthProblem(
  body: Readonly<Record<string, unknown>>,
  status: number,
): ProblemDocument {
  const error = String(body['error']);
  const description =
    typeof body['error_description'] === 'string' ? body['error_description'] : undefined;
  const extensions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) extensions[name] = value;
  return {
    type: 'about:blank',
    title: 'Token request refused',
    status,
    detail: description === undefined ? `${oauthHint(error)}.` : description,
    code: error,
    extensions,
  };
}

/** A problem document Keysmith writes itself for a response that carried none. */
export function synthesizedProblem(
  status: number,
  code: string,
  detail: string,
  title = status >= 400 ? statusText(status) : 'Unexpected response from the API',
): ProblemDocument {
  return { type: 'about:blank', title, status, detail, code };
}
