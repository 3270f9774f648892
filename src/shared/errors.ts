/** An RFC 9457 (formerly 7807) problem document, kept whole as the API sent it. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code?: string;
  readonly param?: string;
  readonly errors?: readonly FieldError[];
  /** Any extension members the server added. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** One field-level error inside a problem document or a validation error. */
export interface FieldError {
  readonly param: string;
  readonly detail: string;
  readonly code?: string;
}

/** Why the OS keychain could not be used. */
export type KeychainReason = 'unavailable' | 'locked' | 'denied' | 'not-found' | 'unknown';

/** Every failure the app reports, tagged by kind so the UI can render each one properly. */
export type AppError =
  | { readonly kind: 'problem'; readonly message: string; readonly problem: ProblemDocument }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout'; readonly message: string; readonly timeoutMs: number }
  | {
      readonly kind: 'rate-limited';
      readonly message: string;
      /** Epoch ms after which a retry may succeed, when the server said so. */
      readonly retryAt: number | null;
      readonly problem?: ProblemDocument;
    }
  | { readonly kind: 'keychain'; readonly reason: KeychainReason; readonly message: string }
  | {
      readonly kind: 'validation';
      readonly message: string;
      readonly errors: readonly FieldError[];
    }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'conflict'; readonly message: string }
  | { readonly kind: 'forbidden'; readonly message: string }
  /** The person declined (or did not answer) a confirmation main asked for: nothing was done. */
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'internal'; readonly message: string };

/** An Error that carries an AppError, so core services can throw and the router can report it intact. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'AppFailure';
    this.appError = appError;
  }
}

/**
 * Turns anything thrown into an AppError. An AppFailure keeps its AppError (its message was
 * written to be shown). Anything else becomes `internal` naming only the error's class and Node
 * code: its message is left out, because it can quote what was being read (a response body, a
 * header, a file) and so a secret.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.appError;
  const name = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'Error';
  const code = errorCode(error);
  const what = code !== undefined && /^[A-Z0-9_]{1,40}$/.test(code) ? `${name} ${code}` : name;
  return { kind: 'internal', message: `Unexpected error inside Keysmith (${what}).` };
}

/**
 * The `code` of a Node error (`ENOENT`, `ECONNREFUSED`, …), looking through up to three `cause`s
 * (fetch wraps the socket's error), or undefined when there is none.
 */
export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
