import { randomUUID } from 'node:crypto';
import type { ProblemFieldError, ProblemJson } from './types';

/** What a handler answers; the server writes it (or drops it, under a fault). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/** Base URI of every problem type the sandbox emits. */
export const PROBLEM_TYPE_BASE = 'https://keysmith.dev/problems/';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  417: 'Expectation failed',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** Everything needed to describe one problem occurrence. */
export interface ProblemSpec {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly title?: string;
  readonly param?: string;
  readonly errors?: readonly ProblemFieldError[];
  /** Adds the RFC 6749 §5.2 members `error` / `error_description` (token endpoint only). */
  readonly oauthError?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Characters RFC 6749 allows in error_description (%x20-21 / %x23-5B / %x5D-7E). */
function oauthDescription(detail: string): string {
  return detail.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "'");
}

/** Builds the problem document for one occurrence, with a fresh `instance`. */
export function problemDocument(spec: ProblemSpec): ProblemJson {
  return {
    type: `${PROBLEM_TYPE_BASE}${spec.code}`,
    title: spec.title ?? TITLES[spec.status] ?? 'Error',
    status: spec.status,
    detail: spec.detail,
    instance: `/problems/instances/${randomUUID()}`,
    code: spec.code,
    ...(spec.param === undefined ? {} : { param: spec.param }),
    ...(spec.errors === undefined ? {} : { errors: spec.errors }),
    ...(spec.oauthError === undefined
      ? {}
      : { error: spec.oauthError, error_description: oauthDescription(spec.detail) }),
  };
}

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** An application/problem+json reply. */
export function problemReply(spec: ProblemSpec): Reply {
  return {
    status: spec.status,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'application/problem+json',
      ...spec.headers,
    },
    body: JSON.stringify(problemDocument(spec)),
  };
}

/** An application/json reply. */
export function jsonReply(
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  return {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

/** A reply without a body (204). */
export function emptyReply(status: number): Reply {
  return { status, headers: { ...COMMON_HEADERS }, body: null };
}

/** A raw reply, used by the garbage fault. */
export function rawReply(status: number, contentType: string, body: string): Reply {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': contentType }, body };
}

/** A reply with extra headers merged in. */
export function withHeaders(reply: Reply, headers: Readonly<Record<string, string>>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** A thrown problem: handlers throw it to answer early with a problem document. */
export class ProblemError extends Error {
  readonly spec: ProblemSpec;
  constructor(spec: ProblemSpec) {
    super(spec.detail);
    this.name = 'ProblemError';
    this.spec = spec;
  }
}
