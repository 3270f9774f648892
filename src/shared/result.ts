import type { AppError } from './errors';

/** The outcome of any call across the IPC boundary: a value, or an AppError that says what went wrong. */
export type Result<T, E = AppError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Wraps an error as a failed Result. */
export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
